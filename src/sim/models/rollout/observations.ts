/**
 * The rollout model's observations that labs read, by type: phases begun, servers crashing,
 * sleeping and restarting, and how a release ended (see rolloutRuntime.ts).
 */

export interface PhaseSeen {
  type: 'sim.rolloutPhase';
  timeNs: number;
  release: number;
  phase: number;
  label: string;
  servers: number;
  of: number;
}

export interface ServerSeen {
  type: 'sim.serverCrashed' | 'sim.serverLongSleep' | 'sim.serverRestarted';
  timeNs: number;
  server: number;
  node: number;
  cause?: 'crash' | 'leak' | 'requestOfDeath';
}

export interface OutcomeSeen {
  type: 'sim.rolloutAborted' | 'sim.rolloutShipped';
  timeNs: number;
  phase: number;
  label: string;
  reason: string | null;
  detail: string;
  outcome: {
    phases: string[];
    errorMinutes: number;
    serversAffected: number;
    crashes: number;
    longSleeps: number;
    durationNs: number;
  };
}
