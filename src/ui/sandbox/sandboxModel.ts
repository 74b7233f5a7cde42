/** Which model the sandbox runs, its network, and how its counters read to a student. */
import type { ModelSpec } from '@runtime/models';
import { wholeCdnModels } from '@sim/models/wholeCdn';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery/runSandbox';
import type { ScaleName } from '@sim/topology';
import type { SandboxSwitches } from './switches';

export const SANDBOX_MODEL: ModelSpec = { id: 'delivery' };

/**
 * Whether the caches start warm (see src/sim/models/delivery/warmCaches.ts). At the classroom scale a
 * few dozen servers share the traffic and their caches fill within seconds, which a student can
 * watch; at the 2002 and 2009 scales (and any larger count of servers) a few hundred requests a
 * second spread over thousands of servers would take hours to fill them, and a cold start would
 * show a hit ratio of a few per cent.
 */
export function startsWarm(scale: ScaleName | number): boolean {
  return scale !== 'classroom';
}

/**
 * DNS on by default: the client groups resolve through their resolvers and the two-tier DNS.
 * At the 2009 scale the whole CDN runs about 13 simulated seconds per wall second in process on
 * one thread with DNS (about 30 without), measured with `npm run sim -- wholecdnbench`.
 */
export const DNS_BY_DEFAULT = true;

/** Parent caches off by default, as in the labs until a step turns them on. */
export const PARENTS_BY_DEFAULT = false;

/**
 * Hot-potato routing by default; with BGP on, the world's messages follow the routes BGP's
 * forwarding tables give (message-level BGP up to 1,000 networks, the routes its policy
 * converges to above), so a de-peering in the peering list is a BGP de-peering.
 */
export const BGP_BY_DEFAULT = false;

/** The overlay off by default: it is the middle-mile lab's answer to BGP, turned on to compare. */
export const OVERLAY_BY_DEFAULT = false;

export type { SandboxSwitches } from './switches';

export const DEFAULT_SWITCHES: SandboxSwitches = {
  dns: DNS_BY_DEFAULT,
  parents: PARENTS_BY_DEFAULT,
  bgp: BGP_BY_DEFAULT,
  overlay: OVERLAY_BY_DEFAULT,
};

/** How the page names each switch, and what on and off mean. */
export const SWITCH_WORDS: {
  id: keyof SandboxSwitches;
  heading: string;
  label: string;
  whenOn: string;
  whenOff: string;
}[] = [
  {
    id: 'dns',
    heading: 'DNS',
    label: 'Clients resolve names through DNS',
    whenOn:
      'On: each client group looks up its objects’ host names through its resolver, the root, .net and the CDN’s two tiers, keeps the answer for its TTL and fetches from the edge server it names.',
    whenOff:
      'Off: client groups go straight to the edge server the mapping chooses, without DNS messages.',
  },
  {
    id: 'parents',
    heading: 'Parent caches',
    label: 'Edge servers fetch misses through a parent per region',
    whenOn:
      'On: a cacheable miss goes to the object’s server in the region’s parent data centre (the one nearest the origin); only the parent’s misses reach the origin.',
    whenOff: 'Off: every edge server fetches its misses from the origin itself.',
  },
  {
    id: 'bgp',
    heading: 'Routing',
    label: 'Networks route by BGP',
    whenOn:
      'On: every message follows the path BGP’s tables give, network by network. A de-peering below ends the two networks’ BGP session, if they have one; their traffic moves once BGP has found another path.',
    whenOff:
      'Off: hot potato. A message leaves its network at the interconnect nearest the sender and crosses at most two networks.',
  },
  {
    id: 'overlay',
    heading: 'Overlay',
    label: 'Origin fetches take the overlay’s path',
    whenOn:
      'On: the CDN’s servers probe each other every few seconds, and an edge server whose own path to the origin is slow or broken fetches through another edge server whose path works. Turn routing by BGP on too, then cut or silence a link: the overlay notices in seconds.',
    whenOff: 'Off: every fetch to the origin takes the path the network routes it on.',
  },
];

/**
 * The sandbox's models for a scale: the delivery model with warm caches where a cold start
 * would mislead, and the student's changes observed, so that the charts mark where each
 * applied; with `dns`, the DNS model beside it, which its client groups resolve through; with
 * `parents`, one parent cache per region between the edge servers and the origin; with `bgp`,
 * the bgp model first, routing the world; with `overlay`, the overlay model, whose paths the
 * edge servers' origin fetches follow.
 */
export function sandboxModelFor(
  scale: ScaleName | number,
  { dns, parents, bgp, overlay }: SandboxSwitches = DEFAULT_SWITCHES,
): ModelSpec[] {
  // BGP first: the models after it take their first measurements over its routes.
  const routing: ModelSpec[] = bgp ? [{ id: 'bgp' }] : [];
  return routing.concat(
    wholeCdnModels(
      {
        warmCaches: startsWarm(scale),
        observeChanges: true,
        tiers: parents ? 'regional' : 'none',
        overlay,
      },
      dns,
    ),
    overlay ? [{ id: 'overlay' }] : [],
  );
}

/**
 * A client group stands for many users behind one access link, so the last mile is an
 * aggregate pipe (see runSandbox.ts); its loss is still the student's to set.
 */
export const SANDBOX_NETWORK = { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE } } };

export const COUNTER_LABELS: Record<string, string> = {
  'delivery.requests': 'Requests',
  'delivery.responses': 'Responses',
  'delivery.outstanding': 'Waiting for an answer',
  'delivery.hits': 'Cache hits',
  'delivery.misses': 'Cache misses',
  'delivery.originFetches': 'Fetches from the origin',
  'delivery.parentFetches': 'Misses fetched from a parent cache',
  'delivery.relayedFetches': 'Origin fetches relayed through the overlay',
  'delivery.parentHits': 'Parent-cache hits',
  'delivery.parentMisses': 'Parent-cache misses (fetched from the origin)',
  'delivery.originRejected': 'Rejected by the origin (queue full)',
  'delivery.failures.timeout': 'Failed: no answer in time',
  'delivery.failures.noServer': 'Failed: no server available',
  'delivery.failures.edgeOverloaded': 'Failed: edge server overloaded (its queue full)',
  'delivery.failures.originTimeout': 'Failed: the origin did not answer in time',
  'delivery.revalidated': 'Expired copies the origin confirmed (304)',
  'delivery.retransmissions': 'Lost messages sent again',
  'net.dropped.loss': 'Messages lost on a link',
  'net.dropped.queue-full': 'Messages dropped by a full queue',
  'net.dropped.node-down': 'Messages sent to a failed node',
  'delivery.dns.lookups': 'DNS lookups by client groups',
  'delivery.dns.cacheHits': 'Requests under a DNS answer already held',
  'delivery.dns.failovers': 'Requests sent to the answer’s next address after a timeout',
  'rollout.releases': 'Releases started',
  'rollout.shipped': 'Releases shipped to every server',
  'rollout.aborted': 'Releases aborted and rolled back',
  'rollout.crashes': 'Servers crashed by a release',
  'rollout.restarts': 'Crashed servers restarted',
};
