import { describe, expect, it } from 'vitest';
import { as, peer, run, transit } from './support';

/**
 * The YouTube hijack of 24 February 2008 (RIPE NCC's account), with its real prefixes and order:
 * YouTube (AS36561) announces 208.65.152.0/22; Pakistan Telecom (AS17557) announces the more
 * specific 208.65.153.0/24 through its provider PCCW (AS3491); YouTube answers with the same /24,
 * then with the two /25s; finally the hijack is withdrawn. The topology is ours: three tier-1s
 * in a clique, YouTube behind one, Pakistan Telecom behind PCCW, and one stub network behind each.
 */
const TOPOLOGY = {
  ases: [
    as(36561, ['208.65.152.0/22']),
    as(17557),
    as(3491),
    as(3356),
    as(1299),
    as(64501),
    as(64502),
    as(64503),
  ],
  links: [
    peer(3491, 3356),
    peer(3491, 1299),
    peer(3356, 1299),
    transit(36561, 3356),
    transit(17557, 3491),
    transit(64501, 3356),
    transit(64502, 1299),
    transit(64503, 3491),
  ],
};
const WWW = '208.65.153.238'; // inside the hijacked /24
const OTHER = '208.65.152.10'; // inside YouTube's /22 only
const EVENTS = [
  'announce:17557:208.65.153.0/24@100',
  'announce:36561:208.65.153.0/24@300',
  'announce:36561:208.65.153.0/25@500',
  'announce:36561:208.65.153.128/25@500',
  'withdraw:17557:208.65.153.0/24@700',
];

function originsAt(seconds: number) {
  const n = EVENTS.filter((e) => Number(e.split('@')[1]) < seconds).length;
  const r = run(TOPOLOGY, { events: EVENTS.slice(0, n), probes: [WWW, OTHER], seconds });
  const of = (address: string) =>
    Object.fromEntries(Object.entries(r.probes[address]).map(([asn, p]) => [asn, p.origin]));
  return { www: of(WWW), other: of(OTHER), r };
}

describe('the 2008 YouTube hijack: longest prefix wins', () => {
  it('before the hijack, every network reaches YouTube', () => {
    const { www } = originsAt(90);
    expect(new Set(Object.values(www))).toEqual(new Set([36561]));
  });

  it("the /24 takes YouTube's traffic everywhere, YouTube's own included; the rest of the /22 is untouched", () => {
    const { www, other } = originsAt(290);
    expect(new Set(Object.values(www))).toEqual(new Set([17557]));
    expect(new Set(Object.values(other))).toEqual(new Set([36561]));
  });

  it("YouTube's own /24 wins back the networks that prefer its path; PCCW's side stays hijacked", () => {
    const { www, r } = originsAt(490);
    expect(www['3356']).toBe(36561); // YouTube is its customer: LOCAL_PREF
    expect(www['64501']).toBe(36561);
    expect(www['36561']).toBe(36561);
    expect(www['3491']).toBe(17557); // Pakistan Telecom is PCCW's customer
    expect(www['64503']).toBe(17557);
    // 1299 hears both /24s from peers with equally long paths: it keeps the one it chose first
    // (RFC 5004), Pakistan's, though the tie-break alone would pick 3356, the lower ASN
    expect(r.routes['1299']['208.65.153.0/24']).toBe('3491 17557');
    expect(www['1299']).toBe(17557);
    expect(www['64502']).toBe(17557);
  });

  it('the /25s are more specific than either /24: every network reaches YouTube again', () => {
    const { www } = originsAt(690);
    expect(new Set(Object.values(www))).toEqual(new Set([36561]));
  });

  it("after the hijack is withdrawn, the /24 has one origin left and the probe's history shows the outage", () => {
    const { www, r } = originsAt(900);
    expect(new Set(Object.values(www))).toEqual(new Set([36561]));
    expect(r.routes['3491']['208.65.153.0/24']).toBe('3356 36561');
    // AS 64503 (behind PCCW) was sent to Pakistan from the hijack until the /25s arrived
    expect(r.probes[WWW]['64503'].lastChangeSeconds).toBeGreaterThan(500);
    expect(r.probes[WWW]['64503'].lastChangeSeconds).toBeLessThan(501);
  });
});
