/**
 * Resolves once the page has painted what it holds now: after the next animation frame (which
 * comes before the paint) and a task queued from it (which runs after the paint).
 *
 * Heavy parts of a page (the map and charts: cytoscape, uPlot and d3-geo, about 210 KB gzipped)
 * start loading from here, so a slow phone shows a lab step's prose and question first, instead
 * of downloading and starting the map before its first paint. A hidden tab runs no animation
 * frames: a timeout stands in, so the page still loads in the background.
 */
export function afterFirstPaint(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => setTimeout(resolve, 0);
    if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
      done();
      return;
    }
    requestAnimationFrame(done);
  });
}

/** `load()` once the page has painted (see afterFirstPaint). */
export const loadAfterFirstPaint = <T>(load: () => Promise<T>): Promise<T> =>
  afterFirstPaint().then(load);

/**
 * `value`, in a task of its own: what comes after it (mounting a component just loaded) does not
 * add to the task that evaluated the module, which on a slow phone is long enough already.
 */
export const inNextTask = <T>(value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), 0));
