/**
 * The rollout controller: installs a release phase by phase, watches each phase for a soak time
 * with health checks from agents that behave like users, and rolls back on the first failed
 * check (or when told to). Leighton (2009), principle 5; Afergan, Wein, LaMeyer (2005).
 *
 * Bug triggers are per-server Poisson processes. One event per bug stands for all servers at
 * once: the superposition of d servers' processes of rate λ is a process of rate dλ that picks a
 * uniform server each time; a server that cannot show the bug right now (crashed, wrong hardware,
 * already suffering it) lets the event pass, which is exact thinning. When the number of
 * servers running the release changes the next event is drawn afresh: the processes are
 * memoryless, so that changes nothing but the rate. A leak is the exception: once a server leaks,
 * further triggers change nothing until it restarts, and firing them only to ignore them would
 * cost an event per server per trigger; so each server draws the time of its first trigger
 * instead, when it gets the release and again when it restarts.
 */
import type { RolloutEngine } from './rolloutEngine';
import type { RandomStream } from '../../random/RandomStream';
import { HOUR, MINUTE } from '../../time';
import { describeBug, type Bug, type Release } from './bugs';
import { canTalk, formatsOf } from './compatibility';
import { poisson } from './draws';
import type { FleetLayout } from './fleetLayout';
import type { Fleet } from './Fleet';
import type { RolloutPlan } from './phases';
import type { RequestsOfDeath } from './RequestOfDeath';
import type { RolloutConfig } from './rolloutConfig';

export type AbortReason = 'crashLoop' | 'crashes' | 'errors' | 'slow' | 'manual';

export interface ReleaseOutcome {
  release: number;
  version: number;
  bugs: string[];
  phases: string[];
  /** 1-based index of the last phase entered */
  phaseReached: number;
  phaseLabel: string;
  aborted: boolean;
  reason: AbortReason | null;
  detail: string;
  /** ns from the start of the release to its abort or shipping */
  durationNs: number;
  /** distinct servers that crashed, served wrong content, mismatched versions or leaked */
  serversAffected: number;
  /** minutes of one server's user traffic that failed */
  errorMinutes: number;
  crashes: number;
  longSleeps: number;
  /** distinct servers crashed by requests of death */
  requestOfDeathServers: number;
}

export interface RolloutObservation {
  type: 'sim.rolloutPhase' | 'sim.rolloutCheck' | 'sim.rolloutAborted' | 'sim.rolloutShipped';
  timeNs: number;
  release: number;
  phase: number;
  label: string;
  [key: string]: unknown;
}

interface Active {
  index: number;
  release: Release;
  plan: RolloutPlan;
  oldVersion: number;
  newVersion: number;
  rng: RandomStream;
  startNs: number;
  startErrorMinutes: number;
  horizonNs: number;
  phase: number;
  deployed: number;
  phaseEndNs: number;
  pending: number[];
  /** deployed servers by hardware type, so hardware bugs draw only among their type */
  byHardware: number[][];
  checkHandle: number;
  crashes: number;
  longSleeps: number;
}

/**
 * What the controller exchanges with servers, for drawing (it changes nothing in the run):
 * 'push', the order to install the release, to each server a phase adds; 'rollback', the order
 * to go back to the old version, to each server that ran the release; 'report', the status the
 * check reads from each server running the release that is up.
 */
export type ControlMessage = 'push' | 'rollback' | 'report';

export class RolloutController {
  private active: Active | null = null;
  /** the outcome of the last release that ended */
  outcome: ReleaseOutcome | null = null;
  onObservation: ((o: RolloutObservation) => void) | null = null;
  /** told, at the moment they happen, which servers (indices) a control message goes to or comes from */
  onMessages: ((what: ControlMessage, servers: ArrayLike<number>) => void) | null = null;
  private readonly origin: number;
  private readonly kCheck: number;
  private readonly kTrigger: number;
  private readonly kLeakSeed: number;

