/**
 * Each model's events in the event log (issue 20): a small run of each model, its models composed
 * as a shard composes them, once with the log given and once without. The log holds the events
 * the model is about (a lookup's queries and answers, a release's phases, checks, crashes and
 * rollback, a lossy transfer's retransmissions, a cut link's UPDATEs, a failure and a purge), and
 * the trace digest is the same with it and without it: logging changes nothing in the run.
 */
import { describe, expect, it } from 'vitest';
import { composeModels, loadInstalls } from '@sim/model/composeModels';
import type { ModelLogEntry } from '@sim/model/SimModel';
import { modelById } from '@sim/models/registry';
import { applyCommand } from '@sim/models/commands';
import { isWorldCommand, type SimCommand } from '@sim/models/commands';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { SECOND } from '@sim/time';
import { Run } from '@runtime/Run';

interface Logged extends ModelLogEntry {
  model: string;
}

interface Spec {
  scenario: { seed: number; scale: 'classroom' };
  models: { id: string; config?: unknown }[];
  commands: { atNs: number; cmd: SimCommand }[];
  untilNs: number;
}

/** Runs the world with or without the log; its digest and what was logged. */
async function runWorld(spec: Spec, withLog: boolean) {
  const world = buildWorld(parseScenario(spec.scenario));
  const digest = new TraceDigest();
  world.engine.observe(digest.observer);
  const logged: Logged[] = [];
  const uses = await loadInstalls(
    spec.models.map((m) => ({ model: modelById(m.id), config: m.config })),
  );
  const models = composeModels(world, uses, {
    ownsNode: () => true,
    changeWorld: (cmd, byModel) => {
      applyCommand(world, cmd);
      models.networkChanged(cmd, byModel);
    },
    ...(withLog && { log: (model: string, e: ModelLogEntry) => logged.push({ ...e, model }) }),
  });
  for (const { atNs, cmd } of spec.commands) {
    world.engine.runUntil(atNs);
    if (isWorldCommand(cmd)) {
      applyCommand(world, cmd);
      models.networkChanged(cmd);
    } else models.command(cmd);
  }
  world.engine.runUntil(spec.untilNs);
  // Reports are where a model on a private engine (BGP) catches up (and logs what it did).
  models.report();
  return { digest: digest.toString(), logged };
}

/** The run's log, after checking that it leaves the digest as it is without one. */
async function logOf(spec: Spec): Promise<Logged[]> {
  const [without, withLog] = [await runWorld(spec, false), await runWorld(spec, true)];
  expect(without.logged).toEqual([]);
  expect(withLog.digest).toBe(without.digest);
  return withLog.logged;
}

const kinds = (log: Logged[]) => new Set(log.map((e) => e.kind));
const CLASSROOM = { seed: 3, scale: 'classroom' as const };
const topology = () => buildWorld(parseScenario(CLASSROOM)).topology;

