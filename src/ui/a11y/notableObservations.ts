/**
 * The model observations worth a sentence in the live narration, and how to say them: each
 * model names its own (SimModel.words). Frequent low-level records (DNS messages, TCP samples,
 * per-second records) are left out on purpose: the charts and tables carry those; the narrator
 * tells what changed.
 */
import { MODELS } from '@sim/models/registry';

/** How to say n of something: the phrase for one, and for several ({n} is the count). */
export type Phrase = readonly [one: string, several: string];

/** Every registered model's narrated observations (SimModel.words.narrated). */
export const NOTABLE_OBSERVATIONS: Readonly<Record<string, Phrase>> = Object.assign(
  {},
  ...MODELS.map((m) => m.words?.narrated ?? {}),
);

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
