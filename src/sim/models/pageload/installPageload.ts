/**
 * The page-load model in one shard: each configured load runs in the shard that owns its client,
 * on the world's engine, over round trips and losses from the world's route service (taken when
 * the load starts: a load lasts seconds). Packets cross the loads' own paths, not the network
 * (as the tcp model's do, for the same reason: one event per packet), so the model needs no
 * windows.
 *
 * A load with `everyS` repeats: the engine holds one pending start per spec, the next scheduled
 * as each starts (a whole multiple of everyS after startMs, so no rounding error accumulates),
 * until `untilS`. Repetitions through an edge share what a real edge would keep between them:
 * its fragments (ESI, kept per edge for every load through it) and the page's static objects,
 * held fresh at the edge once a repetition has completed (before that a repetition finds the
 * edge as the spec says). Object copies are kept per spec, so two specs through one edge compare
 * on equal terms; a restart command repeats the spec as configured (its edge copies too).
 *
 * With `overlay` the middle mile takes the overlay model's path when the load starts (straight
 * or through a relay), as the delivery model's fetches do; a `pageload.middleRoute` observation
 * records it next to the straight path.
 */
import type * as v from 'valibot';
import type { InstalledModel, ModelContext } from '../../model/SimModel';
import type { World } from '../../scenario/buildWorld';
import { MS, SECOND } from '../../time';
import { Histogram } from '../../stats/Histogram';
import { FragmentCache } from './fragmentCache';
import { middleMile, routePath } from './routePath';
import { OverlayFetches } from '../delivery/overlayFetches';
import type { OverlayServices } from '../overlay/installOverlay';
import type { MiddleRouteSeen } from './observations';
import { hashString } from '../../util/hash';
import type { PageLoadCommand } from './commands';
import type { pageloadConfigSchema, PageLoadSpec } from './model';
import { PageLoad } from './PageLoad';
import { DEFAULT_PAGELOAD, defaultConnections, type PageLoadConfig } from './pageloadConfig';
import { builtInPage, withObjectsAtEdge, type Page } from './pages';

