/// <reference types="vite-plugin-pwa/client" />
/**
 * Registers the offline service worker (built by vite-plugin-pwa; a no-op in `npm run dev`) and
 * keeps what the update prompt shows. A new version never takes over by itself: it waits until
 * the student chooses to reload, so a lab in progress is not swapped out from under them.
 */
import { registerSW } from 'virtual:pwa-register';

export const offline = $state({
  /** a new version is installed and waiting for the student's go-ahead */
  updateWaiting: false,
  /** the site has just been stored for offline use (the first visit) */
  offlineReady: false,
  /** why offline use is not available, if registering failed (e.g. sw.js is missing) */
  problem: '',
});

let activate: ((reloadPage?: boolean) => Promise<void>) | null = null;

export function registerServiceWorker(): void {
  // Service workers need a secure context (https or localhost); a plain-http host still works,
  // just not offline.
  if (!('serviceWorker' in navigator)) return;
  activate = registerSW({
    immediate: true,
    onNeedRefresh: () => (offline.updateWaiting = true),
    onOfflineReady: () => (offline.offlineReady = true),
    onRegisterError: (error: unknown) => {
      // The browser's reason names URLs and status codes: for whoever hosts the site, not
      // for the student.
      console.warn('Edge Lab: the service worker could not be registered:', error);
      offline.problem =
        'Edge Lab works, but not offline: it could not install its offline helper (sw.js) from this site.';
    },
  });
}

/** Lets the waiting version take over; the page reloads once it controls the page. */
export async function reloadWithUpdate(): Promise<void> {
  offline.updateWaiting = false;
  await activate?.();
}
