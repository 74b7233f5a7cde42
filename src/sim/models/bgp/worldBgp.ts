/**
 * The bgp model in a world: the AS-level Internet derived from the world's networks
 * (asTopologyOf), BGP running on it in simulated time, and the world's messages routed by its
 * forwarding tables (BgpRoutes). Above 1,000 networks (or with `routes: 'policy'`) the tables
 * are computed from the policy without messages instead (bgpDrivers.ts, PolicyForwarding.ts).
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
 * - With `watch` (or `logUpdates`) the reporting shard also records the routing trees of the
 *   watched addresses (and the UPDATEs) as observations (watchRoutes.ts). Trees need at most
 *   1,000 networks (one entry per network per change; nothing could draw more); with routes
 *   computed from the policy they change at once, and there are no UPDATEs to log, so
 *   `logUpdates` is refused there. Watching adds no event to the world's engine: a world's trace
 *   is the same with or without it.
 */
import type { InstalledModel, ModelContext, ModelReport } from '../../model/SimModel';
import type { World } from '../../scenario/buildWorld';
import { linkIds } from '../../net/linkIds';
import { REGION_IDS } from '../../topology/regions';
import type { WorldCommand } from '../../worldCommands';
import type { AsTopology } from './asTopology';
import { DEFAULT_BGP, type BgpConfig } from './bgpConfig';
import { messageDriver, policyDriver, type BgpDriver } from './bgpDrivers';
import { BgpInputError } from './BgpNetwork';
import { asnOfNetwork, BgpRoutes } from './BgpRoutes';
import type { BgpCommand } from './commands';
import { asTopologyOf, MAX_MESSAGE_LEVEL_NETWORKS } from './generatedAsTopology';
import { networkRouting, type NetworkRouting } from './networkRouting';
import type { bgpConfigSchema } from './model';
import { parsePrefix, PrefixError } from './prefix';
import { WatchRoutes } from './watchRoutes';
import { bgpUpdateEntry } from './log';
import type * as v from 'valibot';

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
  const { routes: mode, watch = [], logUpdates = false, ...timers } = input;
  const config: BgpConfig = { ...DEFAULT_BGP, ...definedOnly(timers) };
  // Counted in one shard only: every shard runs the same BGP, and the runtime sums shards.
  const reporter = context.ownsNode(0);
  // Set just below: the driver's warm-up sends UPDATEs before the recorder exists (none heard).
  let watching: WatchRoutes | null = null;
  // The event log hears the UPDATEs in the reporting shard (every shard runs the same BGP).
  const log = reporter ? context.log?.bind(context) : undefined;
  const driver = driverFor(world, mode, config, {
    updateSent:
      logUpdates || log
        ? (...update) => {
            if (logUpdates) watching?.updateSent(...update);
            log?.(bgpUpdateEntry(topology, ...update));
          }
        : undefined,
  });
  watching = watchFor(world, driver, watch, logUpdates, reporter);
  const routes = new BgpRoutes(
    world.network,
    topology,
    driver.forwarding,
    nodeAddresses(world, driver.topology),
  );
  world.routes.use(routes);

  const sites = [...new Set(world.network.nodes.site)]
    .sort((x, y) => x - y)
    .map((i) => REGION_IDS[i]);
  const counters = { wakes: 0, routeChanges: 0 };
  // After every node's own events at the same instant (its origin is no node's id, nor the
  // rollout's), with its own sequence, so its place in the trace does not depend on the shard.
  const origin = topology.nodes.length + 1;
  let seq = 0;
  let wakeAt = Infinity;
  let handle = -1;

  /** Runs BGP to the world's now, and tells the world if forwarding changed. */
  function catchUp(): void {
    if (!driver.runTo(world.engine.now)) return;
    counters.routeChanges++;
    routes.forwardingChanged();
    world.routes.use(routes);
    watching?.treesAt(world.engine.now);
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
    const next = driver.nextEventNs();
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

  function asn(network: number): number {
    if (!Number.isInteger(network) || network < 0 || network >= topology.networks.length)
      throw new BgpInputError(`there is no network net-${network}`);
    return asnOfNetwork(network);
  }

  /** The two networks' ASNs; throws naming them if no AS-level link joins them. */
  function link(a: number, b: number): [number, number] {
    const pair: [number, number] = [asn(a), asn(b)];
    if (!driver.hasLink(...pair))
      throw new BgpInputError(
        `there is no AS-level link between net-${a} and net-${b} (AS${pair[0]} and AS${pair[1]})`,
      );
    return pair;
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
      throw new BgpInputError((err as PrefixError).message, { cause: err });
    }
  }

  return {
    services: { asPath: (from, to) => routes.asPath(from, to) } satisfies BgpServices,
    command(cmd: BgpCommand): void {
      try {
        switch (cmd.type) {
          case 'bgp.cutLink':
          case 'bgp.restoreLink': {
            const [a, b] = link(cmd.networkA, cmd.networkB);
            const up = cmd.type === 'bgp.restoreLink';
            carries(cmd.networkA, cmd.networkB, up);
            return act(() => driver.setLinkUp(a, b, up));
          }
          case 'bgp.silenceLink': {
            const [a, b] = link(cmd.networkA, cmd.networkB);
            carries(cmd.networkA, cmd.networkB, false);
            return act(() => driver.silence(a, b));
          }
          case 'bgp.depeer': {
            const [a, b] = link(cmd.networkA, cmd.networkB);
            return act(() => driver.depeer(a, b));
          }
          case 'bgp.announce':
          case 'bgp.withdraw': {
            const a = asn(cmd.network);
            const p = prefixOf(cmd.prefix);
            routes.routeByAddress();
            return act(() => driver.announce(a, p, cmd.type === 'bgp.announce'));
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
      if (!driver.hasAs(a) || !driver.hasAs(b) || !driver.hasLink(a, b)) return;
      act(() => (cmd.peered ? driver.setLinkUp(a, b, true) : driver.depeer(a, b)));
    },
    // Every shard runs the whole of BGP, so whichever owns the node can answer for its network.
    inspectNode: (id: number): NetworkRouting =>
      networkRouting(driver, world.network.nodes.net[id]),
    report(): ModelReport {
      if (!reporter) return { counters: {}, histograms: {} };
      return {
        counters: {
          'bgp.updates': driver.updates(),
          'bgp.routeChanges': counters.routeChanges,
          'bgp.wakes': counters.wakes,
        },
        histograms: {},
        ...(watching && { observations: watching.take() }),
      };
    },
  };
}

/**
 * Message-level BGP up to MAX_MESSAGE_LEVEL_NETWORKS networks, routes computed from the policy
 * above (or when asked); refuses what neither can do, saying why.
 */
function driverFor(
  world: World,
  mode: 'messages' | 'policy' | undefined,
  config: BgpConfig,
  listener: Parameters<typeof messageDriver>[3],
): BgpDriver & { topology: AsTopology } {
  const n = world.topology.networks.length;
  const messages = mode === 'messages' || (mode === undefined && n <= MAX_MESSAGE_LEVEL_NETWORKS);
  if (messages && n > MAX_MESSAGE_LEVEL_NETWORKS)
    throw new Error(
      `the bgp model runs message-level BGP on at most ${MAX_MESSAGE_LEVEL_NETWORKS} networks; this world has ${n} (leave 'routes' out to compute routes from the policy without messages)`,
    );
  if (!messages && config.policy !== 'gao-rexford')
    throw new Error(
      `routes computed without messages follow the gao-rexford policy only (this world has ${n} networks, above the ${MAX_MESSAGE_LEVEL_NETWORKS} of message-level BGP)`,
    );
  const topology = asTopologyOf(world.topology, world.scenario.seed);
  const driver = messages
    ? messageDriver(topology, config, world.scenario.seed, listener)
    : policyDriver(topology);
  return Object.assign(driver, { topology });
}

/**
 * The reporting shard's recorder of trees and UPDATEs (null when nothing is asked, or in other
 * shards), with the trees at the start already recorded; refuses what it cannot report.
 */
function watchFor(
  world: World,
  driver: BgpDriver,
  watch: readonly string[],
  logUpdates: boolean,
  reporter: boolean,
): WatchRoutes | null {
  const n = world.topology.networks.length;
  if (watch.length > 0 && n > MAX_MESSAGE_LEVEL_NETWORKS)
    throw new Error(
      `the bgp model draws routing trees ('watch') for at most ${MAX_MESSAGE_LEVEL_NETWORKS} networks; this world has ${n}`,
    );
  if (logUpdates && driver.kind !== 'messages')
    throw new Error(
      "'logUpdates' needs message-level BGP: routes computed from the policy send no UPDATEs",
    );
  if (!reporter || (watch.length === 0 && !logUpdates)) return null;
  const watching = new WatchRoutes(driver.forwarding, n, watch);
  watching.treesAt(world.engine.now);
  return watching;
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
