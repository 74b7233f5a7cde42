/**
 * Uncacheable requests between members, over the world's network: the flows the lab compares
 * (each request sent directly and over the overlay at the same moment) and SureRoute's races.
 *
 * An exchange is a chain of messages along `hops` (request legs out, response legs back): a
 * relayed request goes A → R → B and its response B → R → A, each relay passing it on at once
 * over the overlay's open connections; a direct request opens its connection first (a handshake
 * round trip, when `directHandshake`). The member that started an exchange gives up on it after
 * `requestTimeoutSeconds` (no retransmission: a real TCP would wait at least 1 s, RFC 6298, to
 * retry a lost segment). Servers answer at once: the origin's own work is left out.
 *
 * SureRoute (see overlayConfig.ts): the overlay request takes the pair's race winner while it is
 * fresh, else the probes' choice. A request with no fresh winner triggers a race, and so does an
 * overlay request that failed (the winner is forgotten): a test object over the direct path and
 * the two best relays at once, the first answer winning.
 */
import { nsToMs, secondsToNs } from '../../time';
import type { FlowRequestSeen, RaceSeen } from './observations';
import {
  DEFAULT_RESPONSE_BYTES,
  HANDSHAKE_BYTES,
  REQUEST_BYTES,
  TEST_OBJECT_BYTES,
} from './overlayConfig';
import type { OverlayMember } from './OverlayMember';
import { count, pathsOf, type OverlayRuntime } from './OverlayRuntime';
import { rank } from './routeChoice';

import { REQUEST_TYPES } from './messages';

interface LegBody {
  /** the exchange, numbered by the member that started it (hops[0], which it returns to) */
  id: number;
  hops: number[];
  /** per leg: its size, and whether it is a response (drawn as one) */
  sizes: number[];
  responses: boolean[];
  /** the leg this message is */
  leg: number;
}

type Settle = (ms: number | null) => void;

export interface Requests {
  /** the path (a `via`) an overlay request from `m` to `to` takes now */
  overlayPath(m: OverlayMember, to: number): number;
}

