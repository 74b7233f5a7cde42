/**
 * Route optimisation: a link on the Tokyo edge's path to New York turns slow, and the portal
 * loads through the warm edge with its middle mile straight on (where BGP sends it) or the way
 * the CDN's overlay chose after probing (Leighton 2009: the overlay finds a faster path through
 * another of the CDN's servers). Judged on the share of the page load time the overlay saves; the
 * findings name the relay and both round trips, as the model reported them.
 */
import type { Finding, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import { topologyFor } from '@sim/topology/places';
import type { LabContext } from '../machine';
import { loadMs, runOf, timeSavedBucket } from '../measure';
import { LABELS, ROUTE_START_S, SEED, TROUBLE_LINK } from '../scenario';
import { ms, runNow, WATERFALL } from './common';

const LOADS = ['straight', 'relayed'];

/** "an edge server in Washington": the relay the overlay chose, by its city. */
function relayName(via: number): string {
  if (via < 0) return 'none: straight on';
  const topology = topologyFor('classroom', SEED);
  const node = topology.nodes[via];
  const city = node ? topology.cities[node.city]?.name : undefined;
  return city ? `an edge server in ${city}` : `node ${via}`;
}

function findings(m: Measurements<LabContext>): Finding[] {
  const r = runOf(m, 'route');
  if (!r) return runNow(m, 'route', 'the overlay probes, then the page loads twice');
  const times = LOADS.map((l) => ({ label: LABELS[l], value: ms(r.done[l]?.pageLoadMs) }));
  const route = r.routes.relayed;
  if (!route) return times;
  return [
    ...times,
    { label: 'the overlay’s relay', value: relayName(route.via) },
    {
      label: 'middle-mile round trip',
      value: `${ms(route.directRttMs)} straight, ${ms(route.rttMs)} relayed`,
    },
  ];
}

export const routeStep: LabStepInput<LabContext> = {
  id: 'route',
  title: 'Around a slow link',
  stage: [WATERFALL],
  question: {
    id: 'route-gain',
    kind: 'choice',
    purpose: 'predict',
    prompt:
      'A link on the way from Tokyo to New York is 100 ms slower. How much sooner does the page load over the overlay?',
    choices: [
      { id: 'under10', label: 'Under 10 % sooner: BGP does not see the slowness either' },
      { id: 'some', label: '10 to 50 % sooner' },
      { id: 'half', label: 'Half the time or less' },
    ],
    correct: (m) => {
      const straight = loadMs(m, 'route', 'straight');
      const relayed = loadMs(m, 'route', 'relayed');
      return straight === undefined || relayed === undefined
        ? undefined
        : timeSavedBucket(straight, relayed);
    },
    explanation:
      'The overlay’s probes measured the slow link and chose a relay around it; BGP still sends the straight path across it. Only the middle mile changes: the access leg and the origin’s work stay.',
  },
  findings,
  // The link heals before the loads: both go straight, and the relay saves nothing.
  whatIfs: [
    {
      id: 'link-heals',
      label: 'Heal the slow link',
      command: { type: 'link.set', link: TROUBLE_LINK, extraLatencyMs: 0 },
      atS: ROUTE_START_S / 2,
    },
  ],
};