  constructor(
    private readonly engine: RolloutEngine,
    private readonly fleet: Fleet,
    private readonly rods: RequestsOfDeath,
    private readonly layout: FleetLayout,
    private readonly config: RolloutConfig,
  ) {
    this.origin = fleet.n;
    this.kCheck = engine.registerKind('rollout.check', () => this.check());
    this.kTrigger = engine.registerKind('rollout.trigger', (_t, b) => this.trigger(b));
    this.kLeakSeed = engine.registerKind('rollout.leakSeed', (s, b, life) =>
      this.leakSeed(s, b, life as number),
    );
    fleet.onRestart = (s) => {
      if (this.active && fleet.isNew(s)) this.armLeaks(s, () => true);
    };
  }

  get running(): boolean {
    return this.active !== null;
  }

  /** The phase being watched (1-based), or 0 when no rollout is running. */
  get phase(): number {
    return this.active ? this.active.phase + 1 : 0;
  }

  /**
   * Starts rolling out `release` as version `newVersion` over servers now running `oldVersion`.
   * `rng` draws the agents' samples and the bugs' trigger times.
   */
  start(
    index: number,
    release: Release,
    plan: RolloutPlan,
    oldVersion: number,
    newVersion: number,
    rng: RandomStream,
  ): void {
    if (this.active) throw new Error('a rollout is already running');
    this.fleet.beginRelease(index, newVersion);
    this.rods.reset();
    const c = this.config;
    this.outcome = null;
    this.active = {
      index,
      release,
      plan,
      oldVersion,
      newVersion,
      rng,
      startNs: this.engine.now,
      startErrorMinutes: this.fleet.errorMinutes(),
      horizonNs: this.engine.now + (plan.sizes.length - 1) * c.soakNs + c.worldWatchNs,
      phase: -1,
      deployed: 0,
      phaseEndNs: 0,
      pending: release.bugs.map(() => -1),
      byHardware: [],
      checkHandle: -1,
      crashes: 0,
      longSleeps: 0,
    };
    this.enterPhase(0);
  }

  /** The operator's abort: roll back now. */
  abort(): void {
    if (this.active) this.finish('manual', 'aborted by hand');
  }

  private enterPhase(p: number): void {
    const a = this.active!;
    const size = a.plan.sizes[p];
    const before = a.deployed;
    for (let i = before; i < size; i++) {
      const s = a.plan.order[i];
      this.fleet.install(s, a.newVersion);
      (a.byHardware[this.layout.hardware[s]] ??= []).push(s);
    }
    a.phase = p;
    a.deployed = size;
    this.onMessages?.('push', a.plan.order.slice(before, size));
    for (let i = before; i < size; i++) this.armLeaks(a.plan.order[i], () => true);
    // A scale-triggered leak can start on servers that already ran the release once the
    // threshold is crossed.
    const n = this.fleet.n;
    const crossed = (bug: Bug) =>
      bug.trigger === 'scale' &&
      before < (bug.scaleThreshold ?? 1) * n &&
      size >= (bug.scaleThreshold ?? 1) * n;
    for (let i = 0; i < before; i++) this.armLeaks(a.plan.order[i], crossed);
    const last = p === a.plan.sizes.length - 1;
    a.phaseEndNs = this.engine.now + (last ? this.config.worldWatchNs : this.config.soakNs);
    this.observe('sim.rolloutPhase', { servers: size, of: this.fleet.n });
    this.scheduleCheck();
    a.release.bugs.forEach((_, b) => this.scheduleTrigger(b));
  }

  private scheduleCheck(): void {
    const a = this.active!;
    const at = Math.min(this.engine.now + this.config.checkIntervalNs, a.phaseEndNs);
    a.checkHandle = this.engine.scheduleAt(at, this.origin, this.origin, this.kCheck);
  }

