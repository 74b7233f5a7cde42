/**
 * The event log's raw material, kept per shard between two snapshots: messages delivered or
 * dropped (the network's), and the models' notable events (ModelContext.log: a DNS query, a
 * rollout phase, a crash, a TCP retransmission, a BGP update). Each kind is a ring of at most
 * `capacity` entries (the newest), the rest counted as skipped, so a fast run is sampled instead
 * of flooding the main thread. Two rings, not one: a flood of deliveries in a busy sandbox would
 * otherwise push out the rare event a student looks for (a crash, an abort).
 */
import type { Message } from '@sim/net/Message';
import type { ModelLogEntry } from '@sim/model/SimModel';

/** A network message delivered or dropped. */
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

/** A model's event (ModelLogEntry), with the model that logged it. */
export interface ModelEventEntry extends ModelLogEntry {
  /** the model's id, e.g. 'dns' */
  model: string;
}

export interface LogBatch {
  entries: LogEntry[];
  /** entries left out since the previous batch */
  skipped: number;
  /**
   * the models' events, in time order (optional only so that batches built by hand in tests
   * need not carry them; the runtime always fills both)
   */
  events?: ModelEventEntry[];
  /** model events left out since the previous batch */
  skippedEvents?: number;
}

/**
 * Where the newest `capacity` items of a ring live: the slot for the next one (the oldest is
 * overwritten once full, and counted as skipped) and the slots oldest first. The items
 * themselves are kept by the caller, in one array or in columns.
 */
class RingSlots {
  size = 0;
  private start = 0;
  skipped = 0;

  constructor(readonly capacity: number) {}

  /** The slot for the next item. */
  next(): number {
    if (this.size < this.capacity) return this.size++;
    const i = this.start;
    this.start = (this.start + 1) % this.capacity;
    this.skipped++;
    return i;
  }

  /** The k-th oldest item's slot. */
  at(k: number): number {
    return (this.start + k) % this.capacity;
  }

  clear(): void {
    this.size = 0;
    this.start = 0;
    this.skipped = 0;
  }
}

/** The newest `capacity` items added, counting the rest. */
class Ring<T> {
  private readonly slots: RingSlots;
  private readonly items: T[] = [];

  constructor(capacity: number) {
    this.slots = new RingSlots(capacity);
  }

  get skipped(): number {
    return this.slots.skipped;
  }

  add(item: T): void {
    this.items[this.slots.next()] = item;
  }

  /** The items since the last take, oldest first; empties the ring. */
  take(): T[] {
    const out = Array.from({ length: this.slots.size }, (_, k) => this.items[this.slots.at(k)]);
    this.items.length = 0;
    this.slots.clear();
    return out;
  }
}

/**
 * The newest `capacity` messages, counting the rest: Ring's job for the network's messages,
 * kept as columns so that a message costs no object until it is taken. Every message delivered
 * comes here (150,000 a simulated second in a busy sandbox) and few of them are ever taken.
 */
class MessageRing {
  private readonly slots: RingSlots;
  private readonly timeNs: Float64Array;
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  private readonly type: string[];
  private readonly outcome: string[];
  private readonly where: string[];

  constructor(capacity: number) {
    this.slots = new RingSlots(capacity);
    this.timeNs = new Float64Array(capacity);
    this.from = new Int32Array(capacity);
    this.to = new Int32Array(capacity);
    this.type = new Array<string>(capacity).fill('');
    this.outcome = new Array<string>(capacity).fill('');
    this.where = new Array<string>(capacity).fill('');
  }

  get skipped(): number {
    return this.slots.skipped;
  }

  add(timeNs: number, msg: Message, outcome: string, where: string): void {
    const i = this.slots.next();
    this.timeNs[i] = timeNs;
    this.from[i] = msg.from;
    this.to[i] = msg.to;
    this.type[i] = msg.type;
    this.outcome[i] = outcome;
    this.where[i] = where;
  }

  /** The entries since the last take, oldest first; empties the ring. */
  take(): LogEntry[] {
    const out: LogEntry[] = [];
    for (let k = 0; k < this.slots.size; k++) {
      const i = this.slots.at(k);
      out.push({
        timeNs: this.timeNs[i],
        from: this.from[i],
        to: this.to[i],
        type: this.type[i],
        outcome: this.outcome[i],
        where: this.where[i],
      });
    }
    this.slots.clear();
    return out;
  }
}

export class EventLogBuffer {
  private readonly messages: MessageRing;
  private readonly events: Ring<ModelEventEntry>;

  constructor(readonly capacity = 200) {
    this.messages = new MessageRing(capacity);
    this.events = new Ring(capacity);
  }

  add(timeNs: number, msg: Message, outcome: string, where: string): void {
    this.messages.add(timeNs, msg, outcome, where);
  }

  /** A model's event; its time may be earlier than others already kept (see take). */
  addEvent(model: string, e: ModelLogEntry): void {
    this.events.add({ timeNs: e.timeNs, model, kind: e.kind, nodes: e.nodes, fields: e.fields });
  }

  /** The entries since the last take, oldest first, and how many were left out. */
  take(): LogBatch {
    const skipped = this.messages.skipped;
    const skippedEvents = this.events.skipped;
    const entries = this.messages.take();
    // A model on a private engine (BGP) logs when it catches up, so its events can
    // come after later ones of another model: a stable sort keeps each model's own order.
    const events = this.events.take().sort((a, b) => a.timeNs - b.timeNs);
    return { entries, skipped, events, skippedEvents };
  }
}

/**
 * Merges the shards' batches into one, in time order (messages: ties by sender then receiver;
 * events: ties in shard order, so the result does not depend on which shard answered first),
 * each kind capped at `capacity` (the latest kept).
 */
export function mergeLogBatches(batches: LogBatch[], capacity: number): LogBatch {
  const all = batches.flatMap((b) => b.entries);
  all.sort((a, b) => a.timeNs - b.timeNs || a.from - b.from || a.to - b.to);
  const cut = Math.max(0, all.length - capacity);
  const events = batches.flatMap((b) => b.events ?? []);
  events.sort((a, b) => a.timeNs - b.timeNs);
  const cutEvents = Math.max(0, events.length - capacity);
  return {
    entries: all.slice(cut),
    skipped: cut + batches.reduce((n, b) => n + b.skipped, 0),
    events: events.slice(cutEvents),
    skippedEvents: cutEvents + batches.reduce((n, b) => n + (b.skippedEvents ?? 0), 0),
  };
}
