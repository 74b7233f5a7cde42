/**
 * The rollout model's knobs, with the defaults the CLI and the lab start from. Times are in ns
 * (src/sim/time.ts); the comments give the reasoning for each default.
 */
import { MINUTE, SECOND, HOUR } from '../../time';
import { DEFAULT_PHASES, parsePhases, type PhaseStep } from './phases';

export interface RolloutConfig {
  phases: PhaseStep[];
  /** how long each phase but the last is watched before the next one starts */
  soakNs: number;
  /** how long the world phase is watched before the release counts as shipped */
  worldWatchNs: number;
  /** health checks run this often during a phase, and at its end */
  checkIntervalNs: number;
  /** synthetic requests the agents send per server per minute (they see what users see) */
  agentRequestsPerServerMinute: number;
  /** abort when the agents' error rate on servers running the release exceeds this */
  maxErrorRate: number;
  /** abort when their mean download time exceeds this multiple of the normal one */
  maxSlowdown: number;
  /** abort when more servers running the release crash than this within one check interval */
  maxCrashesPerCheck: number;
  /** the check runs and aborts on its own; off, only a manual abort stops a rollout */
  autoAbort: boolean;
  /** a crashed server restarts from its last known good state after this */
  restartNs: number;
  /** the mapping stops sending users to a dead server after this */
  detectionNs: number;
  /** this many crashes within crashWindowNs put a server into a long sleep */
  crashLoopCount: number;
  crashWindowNs: number;
  longSleepNs: number;
  /** each server can take this much more than its normal load when others are out */
  spareCapacity: number;
  /** a leaking server's downloads take this many times longer once memory runs short */
  leakSlowdown: number;
  /** share of a server's users who get wrong content while it serves it, and for how long */
  wrongShare: number;
  wrongHoldNs: number;
  /** share of a server's users whose requests fail on a version mismatch, and for how long */
  incompatibleShare: number;
  incompatibleHoldNs: number;
  /** a request of death is asked for this often once it is live */
  requestOfDeathIntervalNs: number;
  /** constrain each customer's content to a bounded set of servers (Leighton's principle 6) */
  quarantine: boolean;
  quarantineSetSize: number;
}

export const DEFAULT_ROLLOUT_CONFIG: RolloutConfig = {
  phases: parsePhases(DEFAULT_PHASES),
  soakNs: HOUR,
  worldWatchNs: 24 * HOUR,
  checkIntervalNs: 5 * MINUTE,
  agentRequestsPerServerMinute: 6,
  maxErrorRate: 0.002,
  maxSlowdown: 1.2,
  maxCrashesPerCheck: 5,
  autoAbort: true,
  restartNs: MINUTE,
  detectionNs: 10 * SECOND,
  crashLoopCount: 3,
  crashWindowNs: 30 * MINUTE,
  longSleepNs: 6 * HOUR,
  spareCapacity: 0.5,
  leakSlowdown: 3,
  wrongShare: 0.25,
  wrongHoldNs: 10 * MINUTE,
  incompatibleShare: 0.5,
  incompatibleHoldNs: 2 * MINUTE,
  requestOfDeathIntervalNs: 2 * SECOND,
  quarantine: false,
  quarantineSetSize: 4,
};

export function rolloutConfig(overrides: Partial<RolloutConfig> = {}): RolloutConfig {
  return { ...DEFAULT_ROLLOUT_CONFIG, ...overrides };
}
