import {
  DEFAULT_BGP,
  parseAsTopology,
  parseBgpEvent,
  runBgp,
  type BgpConfig,
  type BgpRunResult,
} from '@sim/models/bgp';
import { parseModelCommand, parseModelConfig } from '@sim/model/SimModel';
import { bgpModel } from '@sim/models/bgp/model';
import type { BgpSeen, RoutingTreeSeen, UpdateSeen } from '@sim/models/bgp/observations';
import { installBgpModel, type BgpServices } from '@sim/models/bgp/worldBgp';
import { applyCommand, type WorldCommand } from '@sim/models/commands';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';

/** `{ ases, links }` in the runner's JSON format, run with the given events and probes. */
export function run(
  json: unknown,
  opts: {
    config?: Partial<BgpConfig>;
    events?: string[];
    probes?: string[];
    seconds?: number;
    seed?: number;
  } = {},
): BgpRunResult {
  return runBgp({
    topology: parseAsTopology(json),
    config: { ...DEFAULT_BGP, ...opts.config },
    events: (opts.events ?? []).map(parseBgpEvent),
    probes: opts.probes ?? [],
    seconds: opts.seconds ?? 600,
    seed: opts.seed ?? 1,
  });
}

export const as = (asn: number, prefixes: string[] = [], city?: string) => ({
  asn,
  prefixes,
  city,
});
export const peer = (a: number, b: number) => ({ a, b, rel: 'peer' });
export const transit = (customer: number, provider: number) => ({ customer, provider });

/**
 * The classroom Internet of seed 3 with the bgp model installed alone, as every shard would
 * (this one reporting): `config` parsed as a world's would be, commands given as a lab gives
 * them, and every report's observations kept in `seen`.
 */
export function watchedWorld(config: unknown, seed = 3) {
  const w = buildWorld(parseScenario({ seed, scale: 'classroom' }));
  const context = {
    ownsNode: () => true,
    peer: <S extends object>(): S => {
      throw new Error('no peers here');
    },
    changeWorld: (cmd: WorldCommand) => applyCommand(w, cmd),
  };
  const model = installBgpModel(w, context, parseModelConfig(bgpModel, config));
  const services = model.services as BgpServices;
  const command = (cmd: unknown) => model.command!(parseModelCommand(bgpModel, cmd));
  const seen: BgpSeen[] = [];
  /** Runs to `t` (ns) and takes the model's report; returns the report's observations. */
  const runUntil = (t: number) => {
    w.engine.runUntil(t);
    const taken = (model.report().observations ?? []) as BgpSeen[];
    seen.push(...taken);
    return taken;
  };
  const trees = (address: string) =>
    seen.filter((o): o is RoutingTreeSeen => o.type === 'bgp.tree' && o.address === address);
  const updates = () => seen.filter((o): o is UpdateSeen => o.type === 'bgp.update');
  return { w, model, services, command, seen, runUntil, trees, updates };
}
