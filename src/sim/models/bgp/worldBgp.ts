/**
 * The bgp model in a world: the AS-level Internet derived from the world's networks
 * (asTopologyOf), BGP running on it in simulated time, and the world's messages routed by its
 * forwarding tables (BgpRoutes).
 *
 * - BGP runs on a private engine, as the rollout does: the world's engine carries a wake-up at
 *   the time of BGP's next event, which runs BGP to that instant. Every shard runs the whole of
 *   BGP (it is the same in all of them), so every shard wakes at the same instants; the wake-ups
 *   are every-shard events, which a split run's trace counts once.
 * - The Internet was converged long before the lab starts: at install BGP runs until it has been
 *   quiet for two MRAI intervals (the warm-up), and BGP's clock then runs that far ahead of the
 *   world's.
 * - When a forwarding table changes, the provider forgets its paths and the world hears of it
 *   through the route service (`routes.use` with the same provider, whose listeners are the
 *   models that keep something derived from a route), once per wake-up.
 * - The world's `peering.set` is a de-peering (or its end) here too, so a sandbox's de-peering
 *   and the model's own are one event.
 */
import { Engine } from '../../engine/Engine';
import type { InstalledModel, ModelContext, ModelReport } from '../../model/SimModel';
import type { World } from '../../scenario/buildWorld';
import { linkIds } from '../../net/linkIds';
import { secondsToNs } from '../../time';
import { REGION_IDS } from '../../topology/regions';
import type { WorldCommand } from '../../worldCommands';
import type { AsTopology } from './asTopology';
import { DEFAULT_BGP, type BgpConfig } from './bgpConfig';
import { BgpInputError, BgpNetwork } from './BgpNetwork';
import { asnOfNetwork, BgpRoutes } from './BgpRoutes';
import type { BgpCommand } from './commands';
import { asTopologyOf, MAX_MESSAGE_LEVEL_NETWORKS } from './generatedAsTopology';
import type { bgpConfigSchema } from './model';
import { parsePrefix, PrefixError } from './prefix';
import type * as v from 'valibot';

/** Warm-up stops here even if BGP is still busy (a topology that never settles). */
const MAX_WARMUP_SECONDS = 3600;

/** What the bgp model offers the other models of its world (ModelContext.peer). */
export interface BgpServices {
  /** the networks a message from node `from` to node `to` crosses now (empty: no route) */
  asPath(from: number, to: number): readonly number[];
}

