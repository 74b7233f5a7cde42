/**
 * The bgp model's event-log entries (ModelContext.log): each UPDATE sent after the warm-up, from
 * one network to another, with what it withdraws, what it announces and the AS_PATH; and how the
 * log words them. UPDATEs concern networks, not nodes: an entry names none (the map has no node
 * for a network's routers).
 */
import type { LogKindWords, ModelLogEntry } from '../../model/SimModel';
import type { Topology } from '../../topology/types';
import type { UpdateMessage } from './BgpNetwork';
import { networkOfAsn } from './networkAddresses';

export function bgpUpdateEntry(
  topology: Topology,
  timeNs: number,
  fromAsn: number,
  toAsn: number,
  update: UpdateMessage,
): ModelLogEntry {
  const name = (asn: number) => topology.networks[networkOfAsn(asn)]?.name ?? `AS${asn}`;
  return {
    timeNs,
    kind: 'bgp.update',
    nodes: [],
    fields: {
      from: name(fromAsn),
      to: name(toAsn),
      // Copied: the speaker's message is not ours to keep.
      withdrawn: [...update.withdrawn],
      nlri: [...update.nlri],
      asPath: update.path ? [...update.path] : null,
    },
  };
}

const list = (x: unknown) => (x as readonly string[]).join(', ');

export const BGP_LOG_KINDS: Record<string, LogKindWords> = {
  'bgp.update': {
    label: 'BGP update',
    text(f) {
      const parts: string[] = [];
      if ((f.nlri as readonly string[]).length > 0)
        parts.push(`announces ${list(f.nlri)} via AS ${(f.asPath as readonly number[]).join(' ')}`);
      if ((f.withdrawn as readonly string[]).length > 0)
        parts.push(`withdraws ${list(f.withdrawn)}`);
      return `${f.from} → ${f.to}: ${parts.join('; ') || 'nothing'}`;
    },
  },
};
