/**
 * The page-load model (model id 'pageload'): browsers loading web pages from an origin, directly
 * or through an edge server, over the packet-level TCP of the tcp model and the world's routes
 * (see PageLoad.ts for the parts, pageloadConfig.ts for the settings and their sources).
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { PAGELOAD_COMMANDS } from './commands';
import { HTTP_MODES, TLS_VERSIONS } from './pageloadConfig';
import { BUILT_IN_PAGES, pageSchema } from './pages';

const node = v.pipe(v.number(), v.integer(), v.minValue(0));
const num = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));
const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const loadObject = v.strictObject({
  name: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'must be 1–40 of a–z, 0–9 and -')),
  client: node,
  origin: node,
  /** the client's connections end here; it fetches from the origin */
  edge: v.optional(node),
  page: v.optional(
    v.union(
      [v.picklist(Object.keys(BUILT_IN_PAGES)), pageSchema],
      'a built-in page name or a page',
    ),
    'microscape',
  ),
  startMs: v.optional(num(0, 1e9), 0),
  /**
   * A new load of the same spec every everyS simulated seconds from startMs (each its own
   * PageLoad, `pageload.<name>.<n>`); without it the load runs once.
   */
  everyS: v.optional(
    v.pipe(
      v.number(),
      v.gtValue(0, 'must be above 0 (the seconds between two loads of the same spec)'),
      v.maxValue(86_400),
    ),
  ),
  /** with everyS: no new load starts at or after this simulated time, s (default: never stops) */
  untilS: v.optional(num(0, 1e9)),
  http: v.optional(v.picklist(HTTP_MODES), '1.1'),
  /** default: 4 for 1.0 and 1.1, 1 for pipelined and multiplexed */
  connections: v.optional(whole(1, 64)),
  tls: v.optional(v.picklist(TLS_VERSIONS), 'none'),
  warm: v.optional(v.boolean(), false),
  prefetch: v.optional(v.boolean(), false),
  /** ESI at the edge (the page needs fragments); each load of its own starts with no fragments held */
  esi: v.optional(v.boolean(), false),
  compress: v.optional(v.boolean(), false),
  delta: v.optional(v.boolean(), false),
  edgeCompute: v.optional(v.boolean(), false),
  /**
   * the middle mile (edge to origin) takes the path the overlay model has chosen when the load
   * starts: straight, or through a relay (needs edge, and the overlay model in the world)
   */
  overlay: v.optional(v.boolean(), false),
  iw: v.optional(whole(1, 1000), 10),
  /** the client's access rate, Mbit/s */
  bandwidthMbps: v.optional(num(0.01, 100_000), 10),
});

const loadSchema = v.pipe(
  loadObject,
  v.forward(
    v.partialCheck(
      [['overlay'], ['edge']],
      (l) => !l.overlay || l.edge !== undefined,
      'overlay needs edge (the overlay routes the middle mile, from the edge to the origin)',
    ),
    ['overlay'],
  ),
  v.forward(
    v.partialCheck(
      [['everyS'], ['untilS']],
      (l) => l.untilS === undefined || l.everyS !== undefined,
      'untilS needs everyS (a load without everyS runs once)',
    ),
    ['untilS'],
  ),
  v.forward(
    v.partialCheck(
      [['startMs'], ['untilS']],
      (l) => l.untilS === undefined || l.untilS * 1000 > l.startMs,
      'untilS must be after startMs (no load would start)',
    ),
    ['untilS'],
  ),
);

export const pageloadConfigSchema = v.strictObject({
  loads: v.pipe(v.array(loadSchema), v.minLength(1), v.maxLength(32)),
});

export type PageLoadSpec = v.InferOutput<typeof loadSchema>;

export const pageloadModel = defineModel({
  id: 'pageload',
  summary:
    'browsers load web pages over HTTP/1.0, 1.1, pipelined or multiplexed, from the origin or through an edge',
  config: pageloadConfigSchema,
  commands: PAGELOAD_COMMANDS,
  messageTypes: [],
  sendsMessages: false,
  loadInstall: async () => {
    const { installPageloadModel } = await import('./installPageload');
    return installPageloadModel;
  },
});
