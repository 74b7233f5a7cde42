/**
 * Two versions live at once (Dilley et al. 2002: "it's more the rule than the exception to have
 * two versions of a software component live on the network at the same time"), so the servers'
 * messages to each other must be readable by both. The rule modelled: a version reads its own
 * message format and the one before; a careful release keeps writing the old format while old
 * servers may still read its messages. A bad release writes its new format at once, and the old
 * version cannot read it.
 */
import type { Release } from './bugs';

export interface MessageFormats {
  writes: number;
  reads: readonly number[];
}

/** The formats of the version before a release (format f) and of the release itself. */
export function formatsOf(
  release: Release,
  oldFormat = 1,
): { old: MessageFormats; next: MessageFormats } {
  return {
    old: { writes: oldFormat, reads: [oldFormat - 1, oldFormat] },
    next: {
      writes: release.compatible ? oldFormat : oldFormat + 1,
      reads: [oldFormat, oldFormat + 1],
    },
  };
}

/** Two servers can exchange messages when each reads what the other writes. */
export function canTalk(a: MessageFormats, b: MessageFormats): boolean {
  return a.reads.includes(b.writes) && b.reads.includes(a.writes);
}