  private check(): void {
    const a = this.active;
    if (!a) return;
    const c = this.config;
    const w = this.fleet.takeWindow();
    a.crashes += w.crashes;
    a.longSleeps += w.longSleeps;
    if (this.onMessages) {
      const up = a.plan.order.slice(0, a.deployed).filter((s) => this.fleet.runsRelease(s));
      this.onMessages('report', up);
    }
    // The agents' requests and the errors among them: a count, so one failure among few
    // requests is loud in phase one and lost in the crowd at world scale.
    const requests = Math.round((c.agentRequestsPerServerMinute * w.serverNs) / MINUTE);
    const errors = Math.min(
      requests,
      poisson(a.rng, (c.agentRequestsPerServerMinute * w.errorNs) / MINUTE),
    );
    const errorRate = requests > 0 ? errors / requests : 0;
    const slowdown = w.serverNs > 0 ? 1 + ((c.leakSlowdown - 1) * w.slowNs) / w.serverNs : 1;
    let reason: AbortReason | null = null;
    let detail = '';
    if (w.longSleeps > 0) {
      reason = 'crashLoop';
      detail = `${w.longSleeps} server(s) in a crash loop, put to a long sleep`;
    } else if (w.crashes > c.maxCrashesPerCheck) {
      reason = 'crashes';
      detail = `${w.crashes} crashes in one check (allowed ${c.maxCrashesPerCheck})`;
    } else if (errorRate > c.maxErrorRate) {
      reason = 'errors';
      detail = `agents saw ${errors} errors in ${requests} requests (${pct(errorRate)} > ${pct(c.maxErrorRate)})`;
    } else if (slowdown > c.maxSlowdown) {
      reason = 'slow';
      detail = `downloads ${slowdown.toFixed(2)}× slower (limit ${c.maxSlowdown}×)`;
    }
    this.observe('sim.rolloutCheck', {
      requests,
      errors,
      errorRate,
      slowdown,
      crashes: w.crashes,
      longSleeps: w.longSleeps,
      passed: reason === null,
    });
    if (reason !== null && c.autoAbort) return this.finish(reason, detail);
    if (this.engine.now < a.phaseEndNs) return this.scheduleCheck();
    if (a.phase + 1 < a.plan.sizes.length) this.enterPhase(a.phase + 1);
    else this.finish(null, 'shipped to every server');
  }

  /** Draws when server `s` first meets each leak bug's trigger (see the header). */
  private armLeaks(s: number, which: (bug: Bug) => boolean): void {
    const a = this.active!;
    a.release.bugs.forEach((bug, b) => {
      if (bug.effect !== 'leak' || !which(bug) || !this.canTrigger(bug, s)) return;
      const perNs = (bug.ratePerServerHour / HOUR) * this.rateFactor(bug, a.deployed);
      if (!(perNs > 0)) return;
      const delay = a.rng.exponential(1 / perNs);
      if (this.engine.now + delay > a.horizonNs) return;
      const at = Math.max(1, Math.round(delay));
      this.engine.schedule(at, this.origin, s, this.kLeakSeed, b, this.fleet.life(s));
    });
  }

  private leakSeed(s: number, b: number, life: number): void {
    const a = this.active;
    if (!a || this.fleet.life(s) !== life || !this.fleet.runsRelease(s)) return;
    this.fleet.startLeak(s, a.release.bugs[b].leakHours ?? 4);
  }

  private canTrigger(bug: Bug, s: number): boolean {
    return bug.hardwareType === undefined || this.layout.hardware[s] === bug.hardwareType;
  }

  /** Servers a bug's trigger process covers: all that run the release, or those of its type. */
  private population(bug: Bug): number {
    const a = this.active!;
    if (bug.hardwareType === undefined) return a.deployed;
    return a.byHardware[bug.hardwareType]?.length ?? 0;
  }

