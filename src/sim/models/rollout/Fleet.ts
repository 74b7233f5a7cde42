/**
 * The edge servers' live state during rollouts: which version each runs, whether it is up,
 * crashed (restarting) or in a long sleep, whether the mapping has noticed, and the effects of
 * bugs it is suffering. It also integrates, over simulated time, what users and the agents see.
 *
 * Level of detail: no single request is simulated. Each server carries one unit of user traffic;
 * a server that is down but still mapped fails all of it, one serving wrong content or failing
 * version-mismatched requests fails a share of it, and when too many servers are out for the rest
 * to absorb their load the excess fails too. "Error minutes" are minutes of one server's traffic
 * that failed.
 */
import type { RolloutEngine } from './rolloutEngine';
import { hashString, keyedUniform } from '../../util/hash';
import { HOUR } from '../../time';
import type { RolloutConfig } from './rolloutConfig';

export const UP = 0;
export const DOWN = 1;
export const ASLEEP = 2;

export type CrashCause = 'crash' | 'leak' | 'requestOfDeath';

export interface FleetEvent {
  type: 'sim.serverCrashed' | 'sim.serverLongSleep' | 'sim.serverRestarted';
  timeNs: number;
  server: number;
  cause?: CrashCause;
}

/** Integrals over one health-check window, of the servers running the release. */
export interface CheckWindow {
  /** server-ns the agents could send requests to (up, or down but still mapped) */
  serverNs: number;
  /** server-ns of failing traffic */
  errorNs: number;
  /** server-ns of slow downloads */
  slowNs: number;
  crashes: number;
  longSleeps: number;
}

const LEAK_KEY = hashString('rollout/leak-jitter');

export class Fleet {
  readonly n: number;
  readonly version: Uint16Array;
  readonly status: Uint8Array;
  /** the mapping knows the server is out and sends nobody to it */
  readonly mappedOut: Uint8Array;
  readonly wrong: Uint8Array;
  readonly incompatible: Uint8Array;
  readonly leaking: Uint8Array;
  readonly slow: Uint8Array;
  /** ever crashed, served wrong content, mismatched or leaked under the current release */
  readonly affected: Uint8Array;
  /** bumped on crash and restart: stale detect/restart events see a different value */
  private readonly lifeEpoch: Uint32Array;
  /** bumped on crash and rollback: stale effect events (end of wrong content, leak) are ignored */
  private readonly effectEpoch: Uint32Array;
  private readonly crashTimes: Float64Array;
  /** the release being rolled out; 0 when none */
  newVersion = 0;
  release = 0;
  onEvent: ((e: FleetEvent) => void) | null = null;
  /** told when a server comes back, so the controller can arm its per-server triggers again */
  onRestart: ((s: number) => void) | null = null;

  // Counts by class (0: other versions, 1: the release): what the error levels are made of.
  private readonly cUp = [0, 0];
  private readonly cDownMapped = [0, 0];
  private readonly cWrong = [0, 0];
  private readonly cIncompatible = [0, 0];
  private readonly cSlow = [0, 0];
  private lastNs = 0;
  private userErrorNs = 0;
  private window: CheckWindow = emptyWindow();

  private readonly kDetect: number;
  private readonly kRestart: number;
  private readonly kWrongEnd: number;
  private readonly kIncompatibleEnd: number;
  private readonly kLeakSlow: number;
  private readonly kLeakOom: number;

  constructor(
    private readonly engine: RolloutEngine,
    private readonly config: RolloutConfig,
    n: number,
    initialVersion = 1,
  ) {
    this.n = n;
    this.version = new Uint16Array(n).fill(initialVersion);
    this.status = new Uint8Array(n);
    this.mappedOut = new Uint8Array(n);
    this.wrong = new Uint8Array(n);
    this.incompatible = new Uint8Array(n);
    this.leaking = new Uint8Array(n);
    this.slow = new Uint8Array(n);
    this.affected = new Uint8Array(n);
    this.lifeEpoch = new Uint32Array(n);
    this.effectEpoch = new Uint32Array(n);
    this.crashTimes = new Float64Array(n * config.crashLoopCount).fill(-Infinity);
    this.cUp[0] = n;
    this.kDetect = engine.registerKind('rollout.detect', (s, e) => this.detect(s, e));
    this.kRestart = engine.registerKind('rollout.restart', (s, e) => this.restart(s, e));
    this.kWrongEnd = engine.registerKind('rollout.wrongEnd', (s, e) => this.endWrong(s, e));
    this.kIncompatibleEnd = engine.registerKind('rollout.incompatibleEnd', (s, e) =>
      this.endIncompatible(s, e),
    );
    this.kLeakSlow = engine.registerKind('rollout.leakSlow', (s, e) => this.leakSlow(s, e));
    this.kLeakOom = engine.registerKind('rollout.leakOom', (s, e) => {
      if (this.effectEpoch[s] === e) this.crash(s, 'leak');
    });
  }

