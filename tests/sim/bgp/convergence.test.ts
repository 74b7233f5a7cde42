import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import {
  BgpNetwork,
  cliqueTopology,
  DEFAULT_BGP,
  parseAddress,
  parseBgpEvent,
  parsePrefix,
  runBgp,
  type BgpConfig,
} from '@sim/models/bgp';

/** AS 1 withdraws its prefix at 60 s in a clique of n; returns the withdrawal's event result. */
function withdrawal(n: number, config: Partial<BgpConfig>, seed = 1) {
  const r = runBgp({
    topology: cliqueTopology(n),
    config: { ...DEFAULT_BGP, policy: 'shortest-path', ...config },
    events: [parseBgpEvent('withdraw:1:10.1.0.0/16@60')],
    probes: ['10.1.0.1'],
    seconds: 60 + 40 * n,
    seed,
  });
  return { ...r.events[0], probes: r.probes['10.1.0.1'] };
}

/**
 * Labovitz et al. (SIGCOMM 2000): after a withdrawal in a complete graph of n ASes with an MRAI,
 * the speakers explore ever longer paths one MRAI round at a time, and convergence takes at least
 * (n − 3) rounds. With the RFC's jitter each round lasts 0.75 to 1 MRAI, and since the speakers'
 * timers are not in step a single run can now and then skip part of a round: the test holds the
 * mean over seeds to the bound, and every run to at most (n − 3) full MRAIs.
 */
describe('a withdrawal in a clique: path exploration (Labovitz et al. 2000)', () => {
  const sizes = [4, 5, 6, 7, 8];

  it('takes about (n − 3) MRAI rounds for n = 4…8, growing with n, never more', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
    const means = sizes.map((n) => {
      const times = seeds.map(
        (seed) => withdrawal(n, { mraiSeconds: 30 }, seed).convergenceSeconds,
      );
      for (const t of times) expect(t).toBeLessThanOrEqual((n - 3) * 30 + 1);
      const mean = times.reduce((a, b) => a + b) / times.length;
      // the mean round is the jitter's mean, 0.875 MRAI; rounds overlap a little between speakers
      expect(mean / ((n - 3) * 30)).toBeGreaterThan(0.75);
      expect(mean / ((n - 3) * 30)).toBeLessThan(1);
      return mean;
    });
    for (let i = 1; i < means.length; i++) expect(means[i] - means[i - 1]).toBeGreaterThan(15);
  });

  it('sends more UPDATEs as the clique grows (more paths to explore)', () => {
    const updates = sizes.map((n) => withdrawal(n, { mraiSeconds: 30 }).updates);
    for (let i = 1; i < updates.length; i++) expect(updates[i]).toBeGreaterThan(updates[i - 1]);
  });

  it('scales with the MRAI: the timer, not the messages, sets the pace', () => {
    const at30 = withdrawal(7, { mraiSeconds: 30 }).convergenceSeconds;
    const at5 = withdrawal(7, { mraiSeconds: 5 }).convergenceSeconds;
    expect(at5).toBeLessThan(at30 / 4);
    expect(at5).toBeGreaterThanOrEqual(4 * 5 * 0.75);
    // with no MRAI, exploration takes only message latencies and processing batches
    expect(withdrawal(8, { mraiSeconds: 0 }).convergenceSeconds).toBeLessThan(2);
  });

  it('packets keep following stale routes during exploration; with nowhere to go they are lost', () => {
    const w = withdrawal(6, { mraiSeconds: 30 });
    // the origin loses its own route at once; the others keep forwarding into the clique until
    // their last alternative is withdrawn, and from then on have no path
    for (const asn of ['2', '3', '4', '5', '6']) {
      expect(w.probes[asn].origin).toBeNull();
      expect(w.probes[asn].lastChangeSeconds).toBeGreaterThan(60);
      expect(w.probes[asn].lastChangeSeconds).toBeLessThanOrEqual(60 + w.convergenceSeconds + 0.2);
    }
  });

  it.each([1, 2, 3])(
    'during exploration packets can loop between ASes pointing at each other (seed %i)',
    (seed) => {
      const engine = new Engine();
      const topology = cliqueTopology(6);
      const lost: Record<string, number> = {};
      let watching = false;
      const net: BgpNetwork = new BgpNetwork(
        engine,
        topology,
        { ...DEFAULT_BGP, policy: 'shortest-path' },
        seed,
        {
          forwardingChanged() {
            if (!watching) return;
            for (const a of topology.ases) {
              const r = net.forward(a.asn, parseAddress('10.1.0.1'));
              lost[r.lost ?? 'delivered'] = (lost[r.lost ?? 'delivered'] ?? 0) + 1;
            }
          },
        },
      );
      engine.runUntil(60e9);
      watching = true;
      net.withdraw(net.index(1), parsePrefix('10.1.0.0/16'));
      engine.runUntil(600e9);
      expect(lost.loop).toBeGreaterThan(0);
      expect(lost.delivered).toBeUndefined(); // nothing reaches a prefix nobody announces
    },
  );

  it('under Gao-Rexford a clique of peers has no alternatives to explore: one round of withdrawals', () => {
    const w = withdrawal(8, { policy: 'gao-rexford', mraiSeconds: 30 });
    expect(w.updates).toBe(7);
    expect(w.convergenceSeconds).toBeLessThan(0.1);
  });
});
