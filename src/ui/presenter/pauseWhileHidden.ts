/**
 * Pauses a running simulation while its tab is hidden (nobody watches; the laptop's fan and
 * battery are spared) and resumes it when the tab shows again, only if it was playing.
 */

export interface Playable {
  readonly status: string;
  play(): void;
  pause(): void;
}

/** Listens for `visibilitychange` on `doc` until the returned function is called. */
export function pauseWhileHidden(
  session: Playable,
  doc: Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'> = document,
): () => void {
  let resume = false;
  const changed = () => {
    if (doc.visibilityState === 'hidden') {
      resume = session.status === 'running';
      if (resume) session.pause();
    } else if (resume) {
      resume = false;
      // Someone may have paused or reset it meanwhile (a lab step changing): then leave it.
      if (session.status === 'paused') session.play();
    }
  };
  doc.addEventListener('visibilitychange', changed);
  return () => doc.removeEventListener('visibilitychange', changed);
}
