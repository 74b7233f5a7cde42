import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { mmck } from '@sim/queueing/queueTheory';

interface Figures {
  meanResponseMs: number | null;
  waitProbability: number | null;
  blocking: number | null;
}
interface QueueJson {
  seed: number;
  digest: string;
  model: string;
  measured: Figures;
  theory: Figures;
  standardError: Figures;
  warning?: string;
}

async function queue(argv: string[]) {
  const out = await runCli(['queue', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as QueueJson;
}

const small = ['--servers', '1', '--arrival', '40', '--service', '50', '--duration', '500'];

describe('npm run sim -- queue', () => {
  it('prints measured and theoretical figures side by side, with seed and digest', async () => {
    const r = await queue([...small, '--seed', '3']);
    expect(r.seed).toBe(3);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect(r.model).toBe('M/M/1');
    for (const figures of [r.measured, r.theory])
      expect(Object.keys(figures)).toEqual(
        expect.arrayContaining(['meanResponseMs', 'waitProbability', 'blocking']),
      );
    // M/M/1 at ρ = 0.8: W = 1/(μ − λ) = 100 ms, an arrival waits with probability ρ
    expect(r.theory).toMatchObject({ meanResponseMs: 100, waitProbability: 0.8, blocking: 0 });
    expect(r.measured.blocking).toBe(0);
    expect(Math.abs(r.measured.meanResponseMs! - 100)).toBeLessThan(
      4 * r.standardError.meanResponseMs!,
    );
    expect(r.warning).toBeUndefined();
    expect((await queue([...small, '--seed', '3'])).digest).toBe(r.digest);
    expect((await queue([...small, '--seed', '4'])).digest).not.toBe(r.digest);
  });

  it('with --queue Q compares with M/M/c/K, K = c + Q, which holds past saturation', async () => {
    const r = await queue([
      '--servers',
      '2',
      '--arrival',
      '150',
      '--service',
      '50',
      '--queue',
      '3',
      '--duration',
      '300',
    ]);
    expect(r.model).toBe('M/M/2/5');
    const t = mmck(150, 50, 2, 5);
    expect(r.theory.blocking).toBeCloseTo(t.blocking, 5);
    expect(r.theory.meanResponseMs).toBeCloseTo(t.meanResponseS! * 1000, 2);
    expect(Math.abs(r.measured.blocking! - t.blocking)).toBeLessThan(4 * r.standardError.blocking!);
    expect(r.warning).toBeUndefined();
  });

  it('gives no theory (null) for ρ ≥ 1 with an unlimited queue and warns that it grows', async () => {
    const r = await queue([
      '--servers',
      '2',
      '--arrival',
      '120',
      '--service',
      '50',
      '--duration',
      '100',
    ]);
    expect(r.theory).toMatchObject({ meanResponseMs: null, waitProbability: null, blocking: null });
    expect(r.measured.meanResponseMs).toBeGreaterThan(1000);
    expect(r.warning).toMatch(/no steady state.*grows without bound/);
    const table = await runCli([
      'queue',
      '--servers',
      '2',
      '--arrival',
      '120',
      '--service',
      '50',
      '--duration',
      '100',
    ]);
    expect(table.stdout).toMatch(/meanResponseMs\s+null/);
    expect(table.stdout).toMatch(/warning\s+ρ = 1\.2 ≥ 1/);
  });

  it('bad flags exit with status 2 and name the flag', async () => {
    for (const [flag, value] of [
      ['servers', '0'],
      ['servers', '1.5'],
      ['arrival', '0'],
      ['arrival', 'fast'],
      ['service', '-1'],
      ['queue', '-1'],
      ['duration', '0'],
      ['duration', '1e6'], // at 40 arrivals a second, more arrivals than a run may have
    ]) {
      const out = await runCli(['queue', ...small, `--${flag}`, value]);
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(`--${flag}`);
    }
  });
});
