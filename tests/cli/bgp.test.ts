import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { generateTopology } from '../../src/sim/topology';

const CLASSROOM_NETWORKS = generateTopology('classroom', 1).networks.length;

interface BgpJson {
  seed: number;
  digest: string;
  params: Record<string, unknown>;
  events: { event: string; at: number; convergenceSeconds: number; updates: number }[];
  routes: Record<string, Record<string, string | null>>;
  probes: Record<
    string,
    Record<string, { origin: number | null; lastChangeSeconds: number; noPathSeconds: number[] }>
  >;
}

async function bgp(argv: string[]): Promise<BgpJson> {
  const out = await runCli(['bgp', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as BgpJson;
}

function topologyFile(json: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'bgp-cli-'));
  const file = join(dir, 'topology.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

const FILE = {
  ases: [
    { asn: 3356, city: 'new-york', prefixes: [] },
    { asn: 1299, city: 'stockholm', prefixes: [] },
    { asn: 36561, city: 'san-jose', prefixes: ['208.65.152.0/22'] },
    { asn: 17557, city: 'karachi', prefixes: [] },
  ],
  links: [
    { a: 3356, b: 1299, rel: 'peer' },
    { customer: 36561, provider: 3356 },
    { customer: 17557, provider: 1299 },
  ],
};

describe('npm run sim -- bgp', () => {
  it('prints the documented JSON: events in the order given, routes, probes, seed and digest', async () => {
    const argv = [
      '--topology',
      topologyFile(FILE),
      '--event',
      'announce:36561:208.65.153.0/24@200',
      '--event',
      'announce:17557:208.65.153.0/24@100',
      '--probe',
      '208.65.153.238',
      '--seconds',
      '400',
    ];
    const r = await bgp(argv);
    expect(r.seed).toBe(1);
    expect(r.digest).toMatch(/^[0-9a-f]+-[0-9]+$/);
    expect(r.events.map((e) => [e.event, e.at])).toEqual([
      ['announce:36561:208.65.153.0/24@200', 200],
      ['announce:17557:208.65.153.0/24@100', 100],
    ]);
    for (const e of r.events) {
      expect(e.updates).toBeGreaterThan(0);
      expect(e.convergenceSeconds).toBeGreaterThan(0);
      expect(e.convergenceSeconds).toBeLessThan(60);
    }
    expect(r.routes['1299']['208.65.153.0/24']).toBe('17557');
    expect(r.routes['3356']['208.65.153.0/24']).toBe('36561');
    const probe = r.probes['208.65.153.238'];
    expect(Object.keys(probe).sort()).toEqual(['1299', '17557', '3356', '36561']);
    expect(probe['1299'].origin).toBe(17557);
    expect(probe['36561'].origin).toBe(36561);
    expect(probe['36561'].noPathSeconds).toHaveLength(2);
    // the same command line gives the same run
    expect((await bgp(argv)).digest).toBe(r.digest);
  });

  it('runs clique:N and ring:N, and generated Internets', async () => {
    const c = await bgp([
      '--topology',
      'clique:5',
      '--policy',
      'shortest-path',
      '--event',
      'withdraw:1:10.1.0.0/16@60',
      '--seconds',
      '300',
    ]);
    expect(c.events[0].convergenceSeconds).toBeGreaterThan(30);
    const ring = await bgp([
      '--topology',
      'ring:6',
      '--policy',
      'shortest-path',
      '--probe',
      '10.4.0.1',
      '--seconds',
      '60',
    ]);
    expect(ring.routes['1']['10.4.0.0/16']?.split(' ')).toHaveLength(3);
    const g = await bgp(['--topology', 'generated:classroom', '--seconds', '60']);
    // One AS per network of the classroom topology.
    expect(Object.keys(g.routes).length).toBe(CLASSROOM_NETWORKS);
  });

  it.each([
    [['--event', 'withdraw:99:10.1.0.0/16@10'], /AS99/],
    [['--event', 'announce:1:10.1.0.1/16@10'], /10\.1\.0\.1\/16/],
    [['--event', 'link-down:1-9@10'], /AS9/],
    [['--topology', 'ring:4', '--event', 'link-down:1-3@10'], /no link between AS1 and AS3/],
    [['--event', 'withdraw:2:10.1.0.0/16@10'], /AS2 never announces 10\.1\.0\.0\/16/],
    [['--event', 'explode:1@10'], /unknown event/],
    [['--probe', '10.1.0.256'], /10\.1\.0\.256/],
    [['--topology', 'no-such-file.json'], /no-such-file\.json/],
    [['--hold', '2'], /--hold/],
  ])('exits 2 on bad input %j, naming it', async (args, message) => {
    const out = await runCli(['bgp', '--topology', 'clique:4', ...args]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it('refuses a topology file that names an unknown AS in a link', async () => {
    const bad = { ases: [{ asn: 1, prefixes: [] }], links: [{ a: 1, b: 2, rel: 'peer' }] };
    const out = await runCli(['bgp', '--topology', topologyFile(bad)]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(/AS2/);
  });
});

describe('npm run sim -- bgpbench', () => {
  it('prints clique convergence beside (n − 3) × MRAI and the generated withdrawal with its wall time', async () => {
    const out = await runCli([
      'bgpbench',
      '--clique-from',
      '4',
      '--clique-to',
      '5',
      '--scale',
      'classroom',
      '--json',
    ]);
    expect(out.status).toBe(0);
    const r = JSON.parse(out.stdout) as {
      cliques: { n: number; convergenceSeconds: number; labovitzSeconds: number }[];
      generated: {
        networks: number;
        updates: number;
        wallSeconds: number;
        convergenceSeconds: number;
      };
    };
    expect(r.cliques.map((c) => [c.n, c.labovitzSeconds])).toEqual([
      [4, 30],
      [5, 60],
    ]);
    expect(r.generated.networks).toBe(CLASSROOM_NETWORKS);
    expect(r.generated.updates).toBeGreaterThan(0);
    expect(r.generated.wallSeconds).toBeGreaterThan(0);
  });
});
