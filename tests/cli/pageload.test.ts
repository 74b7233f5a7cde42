import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { applyCommand } from '../../src/sim/models/commands';
import { exactChoice } from '../../src/sim/models/overlay/exactChoice';
import { overlayMembers } from '../../src/sim/models/overlay/members';
import { DEFAULT_OVERLAY } from '../../src/sim/models/overlay/overlayConfig';
import { buildWorld } from '../../src/sim/scenario/buildWorld';
import { parseScenario } from '../../src/sim/scenario/scenarioSchema';

/** on the classroom Internet of seed 1, the Tokyo edge's way to New York's origin */
const TROUBLE = 'peering:net-0/net-11@east-asia';

interface OverlayPath {
  loss: number;
  edgeServer: string;
  origin: string;
  middleLinks: { toOrigin: string[]; fromOrigin: string[] };
  overlay: {
    relay: string | null;
    chosen: { rttMs: number; loss: number };
    direct: { rttMs: number; loss: number };
  };
}

interface PageloadJson {
  seed: number;
  path?: unknown;
  digest: string;
  params: Record<string, unknown>;
  page: string;
  pageLoadMs: number;
  parts: {
    dnsMs: number;
    connectMs: number;
    tlsMs: number;
    firstByteMs: number;
    contentMs: number;
  };
  requests: number;
  originRequests: number;
  legs: { leg: string; packets: number; bytes: number; connectionsOpened: number }[];
  waterfall: { object: string; conn: string; lastByte: number }[];
}

async function pageload(argv: string[]): Promise<PageloadJson> {
  const out = await runCli(['pageload', ...argv, '--json']);
  expect(out.stderr).toBe('');
  expect(out.status).toBe(0);
  return JSON.parse(out.stdout) as PageloadJson;
}