  isNew(s: number): boolean {
    return this.newVersion !== 0 && this.version[s] === this.newVersion;
  }

  /** Up and running the release: where its bugs can show. */
  runsRelease(s: number): boolean {
    return this.status[s] === UP && this.isNew(s);
  }

  // --- version changes -------------------------------------------------------------------

  install(s: number, version: number): void {
    this.change(s, () => {
      this.version[s] = version;
      this.clearEffects(s);
    });
  }

  /** Starts counting a new release: servers affected and the check window start afresh. */
  beginRelease(release: number, newVersion: number): void {
    this.integrate();
    this.newVersion = 0;
    this.recount();
    this.newVersion = newVersion;
    this.release = release;
    this.affected.fill(0);
    this.window = emptyWindow();
  }

  /** The release is over (shipped or rolled back): its servers count as ordinary from now on. */
  endRelease(): void {
    this.integrate();
    this.newVersion = 0;
    this.recount();
  }

  // --- failures --------------------------------------------------------------------------

  /** Fails the server cleanly; it restarts from its last known good state, or sleeps long. */
  crash(s: number, cause: CrashCause): void {
    if (this.status[s] !== UP) return;
    const now = this.engine.now;
    const k = this.config.crashLoopCount;
    const times = this.crashTimes;
    // Shift in this crash; the oldest of the last k crashes tells whether they form a loop.
    for (let i = k - 1; i > 0; i--) times[s * k + i] = times[s * k + i - 1];
    times[s * k] = now;
    const loop = now - times[s * k + k - 1] <= this.config.crashWindowNs;
    const isNew = this.isNew(s);
    this.change(s, () => {
      this.status[s] = loop ? ASLEEP : DOWN;
      this.mappedOut[s] = 0;
      this.clearEffects(s);
      this.affected[s] = 1;
      this.lifeEpoch[s]++;
    });
    if (isNew) {
      this.window.crashes++;
      if (loop) this.window.longSleeps++;
    }
    const epoch = this.lifeEpoch[s];
    this.engine.schedule(this.config.detectionNs, s, s, this.kDetect, epoch);
    this.engine.schedule(
      loop ? this.config.longSleepNs : this.config.restartNs,
      s,
      s,
      this.kRestart,
      epoch,
    );
    this.emit('sim.serverCrashed', s, cause);
    if (loop) this.emit('sim.serverLongSleep', s);
  }

  private detect(s: number, epoch: number): void {
    if (this.lifeEpoch[s] !== epoch || this.status[s] === UP) return;
    this.change(s, () => (this.mappedOut[s] = 1));
  }

  private restart(s: number, epoch: number): void {
    if (this.lifeEpoch[s] !== epoch) return;
    this.change(s, () => {
      this.status[s] = UP;
      this.mappedOut[s] = 0;
      this.lifeEpoch[s]++;
    });
    this.emit('sim.serverRestarted', s);
    this.onRestart?.(s);
  }

  /** Changes whenever the server crashes or restarts. */
  life(s: number): number {
    return this.lifeEpoch[s];
  }

  // --- effects that do not crash ---------------------------------------------------------

  startWrong(s: number): void {
    if (this.status[s] !== UP || this.wrong[s]) return;
    this.change(s, () => {
      this.wrong[s] = 1;
      this.affected[s] = 1;
    });
    this.engine.schedule(this.config.wrongHoldNs, s, s, this.kWrongEnd, this.effectEpoch[s]);
  }

  private endWrong(s: number, epoch: number): void {
    if (this.effectEpoch[s] === epoch && this.wrong[s]) this.change(s, () => (this.wrong[s] = 0));
  }

  startIncompatible(s: number): void {
    if (this.status[s] !== UP || this.incompatible[s]) return;
    this.change(s, () => {
      this.incompatible[s] = 1;
      this.affected[s] = 1;
    });
    this.engine.schedule(
      this.config.incompatibleHoldNs,
      s,
      s,
      this.kIncompatibleEnd,
      this.effectEpoch[s],
    );
  }

