/**
 * Hash routing (works on any static host): `#/` is the home page, `#/sandbox?scale=…&seed=…&workers=…&dns=on|off&parents=on|off&bgp=on|off&overlay=on|off`
 * the sandbox, `#/lab/<lab>[/<step>]` a guided lab (a step the lab lacks is checked once the
 * lab has loaded). Anything unreadable falls back to defaults with a message saying what was ignored.
 * A lab link's query (a shared moment) is read by the lab page itself (src/lab/shareState.ts),
 * which shows its problems for as long as the page is open, not until the link is rewritten.
 */
import { parseLabPath } from '@lab/labRoute';
import { LABS } from './labsList';
import { SWITCH_IDS, SWITCH_LINK_NAMES, type SandboxSwitches } from './sandbox/switches';
import {
  MAX_SERVERS,
  MIN_SERVERS,
  parseScaleArg,
  SCALE_NAMES,
  type ScaleName,
} from '@sim/topology/scales';

export type Route =
  | { page: 'home' }
  | {
      page: 'sandbox';
      scale: ScaleName | number;
      seed: number;
      workers: number | null;
      /** the switches the link sets (src/ui/sandbox/switches.ts); one left out takes its default */
      switches: Partial<SandboxSwitches>;
    }
  | { page: 'lab'; labId: string; stepId: string | null };

export interface ParsedRoute {
  route: Route;
  /** what was ignored and why, for the student; empty when the link was fine */
  problems: string[];
}

/** @param labIds - the labs that exist (the home page's list unless a test says otherwise) */
export function parseRoute(
  hash: string,
  labIds: readonly string[] = LABS.map((l) => l.id),
): ParsedRoute {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const problems: string[] = [];
  if (path === '' || path === '/') return { route: { page: 'home' }, problems };
  const lab = parseLabPath(path);
  if (lab) {
    if (labIds.includes(lab.labId)) return { route: { page: 'lab', ...lab }, problems };
    problems.push(`There is no lab “${lab.labId}”; showing the list of labs.`);
    return { route: { page: 'home' }, problems };
  }
  if (path !== '/sandbox') {
    return {
      route: { page: 'home' },
      problems: [`There is no page “${path}”; showing the home page.`],
    };
  }
  const params = new URLSearchParams(query);
  let scale: ScaleName | number = 'classroom';
  const rawScale = params.get('scale');
  if (rawScale !== null) {
    try {
      scale = parseScaleArg(rawScale);
    } catch {
      problems.push(
        `The scale “${rawScale}” is not one of ${SCALE_NAMES.join(', ')} or a number of servers from ${MIN_SERVERS} to ${MAX_SERVERS}; using classroom.`,
      );
    }
  }
  let seed = 1;
  const rawSeed = params.get('seed');
  if (rawSeed !== null) {
    const n = Number(rawSeed);
    if (Number.isSafeInteger(n) && n >= 0) seed = n;
    else problems.push(`The seed “${rawSeed}” is not a whole number from 0 up; using 1.`);
  }
  let workers: number | null = null;
  const rawWorkers = params.get('workers');
  if (rawWorkers !== null) {
    const n = Number(rawWorkers);
    if (Number.isInteger(n) && n >= 1 && n <= 8) workers = n;
    else
      problems.push(`The number of workers “${rawWorkers}” is not from 1 to 8; using the default.`);
  }
  const switches: Partial<SandboxSwitches> = {};
  for (const id of SWITCH_IDS) {
    const on = onOff(params, id, SWITCH_LINK_NAMES[id], problems);
    if (on !== null) switches[id] = on;
  }
  return { route: { page: 'sandbox', scale, seed, workers, switches }, problems };
}

/** A switch in the link: `on`, `off`, or absent (null); anything else is a problem, and null. */
function onOff(
  params: URLSearchParams,
  key: string,
  name: string,
  problems: string[],
): boolean | null {
  const raw = params.get(key);
  if (raw === null) return null;
  if (raw === 'on' || raw === 'off') return raw === 'on';
  problems.push(`${name} “${raw}” is neither on nor off; using the default.`);
  return null;
}

export function sandboxHash(
  scale: string | number,
  seed: number,
  workers: number,
  /** the sandbox's switches the link sets (a switch left out: the page's default) */
  switches: Partial<SandboxSwitches> = {},
): string {
  const parts = Object.entries(switches)
    .filter(([, on]) => on !== undefined)
    .map(([key, on]) => `&${key}=${on ? 'on' : 'off'}`)
    .join('');
  return `#/sandbox?scale=${encodeURIComponent(String(scale))}&seed=${seed}&workers=${workers}${parts}`;
}
