import { describe, expect, it } from 'vitest';
import { DVD_BYTES, downloadHours } from '@sim/models/tcp/closedForms';
import { FIGURE2_ROWS, PAPER_TCP, PATH_INFLATION, simulateFigure2 } from '@sim/models/tcp/figure2';

describe('Leighton 2009, Figure 2, with the default path model and the paper’s TCP', () => {
  // Three seeds per row (the CLI uses five): enough for the mean, and about 3 s in all.
  const rows = simulateFigure2({ runs: 3, seed: 1, config: PAPER_TCP });

  it('has the paper’s four rows', () => {
    expect(FIGURE2_ROWS.map((r) => [r.latencyMs, r.loss, r.paperMbps])).toEqual([
      [1.6, 0.006, 44],
      [16, 0.007, 4],
      [48, 0.01, 1],
      [96, 0.014, 0.4],
    ]);
  });

  for (const [i, row] of FIGURE2_ROWS.entries())
    it(`${row.label}: within 25 % of the published ${row.paperMbps} Mbit/s`, () => {
      const r = rows[i];
      expect(r.rttMs).toBeCloseTo(row.latencyMs * PATH_INFLATION, 6);
      expect(Math.abs(r.simMbps / row.paperMbps - 1)).toBeLessThan(0.25);
      expect(r.runsMbps).toHaveLength(3);
      expect(r.simSdMbps).toBeGreaterThan(0);
      expect(r.simSdMbps / r.simMbps).toBeLessThan(0.1);
      expect(r.downloadHours).toBeCloseTo(downloadHours(DVD_BYTES, r.simMbps * 1e6), 9);
      // The packet-level sender pays for timeouts that Mathis ignores.
      expect(r.simMbps).toBeLessThan(r.mathisMbps);
    });

  // The paper computed its times from unrounded rates (20 h is 4 GB at 0.445 Mbit/s, not 0.4).
  it('the paper’s download times are 4 GB at its rates, within 12 %', () => {
    for (const row of FIGURE2_ROWS) {
      const hours = downloadHours(DVD_BYTES, row.paperMbps * 1e6);
      expect(Math.abs(hours / row.paperDownloadHours - 1)).toBeLessThan(0.12);
    }
  });

  it('with SACK, as stacks run today, every row is faster and far fewer losses end in a timeout', () => {
    const modern = simulateFigure2({
      runs: 3,
      seed: 1,
      config: { variant: 'newreno', sack: true },
    });
    for (const [i, r] of modern.entries()) {
      expect(r.simMbps).toBeGreaterThan(1.03 * rows[i].simMbps);
      expect(r.timeoutsPerRun).toBeLessThan(0.5 * rows[i].timeoutsPerRun);
      // Without the timeouts, the sender follows the Mathis formula closely.
      expect(Math.abs(r.simMbps / r.mathisMbps - 1)).toBeLessThan(0.1);
    }
  });
});
