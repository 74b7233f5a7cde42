/** Which model the sandbox runs, its network, and how its counters read to a student. */
import type { ModelSpec } from '@runtime/models';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery/runSandbox';
import type { ScaleName } from '@sim/topology';

export const SANDBOX_MODEL: ModelSpec = { id: 'sandbox' };

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
 * The sandbox model for a scale: warm caches where a cold start would mislead, and the
 * student's changes observed, so that the charts mark where each applied.
 */
export function sandboxModelFor(scale: ScaleName | number): ModelSpec {
  return { id: 'sandbox', config: { warmCaches: startsWarm(scale), observeChanges: true } };
}

/**
 * A client group stands for many users behind one access link, so the last mile is an
 * aggregate pipe (see runSandbox.ts); its loss is still the student's to set.
 */
export const SANDBOX_NETWORK = { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE } } };

export const COUNTER_LABELS: Record<string, string> = {
  'sandbox.requests': 'Requests',
  'sandbox.responses': 'Responses',
  'sandbox.outstanding': 'Waiting for an answer',
  'sandbox.hits': 'Cache hits',
  'sandbox.misses': 'Cache misses',
  'sandbox.originFetches': 'Fetches from the origin',
  'sandbox.originRejected': 'Rejected by the origin (queue full)',
  'sandbox.failures.timeout': 'Failed: no answer in time',
  'sandbox.failures.noServer': 'Failed: no server available',
  'sandbox.failures.edgeOverloaded': 'Failed: edge server overloaded (its queue full)',
  'sandbox.failures.originTimeout': 'Failed: the origin did not answer in time',
  'sandbox.revalidated': 'Expired copies the origin confirmed (304)',
  'sandbox.retransmissions': 'Lost messages sent again',
  'net.dropped.loss': 'Messages lost on a link',
  'net.dropped.queue-full': 'Messages dropped by a full queue',
  'net.dropped.node-down': 'Messages sent to a failed node',
};
