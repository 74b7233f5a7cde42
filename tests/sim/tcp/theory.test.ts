/**
 * Long NewReno transfers against the closed forms, over a grid of RTT (5 to 150 ms) and loss
 * (0.1 % to 2 %), delayed ACKs on (b = 2), the lab's default 200 ms RTO floor.
 *
 * Tolerances, and why:
 * - Mathis ignores timeouts, so it is an upper-ish bound: the simulation stays below 1.15 × Mathis
 *   everywhere (random rather than periodic loss lifts it a few per cent; 400 loss events per
 *   point leave about ±5 % of noise). Where loss is low (≤ 0.5 %) timeouts are rare and the
 *   simulation is within ±15 % of Mathis.
 * - PFTK includes timeouts, but assumes the losses of a round come in a burst, so it expects
 *   more timeouts than Bernoulli loss gives a NewReno sender: the simulation stays above
 *   0.8 × PFTK everywhere, and within ±20 % of it where a timeout lasts at most about five
 *   round trips (RTT ≥ 50 ms). On short paths the formula's burst-loss timeouts, each RTT +
 *   200 ms long, weigh more and more: the simulation is ~1.2 × PFTK at 20 ms and 2 % loss,
 *   ~1.5 × at 5 ms.
 * Fewer points than a full sweep (4 RTTs × 3 losses) and ~400 loss events each keep this ~2 s.
 */
import { describe, expect, it } from 'vitest';
import { mathisBps, pftkBps } from '@sim/models/tcp/closedForms';
import { steadyRtoNs } from '@sim/models/tcp/RtoEstimator';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import { MS, SECOND } from '@sim/time';

const RTTS_MS = [5, 20, 50, 150];
const LOSSES = [0.001, 0.005, 0.02];
const LOSS_EVENTS = 400;

describe('packet-level NewReno against Mathis and PFTK', () => {
  for (const rttMs of RTTS_MS)
    for (const p of LOSSES)
      it(`RTT ${rttMs} ms, loss ${p * 100} %`, () => {
        const rttNs = rttMs * MS;
        const cf = { mssBytes: 1460, rttNs, lossRate: p, segmentsPerAck: 2 };
        const mathis = mathisBps(cf);
        const pftk = pftkBps({ ...cf, timeoutNs: steadyRtoNs(rttNs, 200 * MS, 'linux') });
        const seconds = ((LOSS_EVENTS / p) * 1460 * 8) / mathis;
        const r = runTransfer({
          // The formulas model classic NewReno: cumulative ACKs, timeouts PFTK counts.
          config: { rttNs, lossRate: p, delayedAck: true, variant: 'newreno', sack: false },
          durationNs: Math.round(seconds * SECOND),
          seed: 11,
          digest: false,
        });
        const bps = r.goodputMbps * 1e6;
        expect(bps).toBeLessThan(1.15 * mathis);
        expect(bps).toBeGreaterThan(0.8 * pftk);
        if (p <= 0.005) expect(Math.abs(bps / mathis - 1)).toBeLessThan(0.15);
        if (rttMs >= 50) expect(Math.abs(bps / pftk - 1)).toBeLessThan(0.2);
      });
});
