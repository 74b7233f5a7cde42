/**
 * How the event log writes a time and a node. A log is read to order and compare events, so
 * its times keep millisecond precision, but in the unit that fits: "3605000.000 ms" is an hour
 * and five seconds, and reads better as "1 h 0 min 5.000 s".
 */
import type { Topology } from '@sim/topology';
import { HOUR, MINUTE, MS, SECOND } from '@sim/time';

/** Below a second in ms, below three minutes in s, then min and s, then h, min and s. */
export function formatLogTime(ns: number): string {
  // Rounded to the digits shown before the unit is chosen: 999.9999 ms is "1.000 s".
  const us = Math.round(ns / 1_000) * 1_000;
  if (us < SECOND) return `${(us / MS).toFixed(3)} ms`;
  const t = Math.round(ns / MS) * MS;
  if (t < 3 * MINUTE) return `${(t / SECOND).toFixed(3)} s`;
  const hours = Math.floor(t / HOUR);
  const minutes = Math.floor((t - hours * HOUR) / MINUTE);
  const rest = `${minutes} min ${((t - hours * HOUR - minutes * MINUTE) / SECOND).toFixed(3)} s`;
  return hours > 0 ? `${hours} h ${rest}` : rest;
}

/** A node's name from the topology; its id when there is no topology or no such node. */
export function nodeLabel(topology: Topology | undefined, id: number): string {
  return topology?.nodes[id]?.name ?? String(id);
}

/**
 * Whether a log entry involves the node the student typed: its id exactly, or part of its name
 * (any case), so "fra" finds every server in Frankfurt and "37" finds node 37 alone.
 */
export function matchesNode(
  topology: Topology | undefined,
  query: string,
  from: number,
  to: number,
): boolean {
  const q = query.trim().toLowerCase();
  if (q === '') return true;
  const matches = (id: number) =>
    String(id) === q || (topology?.nodes[id]?.name.toLowerCase().includes(q) ?? false);
  return matches(from) || matches(to);
}
