/**
 * fast-check arbitraries for whole runs: a small topology and seed, a model with a load, and a
 * schedule of failures and changes (nodes and data centres down and up, links cut, lossy or
 * slow, peering withdrawn) at random times, replayed through a Run with every report checked.
 */
import { MODELS as REGISTERED } from '@sim/models/registry';
import fc from 'fast-check';
import { Run } from '@runtime/Run';
import type { SimCommand } from '@sim/models/commands';
import { ReportChecker } from '@sim/invariants/ReportChecker';
import { generateTopology } from '@sim/topology';
import { MS } from '@sim/time';

export interface RandomRun {
  seed: number;
  scale: number;
  shards: number;
  model: { id: string; config?: unknown };
  /** model commands to start with (at time 0) */
  setup: readonly unknown[];
  /** commands with their times, ms; node, data-centre and link choices are fractions of the count */
  schedule: { atMs: number; pick: number; change: Change }[];
  durationMs: number;
}

type Change =
  | { kind: 'node'; up: boolean }
  | { kind: 'dataCentre'; up: boolean }
  | { kind: 'accessLink'; up?: boolean; lossRate?: number; extraLatencyMs?: number }
  | {
      kind: 'linkClass';
      linkClass: 'firstMile' | 'backbone' | 'peering' | 'lastMile';
      lossRate: number;
    }
  | { kind: 'inflation'; inflation: number }
  | { kind: 'peering'; peered: boolean }
  | { kind: 'model'; command: unknown };

const change = (modelCommands: fc.Arbitrary<unknown>): fc.Arbitrary<Change> =>
  fc.oneof(
    fc.record({ kind: fc.constant('node' as const), up: fc.boolean() }),
    fc.record({ kind: fc.constant('dataCentre' as const), up: fc.boolean() }),
    fc.record(
      {
        kind: fc.constant('accessLink' as const),
        up: fc.boolean(),
        lossRate: fc.constantFrom(0, 0.05, 0.5, 1),
        extraLatencyMs: fc.integer({ min: 0, max: 200 }),
      },
      { requiredKeys: ['kind'] },
    ),
    fc.record({
      kind: fc.constant('linkClass' as const),
      linkClass: fc.constantFrom('firstMile', 'backbone', 'peering', 'lastMile'),
      lossRate: fc.constantFrom(0, 0.01, 0.2),
    }),
    fc.record({ kind: fc.constant('inflation' as const), inflation: fc.constantFrom(1, 1.5, 3) }),
    fc.record({ kind: fc.constant('peering' as const), peered: fc.boolean() }),
    fc.record({ kind: fc.constant('model' as const), command: modelCommands }),
  );

/** The models under test, with their loads and the model commands a schedule may hold. */
interface ModelArbitraries {
  model: fc.Arbitrary<RandomRun['model']>;
  setup: fc.Arbitrary<readonly unknown[]>;
  commands: fc.Arbitrary<unknown>;
}

const MODELS: Record<'delivery' | 'dns' | 'probe', ModelArbitraries> = {
  delivery: {
    model: fc.record({
      id: fc.constant('delivery'),
      // Short timeouts, small caches and origins, and no loss recovery make every failure
      // reason (timeouts, rejections, overload) happen within a few simulated seconds.
      config: fc.record({
        loadFactor: fc.constantFrom(0.5, 1, 3),
        requestTimeoutSeconds: fc.constantFrom(0.3, 1, 10),
        originTimeoutSeconds: fc.constantFrom(0.2, 5),
        lossRecovery: fc.boolean(),
        cacheMegabytes: fc.constantFrom(0.1, 10),
        originWorkers: fc.constantFrom(1, 8),
        originQueueLength: fc.constantFrom(0, 200),
        newConnectionShare: fc.constantFrom(0, 0.5),
      }),
    }),
    setup: fc.constant([]),
    commands: fc.oneof(
      fc.record({ type: fc.constant('delivery.setLoad'), loadFactor: fc.constantFrom(0, 1, 5) }),
      fc.record({ type: fc.constant('delivery.purge') }),
      fc.record({ type: fc.constant('delivery.publish'), object: fc.integer({ min: 0, max: 50 }) }),
    ),
  },
  dns: {
    model: fc.constant({ id: 'dns' }),
    setup: fc
      .constantFrom(0, 2, 20)
      .map((rate) => [{ type: 'dns.configure', lookupsPerClientPerSecond: rate }]),
    commands: fc.oneof(
      fc.record({ type: fc.constant('dns.configure'), oneTier: fc.boolean() }),
      fc.record({
        // which server: picked from the topology's name servers (see toCommand)
        type: fc.constant('dns.setServerUp'),
        up: fc.boolean(),
      }),
      fc.record({ type: fc.constant('dns.setTtl'), answerTtl: fc.constantFrom(0, 1, 20) }),
    ),
  },
  probe: {
    model: fc.constant({ id: 'probe' }),
    setup: fc.constant([]),
    commands: fc.constant(null),
  },
};

