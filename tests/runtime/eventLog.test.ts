import { describe, expect, it } from 'vitest';
import { EventLogBuffer, mergeLogBatches } from '@runtime/eventLog';
import type { Message } from '@sim/net/Message';
import type { ModelLogEntry } from '@sim/model/SimModel';

const msg = (from: number, to: number, type = 'm'): Message => ({
  from,
  to,
  seq: 0,
  sizeBytes: 1,
  type,
  body: undefined,
  sentAt: 0,
  propagationNs: 0,
  hop: 0,
});

describe('the event log buffer', () => {
  it('keeps the newest entries in order and counts what it left out', () => {
    const b = new EventLogBuffer(3);
    for (let t = 1; t <= 5; t++) b.add(t, msg(t, 0), 'delivered', '');
    const batch = b.take();
    expect(batch.entries.map((e) => e.timeNs)).toEqual([3, 4, 5]);
    expect(batch.skipped).toBe(2);
    expect(b.take()).toEqual({ entries: [], skipped: 0, events: [], skippedEvents: 0 });
  });

  it('merges shards in time order and caps the result', () => {
    const a = new EventLogBuffer(10);
    const c = new EventLogBuffer(10);
    a.add(5, msg(1, 2), 'delivered', '');
    a.add(1, msg(1, 3), 'loss', 'backbone:net-1');
    c.add(3, msg(4, 5), 'delivered', '');
    const merged = mergeLogBatches([a.take(), c.take()], 2);
    expect(merged.entries.map((e) => e.timeNs)).toEqual([3, 5]);
    expect(merged.skipped).toBe(1);
  });

  const event = (timeNs: number, kind = 'm.x'): ModelLogEntry => ({
    timeNs,
    kind,
    nodes: [1],
    fields: {},
  });

  it('keeps models’ events in a ring of their own: a flood of messages does not push them out', () => {
    const b = new EventLogBuffer(3);
    b.addEvent('rollout', event(2, 'rollout.crash'));
    for (let t = 1; t <= 50; t++) b.add(t, msg(t, 0), 'delivered', '');
    const batch = b.take();
    expect(batch.entries).toHaveLength(3);
    expect(batch.skipped).toBe(47);
    expect(batch.events).toEqual([{ ...event(2, 'rollout.crash'), model: 'rollout' }]);
    expect(batch.skippedEvents).toBe(0);
  });

  it('puts events logged late (a private engine catching up) in time order, and samples them', () => {
    const b = new EventLogBuffer(3);
    b.addEvent('a', event(5));
    b.addEvent('b', event(1));
    b.addEvent('b', event(3));
    b.addEvent('a', event(7));
    const batch = b.take();
    // The oldest added (at 5) went; the rest in time order.
    expect(batch.events!.map((e) => [e.model, e.timeNs])).toEqual([
      ['b', 1],
      ['b', 3],
      ['a', 7],
    ]);
    expect(batch.skippedEvents).toBe(1);
  });

  it('merges shards’ events in time order, ties in shard order, capped', () => {
    const a = new EventLogBuffer(10);
    const c = new EventLogBuffer(10);
    a.addEvent('x', event(4, 'x.a'));
    a.addEvent('x', event(1, 'x.b'));
    c.addEvent('y', event(4, 'y.a'));
    c.addEvent('y', event(2, 'y.b'));
    const merged = mergeLogBatches([a.take(), c.take()], 3);
    expect(merged.events!.map((e) => e.kind)).toEqual(['y.b', 'x.a', 'y.a']);
    expect(merged.skippedEvents).toBe(1);
  });
});