export function installPageloadModel(
  world: World,
  context: ModelContext,
  input: v.InferOutput<typeof pageloadConfigSchema>,
): InstalledModel<PageLoadCommand> {
  const { engine, routes } = world;
  const specs = input.loads.filter((l) => context.ownsNode(l.client));
  const loads: PageLoad[] = [];
  const runsOf = new Map<string, number>();

  /** The load's settings, its path from the routes as they are now (the middle mile via `via`). */
  const configOf = (spec: PageLoadSpec, via: number): PageLoadConfig => ({
    ...DEFAULT_PAGELOAD,
    http: spec.http,
    connections: spec.connections ?? defaultConnections(spec.http),
    tls: spec.tls,
    iw: spec.iw,
    bandwidthMbps: spec.bandwidthMbps,
    warm: spec.warm,
    prefetch: spec.prefetch,
    esi: spec.esi,
    compress: spec.compress,
    delta: spec.delta,
    edgeCompute: spec.edgeCompute,
    ...routePath(routes, spec.client, spec.origin, spec.edge, via),
  });

  // The overlay's choice as the delivery model's edge servers take it (OverlayFetches): the
  // path the member in the edge's data centre uses to the origin, a relay only if it is an edge
  // server. The overlay is asked for only once every model is installed (ModelContext.peer).
  let overlay: OverlayFetches | null = null;
  const overlayFetches = () =>
    (overlay ??= new OverlayFetches(world.topology, () =>
      context.peer<OverlayServices>('overlay'),
    ));
  /** model-level observations (the overlay's routes) not yet taken by a report */
  const routesSeen: MiddleRouteSeen[] = [];

  /** The relay of the load's middle mile now (−1: straight), recorded for the views. */
  function relayOf(spec: PageLoadSpec, name: string): number {
    if (!spec.overlay || spec.edge === undefined) return -1;
    const via = overlayFetches().relayFor(spec.edge, spec.origin);
    const chosen = middleMile(routes, spec.edge, spec.origin, via);
    const direct = via < 0 ? chosen : middleMile(routes, spec.edge, spec.origin);
    routesSeen.push({
      type: 'pageload.middleRoute',
      timeNs: engine.now,
      load: name,
      edge: spec.edge,
      origin: spec.origin,
      via,
      rttMs: chosen.rttMs,
      loss: chosen.loss,
      directRttMs: direct.rttMs,
      directLoss: direct.loss,
    });
    return via;
  }

  const pageOf = (spec: PageLoadSpec): Page =>
    typeof spec.page === 'string' ? builtInPage(spec.page)! : spec.page;

  const fragmentCaches = new Map<number, FragmentCache>();
  const fragmentCacheOf = (edge: number): FragmentCache => {
    let cache = fragmentCaches.get(edge);
    if (!cache) fragmentCaches.set(edge, (cache = new FragmentCache()));
    return cache;
  };

  /** the specs (by index) whose objects their edge holds, a repetition having brought them */
  const objectsAtEdge = new Set<number>();

  function start(spec: PageLoadSpec, repetitionOf = -1): void {
    const n = runsOf.get(spec.name) ?? 0;
    runsOf.set(spec.name, n + 1);
    const name = `pageload.${spec.name}.${n}`;
    const seed = (world.scenario.seed ^ hashString(name)) >>> 0;
    // ESI: an edge keeps its fragments across the loads it serves (a load without an edge has none).
    const esi =
      spec.esi && spec.edge !== undefined
        ? { cache: fragmentCacheOf(spec.edge), nowS: engine.now / SECOND }
        : null;
    const warm = objectsAtEdge.has(repetitionOf);
    const page = warm ? withObjectsAtEdge(pageOf(spec)) : pageOf(spec);
    const load = new PageLoad(engine, seed, page, configOf(spec, relayOf(spec, name)), name, esi);
    if (repetitionOf >= 0 && spec.edge !== undefined && !warm)
      load.onDone = () => objectsAtEdge.add(repetitionOf);
    loads.push(load);
    load.start();
  }

  /** the starts scheduled so far per spec: the next one is at startMs + that many × everyS */
  const startsOf = specs.map(() => 0);
  const startNs = (spec: PageLoadSpec, k: number) =>
    Math.round(spec.startMs * MS + k * (spec.everyS ?? 0) * SECOND);
  const kStart = engine.registerKind('pageload.start', (_t, i) => {
    const spec = specs[i];
    start(spec, i);
    if (spec.everyS === undefined) return;
    const next = startNs(spec, ++startsOf[i]);
    if (spec.untilS === undefined || next < Math.round(spec.untilS * SECOND))
      engine.scheduleAt(next, 0, 0, kStart, i);
  });
  specs.forEach((spec, i) => engine.scheduleAt(startNs(spec, 0), 0, 0, kStart, i));

  return {
    ready() {
      const routed = specs.filter((s) => s.overlay);
      if (routed.length === 0) return;
      try {
        context.peer<OverlayServices>('overlay');
      } catch (e) {
        throw new Error(
          `pageload config: load '${routed[0].name}' has overlay: true, which needs the overlay model in the same world: ${(e as Error).message}`,
          { cause: e },
        );
      }
      // The overlay answers for the members this shard runs: the edge's must be one of them.
      for (const s of routed)
        if (!context.ownsNode(s.edge!))
          throw new Error(
            `pageload config: load '${s.name}' has overlay: true, so its edge must run in its client's shard (the same region)`,
          );
    },
    command(cmd) {
      const spec = specs.find((s) => s.name === cmd.load);
      if (spec) start(spec);
    },
    report() {
      const counters: Record<string, number> = {
        'pageload.loads': 0,
        'pageload.done': 0,
        'pageload.requests': 0,
        'pageload.originRequests': 0,
        'pageload.accessPackets': 0,
        'pageload.middlePackets': 0,
      };
      const observations: { timeNs: number }[] = [];
      // Rebuilt at each report from the loads (a few dozen at most): what a comparison reads.
      const loadTimes = new Histogram();
      for (const l of loads) {
        const t = l.totals();
        counters['pageload.loads']++;
        if (t.done) {
          counters['pageload.done']++;
          loadTimes.record(Math.round(t.done.pageLoadMs * MS));
        }
        counters['pageload.requests'] += t.requests.length;
        counters['pageload.originRequests'] += t.originRequests;
        counters['pageload.accessPackets'] += t.legs.access.packets;
        counters['pageload.middlePackets'] += t.legs.middle?.packets ?? 0;
        observations.push(...l.fresh.splice(0));
      }
      observations.push(...routesSeen.splice(0));
      return {
        counters,
        histograms: { 'pageload.loadTimeNs': loadTimes.toSnapshot() },
        observations: observations.sort((a, b) => a.timeNs - b.timeNs),
      };
    },
  };
}
