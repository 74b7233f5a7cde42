/**
 * What the overlay view keeps from the overlay model's observations
 * (src/sim/models/overlay/observations.ts), folded without runes so it can be tested alone: the
 * flows' requests in time order, each member's latest measured row, and each pair's latest
 * choice; and what the view draws from them: the series of a flow's completion times, the
 * requests that failed so far, a summary since a moment, and the matrix of pairs.
 */
import type {
  ChoiceChangedSeen,
  FlowRequestSeen,
  OverlayObservation,
  RowSeen,
} from '@sim/models/overlay/observations';

export interface OverlayState {
  /** the flows' requests, oldest first (at most KEEP_REQUESTS, the newest) */
  requests: readonly FlowRequestSeen[];
  /** flow names in the order first seen */
  flows: readonly string[];
  /** each member's latest row, by member node id */
  rows: ReadonlyMap<number, RowSeen>;
  /** each pair's latest choice, by `from>to` */
  choices: ReadonlyMap<string, ChoiceChangedSeen>;
}

export const EMPTY_OVERLAY: OverlayState = {
  requests: [],
  flows: [],
  rows: new Map(),
  choices: new Map(),
};

/** Requests kept: at one every 2 s, over two hours of simulated time for one flow. */
export const KEEP_REQUESTS = 4000;

export const pairKey = (from: number, to: number) => `${from}>${to}`;

/**
 * The state after `observations`: the same object when none was the overlay's, so a rune field
 * holding it changes only when something did. A request is reported once both of its copies
 * settled, after requests sent later may have been: it is put in its place by send time.
 */
export function foldOverlay(state: OverlayState, observations: readonly unknown[]): OverlayState {
  let requests: FlowRequestSeen[] | null = null;
  let flows: string[] | null = null;
  let rows: Map<number, RowSeen> | null = null;
  let choices: Map<string, ChoiceChangedSeen> | null = null;
  for (const raw of observations) {
    const o = raw as OverlayObservation;
    switch (o.type) {
      case 'overlay.flowRequest': {
        requests ??= state.requests.slice();
        let i = requests.length;
        while (i > 0 && requests[i - 1].timeNs > o.timeNs) i--;
        requests.splice(i, 0, o);
        if (!(flows ?? state.flows).includes(o.flow)) (flows ??= state.flows.slice()).push(o.flow);
        break;
      }
      case 'overlay.row': {
        const before = (rows ?? state.rows).get(o.member);
        if (before && before.timeNs > o.timeNs) break;
        (rows ??= new Map(state.rows)).set(o.member, o);
        break;
      }
      case 'overlay.choiceChanged': {
        const key = pairKey(o.from, o.to);
        const before = (choices ?? state.choices).get(key);
        if (before && before.timeNs > o.timeNs) break;
        (choices ??= new Map(state.choices)).set(key, o);
        break;
      }
    }
  }
  if (!requests && !rows && !choices) return state;
  return {
    requests: requests
      ? requests.length > KEEP_REQUESTS
        ? requests.slice(requests.length - KEEP_REQUESTS)
        : requests
      : state.requests,
    flows: flows ?? state.flows,
    rows: rows ?? state.rows,
    choices: choices ?? state.choices,
  };
}

/** One request of a flow on its chart: both completion times, ms (null: failed). */
export interface RequestPoint {
  /** simulated s, when it was sent */
  t: number;
  direct: number | null;
  overlay: number | null;
}

export function requestPoints(state: OverlayState, flow: string): RequestPoint[] {
  return state.requests
    .filter((r) => r.flow === flow)
    .map((r) => ({ t: r.timeNs / 1e9, direct: r.directMs, overlay: r.overlayMs }));
}

/** The requests of the charted flows that failed so far, each way, after each request. */
export interface FailurePoint {
  t: number;
  direct: number;
  overlay: number;
}

export function failurePoints(state: OverlayState, flows: readonly string[]): FailurePoint[] {
  let direct = 0;
  let overlay = 0;
  const out: FailurePoint[] = [];
  for (const r of state.requests) {
    if (!flows.includes(r.flow)) continue;
    if (r.directMs === null) direct++;
    if (r.overlayMs === null) overlay++;
    const t = r.timeNs / 1e9;
    // Requests sent at the same instant are one point (the chart's time axis is its key).
    if (out.at(-1)?.t === t) out[out.length - 1] = { t, direct, overlay };
    else out.push({ t, direct, overlay });
  }
  return out;
}

