/**
 * The soak run's verdict on the page's heap: a real leak fails even in a one-minute CI run,
 * while one noisy sample after a forced collection (as seen in CI) does not.
 */
import { describe, expect, it } from 'vitest';
import { judge } from '../../src/cli/experiments/soak';

/** Twelve samples over 0.75 wall minutes, the page's heap given per sample. */
const samples = (pageMb: (i: number) => number) =>
  Array.from({ length: 12 }, (_, i) => ({
    wallMin: 0.25 + (0.75 * i) / 11,
    simSeconds: 50 + 12 * i,
    pageMb: pageMb(i),
    workerMb: { a: 30 },
    domNodes: 2356,
    listeners: 164,
    logRows: 5000,
    chartRows: 41,
  }));

const pageFailures = (s: ReturnType<typeof samples>) =>
  judge(s, [], false).failures.filter((f) => f.startsWith("the page's heap"));

describe('the soak verdict on the page heap', () => {
  it('passes a flat heap with one sample 2 MB high near the end', () => {
    expect(pageFailures(samples((i) => (i === 10 ? 27.9 : 25.7 + 0.02 * i)))).toEqual([]);
  });

  it('fails a heap that leaks 5 MB a minute', () => {
    expect(pageFailures(samples((i) => 25.7 + 5 * ((0.75 * i) / 11)))).toHaveLength(1);
  });
});
