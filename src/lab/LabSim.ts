/**
 * The part of a live simulation a lab may drive. `SimSession` (src/ui/session) has this shape;
 * tests use a plain object. Frames travel the other way, pushed into `LabDriver.observe`.
 */
export interface LabSim {
  /**
   * Rebuilds the simulation at the scenario's start, paused at time 0. With `modelConfig`, the
   * model runs with that configuration instead of the lab's own, for this run only (a step that
   * needs another set-up: no CDN, thresholds off...). A lab of several models gives one
   * configuration per model id (`withConfig` in src/runtime/models.ts).
   */
  reset(options?: { modelConfig?: unknown }): Promise<void>;
  play(): void;
  /**
   * Plays at the current speed and pauses at simulated time `targetNs` exactly (an experiment's
   * end: the run it measures is the same however fast it was played).
   */
  playUntil(targetNs: number): void;
  pause(): void;
  /** Runs the single earliest event, while paused. */
  stepEvent(): Promise<void>;
  /** Runs one coordinator window, while paused. */
  stepWindow(): Promise<void>;
  /** Runs as fast as possible to simulated time `targetNs`, then stays paused there. */
  runTo(targetNs: number): Promise<void>;
  /** Sends a command (validated by the runtime; throws with a message when bad). */
  command(cmd: unknown): void;
  /** simulated ns per wall-clock second (Infinity: as fast as possible) */
  speed: number;
}
