import { describe, expect, it } from 'vitest';
import { chooseBest, type Candidate } from '@sim/models/bgp';
import { as, peer, run, transit } from './support';

const c = (neighbourAsn: number, rel: Candidate['rel'], path: number[]): Candidate => ({
  neighbourAsn,
  rel,
  path,
});

describe('the decision process (RFC 4271 §9.1.2.2, RFC 5004, Gao-Rexford preferences)', () => {
  it('prefers a customer route over a peer route over a provider route, whatever their lengths', () => {
    const cands = [c(1, 'provider', [1, 9]), c(2, 'peer', [2, 9]), c(3, 'customer', [3, 4, 5, 9])];
    expect(chooseBest(cands, 'gao-rexford', -1)).toBe(2);
    expect(chooseBest(cands.slice(0, 2), 'gao-rexford', -1)).toBe(1);
  });

  it('then the shortest AS_PATH; with shortest-path policy the relationship does not count', () => {
    const cands = [c(3, 'customer', [3, 4, 5, 9]), c(2, 'customer', [2, 9]), c(1, 'provider', [1])];
    expect(chooseBest(cands, 'gao-rexford', -1)).toBe(1);
    expect(chooseBest(cands, 'shortest-path', -1)).toBe(2);
  });

  it('keeps the current best among equally good routes (RFC 5004), else the lowest neighbour ASN', () => {
    const cands = [c(7, 'peer', [7, 9]), c(3, 'peer', [3, 9]), c(5, 'peer', [5, 9])];
    expect(chooseBest(cands, 'gao-rexford', -1)).toBe(1);
    expect(chooseBest(cands, 'gao-rexford', 7)).toBe(0);
    expect(chooseBest(cands, 'gao-rexford', 5)).toBe(2);
    // the current best is kept only among equals: a shorter path still wins
    expect(chooseBest([...cands, c(8, 'peer', [9])], 'gao-rexford', 7)).toBe(3);
    expect(chooseBest([], 'gao-rexford', -1)).toBe(-1);
  });

  it('in a running network: a customer route beats a shorter peer route, and RFC 5004 holds a choice', () => {
    // AS 9's prefix reaches AS 1 through its peer 2 (path 2 9) and through its customer 3 (3 4 9).
    const r = run({
      ases: [as(1), as(2), as(3), as(4), as(9, ['192.0.2.0/24'])],
      links: [peer(1, 2), transit(9, 2), transit(3, 1), transit(4, 3), transit(9, 4)],
    });
    expect(r.routes['1']['192.0.2.0/24']).toBe('3 4 9');
    expect(r.routes['2']['192.0.2.0/24']).toBe('9');
  });

  it('RFC 5004 in a running network: the route learned first stays when an equal one appears', () => {
    // AS 1 first prefers 2 9 (lowest neighbour ASN); while 2-9 is down it moves to 5 9; when 2 9
    // comes back it is equally good and has the lower ASN, but the current best is kept. (The
    // link stays down past the MRAI: a shorter outage may never be announced at all.)
    const topo = {
      ases: [as(1), as(2), as(5), as(9, ['192.0.2.0/24'])],
      links: [peer(1, 2), peer(1, 5), peer(2, 9), peer(5, 9)],
    };
    const slowVia2 = run(topo, {
      config: { policy: 'shortest-path' },
      events: ['link-down:2-9@60', 'link-up:2-9@120'],
    });
    expect(slowVia2.routes['1']['192.0.2.0/24']).toBe('5 9');
    // without the history, the tie-break alone picks the lower ASN
    expect(run(topo, { config: { policy: 'shortest-path' } }).routes['1']['192.0.2.0/24']).toBe(
      '2 9',
    );
  });
});
