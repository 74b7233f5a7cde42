/**
 * What `npm run sim -- overlay` measures, in a world running BGP and the overlay (overlayWorld):
 * - how many ordered member pairs have a one-relay path better than the direct one by a margin,
 *   by the overlay's own measurements and by the network's empty-path truth (Savage et al.,
 *   SIGCOMM 1999, "Detour", found a better alternate for 30 to 80 % of paths);
 * - after each event (a cut cable or a de-peering, as BGP's commands), for the member pairs whose
 *   direct path stopped carrying, how long until BGP gave them a working direct path again and
 *   until the overlay's chosen path (direct or relayed) worked, checked every `stepMs`.
 */
import { MS, nsToSeconds, SECOND } from '../../time';
import type { OverlayWorld } from './overlayWorld';
import { exactLink } from './exactChoice';

/** A bad event or argument, named (the runner exits 2 with it). */
export class OverlayInputError extends Error {
  override name = 'OverlayInputError';
}

export interface OverlayEvent {
  text: string;
  kind: 'cut' | 'depeer';
  networkA: number;
  networkB: number;
  atSeconds: number;
}

/** `cut:A-B@T` or `depeer:A-B@T`: networks by id (3 or net-3), T in seconds. */
export function parseOverlayEvent(text: string): OverlayEvent {
  const m = /^(cut|depeer):(?:net-)?([0-9]+)-(?:net-)?([0-9]+)@([0-9]+(?:\.[0-9]+)?)$/.exec(text);
  if (!m)
    throw new OverlayInputError(
      `bad event '${text}': expected cut:A-B@T or depeer:A-B@T (networks A and B by id, T in s)`,
    );
  return {
    text,
    kind: m[1] as 'cut' | 'depeer',
    networkA: Number(m[2]),
    networkB: Number(m[3]),
    atSeconds: Number(m[4]),
  };
}

export interface RelayShare {
  /** ordered member pairs with both a measured direct path and at least one relay */
  pairs: number;
  /** by the overlay's smoothed probe measurements */
  measured: { fasterByMargin: number; lessLossByMargin: number };
  /** by the network's empty-path round-trip times and loss rates (what probes estimate) */
  truth: { fasterByMargin: number; lessLossByMargin: number };
}

/** The share of ordered member pairs whose best one-relay path beats the direct one. */
export function relayShare(ow: OverlayWorld, marginMs: number, marginLoss: number): RelayShare {
  const { overlay, world } = ow;
  const members = overlay.members();
  const routes = world.routes;
  const truthRtt = (a: number, b: number) => exactLink(routes, a, b).rttNs / MS;
  const truthLoss = (a: number, b: number) => exactLink(routes, a, b).loss;
  let pairs = 0;
  const measured = { fasterByMargin: 0, lessLossByMargin: 0 };
  const truth = { fasterByMargin: 0, lessLossByMargin: 0 };
  for (const a of members)
    for (const b of members) {
      if (a === b) continue;
      const direct = overlay.measured(a, a, b);
      if (!direct) continue;
      let rtt = Infinity;
      let loss = Infinity;
      let tRtt = Infinity;
      let tLoss = Infinity;
      for (const r of members) {
        if (r === a || r === b) continue;
        const first = overlay.measured(a, a, r);
        const second = overlay.measured(a, r, b);
        if (first && second) {
          rtt = Math.min(rtt, first.rttMs + second.rttMs);
          loss = Math.min(loss, 1 - (1 - first.loss) * (1 - second.loss));
        }
        tRtt = Math.min(tRtt, truthRtt(a, r) + truthRtt(r, b));
        tLoss = Math.min(tLoss, 1 - (1 - truthLoss(a, r)) * (1 - truthLoss(r, b)));
      }
      if (rtt === Infinity) continue;
      pairs++;
      if (direct.rttMs - rtt >= marginMs) measured.fasterByMargin++;
      if (direct.loss - loss >= marginLoss) measured.lessLossByMargin++;
      if (truthRtt(a, b) - tRtt >= marginMs) truth.fasterByMargin++;
      if (truthLoss(a, b) - tLoss >= marginLoss) truth.lessLossByMargin++;
    }
  return { pairs, measured, truth };
}

export interface Recovery {
  /** pairs restored before the window ended */
  restored: number;
  meanSeconds: number | null;
  maxSeconds: number | null;
  /** per pair `from>to`: seconds after the event, or null if not restored */
  perPair: Record<string, number | null>;
}

export interface EventRecovery {
  event: string;
  at: number;
  /** ordered member pairs whose direct path carried nothing just after the event */
  affectedPairs: number;
  overlay: Recovery;
  bgp: Recovery;
}

/**
 * Applies the event now and follows the affected pairs for `windowSeconds` (or until both have
 * restored every pair), in steps of `stepMs`.
 */
export function followEvent(
  ow: OverlayWorld,
  event: OverlayEvent,
  windowSeconds: number,
  stepMs = 100,
): EventRecovery {
  const { world, overlay } = ow;
  const routes = world.routes;
  const carries = (a: number, b: number) =>
    routes.pathDeliveryProbability(a, b) > 0 && routes.pathDeliveryProbability(b, a) > 0;
  const members = overlay.members();
  ow.command({
    type: event.kind === 'cut' ? 'bgp.cutLink' : 'bgp.depeer',
    networkA: event.networkA,
    networkB: event.networkB,
  });
  const start = world.engine.now;
  const affected: [number, number][] = [];
  for (const a of members)
    for (const b of members) if (a !== b && !carries(a, b)) affected.push([a, b]);
  const overlayAt = new Map<string, number>();
  const bgpAt = new Map<string, number>();
  const key = ([a, b]: [number, number]) => `${a}>${b}`;
  const overlayWorks = ([a, b]: [number, number]) => {
    const via = overlay.choice(a, b)?.via;
    if (via === undefined) return false;
    return via < 0 ? carries(a, b) : carries(a, via) && carries(via, b);
  };
  const end = start + windowSeconds * SECOND;
  for (let t = start; ; t = Math.min(end, t + stepMs * MS)) {
    world.engine.runUntil(t);
    for (const p of affected) {
      const k = key(p);
      if (!bgpAt.has(k) && carries(p[0], p[1])) bgpAt.set(k, t - start);
      if (!overlayAt.has(k) && overlayWorks(p)) overlayAt.set(k, t - start);
    }
    const done = bgpAt.size === affected.length && overlayAt.size === affected.length;
    if (done || t >= end) break;
  }
  const recovery = (at: Map<string, number>): Recovery => {
    const perPair: Record<string, number | null> = {};
    const times: number[] = [];
    for (const p of affected) {
      const ns = at.get(key(p));
      perPair[key(p)] = ns === undefined ? null : nsToSeconds(ns);
      if (ns !== undefined) times.push(nsToSeconds(ns));
    }
    return {
      restored: times.length,
      meanSeconds: times.length ? times.reduce((x, y) => x + y, 0) / times.length : null,
      maxSeconds: times.length ? Math.max(...times) : null,
      perPair,
    };
  };
  return {
    event: event.text,
    at: event.atSeconds,
    affectedPairs: affected.length,
    overlay: recovery(overlayAt),
    bgp: recovery(bgpAt),
  };
}
