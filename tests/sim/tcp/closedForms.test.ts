import { describe, expect, it } from 'vitest';
import {
  DVD_BYTES,
  downloadHours,
  mathisBps,
  mathisConstant,
  pftkBps,
  windowLimitBps,
} from '@sim/models/tcp/closedForms';
import { FIGURE2_ROWS } from '@sim/models/tcp/figure2';
import { MS } from '@sim/time';

describe('closed forms', () => {
  it('Mathis with C = √(3/2), the listed latency and a 536-byte MSS gives the paper’s throughputs', () => {
    // docs/fidelity.md: 42.4 / 3.92 / 1.09 / 0.46 Mbit/s, the table's numbers within rounding.
    const got = FIGURE2_ROWS.map(
      (r) =>
        mathisBps({
          mssBytes: 536,
          rttNs: r.latencyMs * MS,
          lossRate: r.loss,
          segmentsPerAck: 1,
        }) / 1e6,
    );
    expect(got.map((x) => Number(x.toPrecision(3)))).toEqual([42.4, 3.92, 1.09, 0.462]);
  });

  it('Mathis’s constant is √(3/2) with an ACK per segment and √(3/4) with delayed ACKs', () => {
    expect(mathisConstant(1)).toBeCloseTo(Math.sqrt(1.5), 12);
    expect(mathisConstant(2)).toBeCloseTo(Math.sqrt(0.75), 12);
  });

  it('PFTK approaches Mathis (b = 1 … its √(3/2b) form) as timeouts vanish, and falls below it with them', () => {
    const x = { mssBytes: 1460, rttNs: 100 * MS, lossRate: 0.01, segmentsPerAck: 2 };
    const noTimeouts = pftkBps({ ...x, timeoutNs: 1 });
    expect(noTimeouts / mathisBps(x)).toBeCloseTo(1, 4);
    expect(pftkBps({ ...x, timeoutNs: 1000 * MS })).toBeLessThan(0.9 * mathisBps(x));
  });

  it('PFTK matches a hand computation', () => {
    // p = 0.02, b = 2, RTT 0.1 s, T0 = 1 s: denominator 0.1·√(0.08/3) + 1·min(1, 3·√0.015)·0.02·(1 + 0.0128)
    const denom = 0.1 * Math.sqrt(0.08 / 3) + Math.min(1, 3 * Math.sqrt(0.015)) * 0.02 * 1.0128;
    const got = pftkBps({
      mssBytes: 1000,
      rttNs: 100 * MS,
      lossRate: 0.02,
      segmentsPerAck: 2,
      timeoutNs: 1000 * MS,
    });
    expect(got).toBeCloseTo(8000 / denom, 6);
  });

  it('loss-free paths have no loss limit; a window limits to one window per RTT', () => {
    expect(mathisBps({ mssBytes: 1460, rttNs: MS, lossRate: 0, segmentsPerAck: 1 })).toBe(Infinity);
    expect(windowLimitBps(65_535, 100 * MS)).toBeCloseTo(5_242_800, 6);
  });

  it('a 4 GB DVD takes the paper’s times at the paper’s unrounded rates', () => {
    expect(downloadHours(DVD_BYTES, 44.4e6) * 60).toBeCloseTo(12, 0);
    expect(downloadHours(DVD_BYTES, 4.04e6)).toBeCloseTo(2.2, 1);
    expect(downloadHours(DVD_BYTES, 1.085e6)).toBeCloseTo(8.2, 1);
    expect(downloadHours(DVD_BYTES, 0.445e6)).toBeCloseTo(20, 0);
  });
});
