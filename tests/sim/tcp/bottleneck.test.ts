import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '@sim/models/tcp/TcpPath';
import { MS, SECOND } from '@sim/time';
import { connection } from './helpers';

const MSS = 1460;
const WIRE = MSS + 40;

describe('the bottleneck link', () => {
  it('segments leave it spaced by their serialization time, and ACKs clock the sender to that pace', () => {
    const rateBps = 5e6;
    const serializeNs = (WIRE * 8 * SECOND) / rateBps; // 2.4 ms
    const { engine, conn, receiver, sender, path } = connection({
      rttNs: 60 * MS,
      bottleneckBps: rateBps,
      queueBytes: 1000 * WIRE,
      delayedAck: false,
      rwndBytes: 40 * MSS, // a steady window: no losses, a standing queue, nothing else
    });
    const arrivals: number[] = [];
    const onData = receiver.onData.bind(receiver);
    receiver.onData = (seg) => {
      arrivals.push(engine.now);
      onData(seg);
    };
    const sends: number[] = [];
    const send = path.send.bind(path);
    path.send = (dir, b, o, t, k, arg) => {
      if (dir === DATA_DIR) sends.push(engine.now);
      return send(dir, b, o, t, k, arg);
    };
    conn.start();
    engine.runUntil(5 * SECOND);
    expect(sender.retransmits).toBe(0);
    // At the receiver: never closer than one serialization time, and exactly that once busy.
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(serializeNs - 1);
    const late = gaps.slice(gaps.length / 2);
    for (const g of late) expect(Math.abs(g - serializeNs)).toBeLessThan(2);
    // The sender's first window leaves as one burst; later its sends follow the ACKs, which
    // come back spaced as the data left the bottleneck.
    expect(sends[2] - sends[0]).toBe(0);
    const sendGaps = sends
      .slice(sends.length / 2)
      .map((t, i, a) => (i ? t - a[i - 1] : NaN))
      .slice(1);
    for (const g of sendGaps) expect(Math.abs(g - serializeNs)).toBeLessThan(2);
    // The window above the BDP waits in the queue: RTT = propagation + queueing.
    const bdpSegs = (rateBps * 0.06) / (WIRE * 8);
    const queuedSegs = 40 - bdpSegs;
    expect(sender.rto.srttNs / MS).toBeGreaterThan(60 + 0.8 * queuedSegs * (serializeNs / MS));
    expect(path.meanQueueWaitNs(DATA_DIR)).toBeGreaterThan(0.5 * queuedSegs * serializeNs);
  });
});
