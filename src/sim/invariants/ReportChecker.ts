/**
 * Checks a run's successive reports (merged snapshots): time and the event count never go
 * back, the counts that conservation adds up never shrink, and every conservation identity
 * holds at every report. Throws an AssertionError listing everything that failed.
 */
import { AssertionError } from '../util/assert';
import type { ModelInvariants } from '../model/SimModel';
import { conservationViolations, type Counters } from './conservation';

export interface Report {
  timeNs: number;
  executed: number;
  counters: Counters;
}

/** The network's cumulative counts: they only grow. */
const NETWORK_CUMULATIVE = /^net\.(sent|delivered|dropped.*)$/;

export class ReportChecker {
  private previous: Report | null = null;
  /** reports checked so far */
  checked = 0;
  private readonly cumulative: RegExp[];

  /** @param models the run's models, whose identities and cumulative counts are checked too */
  constructor(private readonly models: readonly { invariants?: ModelInvariants }[] = []) {
    this.cumulative = [
      NETWORK_CUMULATIVE,
      ...models.flatMap((m) => (m.invariants?.cumulative ? [m.invariants.cumulative] : [])),
    ];
  }

  /**
   * The run starts again at time 0 (going back to an earlier moment replays it from there):
   * its next reports are a new sequence, whose time and counts start low again.
   */
  startOver(): void {
    this.previous = null;
  }

  check(report: Report): void {
    const problems = conservationViolations(report.counters, this.models);
    const before = this.previous;
    if (before) {
      if (report.timeNs < before.timeNs)
        problems.push(`time went back from ${before.timeNs} ns to ${report.timeNs} ns`);
      if (report.executed < before.executed)
        problems.push(`events run went back from ${before.executed} to ${report.executed}`);
      for (const [k, v] of Object.entries(before.counters))
        if (this.cumulative.some((r) => r.test(k)) && (report.counters[k] ?? 0) < v)
          problems.push(`${k} went back from ${v} to ${report.counters[k] ?? 0}`);
    }
    this.previous = { ...report, counters: { ...report.counters } };
    this.checked++;
    if (problems.length > 0)
      throw new AssertionError(`at ${report.timeNs} ns: ${problems.join('; ')}`);
  }
}
