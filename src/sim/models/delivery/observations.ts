/**
 * The delivery model's observations that labs read, by type: a whole simulated second of one
 * shard, and the load feedback's spreads and withdrawals (LoadMonitor).
 */
import type { SecondStats } from './secondStats';

/** A whole simulated second of one shard (model observation, see secondStats.ts). */
export interface SecondSeen {
  type: 'sim.second';
  timeNs: number;
  stats: SecondStats;
}

/** A data centre's low-level answers now hand an object out on `servers` servers. */
export interface SpreadSeen {
  type: 'sim.contentSpread';
  timeNs: number;
  dc: number;
  object: number;
  servers: number;
}

/** A server's address was withdrawn from (or returned to) the answers. */
export interface WithdrawnSeen {
  type: 'sim.serverWithdrawn';
  timeNs: number;
  dc: number;
  server: number;
  withdrawn: boolean;
}
