/**
 * A test-only speed setting: the end-to-end walks of the labs set `edge-lab:test-speed` to a
 * factor in the page's storage, and every watching speed a lab asks for is that many times
 * faster. What a lab measures stays the same: timed actions stop the run at their simulated
 * time (SimSession.stopAt) and timed runs pause exactly at their end (playUntil). Not "as fast
 * as possible": a run that stops on an observation (a lookup's answer) would then run on far
 * past it before the page noticed, and the next step would start from another moment. Students
 * never set it; nothing in the page offers it.
 */
export const TEST_SPEED_KEY = 'edge-lab:test-speed';

let factor: number | undefined;

function speedFactor(): number {
  if (factor === undefined) {
    try {
      const given = Number(globalThis.localStorage?.getItem(TEST_SPEED_KEY));
      factor = Number.isFinite(given) && given > 1 ? given : 1;
    } catch {
      factor = 1;
    }
  }
  return factor;
}

/** The speed a lab's step asks for, times the test setting's factor (1 for students). */
export function watchingSpeed(nsPerSecond: number): number {
  return nsPerSecond * speedFactor();
}
