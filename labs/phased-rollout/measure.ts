/**
 * What the faulty-rollouts lab keeps of each run: the phases it went through, the servers that
 * crashed, restarted or went to sleep, and how the release ended. Built from the rollout model's
 * observations (src/sim/models/rollout: sim.rolloutPhase, sim.serverCrashed, sim.rolloutAborted...).
 * Pure.
 */
import type { MonteCarloSummary } from '@sim/models/rollout/monteCarloParts';
import type { OutcomeSeen, PhaseSeen, ServerSeen } from '@sim/models/rollout/observations';

export type { OutcomeSeen, PhaseSeen, ServerSeen };

/** A plan's Monte Carlo, as the runtime hands it over once every worker's share is in. */
export type MonteCarloSeen = MonteCarloSummary;

/** The run under way. */
export interface RunTrace {
  phases: { label: string; servers: number; of: number; minute: number }[];
  crashed: number[];
  crashes: number;
  restarts: number;
  longSleeps: number;
}

export const emptyTrace = (): RunTrace => ({
  phases: [],
  crashed: [],
  crashes: 0,
  restarts: 0,
  longSleeps: 0,
});

/** What a finished run measured. */
export interface RunResult extends RunTrace {
  aborted: boolean;
  /** the phase the release was in when it ended */
  endLabel: string;
  reason: string | null;
  detail: string;
  endMinute: number;
  errorMinutes: number;
  serversAffected: number;
  /** servers that ever ran the release */
  reached: number;
  servers: number;
  /** the share of all users' traffic over the run that failed */
  failedShare: number;
}

export const minuteOf = (ns: number) => ns / 60e9;

export function traceEvent(t: RunTrace, e: PhaseSeen | ServerSeen): RunTrace {
  if (e.type === 'sim.rolloutPhase') {
    if (e.label === undefined) return t;
    const phase = { label: e.label, servers: e.servers, of: e.of, minute: minuteOf(e.timeNs) };
    return { ...t, phases: [...t.phases, phase] };
  }
  if (e.type === 'sim.serverCrashed')
    return {
      ...t,
      crashes: t.crashes + 1,
      crashed: t.crashed.includes(e.server) ? t.crashed : [...t.crashed, e.server],
    };
  if (e.type === 'sim.serverRestarted') return { ...t, restarts: t.restarts + 1 };
  if (e.type === 'sim.serverLongSleep') return { ...t, longSleeps: t.longSleeps + 1 };
  // Anything else (the map's control messages, say) is not part of the record.
  return t;
}

export function finishRun(t: RunTrace, e: OutcomeSeen): RunResult | null {
  if (!e.outcome) return null;
  const servers = t.phases[t.phases.length - 1]?.of ?? 0;
  const minutes = minuteOf(e.outcome.durationNs);
  return {
    ...t,
    aborted: e.type === 'sim.rolloutAborted',
    endLabel: e.label,
    reason: e.reason,
    detail: e.detail,
    endMinute: minuteOf(e.timeNs),
    errorMinutes: e.outcome.errorMinutes,
    serversAffected: e.outcome.serversAffected,
    reached: t.phases[t.phases.length - 1]?.servers ?? 0,
    servers,
    failedShare: servers > 0 && minutes > 0 ? e.outcome.errorMinutes / (servers * minutes) : 0,
  };
}
