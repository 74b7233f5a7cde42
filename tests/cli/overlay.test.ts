import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';

interface OverlayJson {
  seed: number;
  digest: string;
  members: number;
  relayShare: {
    pairs: number;
    measured: { fasterByMargin: number };
    truth: { fasterByMargin: number };
    measuredFasterShare: number;
  };
  events: {
    event: string;
    affectedPairs: number;
    overlayRestored: number;
    overlayMaxSeconds: number | null;
    bgpRestored: number;
  }[];
  pairs: {
    event: string;
    pair: string;
    overlaySeconds: number | null;
    bgpSeconds: number | null;
  }[];
}

async function overlay(argv: string[]): Promise<OverlayJson> {
  const out = await runCli(['overlay', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as OverlayJson;
}

describe('npm run sim -- overlay', () => {
  it('prints the share of pairs a relay makes faster and each event’s recovery, with seed and digest', async () => {
    const argv = ['--seed', '3', '--margin-ms', '0.5', '--event', 'depeer:net-0-net-1@60'];
    const r = await overlay(argv);
    expect(r.seed).toBe(3);
    expect(r.members).toBe(6);
    expect(r.relayShare.pairs).toBe(30);
    // The probes' estimates agree with the network's figures (seed 3's classroom: 4 pairs).
    expect(r.relayShare.measured.fasterByMargin).toBe(r.relayShare.truth.fasterByMargin);
    expect(r.relayShare.measured.fasterByMargin).toBeGreaterThan(0);
    expect(r.events.map((e) => e.event)).toEqual(['depeer:net-0-net-1@60']);
    const [e] = r.events;
    expect(e.overlayRestored).toBe(e.affectedPairs);
    expect(e.bgpRestored).toBeLessThan(e.affectedPairs);
    // The tier-1s' own edges: never again by BGP (valley-free), within RON's seconds by the overlay.
    const n0n1 = r.pairs.find((p) => p.pair === '6>10')!;
    expect(n0n1.bgpSeconds).toBeNull();
    expect(n0n1.overlaySeconds).toBeGreaterThan(0);
    expect(n0n1.overlaySeconds).toBeLessThan(30);
    const again = await overlay(argv);
    expect(again.digest).toBe(r.digest);
  }, 60_000);

  it.each([
    [['--event', 'cut:0-99@60'], /no network net-99/],
    [['--event', 'cut:0-11'], /bad event 'cut:0-11'/],
    [['--event', 'depeer:0-1@10'], /before the end of --warmup/],
    [['--margin-ms', '-1'], /margin-ms/],
  ])('exits 2 naming the bad input %j', async (argv, message) => {
    const out = await runCli(['overlay', '--seed', '3', ...argv]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
  });
});
