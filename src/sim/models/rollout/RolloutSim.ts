/**
 * One fleet, its rollout controller and its requests of death on one engine: what a lab runs
 * release after release on the world's engine (rolloutRuntime.ts), and what the Monte Carlo
 * builds afresh, on a private engine, for each release.
 */
import { Engine } from '../../engine/Engine';
import { RandomStream } from '../../random/RandomStream';
import { drawRelease, type Release } from './bugs';
import type { BugSpec } from './bugSpec';
import { releaseOf } from './bugs';
import type { FleetLayout } from './fleetLayout';
import { Fleet } from './Fleet';
import { planRollout } from './phases';
import { RequestsOfDeath } from './RequestOfDeath';
import { RolloutController } from './RolloutController';
import type { RolloutConfig } from './rolloutConfig';
import type { RolloutEngine } from './rolloutEngine';

export class RolloutSim<E extends RolloutEngine = RolloutEngine> {
  readonly fleet: Fleet;
  readonly rods: RequestsOfDeath;
  readonly controller: RolloutController;
  /** the version every server runs between releases */
  baseVersion = 1;
  private nextVersion = 2;
  private releases = 0;

  constructor(
    readonly engine: E,
    readonly layout: FleetLayout,
    readonly config: RolloutConfig,
    readonly seed: number,
  ) {
    const n = layout.node.length;
    this.fleet = new Fleet(engine, config, n, this.baseVersion);
    this.rods = new RequestsOfDeath(engine, this.fleet, config, n + 1);
    this.controller = new RolloutController(engine, this.fleet, this.rods, layout, config);
  }

  /**
   * Starts the next release. Its hidden bugs come from `bugs` ('random': the stated
   * distribution), its first machine and order from the release's own stream, so release k is
   * the same whatever came before it.
   */
  startRelease(bugs: BugSpec, index = this.releases): Release {
    this.settle();
    const rng = new RandomStream(this.seed, `rollout/release:${index}`);
    const release = bugs === 'random' ? drawRelease(rng) : releaseOf(bugs.map((b) => ({ ...b })));
    const plan = planRollout(this.layout, this.config.phases, rng);
    const version = this.nextVersion++;
    this.releases = index + 1;
    this.controller.start(index, release, plan, this.baseVersion, version, rng);
    return release;
  }

  /** After a release ends: shipped means every server now runs it. */
  settle(): void {
    const o = this.controller.outcome;
    if (o && !o.aborted) this.baseVersion = o.version;
  }

  /** Runs until the current release ends (on a private engine, which nothing else steps). */
  runRelease(this: RolloutSim<Engine>): void {
    while (this.controller.running && this.engine.step());
    this.settle();
  }
}

/** A fresh engine and fleet for one release (the Monte Carlo's unit of work). */
export function freshSim(
  layout: FleetLayout,
  config: RolloutConfig,
  seed: number,
): RolloutSim<Engine> {
  return new RolloutSim(new Engine(), layout, config, seed);
}
