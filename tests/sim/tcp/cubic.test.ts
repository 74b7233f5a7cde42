import { describe, expect, it } from 'vitest';
import { Cubic, CUBIC_BETA, CUBIC_C, cubicK, wCubic } from '@sim/models/tcp/congestion/Cubic';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import { DATA_DIR } from '@sim/models/tcp/TcpPath';
import { MS, SECOND } from '@sim/time';
import { connection, stepUntil } from './helpers';

const MSS = 1460;

/** RFC 9438 5.1: CUBIC's average window under deterministic loss p, segments (RTT in seconds). */
function cubicAverageWindow(rttS: number, p: number): number {
  return (
    (((CUBIC_C * (3 + CUBIC_BETA)) / (4 * (1 - CUBIC_BETA))) ** 0.25 * rttS ** 0.75) / p ** 0.75
  );
}

/** The Reno-friendly (AIMD) average window for the same loss, segments. */
const renoAverageWindow = (p: number) => Math.sqrt(3 / (2 * p));

describe('CUBIC (RFC 9438)', () => {
  it('K is the time the cubic takes back to W_max: W_cubic(0) = β·W_max, W_cubic(K) = W_max', () => {
    const wMax = 400;
    const k = cubicK(wMax, CUBIC_BETA * wMax);
    expect(k).toBeCloseTo(Math.cbrt((wMax * (1 - CUBIC_BETA)) / CUBIC_C), 12);
    expect(wCubic(0, wMax, k)).toBeCloseTo(CUBIC_BETA * wMax, 9);
    expect(wCubic(k, wMax, k)).toBe(wMax);
  });

  it('fast convergence: a loss below the last W_max lowers W_max further', () => {
    const c = new Cubic(MSS, 100, 2);
    c.ssthreshBytes = 0; // in congestion avoidance
    c.onLossDetected();
    expect(c.wMax).toBe(100);
    expect(c.cwndBytes / MSS).toBeCloseTo(70, 9);
    c.onLossDetected();
    // 70 < 100: W_max = 70·(1 + β)/2
    expect(c.wMax).toBeCloseTo((70 * (1 + CUBIC_BETA)) / 2, 9);
    expect(c.cwndBytes / MSS).toBeCloseTo(49, 9);
  });

  it('between losses the window follows C·(t − K)³ + W_max: concave up to W_max, then convex', () => {
    const rttNs = 100 * MS;
    const { engine, conn, sender, path } = connection({ variant: 'cubic', rttNs });
    let dropped = false;
    path.scriptedLoss = (dir, seg) => {
      if (dir !== DATA_DIR || seg !== 3000 || dropped) return false;
      return (dropped = true);
    };
    conn.start();
    const cubic = sender.cc as Cubic;
    stepUntil(engine, () => cubic.epochStartNs >= 0);
    const { wMax, k, epochStartNs } = cubic;
    expect(wMax).toBeGreaterThan(500);
    expect(k).toBeCloseTo(cubicK(wMax, CUBIC_BETA * wMax), 1);
    let before = 0;
    let after = 0;
    for (let t = 0.5; t < 2 * k; t += 0.25) {
      engine.runUntil(epochStartNs + t * SECOND);
      const w = sender.cwndBytes / MSS;
      // cwnd aims one RTT ahead of the curve and reaches it ACK by ACK: between the two.
      const lo = wCubic(t, wMax, k);
      const hi = wCubic(t + rttNs / SECOND, wMax, k);
      expect(w).toBeGreaterThan(0.98 * lo);
      expect(w).toBeLessThan(1.02 * hi);
      if (t < k - 0.5) before++;
      if (t > k + 0.5) after++;
    }
    expect(before).toBeGreaterThan(3);
    expect(after).toBeGreaterThan(3);
    expect(sender.timeouts + sender.fastRetransmits).toBe(1);
  });

  it('its response function matches RFC 9438 5.1 where it is not Reno-friendly', () => {
    const rttNs = 200 * MS;
    const p = 1e-4;
    const avgW = cubicAverageWindow(rttNs / SECOND, p);
    expect(avgW).toBeGreaterThan(2 * renoAverageWindow(p));
    const formulaMbps = (avgW * MSS * 8) / (rttNs / SECOND) / 1e6;
    // The RFC's derivation loses exactly one packet in 1/p: the deterministic loss it assumes.
    const periodic = connection({ variant: 'cubic', rttNs }, undefined, 3);
    let n = 0;
    periodic.path.scriptedLoss = (dir) => dir === DATA_DIR && ++n % Math.round(1 / p) === 0;
    periodic.conn.start();
    const durationNs = 600 * SECOND;
    periodic.engine.runUntil(durationNs);
    const periodicMbps = (periodic.receiver.rcvNext * MSS * 8) / (durationNs / SECOND) / 1e6;
    expect(Math.abs(periodicMbps / formulaMbps - 1)).toBeLessThan(0.1);
    // Random (Bernoulli) loss spreads the gaps between losses; long gaps let the convex
    // region run, so the mean is higher, within 35 % here.
    const random = runTransfer({
      config: { variant: 'cubic', rttNs, lossRate: p },
      durationNs,
      seed: 3,
      digest: false,
    });
    expect(random.goodputMbps / formulaMbps).toBeGreaterThan(0.95);
    expect(random.goodputMbps / formulaMbps).toBeLessThan(1.35);
  });

  it('in the Reno-friendly region (short RTT, high loss) it does as well as Reno, not worse', () => {
    const spec = { durationNs: 120 * SECOND, seed: 4, digest: false };
    const config = { rttNs: 10 * MS, lossRate: 0.01 };
    const cubic = runTransfer({ ...spec, config: { ...config, variant: 'cubic' } });
    const reno = runTransfer({ ...spec, config: { ...config, variant: 'newreno' } });
    expect(cubicAverageWindow(0.01, 0.01)).toBeLessThan(renoAverageWindow(0.01));
    expect(cubic.goodputMbps / reno.goodputMbps).toBeGreaterThan(0.9);
  });
});
