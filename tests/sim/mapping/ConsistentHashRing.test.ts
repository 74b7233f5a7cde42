import { describe, expect, it } from 'vitest';
import { ConsistentHashRing } from '@sim/models/mapping/ConsistentHashRing';

const KEYS = 100_000;
const servers = (n: number) => Array.from({ length: n }, (_, i) => 100 + 7 * i);

describe('the consistent-hash ring', () => {
  it.each([4, 10, 30])(
    'moves about 1/(n+1) of the keys when a server is added to %i, all of them to the new server',
    (n) => {
      const before = new ConsistentHashRing(servers(n));
      const grown = servers(n + 1);
      const added = grown[n];
      const after = new ConsistentHashRing(grown);
      let moved = 0;
      let movedElsewhere = 0;
      for (let k = 0; k < KEYS; k++) {
        const b = after.owner(k);
        if (before.owner(k) === b) continue;
        moved++;
        // No key may move between two servers that were both there before.
        if (b !== added) movedElsewhere++;
      }
      expect(movedElsewhere).toBe(0);
      const expected = KEYS / (n + 1);
      expect(moved).toBeGreaterThan(0.6 * expected);
      expect(moved).toBeLessThan(1.4 * expected);
    },
  );

  it('balances keys within 25 % of the mean with 128 points per server', () => {
    const ring = new ConsistentHashRing(servers(12));
    const counts = new Map<number, number>();
    for (let k = 0; k < KEYS; k++) counts.set(ring.owner(k), (counts.get(ring.owner(k)) ?? 0) + 1);
    expect(counts.size).toBe(12);
    for (const c of counts.values()) expect(Math.abs(c / (KEYS / 12) - 1)).toBeLessThan(0.25);
  });

  it('sends a down server’s keys to the others and moves no other key', () => {
    const s = servers(6);
    const ring = new ConsistentHashRing(s);
    const down = s[2];
    const isUp = (x: number) => x !== down;
    let rerouted = 0;
    let wrong = 0;
    const reached = new Set<number>();
    for (let k = 0; k < 20_000; k++) {
      const owner = ring.owner(k);
      const live = ring.ownerUp(k, isUp);
      if (owner === down) {
        rerouted++;
        reached.add(live);
        if (live === down || !s.includes(live)) wrong++;
      } else if (live !== owner) {
        wrong++;
      }
    }
    expect(wrong).toBe(0);
    expect(rerouted).toBeGreaterThan(20_000 / 6 / 2);
    // Its keys spread over the survivors rather than all landing on one neighbour.
    expect(reached.size).toBe(5);
    expect(ring.ownerUp(1, () => false)).toBe(-1);
  });

  it('gives the same owners whatever order the servers are listed in', () => {
    const a = new ConsistentHashRing([5, 9, 13, 40]);
    const b = new ConsistentHashRing([40, 13, 5, 9]);
    const differ = Array.from({ length: 5_000 }, (_, k) => k).filter(
      (k) => a.owner(k) !== b.owner(k),
    );
    expect(differ).toEqual([]);
  });
});
