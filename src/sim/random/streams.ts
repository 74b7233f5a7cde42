/** The run's random streams: one seed, one stream per name, created on first use. */
import { RandomStream } from './RandomStream';

export class StreamRegistry {
  private readonly streams = new Map<string, RandomStream>();

  constructor(readonly seed: number) {}

  /** The stream with this name, e.g. `client:42/think-time` or `topology/networks`. */
  get(name: string): RandomStream {
    let s = this.streams.get(name);
    if (!s) {
      s = new RandomStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}