describe('each model writes its events in the event log, and logging changes nothing', () => {
  it('DNS: a lookup logs its queries, referrals and the answer, with name, type and TTL', async () => {
    const client = topology().nodes.find((n) => n.kind === 'client')!.id;
    const log = await logOf({
      scenario: CLASSROOM,
      models: [{ id: 'dns' }],
      commands: [{ atNs: SECOND, cmd: { type: 'dns.lookup', client, name: 'a7.g.akamai.net' } }],
      untilNs: 5 * SECOND,
    });
    expect(log.every((e) => e.model === 'dns')).toBe(true);
    const first = log[0];
    // The stub asks its resolver, recursively.
    expect(first).toMatchObject({
      kind: 'dns.query',
      nodes: [client, topology().nodes[client].resolver],
      fields: { name: 'a7.g.akamai.net', type: 'A', recursive: true },
    });
    expect(log.some((e) => e.kind === 'dns.referral')).toBe(true);
    // The last message goes back to the client: an address and its TTL.
    const last = log.at(-1)!;
    expect(last.kind).toBe('dns.answer');
    expect(last.nodes[1]).toBe(client);
    expect(last.fields.rcode).toBe('NOERROR');
    expect(String(last.fields.address)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(last.fields.ttl).toBeGreaterThan(0);
    // Every query is answered once: as many replies as queries.
    const queries = log.filter((e) => e.kind === 'dns.query').length;
    expect(log.length - queries).toBe(queries);
    expect(modelById('dns').words!.logKinds!['dns.answer'].text(last.fields)).toContain(
      `a7.g.akamai.net A ${String(last.fields.address)}`,
    );
  });

  it('DNS: a name that does not exist is answered NXDOMAIN', async () => {
    const client = topology().nodes.find((n) => n.kind === 'client')!.id;
    const log = await logOf({
      scenario: CLASSROOM,
      models: [{ id: 'dns' }],
      commands: [{ atNs: SECOND, cmd: { type: 'dns.lookup', client, name: 'nope.akamai.net' } }],
      untilNs: 5 * SECOND,
    });
    const last = log.at(-1)!;
    expect(last).toMatchObject({ kind: 'dns.answer', fields: { rcode: 'NXDOMAIN' } });
    expect(modelById('dns').words!.logKinds!['dns.answer'].text(last.fields)).toContain('NXDOMAIN');
  });

  it('rollout: a release that crashes servers logs its phase, crashes, restarts, failed check and rollback', async () => {
    const log = await logOf({
      scenario: CLASSROOM,
      models: [{ id: 'rollout', config: { checkIntervalSeconds: 30, soakSeconds: 600 } }],
      commands: [
        {
          atNs: SECOND,
          cmd: { type: 'rollout.start', bugs: 'always:crash:rate=600', phases: '1,world' },
        },
      ],
      untilNs: 20 * 60 * SECOND,
    });
    const seen = kinds(log);
    for (const k of [
      'rollout.phase',
      'rollout.crash',
      'rollout.restart',
      'rollout.check',
      'rollout.phaseDone',
      'rollout.rollback',
    ])
      expect(seen, k).toContain(k);
    expect(log[0]).toMatchObject({
      kind: 'rollout.phase',
      timeNs: SECOND,
      fields: { release: 1, phase: 1, servers: 1 },
    });
    const words = modelById('rollout').words!.logKinds!;
    expect(words['rollout.phase'].text(log[0].fields)).toBe(
      `release 1: phase 1 (1 server) began, 1 of ${Number(log[0].fields.of)} servers run it`,
    );
    // The crashes are on the one server phase one shipped to.
    const crashed = new Set(log.filter((e) => e.kind === 'rollout.crash').map((e) => e.nodes[0]));
    expect(crashed.size).toBe(1);
    expect(topology().nodes[[...crashed][0]].kind).toBe('edge');
    const failed = log.find((e) => e.kind === 'rollout.check' && e.fields.passed === false);
    expect(failed).toBeDefined();
    const rollback = log.find((e) => e.kind === 'rollout.rollback')!;
    expect(rollback.timeNs).toBe(failed!.timeNs);
    expect(words['rollout.check'].text(failed!.fields)).toMatch(
      /^check in phase 1 \(1 server\) FAILED/,
    );
    // In time order.
    expect(log.map((e) => e.timeNs)).toEqual([...log.map((e) => e.timeNs)].sort((a, b) => a - b));
  });

  it('TCP: a lossy transfer logs its losses, its retransmissions and a sample of its segments', async () => {
    const nodes = topology().nodes;
    const client = nodes.find((n) => n.kind === 'client')!.id;
    const server = nodes.find((n) => n.kind === 'edge')!.id;
    const log = await logOf({
      scenario: CLASSROOM,
      models: [
        {
          id: 'tcp',
          config: {
            connections: [
              { name: 'lossy', client, server, rttMs: 50, lossRate: 0.02, bytes: 2_000_000 },
            ],
          },
        },
      ],
      commands: [],
      untilNs: 30 * SECOND,
    });
    const retransmits = log.filter((e) => e.kind === 'tcp.retransmit');
    const lost = log.filter((e) => e.kind === 'tcp.segment' && e.fields.lost !== null);
    expect(retransmits.length).toBeGreaterThan(0);
    // Every segment the path lost is sent again.
    for (const l of lost) expect(retransmits.some((r) => r.fields.seg === l.fields.seg)).toBe(true);
    expect(kinds(log)).toContain('tcp.loss');
    const loss = log.find((e) => e.kind === 'tcp.loss')!;
    // The window after a loss is cut below the flight it was detected with.
    expect(Number(loss.fields.ssthreshBytes)).toBeLessThan(Number(loss.fields.flightBytes));
    const sampled = log.filter((e) => e.kind === 'tcp.segment' && e.fields.lost === null);
    expect(sampled.map((e) => Number(e.fields.seg) % 100)).toEqual(sampled.map(() => 0));
    expect(sampled.length).toBeGreaterThan(5);
    expect(log[0].nodes).toEqual([server, client]);
  });

  it('BGP: a cut link logs the UPDATEs that withdraw and re-announce routes', async () => {
    const log = await logOf({
      scenario: CLASSROOM,
      models: [{ id: 'bgp' }],
      commands: [{ atNs: 10 * SECOND, cmd: { type: 'bgp.cutLink', networkA: 0, networkB: 11 } }],
      untilNs: 5 * 60 * SECOND,
    });
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((e) => e.kind === 'bgp.update' && e.timeNs >= 10 * SECOND)).toBe(true);
    const withdrawals = log.filter((e) => (e.fields.withdrawn as string[]).length > 0);
    const announcements = log.filter((e) => (e.fields.nlri as string[]).length > 0);
    expect(withdrawals.length).toBeGreaterThan(0);
    expect(announcements.length).toBeGreaterThan(0);
    const text = modelById('bgp').words!.logKinds!['bgp.update'].text(announcements[0].fields);
    expect(text).toMatch(/→ .*: announces \d+\.\d+\.\d+\.\d+\/\d+ via AS \d+/);
  });

  it('overlay: a de-peering logs the paths chosen again, the races and the flow’s requests', async () => {
    const [edgeN0, edgeN1] = [6, 10];
    const log = await logOf({
      scenario: CLASSROOM,
      models: [
        { id: 'bgp' },
        {
          id: 'overlay',
          config: { flows: [{ name: 'f', from: edgeN0, to: edgeN1, everySeconds: 2 }] },
        },
      ],
      commands: [{ atNs: 60 * SECOND, cmd: { type: 'bgp.depeer', networkA: 0, networkB: 1 } }],
      untilNs: 4 * 60 * SECOND,
    });
    const overlay = log.filter((e) => e.model === 'overlay');
    expect(kinds(overlay)).toEqual(new Set(['overlay.choice', 'overlay.race', 'overlay.flow']));
    // After the de-peering the direct request fails, and a relay carries the overlay's.
    const flows = overlay.filter((e) => e.kind === 'overlay.flow' && e.timeNs > 70 * SECOND);
    expect(flows.length).toBeGreaterThan(0);
    expect(flows.every((e) => e.fields.directMs === null)).toBe(true);
    const words = modelById('overlay').words!.logKinds!['overlay.flow'];
    expect(words.text(flows.at(-1)!.fields)).toMatch(/^f: direct failed, overlay [\d.]+ ms via /);
    expect(flows.at(-1)!.nodes).toEqual([edgeN0, edgeN1]);
  }, 60_000);

  it('delivery: a failure, a recovery and a purge are logged, once', async () => {
    const edge = topology().nodes.find((n) => n.kind === 'edge')!.id;
    const log = await logOf({
      scenario: CLASSROOM,
      models: [{ id: 'delivery' }],
      commands: [
        { atNs: SECOND, cmd: { type: 'node.setUp', node: edge, up: false } },
        { atNs: 2 * SECOND, cmd: { type: 'node.setUp', node: edge, up: true } },
        { atNs: 3 * SECOND, cmd: { type: 'delivery.purge' } },
      ],
      untilNs: 4 * SECOND,
    });
    const mine = log.filter((e) => e.kind !== 'delivery.withdrawn' && e.kind !== 'delivery.spread');
    expect(mine.map((e) => [e.kind, e.timeNs, e.nodes])).toEqual([
      ['delivery.nodeDown', SECOND, [edge]],
      ['delivery.nodeUp', 2 * SECOND, [edge]],
      ['delivery.purge', 3 * SECOND, []],
    ]);
    expect(modelById('delivery').words!.logKinds!['delivery.nodeDown'].text(mine[0].fields)).toBe(
      "the server failed; the mapping's agents see it 6 s later",
    );
  });
});

describe('the runtime carries the models’ events', () => {
  it('a rollout on two shards: its events reach the snapshot once, in time order', async () => {
    const run = new Run({
      scenario: CLASSROOM,
      model: { id: 'rollout', config: { checkIntervalSeconds: 30 } },
      shards: 2,
    });
    await run.start();
    run.command({ type: 'rollout.start', bugs: 'always:crash:rate=600', phases: '1,world' });
    await run.advanceTo(5 * 60 * SECOND);
    const events = (await run.snapshot()).log.events ?? [];
    run.dispose();
    expect(events.filter((e) => e.kind === 'rollout.phase')).toHaveLength(1);
    expect(events.every((e) => e.model === 'rollout')).toBe(true);
    expect(events.some((e) => e.kind === 'rollout.crash')).toBe(true);
    const times = events.map((e) => e.timeNs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
