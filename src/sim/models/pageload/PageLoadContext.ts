/** What every part of one page load shares: the engine, the seed, the settings, control packets. */
import type { Engine } from '../../engine/Engine';
import type { ControlPackets } from './ControlPackets';
import type { PageLoadConfig } from './pageloadConfig';

export interface PageLoadContext {
  engine: Engine;
  seed: number;
  config: Readonly<PageLoadConfig>;
  control: ControlPackets;
  /** the timeout of a handshake packet before any RTT is known (the initial RTO) */
  synTimeoutNs: number;
  /** a unique name prefix for this load's event kinds and random streams */
  prefix: string;
}
