/**
 * What happened, for labs: plain-data records appended as things happen (a message sent
 * or received, a cache change, a lookup answered), in time order within a shard, bounded (the
 * oldest go first). The runtime takes the new ones with each snapshot and merges shards' records
 * by time.
 */
export interface Observation {
  /** e.g. 'sim.dnsMessage', 'sim.resolverCacheChanged', 'sim.queryAnswered' */
  type: string;
  /** simulated time, ns */
  timeNs: number;
  [field: string]: unknown;
}

export class Observations {
  private list: Observation[] = [];
  /** records dropped because the bound was reached */
  dropped = 0;

  constructor(readonly max: number) {}

  get enabled(): boolean {
    return this.max > 0;
  }

  add(o: Observation): void {
    if (!this.enabled) return;
    this.list.push(o);
    if (this.list.length > this.max) {
      const over = this.list.length - this.max;
      this.list.splice(0, over);
      this.dropped += over;
    }
  }

  /** The records so far, without removing them. */
  peek(): readonly Observation[] {
    return this.list;
  }

  /** Removes and returns the records kept so far. */
  take(): Observation[] {
    const out = this.list;
    this.list = [];
    return out;
  }
}
