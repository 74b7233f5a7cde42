/**
 * `rollout [--phases 1,dc,10%,world] [--soak s] [--watch s] [--bugs spec] [--releases N]
 * [--quarantine on|off] [--scale S]`: many randomised releases shipped phase by phase (the
 * Monte Carlo of src/sim/models/rollout); prints, per release, the phase reached, why it was aborted,
 * the servers affected and the user-visible error minutes, then the histogram of abort phases,
 * and a request of death spreading with and without quarantine. Syntax of --phases and --bugs:
 * src/sim/models/rollout/phases.ts and bugSpec.ts.
 */
import { parseBugSpec, type BugSpec } from '@sim/models/rollout/bugSpec';
import { fleetLayout } from '@sim/models/rollout/fleetLayout';
import { runMonteCarlo } from '@sim/models/rollout/monteCarlo';
import { DEFAULT_PHASES, parsePhases } from '@sim/models/rollout/phases';
import { runRequestOfDeath } from '@sim/models/rollout/requestOfDeathDemo';
import { rolloutConfig } from '@sim/models/rollout/rolloutConfig';
import { SECOND } from '@sim/time';
import { generateTopology, parseScaleArg } from '@sim/topology';
import {
  choiceFlag,
  numberFlag,
  scaleFlag,
  UsageError,
  type Experiment,
  type FlagSpec,
} from '../experiment';

const round1 = (x: number) => Math.round(x * 10) / 10;

function checkedText(help: string, def: string, check: (raw: string) => unknown): FlagSpec {
  return {
    help,
    default: def,
    parse(raw) {
      try {
        check(raw);
      } catch (err) {
        throw new UsageError((err as Error).message);
      }
      return raw;
    },
  };
}

export const rolloutExperiment: Experiment = {
  name: 'rollout',
  summary: 'phased software releases with latent bugs: where they are aborted, what users see',
  flags: {
    scale: scaleFlag('2002'),
    phases: checkedText(
      'comma-separated phases: N servers, P%, dc, region or world (last: world or 100%)',
      DEFAULT_PHASES,
      parsePhases,
    ),
    soak: numberFlag('seconds each phase but the last is watched', 3_600, {
      min: 1,
      max: 604_800,
    }),
    watch: numberFlag('seconds the world phase is watched before the release ships', 86_400, {
      min: 1,
      max: 2_592_000,
    }),
    check: numberFlag('seconds between health checks', 300, { min: 1, max: 86_400 }),
    bugs: checkedText(
      "'random' (the stated distribution), 'none', or TRIGGER:EFFECT[:k=v,...] joined by +",
      'random',
      parseBugSpec,
    ),
    releases: numberFlag('releases to ship', 100, { min: 1, max: 100_000, integer: true }),
    quarantine: choiceFlag(
      "constrain each customer's content to a bounded set of servers",
      'on',
      (raw) => (raw === 'on' || raw === 'off' ? raw : undefined),
      'on or off',
    ),
    'set-size': numberFlag('servers in each customer’s set under quarantine', 4, {
      min: 1,
      max: 1_000,
      integer: true,
    }),
  },
  run(p, seed) {
    const topology = generateTopology(parseScaleArg(String(p.scale)), seed);
    const layout = fleetLayout(topology);
    const config = rolloutConfig({
      phases: parsePhases(String(p.phases)),
      soakNs: Math.round(Number(p.soak) * SECOND),
      worldWatchNs: Math.round(Number(p.watch) * SECOND),
      checkIntervalNs: Math.round(Number(p.check) * SECOND),
      quarantine: p.quarantine === 'on',
      quarantineSetSize: Number(p['set-size']),
    });
    const bugs: BugSpec = parseBugSpec(String(p.bugs));
    const mc = runMonteCarlo(layout, config, { releases: Number(p.releases), seed, bugs });
    const requestOfDeath = {
      off: runRequestOfDeath(layout, config, { seed, quarantine: false }),
      on: runRequestOfDeath(layout, config, { seed, quarantine: true }),
    };
    return {
      servers: layout.node.length,
      phases: config.phases.map((_, i) => mc.releases[0]?.phases[i]),
      releases: mc.releases.map((r) => ({
        release: r.release,
        phaseReached: r.phaseReached,
        phase: r.phaseLabel,
        aborted: r.aborted,
        reason: r.reason,
        serversAffected: r.serversAffected,
        errorMinutes: round1(r.errorMinutes),
        bugs: r.bugs.join(' + ') || 'none',
      })),
      abortPhaseHistogram: mc.abortPhaseHistogram,
      aborted: mc.releases.length - mc.shipped,
      shipped: mc.shipped,
      shippedWithBugs: mc.shippedWithBugs,
      errorMinutes: round1(mc.errorMinutes),
      quarantine: {
        mode: p.quarantine,
        setSize: config.quarantineSetSize,
        requestOfDeath: {
          minutes: 30,
          off: { ...requestOfDeath.off, errorMinutes: round1(requestOfDeath.off.errorMinutes) },
          on: { ...requestOfDeath.on, errorMinutes: round1(requestOfDeath.on.errorMinutes) },
        },
      },
      digest: mc.digest,
    };
  },
};