export function startRequests(rt: OverlayRuntime): Requests {
  const { engine, network } = rt.world;
  const { config } = rt;
  const timeoutNs = secondsToNs(config.requestTimeoutSeconds);
  /** exchanges under way, by owner and id; each settles once */
  const pending = new Map<number, Map<number, { startedAt: number; settle: Settle }>>();
  const racing = new Set<string>();
  /** per owner, its next exchange id (numbered per node, so a split run numbers them alike) */
  const nextId = new Map<number, number>();

  function sendLeg(body: LegBody): void {
    const k = body.leg;
    const type = body.responses[k] ? 'overlay.response' : 'overlay.request';
    network.send(body.hops[k], body.hops[k + 1], body.sizes[k], type, body);
  }

  /** Starts an exchange from `hops[0]` along `hops`; `settle` hears its time (ms) or null. */
  function exchange(hops: number[], sizes: number[], responses: boolean[], settle: Settle): void {
    const owner = hops[0];
    const id = nextId.get(owner) ?? 0;
    nextId.set(owner, id + 1);
    let mine = pending.get(owner);
    if (!mine) pending.set(owner, (mine = new Map()));
    mine.set(id, { startedAt: engine.now, settle });
    sendLeg({ id, hops, sizes, responses, leg: 0 });
    engine.schedule(timeoutNs, owner, owner, giveUp, id);
  }

  function settle(owner: number, id: number, ok: boolean): void {
    const x = pending.get(owner)?.get(id);
    if (!x) return;
    pending.get(owner)!.delete(id);
    x.settle(ok ? nsToMs(engine.now - x.startedAt) : null);
  }

  const giveUp = engine.registerKind('overlay.requestTimeout', (owner, id) =>
    settle(owner, id, false),
  );

  network.onDeliver(
    (msg) => {
      const body = msg.body as LegBody;
      const next = body.leg + 1;
      if (next === body.hops.length - 1) return settle(msg.to, body.id, true);
      sendLeg({ ...body, leg: next });
    },
    [...REQUEST_TYPES],
  );

  /** A request and its response over `via` (relayed legs need no handshake). */
  function overDirectOrRelay(from: number, to: number, via: number, up: number, down: number) {
    if (via < 0) return { hops: [from, to, from], sizes: [up, down], responses: [false, true] };
    return {
      hops: [from, via, to, via, from],
      sizes: [up, up, down, down],
      responses: [false, false, true, true],
    };
  }

  function overlayPath(m: OverlayMember, to: number): number {
    const winner = m.raceWinners.get(to);
    if (winner && winner.untilNs > engine.now) return winner.via;
    return m.choices.get(to)?.via ?? -1;
  }

  function race(m: OverlayMember, to: number): void {
    const key = `${m.node}>${to}`;
    if (racing.has(key)) return;
    racing.add(key);
    count(rt, 'overlay.races');
    const relays = rank(pathsOf(rt, m, to), rt.metric)
      .map((p) => p.via)
      .filter((via) => via >= 0)
      .slice(0, config.raceRelays);
    const candidates = [-1, ...relays];
    let left = candidates.length;
    let winner: number | null = null;
    const done = () => {
      racing.delete(key);
      const seen: RaceSeen = {
        type: 'overlay.race',
        timeNs: engine.now,
        from: m.node,
        to,
        candidates,
        winner,
      };
      rt.observations.push(seen);
    };
    for (const via of candidates) {
      const x = overDirectOrRelay(m.node, to, via, REQUEST_BYTES, TEST_OBJECT_BYTES);
      exchange(x.hops, x.sizes, x.responses, (ms) => {
        left--;
        if (ms !== null && winner === null) {
          winner = via;
          m.raceWinners.set(to, { via, untilNs: engine.now + secondsToNs(config.raceTtlSeconds) });
          done();
        } else if (left === 0 && winner === null) done();
      });
    }
  }

  const flowTick = engine.registerKind('overlay.flowTick', (from, index) => {
    const flow = config.flows[index];
    const m = rt.owned.get(from)!;
    const bytes = flow.bytes ?? DEFAULT_RESPONSE_BYTES;
    const seen: FlowRequestSeen = {
      type: 'overlay.flowRequest',
      timeNs: engine.now,
      flow: flow.name,
      from,
      to: flow.to,
      directMs: null,
      overlayMs: null,
      via: overlayPath(m, flow.to),
    };
    let open = 2;
    const close = () => {
      if (--open === 0) rt.observations.push(seen);
    };
    const direct = config.directHandshake
      ? {
          hops: [from, flow.to, from, flow.to, from],
          sizes: [HANDSHAKE_BYTES, HANDSHAKE_BYTES, REQUEST_BYTES, bytes],
          responses: [false, true, false, true],
        }
      : overDirectOrRelay(from, flow.to, -1, REQUEST_BYTES, bytes);
    count(rt, 'overlay.flowRequests');
    exchange(direct.hops, direct.sizes, direct.responses, (ms) => {
      seen.directMs = ms;
      count(rt, ms === null ? 'overlay.directFailed' : 'overlay.directDone');
      close();
    });
    const o = overDirectOrRelay(from, flow.to, seen.via, REQUEST_BYTES, bytes);
    exchange(o.hops, o.sizes, o.responses, (ms) => {
      seen.overlayMs = ms;
      count(rt, ms === null ? 'overlay.overlayFailed' : 'overlay.overlayDone');
      const winner = m.raceWinners.get(flow.to);
      if (ms === null) m.raceWinners.delete(flow.to);
      if (ms === null || !winner || winner.untilNs <= engine.now) race(m, flow.to);
      close();
    });
    engine.schedule(secondsToNs(flow.everySeconds), from, from, flowTick, index);
  });

  config.flows.forEach((flow, i) => {
    if (rt.owned.has(flow.from))
      engine.schedule(secondsToNs(flow.everySeconds), flow.from, flow.from, flowTick, i);
  });

  return { overlayPath };
}
