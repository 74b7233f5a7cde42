import { generateTopology } from '../../../src/sim/topology';
import { parsePage, type Page, type PageInput } from '../../../src/sim/models/pageload/pages';
import type { PageLoadConfig } from '../../../src/sim/models/pageload/pageloadConfig';
import { runPageLoad, type PageLoadRun } from '../../../src/sim/models/pageload/runPageLoad';

/** A page that is only its HTML, `bytes` long. */
export function htmlOnly(bytes: number): Page {
  return parsePage({ name: 't', html: { bytes }, objects: [] });
}

export function page(input: PageInput): Page {
  return parsePage(input);
}

/**
 * A fast access leg (1 Gbit/s: serialization well under a millisecond) and no response headers,
 * so that times are round trips and sizes are the bodies'.
 */
export const CLEAN: Partial<PageLoadConfig> = { bandwidthMbps: 1000, responseHeaderBytes: 0 };

export function load(p: Page, config: Partial<PageLoadConfig>, seed = 1): PageLoadRun {
  return runPageLoad(p, { ...CLEAN, ...config }, seed);
}

/** From the request leaving the client to the response's last byte, in round trips of `rttMs`. */
export function responseRounds(r: PageLoadRun, object: string, rttMs: number): number {
  const row = r.requests.find((q) => q.object === object)!;
  return (row.lastByteMs - row.sentMs) / rttMs;
}

/** The classroom topology of seed 1 (the world tests' runs), and a node of it by name. */
export const CLASSROOM = generateTopology('classroom', 1);
export const nodeNamed = (name: string) => CLASSROOM.nodes.find((n) => n.name === name)!.id;

/**
 * The portal loaded in Tokyo from New York through the Tokyo edge with warm connections,
 * multiplexed: the world tests' load (ESI, repeats, the overlay) before their own settings.
 */
export const TOKYO_PORTAL = {
  client: nodeNamed('client:tokyo-n0'),
  origin: nodeNamed('origin:new-york'),
  edge: nodeNamed('edge:tokyo-n0-1'),
  page: 'portal' as const,
  http: 'multiplexed' as const,
  warm: true,
};
