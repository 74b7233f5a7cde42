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
 */
import type * as v from 'valibot';
import type { InstalledModel, ModelContext } from '../../model/SimModel';
import type { World } from '../../scenario/buildWorld';
import { MS, SECOND } from '../../time';
import { FragmentCache } from './fragmentCache';
import { routePath } from './routePath';
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

  /** The load's settings, its path from the routes as they are now. */
  const configOf = (spec: PageLoadSpec): PageLoadConfig => ({
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
    ...routePath(routes, spec.client, spec.origin, spec.edge),
  });

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
    const load = new PageLoad(engine, seed, page, configOf(spec), name, esi);
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
      for (const l of loads) {
        const t = l.totals();
        counters['pageload.loads']++;
        if (t.done) counters['pageload.done']++;
        counters['pageload.requests'] += t.requests.length;
        counters['pageload.originRequests'] += t.originRequests;
        counters['pageload.accessPackets'] += t.legs.access.packets;
        counters['pageload.middlePackets'] += t.legs.middle?.packets ?? 0;
        observations.push(...l.fresh.splice(0));
      }
      return {
        counters,
        histograms: {},
        observations: observations.sort((a, b) => a.timeNs - b.timeNs),
      };
    },
  };
}