  private scheduleTrigger(b: number): void {
    const a = this.active!;
    if (a.pending[b] >= 0) this.engine.cancel(a.pending[b]);
    a.pending[b] = -1;
    const bug = a.release.bugs[b];
    if (bug.effect === 'leak') return;
    const perNs =
      (bug.ratePerServerHour / HOUR) * this.population(bug) * this.rateFactor(bug, a.deployed);
    if (!(perNs > 0)) return;
    const delay = a.rng.exponential(1 / perNs);
    // Beyond the release's horizon it cannot fire before the release ends either way.
    if (this.engine.now + delay > a.horizonNs) return;
    a.pending[b] = this.engine.schedule(
      Math.max(1, Math.round(delay)),
      this.origin,
      this.origin,
      this.kTrigger,
      b,
    );
  }

  private rateFactor(bug: Bug, deployed: number): number {
    const n = this.fleet.n;
    if (bug.trigger === 'scale') return deployed >= (bug.scaleThreshold ?? 1) * n ? 1 : 0;
    // A broken message format bites whenever a server running the release talks to one still
    // on the old version: as often as the old version is common.
    if (bug.trigger === 'mixed') {
      const { old, next } = formatsOf(this.active!.release);
      return canTalk(old, next) ? 0 : (n - deployed) / n;
    }
    return 1;
  }

  private trigger(b: number): void {
    const a = this.active;
    if (!a) return;
    a.pending[b] = -1;
    const bug = a.release.bugs[b];
    const s = a.plan.order[a.rng.int(0, a.deployed - 1)];
    const hardwareFits =
      bug.hardwareType === undefined || this.layout.hardware[s] === bug.hardwareType;
    if (this.fleet.runsRelease(s) && hardwareFits) this.apply(bug, s);
    if (this.active === a) this.scheduleTrigger(b);
  }

  private apply(bug: Bug, s: number): void {
    if (bug.effect === 'crash') {
      if (bug.trigger === 'content') this.rods.start(s);
      else this.fleet.crash(s, 'crash');
    } else if (bug.effect === 'wrong') this.fleet.startWrong(s);
    else if (bug.effect === 'incompatible') this.fleet.startIncompatible(s);
  }

  private finish(reason: AbortReason | null, detail: string): void {
    const a = this.active!;
    const aborted = reason !== null;
    if (a.checkHandle >= 0) this.engine.cancel(a.checkHandle);
    for (const h of a.pending) if (h >= 0) this.engine.cancel(h);
    const w = this.fleet.takeWindow();
    a.crashes += w.crashes;
    a.longSleeps += w.longSleeps;
    if (aborted) {
      for (let i = 0; i < a.deployed; i++) this.fleet.install(a.plan.order[i], a.oldVersion);
      this.onMessages?.('rollback', a.plan.order.slice(0, a.deployed));
    }
    this.rods.stop();
    let affected = 0;
    for (let s = 0; s < this.fleet.n; s++) affected += this.fleet.affected[s];
    this.outcome = {
      release: a.index,
      version: a.newVersion,
      bugs: a.release.bugs.map(describeBug),
      phases: a.plan.labels,
      phaseReached: a.phase + 1,
      phaseLabel: a.plan.labels[a.phase],
      aborted,
      reason,
      detail,
      durationNs: this.engine.now - a.startNs,
      serversAffected: affected,
      errorMinutes: this.fleet.errorMinutes() - a.startErrorMinutes,
      crashes: a.crashes,
      longSleeps: a.longSleeps,
      requestOfDeathServers: this.rods.crashed.size,
    };
    this.observe(aborted ? 'sim.rolloutAborted' : 'sim.rolloutShipped', {
      reason,
      detail,
      version: aborted ? a.oldVersion : a.newVersion,
    });
    this.fleet.endRelease();
    this.active = null;
  }

  private observe(type: RolloutObservation['type'], extra: Record<string, unknown>): void {
    const a = this.active;
    if (!this.onObservation || !a) return;
    this.onObservation({
      type,
      timeNs: this.engine.now,
      release: a.index,
      phase: a.phase + 1,
      label: a.plan.labels[a.phase],
      ...extra,
    });
  }
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)} %`;
}