export function installBgpModel(
  world: World,
  context: ModelContext,
  input: v.InferOutput<typeof bgpConfigSchema>,
): InstalledModel<BgpCommand> {
  const { topology } = world;
  if (topology.networks.length > MAX_MESSAGE_LEVEL_NETWORKS)
    throw new Error(
      `the bgp model runs message-level BGP on at most ${MAX_MESSAGE_LEVEL_NETWORKS} networks; this world has ${topology.networks.length} (routes computed from the policy without messages are not built yet)`,
    );
  const config: BgpConfig = { ...DEFAULT_BGP, ...definedOnly(input) };
  const asTopology = asTopologyOf(topology, world.scenario.seed);
  const engine = new Engine();
  let changed = false;
  const bgp = new BgpNetwork(engine, asTopology, config, world.scenario.seed, {
    forwardingChanged: () => {
      changed = true;
    },
  });
  const offsetNs = warmUp(engine, bgp, config);
  const routes = new BgpRoutes(world.network, topology, bgp, nodeAddresses(world, asTopology));
  world.routes.use(routes);
  changed = false;

  const sites = [...new Set(world.network.nodes.site)]
    .sort((x, y) => x - y)
    .map((i) => REGION_IDS[i]);
  const counters = { wakes: 0, routeChanges: 0 };
  const updatesAtStart = bgp.updatesSent;
  // Counted in one shard only: every shard runs the same BGP, and the runtime sums shards.
  const reporter = context.ownsNode(0);
  // After every node's own events at the same instant (its origin is no node's id, nor the
  // rollout's), with its own sequence, so its place in the trace does not depend on the shard.
  const origin = topology.nodes.length + 1;
  let seq = 0;
  let wakeAt = Infinity;
  let handle = -1;

  /** Runs BGP to the world's now, and tells the world if forwarding changed. */
  function catchUp(): void {
    const now = world.engine.now + offsetNs;
    engine.runUntil(now);
    while (engine.nextEventTime() <= now) engine.step();
    if (!changed) return;
    changed = false;
    counters.routeChanges++;
    routes.forwardingChanged();
    world.routes.use(routes);
  }

  const wake = world.engine.registerKind(
    'bgp.wake',
    () => {
      wakeAt = Infinity;
      counters.wakes++;
      catchUp();
      plan();
    },
    { everyShard: true },
  );

  function plan(): void {
    const next = engine.nextEventTime() - offsetNs;
    if (next === wakeAt) return;
    if (wakeAt !== Infinity) world.engine.cancel(handle);
    wakeAt = next;
    if (next !== Infinity) handle = world.engine.scheduleKeyed(next, origin, seq++, origin, wake);
  }
  plan();

  /** Applies a change to BGP now, in every shard alike. */
  function act(change: () => void): void {
    catchUp();
    change();
    catchUp();
    plan();
  }

  function speaker(network: number): number {
    if (!Number.isInteger(network) || network < 0 || network >= topology.networks.length)
      throw new BgpInputError(`there is no network net-${network}`);
    return bgp.index(asnOfNetwork(network));
  }

  function link(a: number, b: number) {
    speaker(a);
    speaker(b);
    try {
      return bgp.link(asnOfNetwork(a), asnOfNetwork(b));
    } catch (err) {
      throw new BgpInputError(
        `there is no AS-level link between net-${a} and net-${b} (AS${asnOfNetwork(a)} and AS${asnOfNetwork(b)})`,
        { cause: err },
      );
    }
  }

  /**
   * A cut cable carries nothing: the world's peering links between the two networks, at every
   * site, go down with it (what is on its way over them is lost), and come back with it.
   */
  function carries(a: number, b: number, up: boolean): void {
    for (const site of sites)
      context.changeWorld({ type: 'link.set', link: linkIds.peering(a, b, site), up });
  }

  function prefixOf(text: string) {
    try {
      return parsePrefix(text);
    } catch (err) {
      throw new BgpInputError((err as PrefixError).message);
    }
  }

  return {
    services: { asPath: (from, to) => routes.asPath(from, to) } satisfies BgpServices,
    command(cmd: BgpCommand): void {
      try {
        switch (cmd.type) {
          case 'bgp.cutLink': {
            const l = link(cmd.networkA, cmd.networkB);
            carries(cmd.networkA, cmd.networkB, false);
            return act(() => bgp.linkDown(l));
          }
          case 'bgp.restoreLink': {
            const l = link(cmd.networkA, cmd.networkB);
            carries(cmd.networkA, cmd.networkB, true);
            return act(() => bgp.linkUp(l));
          }
          case 'bgp.depeer': {
            const l = link(cmd.networkA, cmd.networkB);
            return act(() => bgp.depeer(speaker(cmd.networkA), l));
          }
          case 'bgp.announce': {
            const s = speaker(cmd.network);
            const p = prefixOf(cmd.prefix);
            return act(() => bgp.originate(s, p));
          }
          case 'bgp.withdraw': {
            const s = speaker(cmd.network);
            const p = prefixOf(cmd.prefix);
            return act(() => bgp.withdraw(s, p));
          }
        }
      } catch (err) {
        if (err instanceof BgpInputError)
          throw new Error(`bad command: ${cmd.type}: ${err.message}`, { cause: err });
        throw err;
      }
    },
    networkChanged(cmd: WorldCommand): void {
      // The world's de-peering is BGP's: where the two networks have a session, it closes
      // (or, peered again, reopens); networks without one were never routed through each other.
      if (cmd.type !== 'peering.set') return;
      const a = asnOfNetwork(cmd.networkA);
      const b = asnOfNetwork(cmd.networkB);
      if (!bgp.hasAs(a) || !bgp.hasAs(b)) return;
      let l;
      try {
        l = bgp.link(a, b);
      } catch {
        return;
      }
      const target = l;
      act(() => (cmd.peered ? bgp.linkUp(target) : bgp.depeer(bgp.index(a), target)));
    },
    report(): ModelReport {
      if (!reporter) return { counters: {}, histograms: {} };
      return {
        counters: {
          'bgp.updates': bgp.updatesSent - updatesAtStart,
          'bgp.routeChanges': counters.routeChanges,
          'bgp.wakes': counters.wakes,
        },
        histograms: {},
      };
    },
  };
}

/**
 * Runs BGP from its start until no UPDATE has been sent for two MRAI intervals (every timer
 * that could still release one has expired), in steps of ten seconds. Returns BGP's time then.
 */
function warmUp(engine: Engine, bgp: BgpNetwork, config: BgpConfig): number {
  const step = secondsToNs(10);
  const quiet = secondsToNs(2 * config.mraiSeconds + 2 * config.batchSeconds + 1);
  const max = secondsToNs(MAX_WARMUP_SECONDS);
  let t = 0;
  do {
    t += step;
    engine.runUntil(t);
  } while (t - Math.max(0, bgp.lastUpdateNs) < quiet && t < max);
  return t;
}

/**
 * Each node's address: its network's prefix (10.x.y.0/24, see asTopologyOf) and a host part from
 * its place among its network's nodes, so a more specific announcement covers some of them.
 */
function nodeAddresses(world: World, asTopology: AsTopology): Float64Array {
  const { nodes } = world.network;
  const out = new Float64Array(nodes.count);
  const seen = new Map<number, number>();
  for (let i = 0; i < nodes.count; i++) {
    const net = nodes.net[i];
    const k = seen.get(net) ?? 0;
    seen.set(net, k + 1);
    out[i] = asTopology.ases[net].prefixes[0].address + 1 + (k % 254);
  }
  return out;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;
}
