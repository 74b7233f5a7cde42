/** A shard run on the calling thread: for tests, the headless runner and a one-worker fallback. */
import type { ShardPort } from './Coordinator';
import { Shard, type ShardSpec } from './Shard';

export class InProcessPort implements ShardPort {
  readonly shard: Shard;

  constructor(spec: ShardSpec) {
    this.shard = new Shard(spec);
  }

  lookaheadNs = async () => this.shard.lookaheadNs();
  nextEventNs = async () => this.shard.nextEventNs();
  runWindow = async (endNs: number, inbox: Parameters<Shard['runWindow']>[1]) =>
    this.shard.runWindow(endNs, inbox);
  snapshot = async () => this.shard.snapshot();
}
