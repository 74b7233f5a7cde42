/**
 * Where a lab's progress is saved in the browser. On its own, without the store's validation
 * (valibot) and step helpers (xstate): the home page reads saved progress through it, and
 * whatever it imports lands in the home page's first script.
 */
const KEY_PREFIX = 'edge-lab:progress:';

/** The part of `Storage` progress uses (tests pass a Map-backed stand-in). */
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function progressKey(labId: string): string {
  return KEY_PREFIX + labId;
}
