/**
 * The rollout model's event-log entries (ModelContext.log), made from the controller's and the
 * fleet's records as they happen: phases begun and finished, each health check passed or failed,
 * servers crashing, put to a long sleep and restarting, the rollback of an aborted release and
 * the end of a shipped one; and how the log words them.
 */
import type { LogKindWords, ModelLogEntry, ModelLogFields } from '../../model/SimModel';
import type { FleetEvent } from './Fleet';
import type { RolloutObservation } from './RolloutController';

/**
 * Turns the controller's and the fleet's records into log entries, remembering the open phase.
 * Releases are numbered from 1 in the log, as a student counts them.
 */
export class RolloutLog {
  private open: { release: number; phase: number; label: string; startNs: number } | null = null;

  constructor(
    private readonly log: (entry: ModelLogEntry) => void,
    /** the operations centre's node (−1 if none): where phases and checks are decided */
    private readonly ops: number,
    private readonly nodeOf: (server: number) => number,
  ) {}

  controller(o: RolloutObservation): void {
    const at = this.ops >= 0 ? [this.ops] : [];
    const entry = (kind: string, fields: ModelLogFields) =>
      this.log({ timeNs: o.timeNs, kind, nodes: at, fields });
    switch (o.type) {
      case 'sim.rolloutPhase':
        this.closePhase(o.timeNs, true);
        this.open = { release: o.release + 1, phase: o.phase, label: o.label, startNs: o.timeNs };
        entry('rollout.phase', {
          release: o.release + 1,
          phase: o.phase,
          label: o.label,
          servers: Number(o.servers),
          of: Number(o.of),
        });
        return;
      case 'sim.rolloutCheck':
        entry('rollout.check', {
          phase: o.phase,
          label: o.label,
          passed: Boolean(o.passed),
          requests: Number(o.requests),
          errors: Number(o.errors),
          slowdown: Number(o.slowdown),
          crashes: Number(o.crashes),
          longSleeps: Number(o.longSleeps),
        });
        return;
      case 'sim.rolloutShipped':
        this.closePhase(o.timeNs, true);
        entry('rollout.shipped', { release: o.release + 1, version: Number(o.version) });
        return;
      case 'sim.rolloutAborted':
        this.closePhase(o.timeNs, false);
        entry('rollout.rollback', {
          release: o.release + 1,
          phase: o.phase,
          label: o.label,
          reason: String(o.reason),
          detail: String(o.detail),
          version: Number(o.version),
        });
        return;
    }
  }

  fleet(e: FleetEvent): void {
    const kind =
      e.type === 'sim.serverCrashed'
        ? 'rollout.crash'
        : e.type === 'sim.serverLongSleep'
          ? 'rollout.longSleep'
          : 'rollout.restart';
    this.log({
      timeNs: e.timeNs,
      kind,
      nodes: [this.nodeOf(e.server)],
      fields: { cause: e.cause ?? null },
    });
  }

  private closePhase(timeNs: number, passed: boolean): void {
    const p = this.open;
    if (!p) return;
    this.open = null;
    this.log({
      timeNs,
      kind: 'rollout.phaseDone',
      nodes: this.ops >= 0 ? [this.ops] : [],
      fields: {
        release: p.release,
        phase: p.phase,
        label: p.label,
        passed,
        lastedNs: timeNs - p.startNs,
      },
    });
  }
}

/** A phase as a student reads it: "phase 1 (1 server)", "phase 2 (dc)", "phase 4 (world)". */
function phaseName(f: ModelLogFields): string {
  const label = String(f.label);
  const what = /^\d+$/.test(label) ? `${label} server${label === '1' ? '' : 's'}` : label;
  return `phase ${f.phase} (${what})`;
}

const CAUSES: Record<string, string> = {
  crash: 'the release crashed it',
  leak: 'out of memory (a leak)',
  requestOfDeath: 'a request of death',
};

/** A duration in the largest whole unit that fits: 1 h 0 min, 5 min, 40 s. */
function lasted(ns: number): string {
  const s = Math.round(ns / 1e9);
  if (s < 120) return `${s} s`;
  const min = Math.round(s / 60);
  return min < 120 ? `${min} min` : `${Math.floor(min / 60)} h ${min % 60} min`;
}

export const ROLLOUT_LOG_KINDS: Record<string, LogKindWords> = {
  'rollout.phase': {
    label: 'rollout phase began',
    text: (f) =>
      `release ${f.release}: ${phaseName(f)} began, ${f.servers} of ${f.of} servers run it`,
  },
  'rollout.phaseDone': {
    label: 'rollout phase ended',
    text: (f) =>
      `release ${f.release}: ${phaseName(f)} ${f.passed ? 'passed' : 'stopped'} after ${lasted(Number(f.lastedNs))}`,
  },
  'rollout.check': {
    label: 'health check',
    text: (f) =>
      `check in ${phaseName(f)} ${f.passed ? 'passed' : 'FAILED'}: ${f.errors} errors in ${f.requests} agent requests, ${f.crashes} crashes, ${Number(f.slowdown).toFixed(2)}× download time`,
  },
  'rollout.crash': {
    label: 'server crashed',
    text: (f) => `crashed: ${CAUSES[String(f.cause)] ?? 'a bug'}`,
  },
  'rollout.longSleep': {
    label: 'server put to sleep',
    text: () => 'crashed too often: put to a long sleep',
  },
  'rollout.restart': {
    label: 'server restarted',
    text: () => 'restarted from its last good state',
  },
  'rollout.rollback': {
    label: 'rollback',
    text: (f) =>
      `release ${f.release} aborted in ${phaseName(f)}: ${f.detail}; every server rolls back to version ${f.version}`,
  },
  'rollout.shipped': {
    label: 'release shipped',
    text: (f) => `release ${f.release} shipped: every server runs version ${f.version}`,
  },
};
