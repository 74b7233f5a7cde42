/**
 * An attachment that calls `near` once its element comes within about a screen of the viewport.
 *
 * On a phone a lab step's prose and question come first and its stage below them: the stage's
 * code (cytoscape, uPlot and d3-geo, most of the page's JavaScript) need not be loaded and run
 * while the student reads above it. On a laptop the stage is on screen at once and loads at once.
 * Without IntersectionObserver, or in a hidden tab (which computes no intersections), it calls
 * `near` straight away.
 */
export function nearViewport(
  near: () => void,
  margin = '100% 0px',
): (element: Element) => () => void {
  return (element) => {
    if (typeof IntersectionObserver !== 'function' || document.visibilityState === 'hidden') {
      near();
      return () => {};
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          observer.disconnect();
          near();
        }
      },
      { rootMargin: margin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  };
}
