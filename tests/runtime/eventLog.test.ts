import { describe, expect, it } from 'vitest';
import { EventLogBuffer, mergeLogBatches } from '@runtime/eventLog';
import type { Message } from '@sim/net/Message';

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
    expect(b.take()).toEqual({ entries: [], skipped: 0 });
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
});
