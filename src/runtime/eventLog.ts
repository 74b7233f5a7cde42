/**
 * The event log's raw material: messages delivered or dropped, kept per shard between two
 * snapshots. At most `capacity` entries are kept (the newest), and the rest are counted as
 * skipped, so a fast run is sampled instead of flooding the main thread.
 */
import type { Message } from '@sim/net/Message';

export interface LogEntry {
  timeNs: number;
  from: number;
  to: number;
  /** message type, e.g. `delivery.request` */
  type: string;
  /** 'delivered', or the reason it was dropped */
  outcome: string;
  /** for drops: the link or node where it happened */
  where: string;
}

export interface LogBatch {
  entries: LogEntry[];
  /** entries left out since the previous batch */
  skipped: number;
}

export class EventLogBuffer {
  private entries: LogEntry[] = [];
  private start = 0;
  private skipped = 0;

  constructor(readonly capacity = 200) {}

  add(timeNs: number, msg: Message, outcome: string, where: string): void {
    const entry = { timeNs, from: msg.from, to: msg.to, type: msg.type, outcome, where };
    if (this.entries.length < this.capacity) {
      this.entries.push(entry);
    } else {
      // Ring: overwrite the oldest.
      this.entries[this.start] = entry;
      this.start = (this.start + 1) % this.capacity;
      this.skipped++;
    }
  }

  /** The entries since the last take, oldest first, and how many were left out. */
  take(): LogBatch {
    const entries = [...this.entries.slice(this.start), ...this.entries.slice(0, this.start)];
    const batch = { entries, skipped: this.skipped };
    this.entries = [];
    this.start = 0;
    this.skipped = 0;
    return batch;
  }
}

/** Merges the shards' batches into one, in time order (ties by sender then receiver). */
export function mergeLogBatches(batches: LogBatch[], capacity: number): LogBatch {
  const all = batches.flatMap((b) => b.entries);
  all.sort((a, b) => a.timeNs - b.timeNs || a.from - b.from || a.to - b.to);
  const cut = Math.max(0, all.length - capacity);
  return { entries: all.slice(cut), skipped: cut + batches.reduce((n, b) => n + b.skipped, 0) };
}
