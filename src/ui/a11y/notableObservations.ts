/**
 * The model observations worth a sentence in the live narration, and how to say them. Frequent
 * low-level records (DNS messages, TCP samples, per-second records) are left out on purpose:
 * the charts and tables carry those; the narrator tells what changed.
 */

/** How to say n of something: the phrase for one, and for several ({n} is the count). */
export type Phrase = readonly [one: string, several: string];

export const NOTABLE_OBSERVATIONS: Record<string, Phrase> = {
  'sim.serverCrashed': ['a server crashed', '{n} servers crashed'],
  'sim.serverLongSleep': ['a server stopped answering', '{n} servers stopped answering'],
  'sim.serverRestarted': ['a server restarted', '{n} servers restarted'],
  'sim.serverWithdrawn': [
    'a busy server was taken out of the mapping',
    '{n} busy servers were taken out of the mapping',
  ],
  'sim.serverReturned': [
    'a server was put back into the mapping',
    '{n} servers were put back into the mapping',
  ],
  'sim.contentSpread': [
    'a hot object was spread to more servers',
    'hot objects were spread {n} times',
  ],
  'sim.rolloutPhase': ['a rollout phase began', '{n} rollout phases began'],
  'sim.rolloutCheck': ['a rollout health check ran', '{n} rollout health checks ran'],
  'sim.rolloutAborted': ['the rollout was aborted and rolled back', '{n} rollouts were aborted'],
  'sim.rolloutShipped': ['the release finished rolling out', '{n} releases finished rolling out'],
  'sim.resolution': ['a DNS lookup finished', '{n} DNS lookups finished'],
  'sim.queryTimeout': ['a DNS query timed out', '{n} DNS queries timed out'],
  'sim.queryTimedOut': ['a DNS lookup timed out', '{n} DNS lookups timed out'],
  'sim.connected': ['a client connected', '{n} clients connected'],
  'sim.connectFailed': ['a connection failed', '{n} connections failed'],
  'sim.connectTimedOut': ['a connection timed out', '{n} connections timed out'],
};

/** The key an observation is counted under, or null if it is not worth a sentence. */
export function observationKey(o: unknown): string | null {
  if (typeof o !== 'object' || o === null) return null;
  const { type, withdrawn } = o as { type?: unknown; withdrawn?: unknown };
  if (typeof type !== 'string') return null;
  // A withdrawal is reported again, with withdrawn: false, when the server comes back.
  const key = type === 'sim.serverWithdrawn' && withdrawn === false ? 'sim.serverReturned' : type;
  return key in NOTABLE_OBSERVATIONS ? key : null;
}

/** The words of a change the student made (a `sim.change` observation), or null. */
export function changeLabel(o: unknown): string | null {
  if (typeof o !== 'object' || o === null) return null;
  const { type, label } = o as { type?: unknown; label?: unknown };
  return type === 'sim.change' && typeof label === 'string' ? label : null;
}

export function pluralPhrase([one, several]: Phrase, n: number): string {
  return n === 1 ? one : several.replace('{n}', n.toLocaleString('en'));
}
