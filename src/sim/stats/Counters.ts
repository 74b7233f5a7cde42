/**
 * A small set of named counters (requests, hits, misses, bytes...). Unknown names read as 0,
 * and entries come out sorted by name so output never depends on the order counters were first
 * touched (which differs between shards).
 */
import { assert } from '../util/assert';

/** Plain object of name → value, safe to structuredClone. */
export type CountersSnapshot = Record<string, number>;

export class Counters {
  private readonly values = new Map<string, number>();

  /** Adds by (a finite, non-negative number: counters only go up) to the counter name. */
  inc(name: string, by = 1): void {
    assert(
      Number.isFinite(by) && by >= 0,
      `counter ${name} can only grow by a finite amount ≥ 0, got ${by}`,
    );
    this.values.set(name, (this.values.get(name) ?? 0) + by);
  }

  /** The counter's value; 0 if it was never incremented. */
  get(name: string): number {
    return this.values.get(name) ?? 0;
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  /** [name, value] pairs sorted by name. */
  entries(): [string, number][] {
    return [...this.values.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }

  /** Adds every counter of other into this one. */
  merge(other: Counters): void {
    // Copy first: other may be this, and a Map grows while iterated.
    for (const [name, value] of [...other.values]) {
      this.values.set(name, (this.values.get(name) ?? 0) + value);
    }
  }

  reset(): void {
    this.values.clear();
  }

  toSnapshot(): CountersSnapshot {
    // Object.fromEntries defines own properties, so even a counter named "__proto__" is kept.
    return Object.fromEntries(this.entries());
  }

  static fromSnapshot(s: CountersSnapshot): Counters {
    const c = new Counters();
    for (const [name, value] of Object.entries(s)) c.inc(name, value);
    return c;
  }
}
