/**
 * The discrete-event engine: integer-nanosecond clock, pending events, handlers by kind.
 *
 * Same-time events run in (time, originating node id, that node's sequence number) order. The key
 * depends only on which node scheduled an event and how many it had scheduled before, never on
 * the order in which nodes happened to be processed, so splitting nodes across workers cannot
 * change what runs first.
 */
import { assert, fail } from '../util/assert';
import { MAX_TIME, type SimTime } from '../time';
import {
  F_ARG,
  F_SEQ,
  I_KIND,
  I_META,
  I_ORIGIN,
  I_STRIDE,
  I_TARGET,
  SLOT_LIMIT,
  STRIDE,
  type EventQueue,
} from './EventSlots';
import { HeapQueue } from './HeapQueue';
import { LadderQueue } from './LadderQueue';

/** Reacts to one event. `target` is the node the event happens at; `arg`/`payload` are the event's data. */
export type EventHandler = (target: number, arg: number, payload: unknown) => void;

/** Sees every event just before its handler runs (for event logs and trace digests). */
export type EventObserver = (
  time: SimTime,
  origin: number,
  seq: number,
  target: number,
  kind: number,
  arg: number,
  payload: unknown,
) => void;

export type QueueKind = 'ladder' | 'heap';

export class Engine {
  private nowNs: SimTime = 0;
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private readonly everyShardKinds = new Set<number>();
  private nodeSeq = new Float64Array(64);
  private executedCount = 0;
  /** time of the last event run (-Infinity before the first): where "one event back" replays to */
  private lastEventNs = -Infinity;
  private observer: EventObserver | null = null;

  /**
   * @param queue 'ladder' (default, O(1) amortised per event) or 'heap' (O(log n), the simple
   *   reference); both give exactly the same order.
   */
  constructor(options: { queue?: QueueKind; initialCapacity?: number } = {}) {
    const cap = options.initialCapacity ?? 1024;
    this.queue = options.queue === 'heap' ? new HeapQueue(cap) : new LadderQueue(cap);
  }

  /** Current simulated time in ns. */
  get now(): SimTime {
    return this.nowNs;
  }

  /** Live pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** Events executed so far. */
  get executed(): number {
    return this.executedCount;
  }

  /** When the last event ran, ns (-Infinity if none has). */
  get lastEventTime(): SimTime {
    return this.lastEventNs;
  }

  /**
   * Registers a kind of event; returns its number. Register in a fixed order: the number is part
   * of the trace. `everyShard`: every shard of a split run schedules the same events of this kind
   * (a model whose state each shard keeps whole), so a split run's trace counts them once.
   */
  registerKind(
    name: string,
    handler: EventHandler,
    options: { everyShard?: boolean } = {},
  ): number {
    assert(!this.kindNames.includes(name), `event kind ${name} registered twice`);
    this.handlers.push(handler);
    this.kindNames.push(name);
    const kind = this.handlers.length - 1;
    if (options.everyShard) this.everyShardKinds.add(kind);
    return kind;
  }

  /** Whether every shard runs the events of this kind (see registerKind). */
  isEveryShardKind(kind: number): boolean {
    return this.everyShardKinds.has(kind);
  }

  kindName(kind: number): string {
    return this.kindNames[kind] ?? `kind#${kind}`;
  }

  /** Installs (or removes, with null) the observer that sees every event. */
  observe(observer: EventObserver | null): void {
    this.observer = observer;
  }

  /** The next sequence number of a node: its count of events scheduled so far. */
  nextSeq(origin: number): number {
    if (!(origin >= 0 && origin < this.nodeSeq.length && Number.isInteger(origin)))
      this.growSeq(origin);
    return this.nodeSeq[origin]++;
  }

  // Failures and rare paths are functions of their own, here and below: the message templates
  // would otherwise make the hot functions too big for V8 to inline them all into the run loop,
  // and a call it does not inline boxes every double it returns (times, handles, random draws).

  private growSeq(origin: number): void {
    if (!(origin >= 0 && Number.isInteger(origin)))
      fail(`node ids are non-negative integers, got ${origin}`);
    const grown = new Float64Array(Math.max(origin + 1, this.nodeSeq.length * 2));
    grown.set(this.nodeSeq);
    this.nodeSeq = grown;
  }

  /**
   * Schedules an event `delayNs` from now, originated by node `origin`, to happen at `target`.
   * @param delayNs non-negative integer
   * @returns a handle for cancel()
   */
  schedule(
    delayNs: number,
    origin: number,
    target: number,
    kind: number,
    arg = 0,
    payload?: unknown,
  ): number {
    const time = this.nowNs + delayNs;
    // One test for the delay and the time it gives: now is a safe integer, so a non-negative
    // safe delay whose sum stays within MAX_TIME gives a safe time at or after now, and the
    // insert needs no test of its own (most events are scheduled here, from a handler).
    if (!(delayNs >= 0 && time <= MAX_TIME && Number.isSafeInteger(delayNs)))
      badDelay(delayNs, this.nowNs);
    return this.insert(time, origin, this.nextSeq(origin), target, kind, arg, payload);
  }

