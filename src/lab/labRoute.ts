/**
 * How a lab and its step are named in the URL: `#/lab/<lab id>` opens a lab where the student
 * was, `#/lab/<lab id>/<step id>` opens one step (a lecturer's link). A query after it may carry
 * a shared moment (`?seed=…&t=…&set=…&do=…`, read by shareState.ts) and page flags (`?embed`).
 */

export function labHash(labId: string, stepId?: string | null): string {
  const lab = `#/lab/${encodeURIComponent(labId)}`;
  return stepId ? `${lab}/${encodeURIComponent(stepId)}` : lab;
}

/**
 * Reads `/lab/<id>[/<step>]` (the hash without `#` and query); null when the path is not a lab
 * path at all. Whether the lab and step exist is for the caller to check.
 */
export function parseLabPath(path: string): { labId: string; stepId: string | null } | null {
  const parts = path.split('/');
  if (parts[0] !== '' || parts[1] !== 'lab' || parts.length < 3 || parts.length > 4) return null;
  const labId = safeDecode(parts[2]);
  const stepId = parts.length === 4 && parts[3] !== '' ? safeDecode(parts[3]) : null;
  return { labId, stepId };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
