import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import {
  BgpNetwork,
  DEFAULT_BGP,
  parseAsTopology,
  parsePrefix,
  type BgpConfig,
} from '@sim/models/bgp';
import { as, transit } from './support';

const PREFIX = parsePrefix('198.51.100.0/24');

interface Sent {
  t: number;
  path: number[] | null;
}

/**
 * AS 1 flaps its prefix (announce, withdraw, announce…) every 4 s from 100 s to 400 s; returns
 * the UPDATEs for it that AS 2 sends to its provider AS 3.
 */
function flap(config: Partial<BgpConfig>, seed = 1): Sent[] {
  const engine = new Engine();
  const sent: Sent[] = [];
  const net = new BgpNetwork(
    engine,
    parseAsTopology({ ases: [as(1), as(2), as(3)], links: [transit(1, 2), transit(2, 3)] }),
    { ...DEFAULT_BGP, ...config },
    seed,
    {
      updateSent(t, from, to, update) {
        if (from === 2 && to === 3)
          sent.push({ t: t / 1e9, path: update.nlri.length ? update.path : null });
      },
    },
  );
  let up = false;
  for (let t = 100; t < 400; t += 4) {
    engine.runUntil(t * 1e9);
    if (up) net.withdraw(net.index(1), PREFIX);
    else net.originate(net.index(1), PREFIX);
    up = !up;
  }
  engine.runUntil(600e9);
  return sent;
}

const gaps = (s: Sent[]) => s.slice(1).map((x, i) => x.t - s[i].t);

describe('MinRouteAdvertisementInterval (RFC 4271 §9.2.1.1, jitter §10)', () => {
  it('spaces UPDATEs for a prefix on a session by at least 0.75 × MRAI, announcements and withdrawals alike', () => {
    const s = flap({ mraiSeconds: 30 });
    expect(s.length).toBeGreaterThan(6);
    expect(s.length).toBeLessThanOrEqual(300 / 22.5 + 2);
    expect(s.some((x) => x.path === null)).toBe(true);
    const g = gaps(s);
    expect(Math.min(...g)).toBeGreaterThanOrEqual(22.5);
    // jittered: the spacing is not the same each time
    expect(Math.max(...g) - Math.min(...g)).toBeGreaterThan(1);
  });

  it('draws the jitter factor uniformly from [0.75, 1]: gaps fill the range over many runs', () => {
    const all = [1, 2, 3, 4, 5, 6].flatMap((seed) => gaps(flap({ mraiSeconds: 30 }, seed)));
    const bounded = all.filter((g) => g <= 30.5); // a gap can be longer when nothing was pending
    expect(Math.min(...bounded)).toBeLessThan(24);
    expect(Math.max(...bounded)).toBeGreaterThan(28.5);
  });

  it('without the rate limit on withdrawals (RFC 1771, Cisco IOS), a withdrawal follows at once', () => {
    const s = flap({ mraiSeconds: 30, mraiWithdrawals: false });
    const quick = s.slice(1).filter((x, i) => x.path === null && x.t - s[i].t < 10);
    expect(quick.length).toBeGreaterThan(0);
  });

  it('with MRAI 0 every flap is passed on', () => {
    expect(flap({ mraiSeconds: 0 }).length).toBe(75);
  });
});
