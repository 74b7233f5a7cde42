import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

async function json(argv: string[]) {
  const out = await runCli([...argv, '--json']);
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

describe('headless runner', () => {
  it('net prints the documented fields, with the seed, parameters and a digest', async () => {
    const r = await json([
      'net',
      '--from',
      'boston',
      '--to',
      'london',
      '--messages',
      '2000',
      '--loss',
      '0.1',
      '--inflation',
      '1.5',
      '--seed',
      '7',
    ]);
    expect(r.experiment).toBe('net');
    expect(r.seed).toBe(7);
    expect(r.params).toMatchObject({
      from: 'boston',
      to: 'london',
      messages: 2000,
      loss: 0.1,
      inflation: 1.5,
    });
    expect(r.distanceKm).toBeGreaterThan(5200);
    expect(r.distanceKm).toBeLessThan(5300);
    expect(r.deliveredFraction).toBeGreaterThan(0.87);
    expect(r.deliveredFraction).toBeLessThan(0.93);
    expect(r.latencyMs).toMatchObject({
      mean: expect.any(Number),
      p50: expect.any(Number),
      p99: expect.any(Number),
    });
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
  });

  it('gives the same digest for the same seed and another digest for another seed', async () => {
    const args = ['net', '--messages', '500', '--loss', '0.2'];
    expect((await json([...args, '--seed', '3'])).digest).toBe(
      (await json([...args, '--seed', '3'])).digest,
    );
    expect((await json([...args, '--seed', '3'])).digest).not.toBe(
      (await json([...args, '--seed', '4'])).digest,
    );
  });

  it('topology prints the counts and the share of users in the top 30 networks', async () => {
    const r = await json(['topology', '--scale', 'classroom']);
    for (const key of [
      'regions',
      'networks',
      'dataCentres',
      'servers',
      'clientGroups',
      'top30UserShare',
      'digest',
      'seed',
      'params',
    ]) {
      expect(r).toHaveProperty(key);
    }
    const numeric = await json(['topology', '--scale', '3000']);
    expect(numeric.servers).toBe(3000);
  });

  it('bench reports hold-model rows for 1,000, 10,000 and 100,000 pending events', async () => {
    const r = await json(['bench', '--events', '2000', '--runs', '1', '--deliveries', '2000']);
    const hold = r.hold as { pending: number; events: number; eventsPerSecond: number }[];
    expect(hold.map((h) => h.pending)).toEqual([1000, 10000, 100000]);
    for (const row of hold) {
      expect(row.events).toBe(2000);
      expect(row.eventsPerSecond).toBeGreaterThan(0);
    }
    expect((r.network as { deliveriesPerSecond: number }).deliveriesPerSecond).toBeGreaterThan(0);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-100000$/);
  });

  it.each([
    [['nonsense'], /unknown experiment 'nonsense'; choose one of: bench, net, topology/],
    [[], /no experiment given/],
    [['net', '--form', 'boston'], /unknown flag --form for net; flags are:[\s\S]*--from/],
    [['net', '--loss', '1.5'], /--loss: expected a value from 0 to 1, got 1.5/],
    [['net', '--messages', 'many'], /--messages: expected a number, got 'many'/],
    [['net', '--from', 'atlantis'], /--from: 'atlantis' is not allowed; expected a city id/],
    [['net', '--seed', '-1'], /--seed: expected a value from 0/],
    [['net', '--loss'], /--loss needs a value/],
    [
      ['topology', '--scale', 'huge'],
      /--scale: 'huge' is not allowed; expected classroom, 2002, 2009 or a whole number/,
    ],
    [['topology', 'extra'], /unexpected argument 'extra'/],
  ])('rejects %j with status 2 and a message saying what is allowed', async (argv, message) => {
    const out = await runCli(argv as string[]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('exits with status 2 from the real command line too', async () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'nonsense'], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/unknown experiment/);
    const ok = execFileSync(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'topology', '--json'],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(ok).experiment).toBe('topology');
  });
});