  /** Schedules at an absolute time (not before now). */
  scheduleAt(
    time: SimTime,
    origin: number,
    target: number,
    kind: number,
    arg = 0,
    payload?: unknown,
  ): number {
    return this.scheduleKeyed(time, origin, this.nextSeq(origin), target, kind, arg, payload);
  }

  /**
   * Schedules with an explicit (origin, seq) key. A message keeps the key it was given when sent
   * for every hop it makes, so its events order the same way whichever worker runs them.
   */
  scheduleKeyed(
    time: SimTime,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg = 0,
    payload?: unknown,
  ): number {
    if (!(time >= this.nowNs && time <= MAX_TIME && Number.isSafeInteger(time)))
      badTime(time, this.nowNs);
    return this.insert(time, origin, seq, target, kind, arg, payload);
  }

  /** Writes the record of an event at a checked time and queues it; returns its handle. */
  private insert(
    time: SimTime,
    origin: number,
    seq: number,
    target: number,
    kind: number,
    arg: number,
    payload: unknown,
  ): number {
    if (!(kind >= 0 && kind < this.handlers.length)) badKind(kind);
    // Nodes are 32-bit words of the record.
    if ((origin | 0) !== origin || (target | 0) !== target) badNode(origin, target);
    // The record goes straight into its slot, and the queue is handed the slot with the time in
    // a field: a time passed as an argument, or a handle returned, is a double that V8 boxes into
    // a fresh heap number whenever the call is not inlined. The handle is made here
    // (SlotTable.handleOf, written out), so that a caller that drops it never makes it.
    const q = this.queue;
    const table = q.table;
    const slot = table.alloc(payload);
    const rec = table.rec;
    const irec = table.irec;
    const at = slot * STRIDE;
    const iat = slot * I_STRIDE;
    rec[at + F_SEQ] = seq;
    rec[at + F_ARG] = arg;
    irec[iat + I_ORIGIN] = origin;
    irec[iat + I_TARGET] = target;
    irec[iat + I_KIND] = kind;
    q.pushTime = time;
    q.push(slot);
    return (irec[iat + I_META] >> 3) * SLOT_LIMIT + slot;
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: number): boolean {
    return this.queue.table.liveSlot(handle) >= 0;
  }

  /** Time of the next pending event, or Infinity. */
  nextEventTime(): SimTime {
    return this.queue.peekTime();
  }

  /** Runs exactly one event (advancing the clock to its time). Returns false if nothing is pending. */
  step(): boolean {
    const slot = this.queue.take(Infinity);
    if (slot < 0) return false;
    this.execute(slot);
    return true;
  }

  /**
   * Runs every event strictly before `t`, then sets the clock to `t` even if nothing happened in
   * between. Events at exactly `t` stay pending and run first afterwards: a window [a, b) of a
   * conservative parallel run ends exactly here. Returns the number of events run.
   */
  runUntil(t: SimTime): number {
    assert(
      Number.isSafeInteger(t) && t >= this.nowNs,
      `runUntil(${t}) would move time backwards from ${this.nowNs}`,
    );
    const q = this.queue;
    let n = 0;
    for (;;) {
      const slot = q.take(t);
      if (slot < 0) break;
      this.execute(slot);
      n++;
    }
    this.nowNs = t;
    return n;
  }

  /** Runs until no event is pending or `maxEvents` have run. Returns the number run. */
  run(maxEvents = Infinity): number {
    const q = this.queue;
    let n = 0;
    while (n < maxEvents) {
      const slot = q.take(Infinity);
      if (slot < 0) break;
      this.execute(slot);
      n++;
    }
    return n;
  }

  /** Runs the event the queue has just taken from its slot. */
  private execute(slot: number): void {
    const q = this.queue;
    const table = q.table;
    const time = q.takenTime;
    if (time < this.nowNs) backwards(time, this.nowNs);
    this.nowNs = time;
    this.lastEventNs = time;
    const iat = slot * I_STRIDE;
    const irec = table.irec;
    const target = irec[iat + I_TARGET];
    const kind = irec[iat + I_KIND];
    const arg = table.rec[slot * STRIDE + F_ARG];
    if (this.observer !== null)
      this.observer(
        time,
        irec[iat + I_ORIGIN],
        table.rec[slot * STRIDE + F_SEQ],
        target,
        kind,
        arg,
        table.payloadOf(slot),
      );
    // Free the slot before running: the handler may schedule and reuse it.
    const payload = table.take(slot);
    this.executedCount++;
    this.handlers[kind](target, arg, payload);
  }
}

function badDelay(delayNs: number, nowNs: number): never {
  if (delayNs >= 0 && Number.isSafeInteger(delayNs)) badTime(nowNs + delayNs, nowNs);
  fail(`delay must be a non-negative integer of ns, got ${delayNs}`);
}

function badTime(time: number, nowNs: number): never {
  fail(`cannot schedule at ${time} ns: now is ${nowNs} ns`);
}

function backwards(time: number, nowNs: number): never {
  fail(`time went backwards: ${time} < ${nowNs}`);
}

function badNode(origin: number, target: number): never {
  fail(`node ids are 32-bit integers, got origin ${origin} and target ${target}`);
}

function badKind(kind: number): never {
  fail(`unknown event kind ${kind}`);
}
