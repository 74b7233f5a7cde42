import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';

async function json(argv: string[]) {
  const out = await runCli([...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as Record<string, unknown>;
}

describe('the sandbox experiment on the command line', () => {
  it('prints requests, hit ratio, origin load, latency, failures, speed and a digest', async () => {
    const args = ['sandbox', '--scale', 'classroom', '--seconds', '3', '--cache-mb', '20'];
    const r = await json([...args, '--load', '1.5', '--seed', '5']);
    expect(r).toMatchObject({
      experiment: 'sandbox',
      seed: 5,
      params: { scale: 'classroom', seconds: 3, load: 1.5, 'cache-mb': 20, loss: 0 },
      scaleName: 'classroom',
      clientGroups: 9,
      edgeServers: 15,
      offeredRequestsPerSecond: 525,
      simulatedSeconds: 3,
    });
    const requests = r.requests as number;
    // Poisson at 525/s for 3 s: 1,575 expected, standard deviation about 40.
    expect(requests).toBeGreaterThan(1400);
    expect(requests).toBeLessThan(1750);
    expect(requests).toBe(
      (r.responses as number) + (r.failed as number) + (r.outstanding as number),
    );
    expect(r.hitRatio).toBeGreaterThan(0);
    expect(r.hitRatio).toBeLessThan(1);
    expect(r.originUtilisation).toBeGreaterThan(0);
    expect(r.originUtilisation).toBeLessThanOrEqual(1);
    const latency = r.latencyMs as Record<string, number>;
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p95).toBeGreaterThanOrEqual(latency.p50);
    expect(latency.p99).toBeGreaterThanOrEqual(latency.p95);
    expect(r.failures).toEqual({
      timeout: 0,
      originRejected: 0,
      originTimeout: 0,
      noServer: 0,
      edgeOverloaded: 0,
    });
    expect(r.simSecondsPerWallSecond).toBeGreaterThan(0);
    expect(r.wallSeconds).toBeGreaterThan(0);
    expect(r.setupWallSeconds).toBeGreaterThan(0);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    expect((await json([...args, '--load', '1.5', '--seed', '5'])).digest).toBe(r.digest);
    expect((await json([...args, '--load', '1.5', '--seed', '6'])).digest).not.toBe(r.digest);
  });

  it.each([
    [['sandbox', '--scale', 'huge'], /--scale: 'huge' is not allowed; expected classroom, 2002/],
    [['sandbox', '--seconds', '-1'], /--seconds: expected a value from 0/],
    [['sandbox', '--load', 'lots'], /--load: expected a number, got 'lots'/],
    [['sandbox', '--cache-mb', '-5'], /--cache-mb: expected a value from 0/],
    [['sandbox', '--loss', '2'], /--loss: expected a value from 0 to 1/],
  ])('rejects %j with status 2 and says what is allowed', async (argv, message) => {
    const out = await runCli(argv);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});

describe('the sandbox experiment across worker threads', () => {
  it('prints the same digest and statistics with --workers 1 and 2 as on one engine', async () => {
    const args = ['sandbox', '--scale', 'classroom', '--seconds', '3', '--load', '2'];
    const alone = await json(args);
    for (const k of ['1', '2']) {
      const split = await json([...args, '--workers', k]);
      expect(split.digest).toBe(alone.digest);
      expect(split.requests).toBe(alone.requests);
      expect(split.hitRatio).toBe(alone.hitRatio);
      expect(split.latencyMs).toEqual(alone.latencyMs);
    }
  }, 120_000);
});