/** A flow's requests sent since a moment, each way. */
export interface FlowSummary {
  flow: string;
  sinceS: number;
  requests: number;
  directFailed: number;
  overlayFailed: number;
  /** medians of the requests that completed (null: none did) */
  directMedianMs: number | null;
  overlayMedianMs: number | null;
  /** overlay requests that went through a relay, by relay node id, most used first */
  relays: { via: number; requests: number }[];
}

export function flowSummary(state: OverlayState, flow: string, sinceS: number): FlowSummary {
  const mine = state.requests.filter((r) => r.flow === flow && r.timeNs / 1e9 >= sinceS);
  const done = (ms: (number | null)[]) => ms.filter((v): v is number => v !== null);
  const direct = done(mine.map((r) => r.directMs));
  const overlay = done(mine.map((r) => r.overlayMs));
  const byRelay = new Map<number, number>();
  for (const r of mine) if (r.via >= 0) byRelay.set(r.via, (byRelay.get(r.via) ?? 0) + 1);
  return {
    flow,
    sinceS,
    requests: mine.length,
    directFailed: mine.length - direct.length,
    overlayFailed: mine.length - overlay.length,
    directMedianMs: median(direct),
    overlayMedianMs: median(overlay),
    relays: [...byRelay]
      .map(([via, requests]) => ({ via, requests }))
      .sort((a, b) => b.requests - a.requests || a.via - b.via),
  };
}

/** The middle value (the mean of the two middle ones for an even count), null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * One ordered pair of members as the overlay sees it: the direct link as `from` last reported it
 * (its row) and the path `from` chose to `to` (its latest choice).
 */
export interface PairCell {
  from: number;
  to: number;
  /**
   * the direct link: measured, deemed down (no round trip and probes lost: RON's 4 in a row),
   * or unknown (no row yet, or no probe answered and none lost)
   */
  direct: 'measured' | 'down' | 'unknown';
  rttMs: number | null;
  loss: number | null;
  /** the chosen path: 'direct', a relay's node id, 'none' (no path works) or null (none yet) */
  via: 'direct' | 'none' | number | null;
  /** the chosen path's round trip and loss when it was chosen */
  chosenRttMs: number | null;
  chosenLoss: number | null;
}

/** The members, in the order the rows list them (the model's), or as the choices name them. */
export function membersOf(state: OverlayState): number[] {
  for (const row of state.rows.values()) return [...row.members];
  const seen = new Set<number>();
  for (const c of state.choices.values()) seen.add(c.from).add(c.to);
  return [...seen].sort((a, b) => a - b);
}

export function pairCell(state: OverlayState, from: number, to: number): PairCell {
  const row = state.rows.get(from);
  const i = row ? row.members.indexOf(to) : -1;
  const rttMs = i >= 0 ? row!.rttMs[i] : null;
  const loss = i >= 0 ? row!.loss[i] : null;
  const direct = rttMs !== null ? 'measured' : loss !== null && loss > 0 ? 'down' : 'unknown';
  const c = state.choices.get(pairKey(from, to));
  const via = c === undefined ? null : c.via === null ? 'none' : c.via < 0 ? 'direct' : c.via;
  return {
    from,
    to,
    direct,
    rttMs,
    loss,
    via,
    chosenRttMs: c?.rttMs ?? null,
    chosenLoss: c?.loss ?? null,
  };
}

/** Every ordered pair of members, row by row (from), each row in member order (to). */
export function pathMatrix(state: OverlayState): PairCell[][] {
  const members = membersOf(state);
  return members.map((from) =>
    members.filter((to) => to !== from).map((to) => pairCell(state, from, to)),
  );
}

/**
 * The pairs worth a line when there are too many for a matrix: those whose direct link is down
 * first, then those with no working path, then the relayed ones, the slowest direct link first.
 */
export function notablePairs(matrix: readonly PairCell[][]): PairCell[] {
  const rank = (c: PairCell) => (c.direct === 'down' ? 0 : c.via === 'none' ? 1 : 2);
  return matrix
    .flat()
    .filter((c) => c.direct === 'down' || c.via === 'none' || typeof c.via === 'number')
    .sort((a, b) => rank(a) - rank(b) || (b.rttMs ?? 0) - (a.rttMs ?? 0));
}

/** How many pairs are relayed, have their direct link down, and have no path at all. */
export function pairCounts(matrix: readonly PairCell[][]) {
  const all = matrix.flat();
  return {
    pairs: all.length,
    relayed: all.filter((c) => typeof c.via === 'number').length,
    directDown: all.filter((c) => c.direct === 'down').length,
    noPath: all.filter((c) => c.via === 'none').length,
  };
}
