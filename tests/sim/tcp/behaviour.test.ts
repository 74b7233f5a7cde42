import { describe, expect, it } from 'vitest';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import { DATA_DIR } from '@sim/models/tcp/TcpPath';
import { MS, SECOND } from '@sim/time';
import { connection, stepUntil } from './helpers';

const MSS = 1460;

describe('TCP sender and receiver', () => {
  it('slow start doubles cwnd every round trip (one ACK per segment)', () => {
    const { engine, conn, sender } = connection({ delayedAck: false });
    conn.start();
    const cwnd: number[] = [];
    // Sample mid-round: a round's ACKs arrive at about k·RTT.
    for (let k = 0; k < 8; k++) {
      engine.runUntil(k * 100 * MS + 50 * MS);
      cwnd.push(sender.cwndBytes / MSS);
    }
    expect(cwnd).toEqual([3, 6, 12, 24, 48, 96, 192, 384]);
  });

  it('slow start also doubles per round trip with delayed ACKs (byte counting, RFC 3465 L = 2)', () => {
    const { engine, conn, sender } = connection({ delayedAck: true });
    conn.start();
    const cwnd: number[] = [];
    for (let k = 3; k < 9; k++) {
      engine.runUntil(k * 100 * MS + 50 * MS);
      cwnd.push(sender.cwndBytes);
    }
    for (let i = 1; i < cwnd.length; i++) {
      expect(cwnd[i] / cwnd[i - 1]).toBeGreaterThan(1.9);
      expect(cwnd[i] / cwnd[i - 1]).toBeLessThanOrEqual(2.01);
    }
  });

  it('halves the window on fast retransmit and recovers the loss without a timeout', () => {
    // A 40-segment receive window keeps the flight steady, so the halving is exact. Classic
    // cumulative ACKs and classic fast recovery (RFC 6582's inflation by the duplicates); with
    // SACK the window is not inflated (sack.test.ts), with PRR it is never cut at once (prr.test.ts).
    const { engine, conn, sender, path } = connection({
      rwndBytes: 40 * MSS,
      sack: false,
      recovery: 'classic',
    });
    let dropped = false;
    path.scriptedLoss = (dir, seg) => {
      if (dir !== DATA_DIR || seg !== 400 || dropped) return false;
      dropped = true;
      return true;
    };
    conn.start();
    stepUntil(engine, () => sender.fastRetransmits === 0 && sender.una >= 350);
    expect(sender.flightBytes).toBe(40 * MSS);
    stepUntil(engine, () => sender.inRecovery);
    expect(sender.ssthreshBytes).toBe(20 * MSS);
    expect(sender.cwndBytes).toBe(23 * MSS);
    stepUntil(engine, () => !sender.inRecovery);
    expect(sender.fastRetransmits).toBe(1);
    expect(sender.retransmits).toBe(1);
    expect(sender.timeouts).toBe(0);
    // Leaving recovery, cwnd is at most ssthresh (RFC 6582 option 1: no burst); slow start
    // brings it back to half the old window within a few round trips.
    expect(sender.cwndBytes).toBeLessThanOrEqual(20 * MSS);
    const t = engine.now;
    engine.runUntil(t + 5 * 100 * MS);
    expect(sender.cwndBytes / MSS).toBeGreaterThanOrEqual(20);
    expect(sender.cwndBytes / MSS).toBeLessThan(21.5);
    // Congestion avoidance then adds about half a segment per round trip (one ACK per two).
    engine.runUntil(t + 15 * 100 * MS);
    expect(sender.cwndBytes / MSS).toBeGreaterThan(23.5);
    expect(sender.cwndBytes / MSS).toBeLessThan(26);
  });

  it('NewReno repairs three losses in one window in one recovery; Reno needs more', () => {
    const run = (variant: 'reno' | 'newreno') => {
      const { engine, conn, sender, path } = connection({
        rwndBytes: 40 * MSS,
        variant,
        sack: false,
      });
      const lost = new Set([400, 405, 410]);
      path.scriptedLoss = (dir, seg) => dir === DATA_DIR && lost.delete(seg);
      conn.start();
      engine.runUntil(20 * SECOND);
      return sender;
    };
    const newReno = run('newreno');
    expect(newReno.fastRetransmits).toBe(1);
    expect(newReno.timeouts).toBe(0);
    expect(newReno.retransmits).toBe(3);
    const reno = run('reno');
    expect(reno.fastRetransmits + reno.timeouts).toBeGreaterThan(1);
  });

  it('backs the retransmission timer off exponentially while every packet is lost', () => {
    const { engine, conn, sender, path } = connection({ rwndBytes: 20 * MSS });
    // From t = 2 s the path loses everything.
    path.scriptedLoss = () => engine.now >= 2 * SECOND;
    conn.start();
    const at: number[] = [];
    for (let n = 1; n <= 6; n++) {
      stepUntil(engine, () => sender.timeouts >= n);
      at.push(engine.now);
    }
    const gaps = at.slice(1).map((t, i) => t - at[i]);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBe(2 * gaps[i - 1]);
    // Linux-style floor: the first timeout is RTT + 200 ms after the last ACK.
    expect(gaps[0]).toBeGreaterThanOrEqual(2 * 300 * MS - MS);
  });

  it('without window scaling, throughput stays at or below 64 KB per RTT and close to it on a clean path', () => {
    const ceilingMbps = (65_535 * 8) / 0.1 / 1e6;
    const r = runTransfer({
      config: { windowScaling: false, rwndBytes: 1 << 20, lossRate: 0 },
      durationNs: 30 * SECOND,
      seed: 1,
    });
    expect(r.goodputMbps).toBeLessThanOrEqual(ceilingMbps);
    expect(r.goodputMbps).toBeGreaterThan(0.9 * ceilingMbps);
    const scaled = runTransfer({
      config: { windowScaling: true, rwndBytes: 1 << 20, lossRate: 0 },
      durationNs: 30 * SECOND,
      seed: 1,
    });
    expect(scaled.goodputMbps).toBeGreaterThan(10 * ceilingMbps);
  });

  it('delayed ACKs halve the number of ACKs', () => {
    const bytes = 5_000_000;
    const segs = Math.ceil(bytes / MSS);
    // A queue large enough that slow start loses nothing: every ACK is then a regular one.
    const path = { rttNs: 20 * MS, queueBytes: 50_000_000 };
    const on = runTransfer({ config: { ...path, delayedAck: true }, bytes, seed: 1 });
    const off = runTransfer({ config: { ...path, delayedAck: false }, bytes, seed: 1 });
    expect(on.retransmits + off.retransmits).toBe(0);
    expect(off.acksSent).toBe(segs);
    expect(on.acksSent / segs).toBeGreaterThan(0.49);
    expect(on.acksSent / segs).toBeLessThan(0.51);
  });

  it('loses data packets at the configured rate', () => {
    const r = runTransfer({
      config: { rttNs: 10 * MS, lossRate: 0.01 },
      durationNs: 60 * SECOND,
      seed: 3,
    });
    const rate = r.randomLosses / r.segmentsSent;
    const sd = Math.sqrt((0.01 * 0.99) / r.segmentsSent);
    expect(Math.abs(rate - 0.01)).toBeLessThan(4 * sd);
  });

  it('a small bottleneck queue drops the excess and caps throughput at the bottleneck rate', () => {
    const r = runTransfer({
      config: { rttNs: 20 * MS, bottleneckBps: 10e6, queueBytes: 30_000 },
      durationNs: 30 * SECOND,
      seed: 1,
    });
    expect(r.queueDrops).toBeGreaterThan(0);
    expect(r.goodputMbps).toBeLessThan(10 * (1460 / 1500));
    expect(r.goodputMbps).toBeGreaterThan(7);
  });

  it('delivers every byte of a lossy fixed-size transfer exactly once, in order', () => {
    const { engine, conn, receiver, sender } = connection(
      { rttNs: 30 * MS, lossRate: 0.02 },
      3_000_001,
    );
    conn.start();
    stepUntil(engine, () => receiver.doneAtNs >= 0);
    expect(receiver.rcvNext).toBe(Math.ceil(3_000_001 / MSS));
    engine.run();
    expect(sender.doneAtNs).toBeGreaterThan(0);
    expect(engine.pending).toBe(0);
  });

  it('is deterministic: the same seed gives the same trace, another seed another', () => {
    const spec = { config: { rttNs: 40 * MS, lossRate: 0.01 }, durationNs: 20 * SECOND };
    const a = runTransfer({ ...spec, seed: 5 });
    const b = runTransfer({ ...spec, seed: 5 });
    const c = runTransfer({ ...spec, seed: 6 });
    expect(a.digest).toBe(b.digest);
    expect(a.goodputMbps).toBe(b.goodputMbps);
    expect(c.digest).not.toBe(a.digest);
  });

  it('keeps its time series within the bound however long the run', () => {
    const r = runTransfer({
      config: { rttNs: 10 * MS, lossRate: 0.005 },
      durationNs: 120 * SECOND,
      seed: 1,
      seriesPoints: 200,
      seriesIntervalNs: 10 * MS,
    });
    const s = r.series!;
    expect(s.tNs.length).toBeLessThanOrEqual(200);
    expect(s.tNs.length).toBeGreaterThan(90);
    expect(s.tNs.at(-1)!).toBeGreaterThan(100 * SECOND);
    for (let i = 1; i < s.tNs.length; i++) expect(s.tNs[i]).toBeGreaterThan(s.tNs[i - 1]);
    const meanRate = s.throughputMbps.reduce((a, b) => a + b, 0) / s.throughputMbps.length;
    expect(meanRate / r.goodputMbps).toBeGreaterThan(0.8);
    expect(meanRate / r.goodputMbps).toBeLessThan(1.2);
  });
});
