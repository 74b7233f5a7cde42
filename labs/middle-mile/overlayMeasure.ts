/**
 * What the overlay steps measure, from the overlay model's observations in a run's trace
 * (measure.ts): how long a flow's requests, sent directly and over the overlay at the same
 * moments, failed after an event; and, from the servers' measured rows, which pairs a relay
 * beats (Savage et al., SIGCOMM 1999, "Detour"). Pure.
 */
import type { FlowRequestSeen, RoutingTreeSeen, RowSeen, RunTrace } from './measure';

const ns = (s: number) => s * 1e9;

/** A flow's requests from an event on, direct against over the overlay. */
export interface RecoveryResult {
  /** requests sent from the event on (and answered or given up by the run's end) */
  requests: number;
  directFailed: number;
  overlayFailed: number;
  /**
   * from the event to the first request that got through after one had failed, s: 0 when none
   * failed, null when none got through again before the run ended
   */
  directBackS: number | null;
  overlayBackS: number | null;
  /** the relays the overlay's requests took after the event (servers' node ids) */
  relays: number[];
}

function backAfter(
  sent: readonly FlowRequestSeen[],
  ok: (r: FlowRequestSeen) => boolean,
  eventNs: number,
): number | null {
  const firstFail = sent.findIndex((r) => !ok(r));
  if (firstFail < 0) return 0;
  const back = sent.slice(firstFail).find(ok);
  return back ? (back.timeNs - eventNs) / 1e9 : null;
}

export function recoveryResult(t: RunTrace, flow: string, eventAtS: number): RecoveryResult | null {
  const sent = t.requests.filter((r) => r.flow === flow && r.timeNs >= ns(eventAtS));
  if (sent.length === 0) return null;
  const direct = (r: FlowRequestSeen) => r.directMs !== null;
  const overlay = (r: FlowRequestSeen) => r.overlayMs !== null;
  return {
    requests: sent.length,
    directFailed: sent.filter((r) => !direct(r)).length,
    overlayFailed: sent.filter((r) => !overlay(r)).length,
    directBackS: backAfter(sent, direct, ns(eventAtS)),
    overlayBackS: backAfter(sent, overlay, ns(eventAtS)),
    relays: [...new Set(sent.filter(overlay).map((r) => r.via))].filter((v) => v >= 0),
  };
}

/** What the servers' rows say about relays: how many ordered pairs one makes faster. */
export interface RelayPairs {
  /** ordered pairs of servers with a measured direct round trip and a relayed one */
  pairs: number;
  /** those whose best relayed path is at least `marginMs` faster */
  faster: number;
  marginMs: number;
  /** the pair the step follows: its direct round trip and its best relay's, ms */
  followed: { from: number; to: number; directMs: number; via: number; viaMs: number } | null;
}

/**
 * From the latest row of every server: a relayed path's round trip is the first leg's as its
 * sender measured it plus the second's as the relay measured it (what the overlay itself adds up).
 */
export function relayPairs(
  t: RunTrace,
  marginMs: number,
  follow: { from: number; to: number },
): RelayPairs | null {
  const latest = new Map<number, RowSeen>();
  for (const row of t.rows) latest.set(row.member, row);
  if (latest.size < 3) return null;
  const rtt = (a: number, b: number): number | null => {
    const row = latest.get(a);
    const i = row ? row.members.indexOf(b) : -1;
    return i < 0 ? null : row!.rttMs[i];
  };
  const servers = [...latest.keys()].sort((a, b) => a - b);
  let pairs = 0;
  let faster = 0;
  let followed: RelayPairs['followed'] = null;
  for (const a of servers)
    for (const b of servers) {
      const direct = a === b ? null : rtt(a, b);
      if (direct === null) continue;
      let best = { via: -1, ms: Infinity };
      for (const r of servers) {
        const [first, second] = r === a || r === b ? [null, null] : [rtt(a, r), rtt(r, b)];
        if (first !== null && second !== null && first + second < best.ms)
          best = { via: r, ms: first + second };
      }
      if (best.via < 0) continue;
      pairs++;
      if (direct - best.ms >= marginMs) faster++;
      if (a === follow.from && b === follow.to)
        followed = { from: a, to: b, directMs: direct, via: best.via, viaMs: best.ms };
    }
  return { pairs, faster, marginMs, followed };
}

/** The networks a packet from network `from` crosses by the tree's forwarding, `from` first. */
export function forwardingPath(tree: RoutingTreeSeen, from: number): number[] {
  const path = [from];
  for (let at = tree.next[from]; at !== null && !path.includes(at); at = tree.next[at])
    path.push(at);
  return path;
}

/** The blind step's run: the relays, and the networks BGP sends the followed pair through. */
export interface BlindResult extends RelayPairs {
  bgpPath: number[];
}
