import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { addressNode, RESOLVER_TIMEOUT_NS } from '@sim/models/dns';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';

interface Step {
  role: string;
  server: string;
  zone: string;
  kind: string;
  ttl: number | null;
  timeoutMs: number;
}
interface Lookup {
  t: number;
  name: string;
  steps: Step[];
  answer: { addresses: string[]; ttl: number } | null;
  latencyMs: number;
  connected: { address: string; tries: number; handshakeMs: number } | null;
}

async function dns(argv: string[]) {
  const out = await runCli(['dns', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as { seed: number; digest: string; lookups: Lookup[] };
}

const kinds = (l: Lookup) => l.steps.map((s) => `${s.role}:${s.kind}`);

describe('npm run sim -- dns', () => {
  it('prints the documented JSON: steps in order, answer, latency, seed and digest', async () => {
    const r = await dns([
      '--lookup',
      '1:a7.g.akamai.net',
      '--lookup',
      '5:a7.g.akamai.net',
      '--lookup',
      '6:a8.g.akamai.net',
      '--seed',
      '3',
    ]);
    expect(r.seed).toBe(3);
    expect(r.digest).toMatch(/^[0-9a-f]{16}-\d+$/);
    const [cold, cached, sibling] = r.lookups;
    expect(cold).toMatchObject({ t: 1, name: 'a7.g.akamai.net' });
    expect(cold.steps).toEqual([
      // a cold resolver knows no server yet: each first query waits Unbound's 376 ms at most
      {
        role: 'root',
        server: 'a.root-servers.net',
        zone: '.',
        kind: 'referral',
        ttl: 172800,
        timeoutMs: 376,
      },
      {
        role: 'tld',
        server: 'a.gtld-servers.net',
        zone: 'net.',
        kind: 'referral',
        ttl: 172800,
        timeoutMs: 376,
      },
      expect.objectContaining({
        role: 'toplevel',
        zone: 'akamai.net.',
        kind: 'referral',
        ttl: 3600,
      }),
      expect.objectContaining({ role: 'lowlevel', zone: 'g.akamai.net.', kind: 'answer', ttl: 20 }),
    ]);
    expect(cold.answer!.ttl).toBe(20);
    expect(cold.answer!.addresses.length).toBeGreaterThanOrEqual(2);
    expect(cold.latencyMs).toBeGreaterThan(0);
    expect(cached.steps).toEqual([]);
    expect(cached.answer!.addresses).toEqual(cold.answer!.addresses);
    expect(kinds(sibling)).toEqual(['lowlevel:answer']);
  });

  it('the same seed gives the same digest; TTL flags change the TTLs handed out', async () => {
    const argv = ['--lookup', '1:a7.g.akamai.net', '--lookup', '40:a7.g.akamai.net'];
    const a = await dns(argv);
    const b = await dns(argv);
    expect(b.digest).toBe(a.digest);
    const short = await dns([...argv, '--answer-ttl', '60', '--delegation-ttl', '30']);
    expect(short.lookups[0].steps.map((s) => s.ttl).slice(2)).toEqual([30, 60]);
    // at 40 s: the answer (60 s) is still cached although the delegation (30 s) is not
    expect(short.lookups[1].steps).toEqual([]);
    expect(short.digest).not.toBe(a.digest);
  });

  it('a failed low-level server costs a timeout and the next server of the NS set is asked', async () => {
    const base = await dns(['--lookup', '1:a7.g.akamai.net']);
    const first = base.lookups[0].steps[3].server; // e.g. n4g.akamai.net: data centre 4
    const index = Number(/^n(\d+)g/.exec(first)![1]);
    const r = await dns([
      '--lookup',
      '1:a7.g.akamai.net',
      '--lookup',
      '30:a8.g.akamai.net',
      '--fail',
      `lowlevel:${index}@20`,
    ]);
    const retry = r.lookups[1];
    expect(kinds(retry)).toEqual(['lowlevel:timeout', 'lowlevel:answer']);
    expect(retry.steps[0].server).toBe(first);
    expect(retry.steps[1].server).not.toBe(first);
    // the wait is the silent server's timeout: 376 ms at first, less once it has answered
    expect(retry.steps[0].timeoutMs).toBeLessThanOrEqual(RESOLVER_TIMEOUT_NS / 1e6);
    expect(retry.latencyMs).toBeGreaterThan(retry.steps[0].timeoutMs);
  });

  it('a dead edge: the client falls back to the next address', async () => {
    const base = await dns(['--lookup', '1:a7.g.akamai.net']);
    const [first, second] = base.lookups[0].answer!.addresses;
    expect(base.lookups[0].connected).toMatchObject({ address: first, tries: 1 });
    const world = buildWorld(parseScenario({ seed: 1, scale: 'classroom' }));
    const edges = world.topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
    const index = edges.indexOf(addressNode(first));
    // the edge dies after the answer is cached: the resolver still hands it out first
    const r = await dns([
      '--lookup',
      '1:a7.g.akamai.net',
      '--lookup',
      '5:a7.g.akamai.net',
      '--fail',
      `edge:${index}@3`,
    ]);
    expect(r.lookups[1].steps).toEqual([]);
    expect(r.lookups[1].answer!.addresses[0]).toBe(first);
    expect(r.lookups[1].connected).toMatchObject({ address: second, tries: 2 });
  });

  it('bad flags exit with status 2 and say what is expected', async () => {
    for (const argv of [
      ['--lookup', 'soon:a7.g.akamai.net'],
      ['--fail', 'dns:0@5'],
      ['--client', 'atlantis'],
      ['--fail', 'root:99@1'],
    ]) {
      const out = await runCli(['dns', ...argv]);
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(/error: /);
    }
  });

  it('a distant public resolver: a far edge without client subnet, a near one with it', async () => {
    const argv = ['--client', 'london', '--public-resolver', 'washington'];
    const off = await dns([...argv, '--client-subnet', 'off']);
    const on = await dns([...argv, '--client-subnet', 'on']);
    const far = off.lookups[0].connected!.handshakeMs;
    const near = on.lookups[0].connected!.handshakeMs;
    expect(on.lookups[0].answer!.addresses).not.toEqual(off.lookups[0].answer!.addresses);
    expect(near).toBeLessThan(far / 3);
  });
});