  private endIncompatible(s: number, epoch: number): void {
    if (this.effectEpoch[s] === epoch && this.incompatible[s])
      this.change(s, () => (this.incompatible[s] = 0));
  }

  /**
   * A slow leak: downloads slow down once most of the memory is gone (at 60 % of the time to
   * exhaustion), then the server runs out and crashes. The time varies ±20 % between servers
   * (load differs), by a keyed draw so it does not depend on event order.
   */
  startLeak(s: number, leakHours: number): void {
    if (this.status[s] !== UP || this.leaking[s]) return;
    this.change(s, () => {
      this.leaking[s] = 1;
      this.affected[s] = 1;
    });
    const jitter = 0.8 + 0.4 * keyedUniform(LEAK_KEY, this.release, s, this.lifeEpoch[s]);
    const oomNs = Math.max(1, Math.round(leakHours * HOUR * jitter));
    const e = this.effectEpoch[s];
    this.engine.schedule(Math.round(oomNs * 0.6), s, s, this.kLeakSlow, e);
    this.engine.schedule(oomNs, s, s, this.kLeakOom, e);
  }

  private leakSlow(s: number, epoch: number): void {
    if (this.effectEpoch[s] === epoch && this.leaking[s]) this.change(s, () => (this.slow[s] = 1));
  }

  private clearEffects(s: number): void {
    this.wrong[s] = 0;
    this.incompatible[s] = 0;
    this.leaking[s] = 0;
    this.slow[s] = 0;
    this.effectEpoch[s]++;
  }

  // --- what users and agents see ---------------------------------------------------------

  /** Server-minutes of failed user traffic since the start. */
  errorMinutes(): number {
    this.integrate();
    return this.userErrorNs / 60e9;
  }

  /** The current health-check window's integrals, and a fresh window from now. */
  takeWindow(): CheckWindow {
    this.integrate();
    const w = this.window;
    this.window = emptyWindow();
    return w;
  }

  /** Servers out of service now (crashed, restarting or asleep). */
  outCount(): number {
    return this.n - this.cUp[0] - this.cUp[1];
  }

  private change(s: number, apply: () => void): void {
    this.integrate();
    this.count(s, -1);
    apply();
    this.count(s, 1);
  }

  private count(s: number, sign: number): void {
    const c = this.isNew(s) ? 1 : 0;
    if (this.status[s] === UP) {
      this.cUp[c] += sign;
      if (this.wrong[s]) this.cWrong[c] += sign;
      if (this.incompatible[s]) this.cIncompatible[c] += sign;
      if (this.slow[s]) this.cSlow[c] += sign;
    } else if (!this.mappedOut[s]) this.cDownMapped[c] += sign;
  }

  private recount(): void {
    for (const a of [this.cUp, this.cDownMapped, this.cWrong, this.cIncompatible, this.cSlow])
      a.fill(0);
    for (let s = 0; s < this.n; s++) this.count(s, 1);
  }

  private failing(c: number): number {
    return (
      this.cDownMapped[c] +
      this.config.wrongShare * this.cWrong[c] +
      this.config.incompatibleShare * this.cIncompatible[c]
    );
  }

  private integrate(): void {
    const now = this.engine.now;
    const dt = now - this.lastNs;
    if (dt <= 0) return;
    this.lastNs = now;
    // Users of servers the mapping has taken out go elsewhere; only what the rest cannot
    // absorb fails ("users barely notice while redundancy lasts").
    const downMapped = this.cDownMapped[0] + this.cDownMapped[1];
    const up = this.cUp[0] + this.cUp[1];
    const overflow = Math.max(0, this.n - downMapped - up * (1 + this.config.spareCapacity));
    this.userErrorNs += (this.failing(0) + this.failing(1) + overflow) * dt;
    const w = this.window;
    w.serverNs += (this.cUp[1] + this.cDownMapped[1]) * dt;
    w.errorNs += this.failing(1) * dt;
    w.slowNs += this.cSlow[1] * dt;
  }

  private emit(type: FleetEvent['type'], server: number, cause?: CrashCause): void {
    this.onEvent?.({ type, timeNs: this.engine.now, server, cause });
  }
}

function emptyWindow(): CheckWindow {
  return { serverNs: 0, errorNs: 0, slowNs: 0, crashes: 0, longSleeps: 0 };
}
