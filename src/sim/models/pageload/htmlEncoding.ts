/**
 * Compression and delta encoding of a page's HTML, measured on the page's text (pageText.ts) with
 * fflate, a small deflate library that runs alike in Node and in the browser's workers (the
 * browser's own CompressionStream is asynchronous and absent from Node's workers here).
 *
 * Compression: gzip (RFC 1952, deflate inside) at zlib's default level 6, the coding most servers
 * send as Content-Encoding: gzip. Delta: the new version deflated with the previous one as a
 * preset dictionary (zlib's FDICT, the mechanism of Compression Dictionary Transport, RFC 9842):
 * every string the two versions share becomes a back-reference into the old text, so only what
 * changed costs bytes; decoding with the same old text restores the new one exactly. Deflate's
 * window is 32 KB: only the last 32 KB of a longer previous version can be referred to.
 */
import { deflateSync, gzipSync } from 'fflate';
import type { Page } from './pages';
import { pageText } from './pageText';

export const GZIP_LEVEL = 6;
const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** gzip'd size of `text`, bytes. */
export function gzipBytes(text: string): number {
  return gzipSync(utf8(text), { level: GZIP_LEVEL, mtime: 0 }).length;
}

/** The delta from `previous` to `current`: deflate with the previous version as dictionary. */
export function deltaEncode(previous: string, current: string): Uint8Array {
  return deflateSync(utf8(current), { level: GZIP_LEVEL, dictionary: utf8(previous) });
}

/** What the encodings do to one page's HTML (body bytes). */
export interface HtmlEncoding {
  /** the text as the origin produces it */
  plainBytes: number;
  gzipBytes: number;
  /** plain / gzip */
  ratio: number;
  /** the delta from the version before (headlines, quotes and greeting new, the template the same) */
  deltaBytes: number;
  /** each fragment gzip'd on its own (what an ESI edge fetches with compression on) */
  fragmentGzipBytes: Record<string, number>;
}

const memo = new WeakMap<Page, Map<number, HtmlEncoding>>();

/** The page's HTML at version 1 (the current one) against version 0 (the browser's copy). */
export function measureHtml(page: Page, seed: number): HtmlEncoding {
  let bySeed = memo.get(page);
  if (!bySeed) memo.set(page, (bySeed = new Map()));
  const known = bySeed.get(seed);
  if (known) return known;
  const current = pageText(page, seed, 1);
  const previous = pageText(page, seed, 0);
  const whole = (parts: { text: string }[]) => parts.map((p) => p.text).join('');
  const plain = utf8(whole(current)).length;
  const gz = gzipBytes(whole(current));
  const m: HtmlEncoding = {
    plainBytes: plain,
    gzipBytes: gz,
    ratio: plain / gz,
    deltaBytes: deltaEncode(whole(previous), whole(current)).length,
    fragmentGzipBytes: Object.fromEntries(current.map((p) => [p.name, gzipBytes(p.text)])),
  };
  bySeed.set(seed, m);
  return m;
}

/**
 * The page as it travels with the encodings on: the HTML's body is the delta (with `delta`) or
 * the gzip'd text (with `compress`), each fragment gzip'd on its own (with `compress`), and each
 * object named at the same fraction of the body (the browser inflates as the bytes arrive). The
 * objects (images, and a style sheet and a script the page has no text for) are sent as they are.
 */
export function encodedPage(page: Page, seed: number, compress: boolean, delta: boolean): Page {
  if (!compress && !delta) return page;
  const m = measureHtml(page, seed);
  const body = delta ? m.deltaBytes : m.gzipBytes;
  const scale = body / page.html.bytes;
  return {
    ...page,
    html: {
      ...page.html,
      bytes: body,
      fragments: page.html.fragments?.map((f) =>
        compress ? { ...f, bytes: m.fragmentGzipBytes[f.name] } : f,
      ),
    },
    objects: page.objects.map((o) => ({ ...o, at: Math.round(o.at * scale) })),
  };
}
