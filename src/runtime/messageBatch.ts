/**
 * Messages crossing from one shard to another within a window travel together: their numeric
 * fields in one Float64Array (transferred, not copied, between workers), their type and body
 * in two small arrays that are structured-cloned.
 */
import type { Message } from '@sim/net/Message';

const FIELDS = 9;

export interface MessageBatch {
  /** per message: arrival time at its next link, from, to, seq, size, next hop, sent at, propagation, route pin (−1 none) */
  rows: Float64Array;
  types: string[];
  bodies: unknown[];
}

export class BatchBuilder {
  private rows: number[] = [];
  private types: string[] = [];
  private bodies: unknown[] = [];

  get size(): number {
    return this.types.length;
  }

  add(t: number, msg: Message): void {
    this.rows.push(
      t,
      msg.from,
      msg.to,
      msg.seq,
      msg.sizeBytes,
      msg.hop,
      msg.sentAt,
      msg.propagationNs,
      msg.route ?? -1,
    );
    this.types.push(msg.type);
    this.bodies.push(msg.body);
  }

  /** The batch so far, emptying the builder. */
  take(): MessageBatch {
    const batch = { rows: Float64Array.from(this.rows), types: this.types, bodies: this.bodies };
    this.rows = [];
    this.types = [];
    this.bodies = [];
    return batch;
  }
}

export function batchTransferables(batches: MessageBatch[]): ArrayBuffer[] {
  return batches.map((b) => b.rows.buffer as ArrayBuffer);
}

/** Calls `receive(t, msg)` for every message of the batch. */
export function unpackBatch(batch: MessageBatch, receive: (t: number, msg: Message) => void): void {
  const r = batch.rows;
  for (let i = 0; i < batch.types.length; i++) {
    const o = i * FIELDS;
    const msg: Message = {
      from: r[o + 1],
      to: r[o + 2],
      seq: r[o + 3],
      sizeBytes: r[o + 4],
      hop: r[o + 5],
      sentAt: r[o + 6],
      propagationNs: r[o + 7],
      type: batch.types[i],
      body: batch.bodies[i],
    };
    // As the network sends them: a pin only where the provider gave one (see Network.send).
    if (r[o + 8] >= 0) (msg as { route?: number }).route = r[o + 8];
    receive(r[o], msg);
  }
}

/** The earliest arrival time in a batch, or Infinity. */
export function earliestArrival(batch: MessageBatch): number {
  let t = Infinity;
  for (let i = 0; i < batch.types.length; i++) t = Math.min(t, batch.rows[i * FIELDS]);
  return t;
}

export function emptyBatch(): MessageBatch {
  return { rows: new Float64Array(0), types: [], bodies: [] };
}
