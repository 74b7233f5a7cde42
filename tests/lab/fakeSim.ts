/** A LabSim that records what the lab asked of it and makes frames by hand. */
import type { RuntimeFrame } from '@runtime/frame';
import type { LabSim } from '@lab/LabSim';

export class FakeSim implements LabSim {
  calls: string[] = [];
  speed = 1e9;
  resets = 0;

  async reset(options?: { modelConfig?: unknown }): Promise<void> {
    this.resets++;
    this.calls.push(
      options?.modelConfig === undefined ? 'reset' : `reset ${JSON.stringify(options.modelConfig)}`,
    );
  }
  play(): void {
    this.calls.push(`play@${this.speed}`);
  }
  playUntil(targetNs: number): void {
    this.calls.push(`play@${this.speed} until ${targetNs}`);
  }
  pause(): void {
    this.calls.push('pause');
  }
  async stepEvent(): Promise<void> {
    this.calls.push('stepEvent');
  }
  async stepWindow(): Promise<void> {
    this.calls.push('stepWindow');
  }
  async runTo(targetNs: number): Promise<void> {
    this.calls.push(`runTo ${targetNs}`);
  }
  command(cmd: unknown): void {
    const c = cmd as { type: string };
    if (c.type === 'bad') throw new Error('bad command: type');
    this.calls.push(`command ${JSON.stringify(cmd)}`);
  }
}

/** A frame at `timeNs` carrying `observations` and `extra` (every other field empty). */
export function frameAt(
  timeNs: number,
  observations: readonly unknown[] = [],
  extra: Partial<RuntimeFrame> = {},
): RuntimeFrame {
  return {
    timeNs,
    executed: 0,
    eventsPerShard: [],
    busyMsPerShard: [],
    nodeLoad: new Float32Array(0),
    nodeUp: new Uint8Array(0),
    counters: {},
    digest: '',
    log: { entries: [], skipped: 0 },
    percentiles: {},
    observations: [...observations],
    ...extra,
  } as RuntimeFrame;
}

/** A Map-backed localStorage. */
export class MemoryStorage {
  items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, v);
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
}
