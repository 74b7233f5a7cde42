/**
 * The DNS resolution lab's statechart passes the lab check (every step reachable, every path
 * ends, prose everywhere). Its experiment steps, with the real models behind the machine, are
 * walked in tests/lab/labWalks.test.ts, and its newer experiments run on their own in
 * tests/lab/dnsExperiments.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/dns-resolution/index';
import { CLIENT, NAME, OTHER_CLIENT, SIBLING } from '../../labs/dns-resolution/places';
import { checkLab } from './checkLab';

const SECOND = 1e9;
const step = (role: string, kind: string, serverNode: number) => ({
  role,
  kind,
  serverNode,
  server: `${role}.example`,
  zone: 'g.akamai.net.',
  ttl: 20,
  sentAtNs: 0,
});
const resolution = (client: number, name: string) => ({
  type: 'sim.resolution',
  timeNs: 30e6,
  client,
  name,
  fromCache: false,
  steps: [
    step('root', 'referral', 0),
    step('tld', 'referral', 1),
    step('toplevel', 'referral', 3),
    step('lowlevel', 'answer', 9),
  ],
  addresses: ['10.0.0.10', '10.0.0.11'],
  startedAtNs: 0,
});

const EVENTS = [
  resolution(CLIENT, NAME),
  resolution(CLIENT, SIBLING),
  resolution(OTHER_CLIENT, NAME),
  {
    type: 'sim.connected',
    timeNs: 2e9,
    client: CLIENT,
    address: '10.0.0.11',
    tries: 2,
    handshakeNs: 12e6,
  },
  {
    type: 'sim.dnsTotals',
    timeNs: 3600e9,
    counters: { 'dns.lookups': 1600, 'dns.queries.toplevel': 9 },
    lookupLatencyMs: { count: 1600, mean: 12, p95: 60 },
  },
  ...[25, 50, 930, 3600, 3605].map((s) => ({ type: 'sim.tick', timeNs: s * SECOND })),
];

describe('the DNS resolution lab', () => {
  it('passes the lab check', () => {
    const r = checkLab(lab, { events: EVENTS });
    expect(r.states).toBeGreaterThan(lab.steps.length);
    expect(r.pathsToEnd).toBeGreaterThan(0);
  });
});
