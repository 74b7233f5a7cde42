/**
 * Moves keyboard focus to an element (a lab step's heading) when a value (the step) changes,
 * so a keyboard or screen-reader user lands at the top of the new step instead of on the page's
 * body, Tab order starting over from the site header. Focus elsewhere on the page is left alone.
 */
import { untrack } from 'svelte';
import type { Attachment } from 'svelte/attachments';

export function focusOnChange(value: () => unknown): Attachment<HTMLElement> {
  return (el) => {
    // Untracked: read in the attachment itself, a change would re-run it and forget `last`.
    let last = untrack(value);
    $effect(() => {
      const now = value();
      if (Object.is(now, last)) return;
      last = now;
      const panel = el.parentElement ?? el;
      const active = document.activeElement;
      const lost = !active || active === document.body || !active.isConnected;
      if (lost || panel.contains(active)) el.focus({ preventScroll: false });
    });
  };
}
