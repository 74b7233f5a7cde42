import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

interface Row {
  label: string;
  latencyMs: number;
  loss: number;
  paperMbps: number;
  simMbps: number;
  mathisMbps: number;
  pftkMbps: number;
  downloadHours: number;
}

describe('npm run sim -- fatfile', () => {
  it('prints the Figure 2 table as the documented JSON, each row near the paper', async () => {
    const out = await runCli(['fatfile', '--runs', '2', '--json']);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    const r = JSON.parse(out.stdout) as { rows: Row[]; digest: string; seed: number };
    expect(r.seed).toBe(1);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(r.rows.map((x) => x.label)).toEqual([
      'local',
      'regional',
      'cross-continent',
      'multi-continent',
    ]);
    for (const row of r.rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining([
          'label',
          'latencyMs',
          'loss',
          'paperMbps',
          'simMbps',
          'mathisMbps',
          'pftkMbps',
          'downloadHours',
        ]),
      );
      expect(Math.abs(row.simMbps / row.paperMbps - 1)).toBeLessThan(0.25);
      expect(row.downloadHours).toBeCloseTo((4e9 * 8) / (row.simMbps * 1e6) / 3600, 1);
    }
  });

  it('prints a table without --json and takes the inflation as a flag', async () => {
    const out = await runCli(['fatfile', '--runs', '1', '--inflation', '3']);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/label=local {2}latencyMs=1\.6 {2}rttMs=4\.8/);
  });
});
