/**
 * Web pages as a browser loads them: an HTML document and the objects it names, each named at a
 * byte offset of the HTML (the browser discovers it when that byte arrives). Two built-in pages
 * and a small JSON schema for others; sizes are bytes of the response body.
 */
import * as v from 'valibot';

const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/**
 * What the browser holds of an object before the load: nothing, a copy still fresh (no request),
 * or a stale copy it revalidates (a conditional GET answered 304 with headers only).
 */
export const BROWSER_CACHE_STATES = ['none', 'fresh', 'stale'] as const;
export type BrowserCacheState = (typeof BROWSER_CACHE_STATES)[number];

export const EDGE_CACHE_STATES = ['none', 'fresh', 'stale'] as const;

const objectSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  type: v.picklist(['css', 'js', 'image', 'font', 'other']),
  bytes: whole(0, 100_000_000),
  /** the HTML byte offset that names it */
  at: whole(0, 100_000_000),
  browserCache: v.optional(v.picklist(BROWSER_CACHE_STATES), 'none'),
  /** what the edge holds: nothing, a fresh copy, or a stale one it revalidates with the origin */
  atEdge: v.optional(v.picklist(EDGE_CACHE_STATES), 'none'),
  /** the origin's time to produce it, ms */
  thinkMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60_000)), 0),
});

/** A part of the HTML with a lifetime of its own (for edge assembly later: ESI). */
const fragmentSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  bytes: whole(1, 100_000_000),
  /** how long a copy stays fresh, s; 0: personal, never reused */
  ttlSeconds: v.pipe(v.number(), v.minValue(0), v.maxValue(31_536_000)),
});

export const pageSchema = v.pipe(
  v.strictObject({
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
    html: v.strictObject({
      bytes: whole(1, 100_000_000),
      thinkMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(60_000)), 0),
      fragments: v.optional(v.array(fragmentSchema)),
    }),
    objects: v.pipe(v.array(objectSchema), v.maxLength(1000)),
  }),
  v.check(
    (p) => p.objects.every((o) => o.at <= p.html.bytes),
    'every object must be named within the HTML (at ≤ html.bytes)',
  ),
  v.check(
    (p) => !p.html.fragments || p.html.fragments.reduce((s, f) => s + f.bytes, 0) === p.html.bytes,
    'the fragments’ bytes must add up to html.bytes',
  ),
);

export type Page = v.InferOutput<typeof pageSchema>;
export type PageObject = Page['objects'][number];
export type PageInput = v.InferInput<typeof pageSchema>;

export class PageError extends Error {
  override name = 'PageError';
}

/** A page from untrusted JSON data; throws a PageError naming the first bad field. */
export function parsePage(input: unknown, source = 'page'): Page {
  const r = v.safeParse(pageSchema, input);
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  const where = path === '' ? source : `${source}: ${path}`;
  if (issue.type === 'strict_object' && issue.expected === 'never')
    throw new PageError(`${where}: unknown field`);
  throw new PageError(`${where}: ${issue.message}`);
}

/** The page with every object held fresh at the edge (after an earlier load brought it there). */
export function withObjectsAtEdge(page: Page): Page {
  return { ...page, objects: page.objects.map((o) => ({ ...o, atEdge: 'fresh' as const })) };
}

/** Spreads `n` references evenly through an HTML document of `htmlBytes`. */
function spreadOffsets(n: number, htmlBytes: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(((i + 1) * htmlBytes) / (n + 1)));
}

/**
 * Nielsen et al. (SIGCOMM 1997)'s "Microscape" test page: 42 KB of HTML naming 42 inline GIFs
 * (40 images and 2 animations), about 125 KB of images. The sizes of 15 small images are the
 * W3C's own list of the page's images (its CSS1 note); the other groups keep that note's totals
 * (8 more small ones with 15,157 B for all 23, 3 with 7,541 B, 14 with 80,601 B) split evenly,
 * and the two animations take the rest of the 125 KB. Where each image is named in the HTML is
 * not published: assumed evenly spread.
 */
function microscape(): PageInput {
  const listed = [1403, 788, 157, 165, 151, 128, 682, 156, 44, 70, 40, 69, 62, 1664, 1698];
  const split = (total: number, n: number) =>
    Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
  const listedSum = listed.reduce((a, b) => a + b, 0);
  const images = [
    ...listed,
    ...split(15_157 - listedSum, 8),
    ...split(7_541, 3),
    ...split(80_601, 14),
  ];
  const animations = split(125_000 - images.reduce((a, b) => a + b, 0), 2);
  const sizes = [...images, ...animations];
  const html = 42 * 1024;
  const at = spreadOffsets(sizes.length, html);
  return {
    name: 'microscape',
    html: { bytes: html },
    objects: sizes.map((bytes, i) => ({
      name: `img${i + 1}.gif`,
      type: 'image',
      bytes,
      at: at[i],
    })),
  };
}

/**
 * A personalised portal (our own example, sizes typical of such pages): the HTML is assembled
 * from a template that changes rarely, headlines that change a few times a day, stock quotes
 * that change every minute and a personal greeting, produced by the origin in 80 ms; it names a
 * style sheet and a script early (in the head) and twelve images further down.
 */
function portal(): PageInput {
  const fragments = [
    { name: 'template', bytes: 18_000, ttlSeconds: 86_400 },
    { name: 'headlines', bytes: 9_000, ttlSeconds: 4 * 3600 },
    { name: 'quotes', bytes: 3_000, ttlSeconds: 60 },
    { name: 'greeting', bytes: 2_000, ttlSeconds: 0 },
  ];
  const html = fragments.reduce((s, f) => s + f.bytes, 0);
  const thumbs = [14, 22, 9, 18, 25, 11, 16, 20, 12, 24, 10, 19].map((k) => k * 1000);
  const at = spreadOffsets(thumbs.length, html);
  return {
    name: 'portal',
    html: { bytes: html, thinkMs: 80, fragments },
    objects: [
      { name: 'site.css', type: 'css', bytes: 32_000, at: 600 },
      { name: 'app.js', type: 'js', bytes: 95_000, at: 900 },
      { name: 'logo.png', type: 'image', bytes: 7_000, at: 2_000 },
      ...thumbs.map((bytes, i) => ({
        name: `thumb${i + 1}.jpg`,
        type: 'image' as const,
        bytes,
        at: at[i],
      })),
    ],
  };
}

/**
 * A store locator's answer (our own example, sizes typical of such pages): a 12 KB list of the
 * nearest shops, produced by the application in 40 ms from the query (a place) and a table of
 * shops, naming a map script and six 256-pixel map tiles. Nothing in the HTML is cacheable (each
 * query its own answer), but the application can run at the edge (edge computing).
 */
function locator(): PageInput {
  return {
    name: 'locator',
    html: { bytes: 12_000, thinkMs: 40 },
    objects: [
      { name: 'map.js', type: 'js', bytes: 60_000, at: 500 },
      ...[18, 22, 15, 25, 20, 17].map((k, i) => ({
        name: `tile${i + 1}.png`,
        type: 'image' as const,
        bytes: k * 1000,
        at: 3_000 + i * 1_000,
      })),
    ],
  };
}

export const BUILT_IN_PAGES: Record<string, () => PageInput> = { microscape, portal, locator };

/** A built-in page by name, parsed (so built-ins pass the same checks as files). */
export function builtInPage(name: string): Page | undefined {
  const make = BUILT_IN_PAGES[name];
  return make ? parsePage(make(), name) : undefined;
}
