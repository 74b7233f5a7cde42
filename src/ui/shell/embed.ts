/**
 * Embed mode: one lab inside a course page's iframe, without the site's chrome. The flag is
 * `embed` in the page's query (`…/edge-lab/?embed#/lab/<id>`, which no hash change touches) or
 * in the hash's query (`#/lab/<id>?embed`, which the lab keeps as it moves between steps).
 */

/** Whether a query string (`?a=1&embed`, with or without `?`) turns embed mode on. */
function flagIn(query: string): boolean {
  const value = new URLSearchParams(query).get('embed');
  // `?embed`, `?embed=1`, `?embed=true` turn it on; `?embed=0` and `?embed=false` do not.
  return value !== null && value !== '0' && value.toLowerCase() !== 'false';
}

function hashQuery(hash: string): string {
  return hash.includes('?') ? hash.slice(hash.indexOf('?') + 1) : '';
}

/** Whether the page's query or its hash's query asks for embed mode. */
export function embedFlag(search: string, hash: string): boolean {
  return flagIn(search) || flagIn(hashQuery(hash));
}

/** Embed mode for the page as it is now (false outside a browser). */
export function isEmbedded(): boolean {
  return typeof location !== 'undefined' && embedFlag(location.search, location.hash);
}

/**
 * What to add to a lab hash so a flag given in the hash survives the lab rewriting its link as
 * the student moves between steps: `?embed`, or nothing when the hash did not carry it.
 */
export function hashEmbedSuffix(hash: string): string {
  return flagIn(hashQuery(hash)) ? '?embed' : '';
}