describe('npm run sim -- pageload', () => {
  it('prints the load time, its parts, legs and waterfall, with seed, parameters and digest', async () => {
    const r = await pageload(['--http', '1.0', '--rtt-ms', '50', '--tls', '1.3', '--seed', '4']);
    expect(r.seed).toBe(4);
    expect(r.params.http).toBe('1.0');
    expect(r.page).toBe('microscape');
    expect(r.requests).toBe(43);
    expect(r.waterfall).toHaveLength(43);
    expect(r.legs.map((l) => l.leg)).toEqual(['access']);
    expect(r.legs[0].connectionsOpened).toBe(43);
    const p = r.parts;
    expect(p.connectMs).toBeCloseTo(50, 0);
    // One round trip, plus the 4,000-byte certificate flight's 3.5 ms at 10 Mbit/s.
    expect(p.tlsMs).toBeGreaterThan(50);
    expect(p.tlsMs).toBeLessThan(55);
    expect(p.dnsMs + p.connectMs + p.tlsMs + p.firstByteMs + p.contentMs).toBeCloseTo(
      r.pageLoadMs,
      2,
    );
    const again = await pageload([
      '--http',
      '1.0',
      '--rtt-ms',
      '50',
      '--tls',
      '1.3',
      '--seed',
      '4',
    ]);
    expect(again.digest).toBe(r.digest);
  });

  it('switches: --edge adds the middle mile, --warm shortens the load, --prefetch prefetches', async () => {
    const base = ['--page', 'portal', '--http', 'multiplexed', '--rtt-ms', '200'];
    const cold = await pageload([...base, '--edge']);
    const warm = await pageload([...base, '--edge', '--warm', '--prefetch']);
    expect(cold.legs.map((l) => l.leg)).toEqual(['access', 'middle']);
    expect(warm.pageLoadMs).toBeLessThan(cold.pageLoadMs);
    expect(warm.params.prefetch).toBe('on');
    expect(warm.originRequests).toBe(16);
  });

  it('--esi with --minutes: bytes per minute with and without ESI, and the saving', async () => {
    const r = (await pageload([
      ...['--page', 'portal', '--edge', '--warm', '--esi', '--minutes', '3', '--every-s', '10'],
    ])) as PageloadJson & {
      series: {
        perMinute: { minute: number; originResponseBytes: number; middleBytes: number }[];
        originResponseBytesPerMinute: number;
        withoutEsi: { originResponseBytesPerMinute: number };
        esiSaving: { originResponseBytes: number; middleBytes: number };
      };
    };
    expect(r.series.perMinute.map((m) => m.minute)).toEqual([0, 1, 2]);
    expect(r.series.originResponseBytesPerMinute).toBe(6 * 2_250 + 3_250);
    expect(r.series.withoutEsi.originResponseBytesPerMinute).toBe(6 * 32_250);
    expect(r.series.esiSaving.originResponseBytes).toBeCloseTo(1 - 16_750 / 193_500, 3);
  });

  it('--compress and --delta print the measured sizes of the HTML', async () => {
    const r = (await pageload(['--page', 'portal', '--compress'])) as PageloadJson & {
      html: { plainBytes: number; gzipBytes: number; gzipRatio: number; deltaBytes: number };
    };
    expect(r.html.plainBytes).toBe(32_000);
    expect(r.html.gzipRatio).toBeCloseTo(32_000 / r.html.gzipBytes, 2);
    expect(r.html.deltaBytes).toBeLessThan(r.html.gzipBytes);
    expect(r.waterfall.find((w) => w.object === 'portal.html')).toBeDefined();
  });

  it('takes the path from the topology with --client and --origin, the edge nearest the client', async () => {
    const base = ['--client', 'tokyo', '--origin', 'new-york', '--http', 'multiplexed'];
    const direct = await pageload(base);
    const viaEdge = await pageload([...base, '--edge', '--warm']);
    const path = direct.path as {
      rttMs: number;
      client: string;
      origin: string;
      edgeServer: string | null;
    };
    expect(path.client).toBe('client:tokyo-n0');
    expect(path.origin).toBe('origin:new-york');
    expect(path.edgeServer).toBeNull();
    // Tokyo to New York: about 10,850 km of great circle, 200 km per ms each way in fibre.
    expect(path.rttMs).toBeGreaterThan(108);
    expect((viaEdge.path as { edgeServer: string }).edgeServer).toMatch(/^edge:tokyo/);
    expect(viaEdge.pageLoadMs).toBeLessThan(direct.pageLoadMs);
    // The connection's handshake is the route's round trip.
    expect(direct.parts.connectMs).toBeCloseTo(path.rttMs, 0);
  });

  it('--overlay: the middle mile takes the overlay’s relay around a link in trouble', async () => {
    const base = [
      ...['--client', 'tokyo', '--origin', 'new-york', '--edge', '--warm'],
      ...['--http', 'multiplexed', '--page', 'portal'],
    ];
    const slow = [...base, '--trouble-link', TROUBLE, '--trouble-ms', '100'];
    const straight = await pageload(slow);
    const relayed = await pageload([...slow, '--overlay']);
    const p = relayed.path as OverlayPath;
    expect((straight.path as OverlayPath).middleLinks.toOrigin).toContain(TROUBLE);
    // The overlay model's own rule (routeChoice.ts) on the same links, from the edge (a member).
    const world = buildWorld(parseScenario({ seed: 1, scale: 'classroom' }));
    applyCommand(world, { type: 'link.set', link: TROUBLE, extraLatencyMs: 100 });
    const node = (name: string) => world.topology.nodes.find((n) => n.name === name)!.id;
    const members = overlayMembers(world.topology, [], DEFAULT_OVERLAY.maxMembers, []);
    const choice = exactChoice(world.routes, members, node(p.edgeServer), node(p.origin))!;
    expect(choice.via).toBeGreaterThanOrEqual(0);
    expect(p.overlay.relay).toBe(world.topology.nodes[choice.via].name);
    expect(p.overlay.direct.rttMs - p.overlay.chosen.rttMs).toBeGreaterThan(90);
    expect(relayed.pageLoadMs).toBeLessThan(straight.pageLoadMs - 150);
    // Without trouble the overlay keeps the straight path.
    const calm = (await pageload([...base, '--overlay'])).path as OverlayPath;
    expect(calm.overlay.relay).toBeNull();
    expect(calm.overlay.chosen).toEqual(calm.overlay.direct);
  });

  it('--overlay-metric loss routes around a lossy link the latency metric keeps', async () => {
    const lossy = [
      ...['--client', 'tokyo', '--origin', 'new-york', '--edge', '--warm', '--overlay'],
      ...['--http', 'multiplexed', '--page', 'portal'],
      ...['--trouble-link', 'peering:net-0/net-11@north-america', '--trouble-loss', '0.02'],
    ];
    const byLatency = await pageload(lossy);
    const byLoss = await pageload([...lossy, '--overlay-metric', 'loss']);
    expect((byLatency.path as OverlayPath).overlay.relay).toBeNull();
    expect((byLatency.path as OverlayPath).loss).toBeCloseTo(0.02, 6);
    expect((byLoss.path as OverlayPath).overlay.relay).not.toBeNull();
    expect((byLoss.path as OverlayPath).loss).toBe(0);
    expect(byLoss.pageLoadMs).toBeLessThan(byLatency.pageLoadMs);
  });

  it('reads a page file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pageload-'));
    const file = join(dir, 'page.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'mine',
        html: { bytes: 5000 },
        objects: [{ name: 'a.png', type: 'image', bytes: 20000, at: 1000 }],
      }),
    );
    const r = await pageload(['--page', file, '--http', 'pipelined']);
    expect(r.page).toBe('mine');
    expect(r.waterfall.map((w) => w.object)).toEqual(['mine.html', 'a.png']);
  });

  it.each([
    [['--http', '2.0'], /--http: '2.0' is not allowed; expected 1.0, 1.1, pipelined, multiplexed/],
    [['--tls', '1.1'], /--tls: '1.1' is not allowed/],
    [['--page', 'nope'], /--page: 'nope' is neither microscape, portal, locator nor a .json file/],
    [['--esi'], /--esi needs --edge/],
    [['--edge-compute'], /--edge-compute needs --edge/],
    [['--edge', '--esi'], /--esi: the page microscape has no fragments/],
    [['--minutes', '1.5'], /--minutes: expected a whole number/],
    [['--page', 'missing.json'], /--page: cannot read missing.json/],
    [['--warm'], /--warm needs --edge/],
    [['--prefetch'], /--prefetch needs --edge/],
    [
      ['--edge', '--edge-rtt-ms', '150', '--rtt-ms', '100'],
      /--edge-rtt-ms \(150\) must be below --rtt-ms/,
    ],
    [['--connections', '0.5'], /--connections: expected a whole number/],
    [['--loss', '2'], /--loss: expected a value from 0 to 0.5/],
    [['--client', 'tokyo'], /--client and --origin go together/],
    [
      ['--client', 'atlantis', '--origin', 'new-york'],
      /no client group in 'atlantis'; cities with clients: boston/,
    ],
    [['--client', 'tokyo', '--origin', 'atlantis'], /no origin or server in 'atlantis'/],
    [['--overlay'], /--overlay needs --edge/],
    [['--edge', '--overlay'], /--overlay needs --client and --origin/],
    [
      ['--client', 'tokyo', '--origin', 'new-york', '--trouble-link', 'backbone:net-99'],
      /no link 'backbone:net-99'/,
    ],
    [['--overlay-metric', 'speed'], /--overlay-metric: 'speed' is not allowed/],
  ])('bad input %j exits 2 naming it', async (argv, message) => {
    const out = await runCli(['pageload', ...argv]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
  });

  it.each([
    [
      {
        name: 'x',
        html: { bytes: 100 },
        objects: [{ name: 'a', type: 'image', bytes: 5, at: 500 }],
      },
      /at ≤ html.bytes/,
    ],
    [
      { name: 'x', html: { bytes: 100 }, objects: [{ name: 'a', type: 'movie', bytes: 5, at: 5 }] },
      /objects.0.type/,
    ],
    [{ name: 'x', html: { bytes: -1 }, objects: [] }, /html.bytes/],
    [{ name: 'x', html: { bytes: 100 }, objects: [], extra: 1 }, /extra: unknown field/],
  ])('a bad page file exits 2 naming what is wrong (%#)', async (page, message) => {
    const dir = mkdtempSync(join(tmpdir(), 'pageload-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(page));
    const out = await runCli(['pageload', '--page', file]);
    expect(out.status).toBe(2);
    expect(out.stderr).toMatch(message);
    writeFileSync(file, '{ not json');
    expect((await runCli(['pageload', '--page', file])).stderr).toMatch(/is not JSON/);
  });
});
