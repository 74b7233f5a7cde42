/**
 * The whole CDN in one world (issue 16): the delivery model's client groups resolve their
 * objects' host names through the DNS model (resolvers, root, .net, the CDN's two tiers) and
 * fetch from the edge the answer names; the DNS low level answers from the delivery model's
 * load table. On 1 and 2 shards, with the same digest.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';
import { hostNameOf } from '@sim/models/delivery/DnsStub';

const NAMES = 8;
const TTL_S = 20;
const DETECTION_S = 6;
/** the sandbox page's network: a client group's last mile is an aggregate pipe */
const network = { linkClasses: { lastMile: { bandwidthBps: 10e9, queueBytes: 16_000_000 } } };
const scenario = { seed: 3, scale: 'classroom' as const, network };

interface Resolved {
  type: 'sim.clientResolved';
  timeNs: number;
  client: number;
  name: string;
  addresses: number[];
}
interface Sent {
  type: 'sim.requestSent';
  timeNs: number;
  client: number;
  edge: number;
  obj: number;
}
interface Withdrawn {
  type: 'sim.serverWithdrawn';
  timeNs: number;
  server: number;
  withdrawn: boolean;
}
interface Resolution {
  type: 'sim.resolution';
  timeNs: number;
  fromCache: boolean;
  addresses: string[];
  steps: { role: string; sentAtNs: number }[];
}
type Obs = Resolved | Sent | Withdrawn | Resolution;

interface WholeRun {
  digest: string;
  counters: Record<string, number>;
  obs: Obs[];
}

/** Runs the whole CDN for `seconds`, a snapshot a second (so no observation is dropped). */
async function whole(
  shards: number,
  seconds: number,
  sandbox: object = {},
  at: Record<number, (run: Run) => void> = {},
): Promise<WholeRun> {
  const run = new Run({
    scenario,
    model: [
      { id: 'delivery', config: { dns: true, dnsNames: NAMES, observeDns: true, ...sandbox } },
      { id: 'dns', config: { answerTtl: TTL_S } },
    ],
    shards,
  });
  try {
    await run.start();
    const obs: Obs[] = [];
    let snap = await run.snapshot();
    for (let t = 1; t <= seconds; t++) {
      at[t - 1]?.(run);
      await run.advanceTo(t * SECOND);
      snap = await run.snapshot();
      for (const o of snap.observations as Obs[])
        if (
          o.type === 'sim.clientResolved' ||
          o.type === 'sim.requestSent' ||
          o.type === 'sim.serverWithdrawn' ||
          o.type === 'sim.resolution'
        )
          obs.push(o);
    }
    return { digest: snap.digest, counters: snap.counters, obs };
  } finally {
    run.dispose();
  }
}

const of = <T extends Obs['type']>(r: WholeRun, type: T) =>
  r.obs.filter((o): o is Extract<Obs, { type: T }> => o.type === type);

/** Requests whose edge is not an address of the answer the client held for the object's name. */
function offAnswer(r: WholeRun): Sent[] {
  const held = new Map<string, number[]>();
  const wrong: Sent[] = [];
  for (const o of r.obs) {
    if (o.type === 'sim.clientResolved') held.set(`${o.client} ${o.name}`, o.addresses);
    if (o.type !== 'sim.requestSent') continue;
    const answer = held.get(`${o.client} ${hostNameOf(o.obj, NAMES)}`);
    if (answer === undefined || !answer.includes(o.edge)) wrong.push(o);
  }
  return wrong;
}

const FAIL_AT_S = 30;

