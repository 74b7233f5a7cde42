import { describe, expect, it } from 'vitest';
import { Bbr, BBR_GAIN_CYCLE, BBR_HIGH_GAIN } from '@sim/models/tcp/congestion/Bbr';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import { MS, SECOND } from '@sim/time';
import { connection } from './helpers';

const MSS = 1460;
const WIRE = MSS + 40;
/** A 10 Mbit/s bottleneck with a 100-packet drop-tail buffer and 40 ms of propagation. */
const RATE_BPS = 10e6;
const PATH = { rttNs: 40 * MS, bottleneckBps: RATE_BPS, queueBytes: 100 * WIRE };
/** The payload rate the bottleneck can carry: its rate less the headers. */
const PAYLOAD_BPS = (RATE_BPS * MSS) / WIRE;
/** Serialization of a full packet at the bottleneck, ns (the smallest queueing-free RTT adds it). */
const SERIALIZE_NS = (WIRE * 8 * SECOND) / RATE_BPS;

function bbrOn(config: object, seconds: number, seed = 1) {
  const c = connection({ ...PATH, variant: 'bbr', ...config }, undefined, seed);
  c.conn.start();
  c.engine.runUntil(seconds * SECOND);
  return { ...c, bbr: c.sender.cc as Bbr };
}

describe('BBR v1 (Cardwell et al. 2016)', () => {
  it('estimates the bottleneck rate and the propagation RTT of the path', () => {
    const { bbr } = bbrOn({}, 20);
    expect(Math.abs(bbr.btlBwBps / PAYLOAD_BPS - 1)).toBeLessThan(0.03);
    // RTprop: propagation, one data packet's and one ACK's serialization, nothing queued.
    const floorNs = PATH.rttNs + SERIALIZE_NS + (40 * 8 * SECOND) / RATE_BPS;
    expect(bbr.rtPropNs).toBeGreaterThanOrEqual(floorNs - 1);
    expect(bbr.rtPropNs).toBeLessThan(floorNs + 0.02 * PATH.rttNs);
    expect(bbr.filledPipe).toBe(true);
    expect(bbr.mode).toBe('probe_bw');
  });

  it('leaves STARTUP after the bandwidth stops growing, drains, then cycles the PROBE_BW gains', () => {
    const c = connection({ ...PATH, variant: 'bbr' });
    const bbr = c.sender.cc as Bbr;
    expect(bbr.pacingGain).toBeCloseTo(2 / Math.LN2, 12);
    c.conn.start();
    const seen = new Set<string>();
    const gains = new Set<number>();
    while (c.engine.now < 10 * SECOND && c.engine.step()) {
      seen.add(bbr.mode);
      if (bbr.mode === 'probe_bw') gains.add(bbr.pacingGain);
    }
    expect([...seen]).toEqual(['startup', 'drain', 'probe_bw']);
    expect([...gains].sort()).toEqual([...new Set(BBR_GAIN_CYCLE)].sort());
    expect(BBR_HIGH_GAIN).toBeCloseTo(2.885, 3);
  });

  it('paces: in PROBE_BW at gain 1 segments leave at about BtlBw, not in bursts', () => {
    const { engine, path, bbr } = bbrOn({}, 10);
    const sends: number[] = [];
    const send = path.send.bind(path);
    path.send = (dir, b, o, t, k, arg) => {
      if (dir === 0) sends.push(engine.now);
      return send(dir, b, o, t, k, arg);
    };
    engine.runUntil(20 * SECOND);
    const gaps = sends.slice(1).map((t, i) => t - sends[i]);
    // No two segments leave closer than their serialization at the pacing rate allows.
    const fastestNs = (WIRE * 8 * SECOND) / (1.25 * bbr.btlBwBps * (WIRE / MSS));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.97 * fastestNs);
  });

  it('keeps the queue small in PROBE_BW where CUBIC fills the drop-tail buffer', () => {
    const last10s = (variant: 'bbr' | 'cubic') => {
      const c = connection({ ...PATH, variant });
      c.conn.start();
      c.engine.runUntil(10 * SECOND);
      const [waited, queued] = [c.path.queueWaitNs[0], c.path.queued[0]];
      const drops = c.path.queueDrops[0];
      c.engine.runUntil(20 * SECOND);
      return {
        meanQueueMs: (c.path.queueWaitNs[0] - waited) / (c.path.queued[0] - queued) / MS,
        drops: c.path.queueDrops[0] - drops,
      };
    };
    const bbr = last10s('bbr');
    const cubic = last10s('cubic');
    const bufferMs = (100 * WIRE * 8 * 1000) / RATE_BPS; // 120 ms to drain a full buffer
    // BBR's queue: the 1.25 probe's quarter BDP, briefly, and the cwnd allowance.
    expect(bbr.meanQueueMs).toBeLessThan(0.1 * bufferMs);
    expect(bbr.drops).toBe(0);
    expect(cubic.meanQueueMs).toBeGreaterThan(0.5 * bufferMs);
    expect(cubic.drops).toBeGreaterThan(0);
  });

  it('enters PROBE_RTT about every 10 s for 200 ms plus a round trip, with 4 segments in flight', () => {
    const c = connection({ ...PATH, variant: 'bbr' });
    const bbr = c.sender.cc as Bbr;
    c.conn.start();
    let visits = 0;
    let was = bbr.mode;
    while (c.engine.now < 31 * SECOND && c.engine.step()) {
      if (bbr.mode === 'probe_rtt') expect(c.sender.cwndBytes).toBeLessThanOrEqual(4 * MSS);
      if (bbr.mode === 'probe_rtt' && was !== 'probe_rtt') visits++;
      was = bbr.mode;
    }
    expect(visits).toBe(3);
    const share = bbr.nsIn.probe_rtt / (31 * SECOND);
    // Three visits of about 200 ms + RTT in 31 s: roughly 2 % of the time (the paper's figure).
    expect(share).toBeGreaterThan(0.015);
    expect(share).toBeLessThan(0.04);
  });

  it('under 1 % random loss keeps near the bottleneck rate, where loss-based CUBIC collapses', () => {
    const spec = { durationNs: 30 * SECOND, seed: 2, digest: false };
    const config = { ...PATH, lossRate: 0.01 };
    const bbr = runTransfer({ ...spec, config: { ...config, variant: 'bbr' } });
    const cubic = runTransfer({ ...spec, config: { ...config, variant: 'cubic' } });
    expect(bbr.goodputMbps * 1e6).toBeGreaterThan(0.9 * PAYLOAD_BPS);
    expect(cubic.goodputMbps).toBeLessThan(0.5 * bbr.goodputMbps);
  });
});
