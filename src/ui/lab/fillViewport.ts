/**
 * Sizes an element to reach the bottom of the window from where it starts, so that a lab's
 * stage and panel fill the screen whatever the bars above them take (they wrap on a narrow
 * window, and presenter mode enlarges them). CSS alone cannot know that height: the bars'
 * height depends on their content.
 */
import type { Attachment } from 'svelte/attachments';

/** Below this the element keeps its height and the page scrolls instead (a tiny window). */
const MIN_HEIGHT_PX = 420;
/** Room left under the element, px. */
const BOTTOM_GAP_PX = 8;

export function fillViewport(): Attachment<HTMLElement> {
  return (el) => {
    const fit = () => {
      // Narrow windows stack the panel under the stage: the page scrolls, nothing to fit.
      if (window.matchMedia('(max-width: 900px)').matches) {
        el.style.height = '';
        return;
      }
      const top = el.getBoundingClientRect().top + window.scrollY;
      const height = Math.max(MIN_HEIGHT_PX, window.innerHeight - top - BOTTOM_GAP_PX);
      el.style.height = `${height}px`;
    };
    fit();
    // The bars above change height when they wrap, when presenter mode changes the type size,
    // and when a notice appears: watch the page's root, whose height they change.
    const observer = new ResizeObserver(fit);
    observer.observe(document.body);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  };
}
