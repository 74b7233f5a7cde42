/**
 * Gives the main thread back to the browser (input, paint) before going on: `scheduler.yield`
 * where there is one (the continuation keeps its place ahead of other tasks), else a task queued
 * with setTimeout.
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Calls `each(i)` for i from 0 to count − 1 in slices of about `budgetMs`, yielding to the main
 * thread before each (the first too: the caller's task is often long already): work that held a
 * slow phone's main thread for half a second in one task comes in slices short enough not to
 * block a tap. Stops early (false) once `live()` says the result is no longer wanted.
 */
export async function inSlices(
  count: number,
  budgetMs: number,
  each: (i: number) => void,
  live: () => boolean = () => true,
): Promise<boolean> {
  let sliceStart = -Infinity;
  for (let i = 0; i < count; i++) {
    if (performance.now() - sliceStart >= budgetMs) {
      await yieldToMain();
      if (!live()) return false;
      sliceStart = performance.now();
    }
    each(i);
  }
  return live();
}
