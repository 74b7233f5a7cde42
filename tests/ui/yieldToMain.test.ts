import { describe, expect, it } from 'vitest';
import { inSlices } from '@ui/shell/yieldToMain';

/** Busy for `ms` of wall time. */
const spin = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('work in slices', () => {
  it('does every item once, in order, and gives the thread back between slices', async () => {
    const done: number[] = [];
    let timersRan = 0;
    const ticker = setInterval(() => timersRan++, 0);
    const finished = await inSlices(12, 5, (i) => (spin(2), done.push(i)));
    clearInterval(ticker);
    expect(finished).toBe(true);
    expect(done).toEqual([...Array(12).keys()]);
    // 24 ms of work in slices of 5 ms: the timer got its turn several times.
    expect(timersRan).toBeGreaterThanOrEqual(3);
  });

  it('leaves its caller’s task before the first item', async () => {
    const done: number[] = [];
    const run = inSlices(3, 50, (i) => done.push(i));
    expect(done).toEqual([]);
    await run;
    expect(done).toEqual([0, 1, 2]);
  });

  it('stops when the work is no longer wanted', async () => {
    const done: number[] = [];
    let wanted = true;
    const finished = await inSlices(
      10,
      1,
      (i) => {
        spin(2);
        done.push(i);
        if (i === 3) wanted = false;
      },
      () => wanted,
    );
    expect(finished).toBe(false);
    expect(done).toEqual([0, 1, 2, 3]);
  });
});