describe('the whole CDN: delivery through the two-tier DNS', () => {
  it('gives the same digest, counters and observations on 1 and 2 shards, with a failure', async () => {
    const fail = { 10: (run: Run) => run.command({ type: 'node.setUp', node: 7, up: false }) };
    const one = await whole(1, 40, {}, fail);
    const two = await whole(2, 40, {}, fail);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
    expect(two.obs.length).toBe(one.obs.length);
    expect(one.counters['delivery.dns.lookups']).toBeGreaterThan(0);
  }, 120_000);

  it('refuses dns: true without the dns model in the world', async () => {
    const run = new Run({ scenario, model: { id: 'delivery', config: { dns: true } }, shards: 1 });
    await expect(run.start()).rejects.toThrow(/dns: true needs the dns model/);
    run.dispose();
  });

  it('resolves, fetches from the named edge, and drops a failed edge within TTL + detection delay', async () => {
    // Which edge to fail: the one most requests went to in a first run without a failure.
    const calm = await whole(1, FAIL_AT_S);
    const perEdge = new Map<number, number>();
    for (const s of of(calm, 'sim.requestSent'))
      perEdge.set(s.edge, (perEdge.get(s.edge) ?? 0) + 1);
    const [victim] = [...perEdge].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];

    const r = await whole(
      1,
      90,
      {},
      {
        [FAIL_AT_S]: (run) => run.command({ type: 'node.setUp', node: victim, up: false }),
      },
    );
    const failNs = FAIL_AT_S * SECOND;
    const sent = of(r, 'sim.requestSent');
    const resolved = of(r, 'sim.clientResolved');
    // Clients resolve through the DNS, and every request goes to an address of its answer.
    expect(r.counters['delivery.dns.lookups']).toBeGreaterThan(20);
    expect(r.counters['dns.lookups']).toBe(r.counters['delivery.dns.lookups']);
    expect(sent.length).toBeGreaterThan(10_000);
    expect(offAnswer(r)).toEqual([]);
    // Before the failure the victim was named and asked.
    const before = sent.filter((s) => s.timeNs < failNs && s.edge === victim).length;
    expect(before).toBeGreaterThan(100);
    expect(resolved.some((o) => o.timeNs < failNs && o.addresses.includes(victim))).toBe(true);
    // Clients still hold answers naming it for up to a TTL, and keep asking it (each such
    // request times out and goes to the answer's next address)…
    const toVictimAfter = sent.filter((s) => s.timeNs >= failNs && s.edge === victim);
    expect(toVictimAfter.length).toBeGreaterThan(0);
    expect(r.counters['delivery.dns.failovers']).toBeGreaterThan(0);
    // …but within one TTL plus the detection delay no answer names it and no request goes to it.
    const deadline = failNs + (TTL_S + DETECTION_S) * SECOND + SECOND;
    const naming = resolved.filter((o) => o.addresses.includes(victim));
    const lastNaming = Math.max(...naming.map((o) => o.timeNs));
    const lastToVictim = Math.max(...toVictimAfter.map((s) => s.timeNs));
    expect(lastNaming).toBeLessThan(deadline);
    expect(lastToVictim).toBeLessThan(deadline);
    expect(resolved.filter((o) => o.timeNs > deadline).length).toBeGreaterThan(20);
    const late = sent.filter((s) => s.timeNs > deadline);
    expect(late.filter((s) => s.edge === victim)).toEqual([]);
    expect(late.length).toBeGreaterThan(5_000);
    const namesOfVictim = new Set(naming.filter((o) => o.timeNs < failNs).map((o) => o.name));
    const moved = late.filter((s) => namesOfVictim.has(hostNameOf(s.obj, NAMES))).length;
    expect(moved).toBeGreaterThan(100);
    console.log(
      `whole CDN: failed edge ${victim} at ${FAIL_AT_S} s; last answer naming it at ` +
        `${(lastNaming / 1e9).toFixed(2)} s; last request to it at ${(lastToVictim / 1e9).toFixed(2)} s ` +
        `(${((lastToVictim - failNs) / 1e9).toFixed(2)} s after the failure; ${toVictimAfter.length} sent after it); ` +
        `${before} requests to it before; ${moved} requests for its names went to other edges ` +
        `after ${(deadline / 1e9).toFixed(0)} s; failovers ${r.counters['delivery.dns.failovers']}`,
    );
  }, 120_000);

  it('withdraws an overloaded edge from the low level’s answers (one load table)', async () => {
    const r = await whole(1, 60, { edgeCapacityRequestsPerSecond: 40 });
    const withdrawals = of(r, 'sim.serverWithdrawn');
    const withdrawnAt = (server: number, t: number) => {
      let w = false;
      for (const o of withdrawals) if (o.server === server && o.timeNs <= t) w = o.withdrawn;
      return w;
    };
    const servers = new Set(withdrawals.filter((o) => o.withdrawn).map((o) => o.server));
    expect(servers.size).toBeGreaterThan(0);
    // Answers fresh from a low-level server, and whether they named a withdrawn server: the low
    // level computed its answer after the query was sent and before the resolver got it.
    const fresh = of(r, 'sim.resolution').filter(
      (o) => !o.fromCache && o.steps.at(-1)?.role === 'lowlevel' && o.addresses.length > 0,
    );
    const nodes = (o: Resolution) => o.addresses.map((a) => Number(a.split('.')[3]));
    let during = 0;
    let namedWhileWithdrawn = 0;
    let namedBefore = 0;
    for (const o of fresh) {
      const asked = o.steps.at(-1)!.sentAtNs;
      for (const s of servers) {
        if (withdrawnAt(s, asked) && withdrawnAt(s, o.timeNs)) {
          during++;
          if (nodes(o).includes(s)) namedWhileWithdrawn++;
        }
        const first = withdrawals.find((w) => w.server === s && w.withdrawn)!.timeNs;
        if (o.timeNs < first && nodes(o).includes(s)) namedBefore++;
      }
    }
    expect(namedBefore).toBeGreaterThan(0);
    expect(during).toBeGreaterThan(0);
    expect(namedWhileWithdrawn).toBe(0);
    console.log(
      `overload: ${servers.size} servers withdrawn; ${during} fresh answers while withdrawn, none naming them; ${namedBefore} named them before`,
    );
  }, 120_000);
});
