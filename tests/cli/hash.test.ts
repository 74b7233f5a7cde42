import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

interface HashJson {
  seed: number;
  digest: string;
  movedShare: number;
  movedBetweenSurvivors: number;
  maxOverMean: number;
  modulo: { movedShare: number; maxOverMean: number };
}

async function hash(argv: string[]) {
  const out = await runCli(['hash', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as HashJson;
}

const tenPlusOne = ['--servers', '10', '--objects', '100000', '--add', '1', '--vnodes', '128'];

describe('npm run sim -- hash', () => {
  it('adding 1 server to 10: the ring moves about 1/11, none between old servers; modulo 10/11', async () => {
    const r = await hash(tenPlusOne);
    expect(r.digest).toMatch(/^[0-9a-f]{16}$/);
    expect(r.movedBetweenSurvivors).toBe(0);
    // The new server's share of the ring is a sum of 128 arcs: within ±30 % of 1/11.
    expect(r.movedShare).toBeGreaterThan(0.7 / 11);
    expect(r.movedShare).toBeLessThan(1.3 / 11);
    // 128 points per server keep the busiest server within 50 % of the mean (the bound
    // tests/sim/sandbox/hashComparison.test.ts checks over random set-ups); modulo hashing of
    // well-mixed keys is even closer, up to binomial noise.
    expect(r.maxOverMean).toBeLessThan(1.5);
    // Modulo keeps an object only if h mod 10 = h mod 11: 1 in 11. Binomial SE ≈ 0.001.
    expect(Math.abs(r.modulo.movedShare - 10 / 11)).toBeLessThan(0.005);
    expect(r.modulo.maxOverMean).toBeLessThan(1.05);
  });

  it('adding 2 to 10: modulo keeps gcd(10, 2)/12 = 1/6, the ring moves about 2/12', async () => {
    const r = await hash(['--servers', '10', '--objects', '60000', '--add', '2']);
    expect(Math.abs(r.modulo.movedShare - 5 / 6)).toBeLessThan(0.01);
    expect(r.movedShare).toBeGreaterThan(0.7 / 6);
    expect(r.movedShare).toBeLessThan(1.3 / 6);
    expect(r.movedBetweenSurvivors).toBe(0);
  });

  it('the seed picks the server ids: same seed, same digest', async () => {
    const a = await hash([...tenPlusOne, '--seed', '5']);
    expect(a.seed).toBe(5);
    expect((await hash([...tenPlusOne, '--seed', '5'])).digest).toBe(a.digest);
    expect((await hash([...tenPlusOne, '--seed', '6'])).digest).not.toBe(a.digest);
  });

  it('prints a table', async () => {
    const out = await runCli(['hash', ...tenPlusOne]);
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^movedBetweenSurvivors\s+0$/m);
    expect(out.stdout).toMatch(/^modulo$/m);
  });

  it('bad flags exit with status 2 and name the flag', async () => {
    for (const argv of [
      ['--servers', '0'],
      ['--objects', '1.5'],
      ['--add', 'one'],
      ['--vnodes', '0'],
      ['--servers', '10000', '--vnodes', '4096'],
    ]) {
      const out = await runCli(['hash', ...argv]);
      expect(out.status).toBe(2);
      expect(out.stderr).toContain(argv[argv.length - 2]);
    }
  });
});
