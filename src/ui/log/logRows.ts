/**
 * The event log's rows: the network's messages and the models' events (ModelContext.log) of a
 * frame as one list in time order, each worded (a model's entry by its model's `logKinds`), and
 * the filters the log offers (source, kind, node, a search over the row's words). Pure, so the
 * component stays small and the rules are tested without a browser.
 */
import type { LogBatch, LogEntry, ModelEventEntry } from '@runtime/eventLog';
import type { LogKindWords, ModelLogFields } from '@sim/model/SimModel';
import { modelById } from '@sim/models/registry';
import type { Topology } from '@sim/topology';
import { formatLogTime, matchesNode, nodeLabel } from './logFormat';

/** Where a row comes from: the network's messages, or a model (by id). */
export const NETWORK = 'network';

export interface LogRow {
  /** unique within a run: the rows' keys */
  id: number;
  timeNs: number;
  /** NETWORK or the model's id */
  source: string;
  /** the message type, or the model's kind (`dns.query`) */
  kind: string;
  /** the kind in words ('DNS query'; a message type as it is) */
  kindLabel: string;
  /** the nodes it concerns: a message's sender and receiver, a model's entry's nodes */
  nodes: readonly number[];
  /** what happened, in words: a message's outcome, a model's sentence */
  text: string;
  /** a message that was dropped */
  dropped: boolean;
}

/** The words of a model's kind, if the model has them (a model of a test may have none). */
function kindWords(model: string, kind: string): LogKindWords | undefined {
  try {
    return modelById(model).words?.logKinds?.[kind];
  } catch {
    return undefined;
  }
}

/** A kind without words: its fields as `name value` pairs, so nothing logged is hidden. */
function plainText(fields: ModelLogFields): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join(' ') : String(v)}`)
    .join(', ');
}

function messageRow(e: LogEntry, id: number): LogRow {
  return {
    id,
    timeNs: e.timeNs,
    source: NETWORK,
    kind: e.type,
    kindLabel: e.type,
    nodes: [e.from, e.to],
    text: `${e.outcome}${e.where ? ` at ${e.where}` : ''}`,
    dropped: e.outcome !== 'delivered',
  };
}

function eventRow(e: ModelEventEntry, id: number): LogRow {
  const words = kindWords(e.model, e.kind);
  return {
    id,
    timeNs: e.timeNs,
    source: e.model,
    kind: e.kind,
    kindLabel: words?.label ?? e.kind,
    nodes: e.nodes,
    text: words ? words.text(e.fields) : plainText(e.fields),
    dropped: false,
  };
}

/**
 * A batch's rows in time order (at equal times messages first: a model's event usually follows
 * from the message), numbered from `firstId`.
 */
export function rowsOf(batch: LogBatch, firstId: number): LogRow[] {
  const messages = batch.entries;
  const events = batch.events ?? [];
  const out: LogRow[] = [];
  let i = 0;
  let j = 0;
  while (i < messages.length || j < events.length) {
    const id = firstId + out.length;
    if (j >= events.length || (i < messages.length && messages[i].timeNs <= events[j].timeNs))
      out.push(messageRow(messages[i++], id));
    else out.push(eventRow(events[j++], id));
  }
  return out;
}

export interface LogFilter {
  /** '' for every source, NETWORK, or a model's id */
  source: string;
  /** '' for every kind, or one kind */
  kind: string;
  /** a node's id or part of its name (see matchesNode) */
  node: string;
  /** words the row must contain, any case */
  search: string;
}

/** A row's words as the log shows them, for the search. */
export function rowWords(row: LogRow, topology: Topology | undefined): string {
  const names = row.nodes.map((n) => nodeLabel(topology, n)).join(' ');
  return `${formatLogTime(row.timeNs)} ${names} ${row.source} ${row.kindLabel} ${row.kind} ${row.text}`;
}

/** Whether a row passes the filters. */
export function rowMatches(row: LogRow, f: LogFilter, topology: Topology | undefined): boolean {
  if (f.source !== '' && row.source !== f.source) return false;
  if (f.kind !== '' && row.kind !== f.kind) return false;
  if (f.node.trim() !== '' && !row.nodes.some((n) => matchesNode(topology, f.node, n, n)))
    return false;
  const q = f.search.trim().toLowerCase();
  return q === '' || rowWords(row, topology).toLowerCase().includes(q);
}

/** The sources and the kinds (with their words) seen in `rows`, for the filters' choices. */
export function choicesOf(rows: readonly LogRow[]): {
  sources: string[];
  kinds: { source: string; kind: string; label: string }[];
} {
  const sources = new Set<string>();
  const kinds = new Map<string, { source: string; kind: string; label: string }>();
  for (const r of rows) {
    sources.add(r.source);
    if (!kinds.has(r.kind))
      kinds.set(r.kind, { source: r.source, kind: r.kind, label: r.kindLabel });
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    // The network first, then the models by name.
    sources: [...sources].sort((a, b) => (a === NETWORK ? -1 : b === NETWORK ? 1 : byName(a, b))),
    kinds: [...kinds.values()].sort((a, b) => byName(a.kind, b.kind)),
  };
}
