/** A shard run on the calling thread: for tests, the headless runner and a one-worker fallback. */
import type { ShardPort } from './Coordinator';
import { Shard, type ShardSpec } from './Shard';

export class InProcessPort implements ShardPort {
  readonly shard: Shard;

  private constructor(shard: Shard) {
    this.shard = shard;
  }

  static async create(spec: ShardSpec): Promise<InProcessPort> {
    return new InProcessPort(await Shard.create(spec));
  }

  lookaheadNs = async () => this.shard.lookaheadNs();
  nextEventNs = async () => this.shard.nextEventNs();
  runWindow = async (...args: Parameters<Shard['runWindow']>) => this.shard.runWindow(...args);
  begin = async (...args: Parameters<Shard['begin']>) => this.shard.begin(...args);
  stepEvent = async (limitNs: number) => this.shard.stepEvent(limitNs);
  snapshot = async () => this.shard.snapshot();
  inspectNode = async (id: number) => this.shard.inspectNode(id);
}