export function randomRun(
  modelId: keyof typeof MODELS,
  maxDurationMs = 3000,
): fc.Arbitrary<RandomRun> {
  const m = MODELS[modelId];
  return fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    scale: fc.integer({ min: 20, max: 150 }),
    shards: fc.constantFrom(1, 2),
    model: m.model,
    setup: m.setup,
    schedule: fc.array(
      fc.record({
        atMs: fc.integer({ min: 0, max: maxDurationMs - 1 }),
        pick: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        change: change(m.commands),
      }),
      { maxLength: 12 },
    ),
    durationMs: fc.integer({ min: 500, max: maxDurationMs }),
  });
}

const DNS_SERVER_KINDS = new Set(['dnsRoot', 'dnsTld', 'dnsCdnTop', 'dnsCdnLow']);

/** The command a scheduled change stands for in this topology (null: nothing to do). */
function toCommand(
  topology: ReturnType<typeof generateTopology>,
  pick: number,
  c: Change,
): unknown {
  const one = <T>(list: readonly T[]) => list[Math.floor(pick * list.length)];
  switch (c.kind) {
    case 'node':
      return { type: 'node.setUp', node: one(topology.nodes).id, up: c.up };
    case 'dataCentre':
      return topology.dataCentres.length === 0
        ? null
        : {
            type: 'dataCentre.setUp',
            dataCentre: Math.floor(pick * topology.dataCentres.length),
            up: c.up,
          };
    case 'accessLink': {
      const { kind: _, ...params } = c;
      return { type: 'link.set', link: `access:${one(topology.nodes).name}`, ...params };
    }
    case 'linkClass':
      return { type: 'linkClass.set', linkClass: c.linkClass, lossRate: c.lossRate };
    case 'inflation':
      return { type: 'network.setInflation', inflation: c.inflation };
    case 'peering': {
      const n = topology.networks.length;
      const a = Math.floor(pick * n);
      return n < 2
        ? null
        : { type: 'peering.set', networkA: a, networkB: (a + 1) % n, peered: c.peered };
    }
    case 'model': {
      const cmd = c.command as { type: string } | null;
      if (cmd?.type !== 'dns.setServerUp') return cmd;
      const servers = topology.nodes.filter((n) => DNS_SERVER_KINDS.has(n.kind));
      return servers.length === 0 ? null : { ...cmd, node: one(servers).id };
    }
  }
}

/** The run's commands with their times (setup at 0), resolved against its topology. */
export function timedCommands(r: RandomRun): { atNs: number; cmd: SimCommand }[] {
  const topology = generateTopology(r.scale, r.seed);
  const out = r.setup.map((cmd) => ({ atNs: 0, cmd: cmd as SimCommand }));
  for (const s of [...r.schedule].sort((a, b) => a.atMs - b.atMs)) {
    if (s.atMs >= r.durationMs) break;
    const cmd = toCommand(topology, s.pick, s.change);
    if (cmd !== null) out.push({ atNs: s.atMs * MS, cmd: cmd as SimCommand });
  }
  return out;
}

/**
 * Gives the commands due in [fromNs, toNs] at their times (running the run up to each) and
 * then runs to `toNs`; `beforeCommand` sees the run just before each command.
 */
export async function playCommands(
  run: Run,
  commands: readonly { atNs: number; cmd: SimCommand }[],
  toNs: number,
  beforeCommand?: () => Promise<void>,
): Promise<void> {
  for (const { atNs, cmd } of commands) {
    if (atNs < run.now || atNs > toNs) continue;
    await run.advanceTo(atNs);
    await beforeCommand?.();
    run.command(cmd);
  }
  await run.advanceTo(toNs);
}

export const runScenario = (r: RandomRun) => ({ seed: r.seed, scale: r.scale });

/**
 * Plays a random run with a report checked before every command and at the end; returns the
 * final counters and the number of reports checked.
 */
export async function playChecked(
  r: RandomRun,
): Promise<{ counters: Record<string, number>; reports: number }> {
  // assertions: the shards check their invariants, and the run checks every snapshot too.
  const run = new Run({
    scenario: runScenario(r),
    model: r.model,
    shards: r.shards,
    assertions: true,
  });
  const checker = new ReportChecker(REGISTERED);
  try {
    await run.start();
    await playCommands(run, timedCommands(r), r.durationMs * MS, async () =>
      checker.check(await run.snapshot()),
    );
    const last = await run.snapshot();
    checker.check(last);
    return { counters: last.counters, reports: checker.checked };
  } finally {
    run.dispose();
  }
}
