/**
 * Full screen through the Fullscreen API, with a message instead of an error when the browser
 * refuses (an embedding page without `allow="fullscreen"`, no user gesture, an old browser).
 */

/** Enters full screen, or leaves it if the page is already; returns '' or why it could not. */
export async function toggleFullscreen(doc: Document = document): Promise<string> {
  try {
    if (doc.fullscreenElement) {
      await doc.exitFullscreen();
      return '';
    }
    if (!doc.fullscreenEnabled || typeof doc.documentElement.requestFullscreen !== 'function')
      return 'This browser does not allow full screen for this page; use the browser’s own full-screen key (often F11).';
    await doc.documentElement.requestFullscreen();
    return '';
  } catch (e) {
    const why = e instanceof Error && e.message ? ` (${e.message})` : '';
    return `Full screen was refused${why}; use the browser’s own full-screen key (often F11).`;
  }
}
