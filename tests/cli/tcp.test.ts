import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

interface TcpJson {
  seed: number;
  digest: string;
  goodputMbps: { mean: number; sd: number };
  retransmits: number;
  timeouts: number;
  mathisMbps: number;
  pftkMbps: number;
  eventsPerSecond: number;
}

async function tcp(argv: string[]) {
  const out = await runCli(['tcp', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as TcpJson;
}

describe('npm run sim -- tcp', () => {
  it('prints the documented JSON: goodput mean and sd, counters, both formulas, events per second', async () => {
    const args = ['--rtt-ms', '50', '--loss', '0.01', '--seconds', '60', '--runs', '3'];
    const r = await tcp([...args, '--seed', '4']);
    expect(r.seed).toBe(4);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(r.goodputMbps.sd).toBeGreaterThan(0);
    expect(r.goodputMbps.mean).toBeGreaterThan(0.8 * r.pftkMbps);
    expect(r.goodputMbps.mean).toBeLessThan(1.15 * r.mathisMbps);
    expect(r.retransmits).toBeGreaterThan(0);
    // A mean over the runs: a number, not missing (NaN and undefined fail here).
    expect(Number.isFinite(r.timeouts) && r.timeouts >= 0).toBe(true);
    expect(r.eventsPerSecond).toBeGreaterThan(0);
    const again = await tcp([...args, '--seed', '4']);
    expect(again.digest).toBe(r.digest);
    expect(again.goodputMbps).toEqual(r.goodputMbps);
  });

  it('runs a byte count, and the settings reach the model (no window scaling: ≤ 64 KB per RTT)', async () => {
    const r = await tcp([
      '--rtt-ms',
      '100',
      '--loss',
      '0',
      '--window-scaling',
      'off',
      '--bytes',
      '2000000',
      '--delayed-ack',
      'off',
      '--variant',
      'reno',
      '--min-rto-ms',
      '1000',
    ]);
    expect(r.goodputMbps.mean).toBeLessThanOrEqual((65_535 * 8) / 0.1 / 1e6);
    expect(r.goodputMbps.sd).toBe(0);
    expect(r.retransmits).toBe(0);
    expect(r.mathisMbps).toBeCloseTo((65_535 * 8) / 0.1 / 1e6, 3);
  });

  it('rejects --seconds with --bytes, and bad values, with status 2', async () => {
    const both = await runCli(['tcp', '--seconds', '5', '--bytes', '1000']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--seconds or --bytes/);
    const bad = await runCli(['tcp', '--variant', 'vegas']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/reno, newreno, cubic, bbr/);
    const tiny = await runCli(['tcp', '--window-scaling', 'off', '--rwnd-bytes', '2000']);
    expect(tiny.status).toBe(2);
    expect(tiny.stderr).toMatch(/receive window/);
  });
});
