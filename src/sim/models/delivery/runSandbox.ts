/**
 * Runs the sandbox for a while in one engine and returns its statistics and trace digest: the
 * core of the `sandbox` experiment, kept free of wall-clock timing (that stays in the runner).
 *
 * A client group stands for up to hundreds of millions of users but has one access link in the
 * network model, so the last-mile class is widened here to an aggregate (10 Gbit/s, 16 MB queue);
 * one user's own download time over a 10 Mbit/s line is therefore not part of the latency.
 */
import { TraceDigest } from '../../engine/TraceDigest';
import { buildWorld, type World } from '../../scenario/buildWorld';
import { parseScenario } from '../../scenario/scenarioSchema';
import { secondsToNs } from '../../time';
import { parseScaleArg } from '../../topology/scales';
import { installSandbox } from './installSandbox';
import type { Sandbox } from './Sandbox';
import type { SandboxConfigInput } from './sandboxConfig';
import type { SandboxStats } from './sandboxStats';

export const AGGREGATE_LAST_MILE = { bandwidthBps: 10e9, queueBytes: 16_000_000 } as const;

export interface SandboxRunParams {
  /** 'classroom', '2002', '2009' or a number of edge servers */
  scale: string | number;
  /** simulated seconds to run */
  seconds: number;
  /** loss probability on every last-mile crossing (0 by default) */
  lastMileLossRate?: number;
  /** path inflation of the network model (1 by default) */
  inflation?: number;
  /** sandbox controls; anything left out takes its default */
  config?: SandboxConfigInput;
}

export interface SandboxRunResult {
  scaleName: string;
  clientGroups: number;
  edgeServers: number;
  simulatedSeconds: number;
  events: number;
  /** the configured request rate of all client groups together */
  offeredRequestsPerSecond: number;
  stats: SandboxStats;
  digest: string;
}

/** Builds the world a sandbox run uses (exported so tests can drive it step by step). */
export function buildSandboxWorld(params: SandboxRunParams, seed: number): World {
  return buildWorld(
    parseScenario({
      seed,
      scale: typeof params.scale === 'number' ? params.scale : parseScaleArg(params.scale),
      network: {
        inflation: params.inflation ?? 1,
        linkClasses: {
          lastMile: { ...AGGREGATE_LAST_MILE, lossRate: params.lastMileLossRate ?? 0 },
        },
      },
    }),
  );
}

export interface SandboxRun {
  readonly world: World;
  readonly sandbox: Sandbox;
  /** Runs until `params.seconds` of simulated time and reports. */
  run(): SandboxRunResult;
}

/**
 * Builds the world and installs the sandbox, ready to run: split from running so that a caller
 * can time set-up (topology generation) and simulation separately.
 */
export function createSandboxRun(params: SandboxRunParams, seed: number): SandboxRun {
  const world = buildSandboxWorld(params, seed);
  const digest = new TraceDigest();
  world.engine.observe(digest.observer);
  const sandbox = installSandbox(world, params.config ?? {});
  return {
    world,
    sandbox,
    run() {
      world.engine.runUntil(secondsToNs(params.seconds));
      const clients = world.topology.nodes.filter((n) => n.kind === 'client');
      let offered = 0;
      for (const n of clients) offered += sandbox.client(n.id)?.rateHz ?? 0;
      return {
        scaleName: world.topology.scale.name,
        clientGroups: clients.length,
        edgeServers: world.topology.nodes.filter((n) => n.kind === 'edge').length,
        simulatedSeconds: params.seconds,
        events: world.engine.executed,
        offeredRequestsPerSecond: offered,
        stats: sandbox.sandboxStats(),
        digest: digest.toString(),
      };
    },
  };
}

export function runSandbox(params: SandboxRunParams, seed: number): SandboxRunResult {
  return createSandboxRun(params, seed).run();
}
