/**
 * The overlay model in one shard: the members' probes (probing.ts), their route choices
 * (routeChoice.ts) and the flows' requests and SureRoute races (requests.ts), over the world's
 * network and whatever routes it has (BGP's, when the bgp model runs).
 */
import type * as v from 'valibot';
import type { InstalledModel, ModelContext, ModelReport } from '../../model/SimModel';
import type { World } from '../../scenario/buildWorld';
import type { OverlayCommand } from './commands';
import { overlayMembers } from './members';
import type { overlayConfigSchema } from './model';
import { DEFAULT_OVERLAY, DEFAULT_RESPONSE_BYTES, type OverlayConfig } from './overlayConfig';
import { OverlayMember } from './OverlayMember';
import { chooseAgain, type OverlayRuntime } from './OverlayRuntime';
import { startProbing } from './probing';
import { startRequests } from './requests';
import { startSummaries } from './summaries';
import { overlayEntry } from './log';

/** A chosen path as the services give it: `via` −1 direct, else the relay's node id. */
export interface OverlayChoice {
  via: number;
  rttMs: number;
  loss: number;
}

/** What the overlay offers the other models of its world (ModelContext.peer). */
export interface OverlayServices {
  /** the overlay's members, by node id */
  members(): readonly number[];
  /**
   * the path the member `from` has chosen to `to` now: null if none works, undefined if `from`
   * is not a member this shard owns or has chosen nothing yet
   */
  choice(from: number, to: number): OverlayChoice | null | undefined;
  /** the path an overlay request from `from` to `to` takes now (its race winner or choice) */
  requestPath(from: number, to: number): number | undefined;
  /** the virtual link a → b as member `at` knows it (its own, or a's row) */
  measured(at: number, a: number, b: number): OverlayChoice | undefined;
}

export function installOverlayModel(
  world: World,
  context: ModelContext,
  input: v.InferOutput<typeof overlayConfigSchema>,
): InstalledModel<OverlayCommand> {
  const flows = (input.flows ?? []).map((f) => ({
    ...f,
    bytes: f.bytes ?? DEFAULT_RESPONSE_BYTES,
  }));
  const config: OverlayConfig = { ...DEFAULT_OVERLAY, ...definedOnly(input), flows };
  const members = overlayMembers(
    world.topology,
    config.members,
    config.maxMembers,
    flows.flatMap((f) => [f.from, f.to]),
  );
  const indexOf = new Map(members.map((m, i) => [m, i]));
  const owned = new Map<number, OverlayMember>();
  for (const node of members)
    if (context.ownsNode(node))
      owned.set(node, new OverlayMember(node, members, indexOf, config.lossWindow));
  const rt: OverlayRuntime = {
    world,
    config,
    members,
    owned,
    metric: config.metric,
    counters: {},
    observations: [],
  };
  startProbing(rt);
  const requests = startRequests(rt);
  startSummaries(rt);

  const asChoice = (p: { via: number; rttNs: number; loss: number }): OverlayChoice => ({
    via: p.via,
    rttMs: p.rttNs / 1e6,
    loss: p.loss,
  });
  const services: OverlayServices = {
    members: () => members,
    choice(from, to) {
      const c = owned.get(from)?.choices.get(to);
      return c ? asChoice(c) : c;
    },
    requestPath(from, to) {
      const m = owned.get(from);
      return m && requests.overlayPath(m, to);
    },
    measured(at, a, b) {
      const l = owned.get(at)?.view(a, b);
      return l?.usable ? asChoice({ via: b, rttNs: l.rttNs, loss: l.loss }) : undefined;
    },
  };

  return {
    services,
    command(cmd: OverlayCommand): void {
      rt.metric = cmd.metric;
      for (const m of owned.values()) {
        m.choices.clear();
        chooseAgain(rt, m);
      }
    },
    report(): ModelReport {
      const observations = rt.observations;
      rt.observations = [];
      if (context.log)
        for (const o of observations) {
          const entry = overlayEntry(world.topology, o);
          if (entry) context.log(entry);
        }
      let waiting = 0;
      for (const m of owned.values()) waiting += m.outstanding.size;
      const counters = { ...rt.counters, 'overlay.probesOutstanding': waiting };
      return { counters, histograms: {}, observations };
    },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Partial<T>;
}
