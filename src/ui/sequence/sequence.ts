/**
 * What a message sequence (time–space) diagram shows, whatever the protocol: participants
 * (lanes) and the messages between them with the simulated times they were sent and arrived.
 * The DNS and TCP gatherers (dnsSequence.ts, tcpSequence.ts) fill it from the simulation's
 * observations; sequenceLayout.ts turns it into geometry.
 */

export interface Lane {
  key: string;
  /** what the participant is, e.g. "low-level" */
  role: string;
  /** where it is, e.g. "London" */
  place: string;
}

export interface SeqMessage {
  from: string;
  to: string;
  sentNs: number;
  /** when it arrived; null while on its way, or if it never arrived */
  arriveNs: number | null;
  /** the network's estimate of its arrival (empty path), for drawing it while on its way */
  expectedNs: number | null;
  /** it was lost (dropped, or given up on): the arrow ends in a cross */
  lost: boolean;
  /** when it was dropped, if known */
  lostNs: number | null;
  /** how far along the way it was dropped (0 sender … 1 receiver), if known */
  lostAlong: number | null;
  /** short class for styling: query, referral, answer, connect, data, ack, resent… */
  kind: string;
  /** drawn at the arrow */
  label: string;
  /** the message in words, for the text alternative */
  detail: string;
  /** the number another view (the DNS message list) knows it by, or null */
  index: number | null;
}

/** A participant waiting for a reply that does not come: a bracket on its lane. */
export interface SeqWait {
  lane: string;
  fromNs: number;
  toNs: number;
  label: string;
}

export interface Sequence {
  lanes: Lane[];
  messages: SeqMessage[];
  waits: SeqWait[];
  /** the time drawn at the top of the diagram */
  startNs: number;
  /** the last thing that happened */
  endNs: number;
  /** more is on its way: the diagram runs down to the current time */
  open: boolean;
  /** time axis: 0 ms is this simulated time */
  zeroNs: number;
  /** what 0 on the time axis is, e.g. "the query" (drawn as "since the query") */
  axisZero: string;
  /** one sentence: what the diagram shows (the picture's text alternative) */
  summary: string;
  /** more about what is drawn (e.g. "1 in 3 segments drawn"), or '' */
  note: string;
}

/** Times in the unit that fits: 0.42 ms, 38.2 ms, 193.9 ms, 1.25 s. */
export function formatMs(ns: number): string {
  const ms = ns / 1e6;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Math.abs(ms) >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}
