/**
 * The other run of a fork, played beside the page's run for a comparison: it replays the fork's
 * earlier future from its definition (runs are deterministic, see src/runtime/fork.ts) and
 * follows the page's run in simulated time, taking a frame at each time the page's run showed
 * one, so both runs' charts have points at the same simulated times. It works in the background:
 * one target at a time, yielding to the page between them, and when it falls behind it skips
 * targets rather than holding the page's run back. Going back is followed too: a target earlier
 * than where it stands replays it from time 0 (rewind.ts), as the page's run was.
 */
import type { TimedCommand } from '@runtime/Coordinator';
import type { RuntimeFrame } from '@runtime/frame';
import { frameOf } from '@runtime/frame';
import type { Fork } from '@runtime/fork';
import type { Run } from '@runtime/Run';
import { travelTo } from '@runtime/rewind';
import { FrameTimes } from './frameTimes';

/** The longest rest between two targets while the page's run plays, ms. */
const MAX_REST_MS = 250;

/** Targets kept waiting at most: beyond this the older half is thinned (every other kept). */
const MAX_WAITING = 64;

/** The two runs at one simulated time. */
export interface FramePair {
  /** the page's run (with the change) */
  current: RuntimeFrame;
  /** the other run (as before) */
  other: RuntimeFrame;
}

export class CompareRun {
  /** the other run's latest frame */
  frame = $state.raw<RuntimeFrame | null>(null);
  /** both runs at the latest time the other run has reached of those the page's run showed */
  pair = $state.raw<FramePair | null>(null);
  /** a failure of the other run, or '' */
  error = $state('');
  /** the other run stands at or past the page's latest frame */
  caughtUp = $state(false);

  private readonly waiting: number[] = [];
  /**
   * The page's charts' rule for which frames make points: the other run visits only those
   * times, so that however many it skips, each point it makes is at a time the page's run has
   * one (following every frame, it would make points where the page's charts made none).
   */
  private readonly points = new FrameTimes();
  /** the page's frames whose time is still waiting, in time order, to pair with the other run's */
  private current: RuntimeFrame[] = [];
  /** the time of the page's latest frame */
  private latestNs = 0;
  private working = false;
  private started = false;
  private disposed = false;

  /** the fork compared (its change is renamed if the student changes it again at its moment) */
  fork: Fork;

  constructor(
    fork: Fork,
    private readonly run: Run,
    /** told of each of the other run's frames, in order (the `frame` field keeps the latest) */
    private readonly onFrame: (frame: RuntimeFrame) => void = () => {},
    /** whether the page's run is playing: the other run then gives way (see work) */
    private readonly playing: () => boolean = () => false,
  ) {
    this.fork = $state.raw(fork);
  }

  /**
   * Starts the other run and has it visit `times` (the page's frames so far, in order, since
   * it last went back), then follow the page's run.
   */
  async start(times: readonly number[], latest: RuntimeFrame | null): Promise<void> {
    // Queued first: frames the page shows while the workers start are queued after them.
    for (const t of times) if (this.points.take(t)) this.queue(t);
    // The page's latest frame is usually the last of `times` already: it pairs all the same.
    if (latest && latest.timeNs === this.waiting.at(-1)) this.remember(latest);
    else if (latest) this.follow(latest);
    try {
      await this.run.start();
    } catch (e) {
      if (!this.disposed) this.fail(e);
      return;
    }
    this.started = true;
    this.pump();
  }

  /** The page's run showed `frame`: the other run goes to its time and takes a frame there. */
  follow(frame: RuntimeFrame): void {
    if (this.disposed || !this.points.take(frame.timeNs)) return;
    this.queue(frame.timeNs);
    this.remember(frame);
    this.pump();
  }

  /** Keeps a frame of the page's run to pair with the other run's at its time. */
  private remember(frame: RuntimeFrame): void {
    // Going back: the frames after this one belong to the future the page's run left.
    this.current = this.current.filter((f) => f.timeNs < frame.timeNs);
    this.current.push(frame);
    this.latestNs = frame.timeNs;
    // Only the frames of times still to visit can pair (thinning drops some): memory stays bounded.
    if (this.current.length > MAX_WAITING)
      this.current = this.current.filter((f) => this.waiting.includes(f.timeNs));
  }

  /** The commands that took effect in the other run, with their times (for charts' marks). */
  commandLog(): TimedCommand[] {
    return this.run.commandLog();
  }

  /** Ends the other run for good (its workers stop). */
  dispose(): void {
    this.disposed = true;
    this.waiting.length = 0;
    this.current = [];
    this.run.dispose();
  }

  private queue(timeNs: number): void {
    const last = this.waiting.at(-1);
    // Going back: what waited belongs to the future the page's run left.
    if (last !== undefined && timeNs < last) this.waiting.length = 0;
    if (timeNs !== last) this.waiting.push(timeNs);
    this.caughtUp = false;
    if (this.waiting.length > MAX_WAITING) {
      const keep = this.waiting.filter((_, i) => i % 2 === 1 || i === this.waiting.length - 1);
      this.waiting.splice(0, this.waiting.length, ...keep);
    }
  }

  private pump(): void {
    if (this.working || this.disposed || !this.started) return;
    this.working = true;
    void this.work().finally(() => (this.working = false));
  }

  private async work(): Promise<void> {
    try {
      while (!this.disposed) {
        const target = this.waiting.shift();
        if (target === undefined) break;
        const started = performance.now();
        await travelTo(this.run, { timeNs: target, steps: 0 }, { superseded: () => this.disposed });
        if (this.disposed) return;
        const frame = frameOf(await this.run.snapshot());
        if (this.disposed) return;
        this.frame = frame;
        this.onFrame(frame);
        const current = this.current.find((f) => f.timeNs === frame.timeNs);
        if (current) this.pair = { current, other: frame };
        this.current = this.current.filter((f) => f.timeNs > frame.timeNs);
        // The page's run comes first. While it plays, the other run rests as long as it worked
        // (at most half of one core's time: two runs share this machine's two cores, and one
        // playing flat out would otherwise lose about half its speed); paused, it catches up
        // flat out, yielding to the page between targets.
        const rest = this.playing() ? Math.min(performance.now() - started, MAX_REST_MS) : 0;
        await new Promise((r) => setTimeout(r, rest));
      }
      if (!this.disposed) this.caughtUp = (this.frame?.timeNs ?? -1) >= this.latestNs;
    } catch (e) {
      if (!this.disposed) this.fail(e);
    }
  }

  private fail(e: unknown): void {
    this.error = `The other run stopped: ${e instanceof Error ? e.message : String(e)}`;
  }
}
