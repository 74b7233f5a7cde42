/**
 * A TCP connection's segments and ACKs as a sequence, from the packets the tcp model traces in
 * slow motion (`sim.tcpPacket`: sent, arriving or lost, resent). A transfer sends thousands of
 * segments, so the diagram shows a window: the last few round trips up to now (or up to the end
 * of the trace), with at most a readable number of arrows; losses and retransmissions are
 * always drawn.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { TcpConnTotals, TcpPacket } from '@sim/models/tcp/tcpRuntime';
import { FrameFollower } from '../charts/frameFollower';
import type { SeqMessage, Sequence } from './sequence';

/** Round trips the window spans. */
export const WINDOW_ROUND_TRIPS = 3;
/** Arrows drawn per direction at most; beyond it, every k-th (losses and resends always). */
export const MAX_ARROWS = 24;
/** Packets kept (the trace of one slow-motion quarter second is a few thousand). */
const KEEP = 20_000;

export class TcpSequence {
  private packets: TcpPacket[] = [];
  private ends = new Map<string, { client: number; server: number }>();
  private nowNs = 0;
  private readonly frames = new FrameFollower();

  /** Adds a frame's packets; true if the picture may have changed. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') {
      this.packets = [];
      this.ends.clear();
    }
    let changed = turn === 'restart';
    // Arrows move with time alone until the last traced packet has arrived.
    const last = this.packets.at(-1);
    if (frame.timeNs !== this.nowNs && last !== undefined && this.nowNs <= last.arriveNs)
      changed = true;
    this.nowNs = frame.timeNs;
    for (const o of frame.observations ?? []) {
      const r = o as { type?: string };
      if (r.type === 'sim.tcpPacket' && this.packets.length < KEEP) {
        this.packets.push(o as TcpPacket);
        changed = true;
      } else if (r.type === 'sim.tcpTotals') {
        for (const c of (o as { conns: TcpConnTotals[] }).conns ?? [])
          this.ends.set(c.name, { client: c.client, server: c.server });
      }
    }
    return changed;
  }

  /** The window of `conn` (or the first traced connection), or null before it sent anything. */
  view(conn: string | null = null, placeOf?: (node: number) => string): Sequence | null {
    const name = conn ?? this.packets[0]?.conn;
    const mine = this.packets.filter((p) => p.conn === name && p.timeNs <= this.nowNs);
    if (mine.length === 0 || name === undefined) return null;
    return tcpWindow(name, mine, this.nowNs, this.ends.get(name), placeOf);
  }
}

/**
 * The window of one connection's packets (sent by `nowNs`, in send order) as a sequence. Pure,
 * for the tests.
 */
export function tcpWindow(
  name: string,
  packets: readonly TcpPacket[],
  nowNs: number,
  ends?: { client: number; server: number },
  placeOf?: (node: number) => string,
): Sequence {
  const lastArrival = Math.max(...packets.map((p) => p.arriveNs));
  const endNs = Math.min(nowNs, lastArrival);
  // The round trip as the packets took it: a segment's way there plus an ACK's way back.
  const data = packets.find((p) => p.dir === 'data');
  const ack = packets.find((p) => p.dir === 'ack');
  const there = data ? data.arriveNs - data.timeNs : 0;
  const back = ack ? ack.arriveNs - ack.timeNs : there;
  const rttNs = Math.max(1, there + back);
  const startNs = Math.max(packets[0].timeNs, endNs - WINDOW_ROUND_TRIPS * rttNs);
  const inWindow = packets.filter((p) => p.timeNs >= startNs && p.timeNs <= endNs);

  const shown: TcpPacket[] = [];
  let thinning = 1;
  for (const dir of ['data', 'ack'] as const) {
    const list = inWindow.filter((p) => p.dir === dir);
    const k = Math.max(1, Math.ceil(list.length / MAX_ARROWS));
    thinning = Math.max(thinning, k);
    // Counted from the newest, so the arrow nearest "now" is always drawn.
    list.forEach((p, i) => {
      if (p.lost || p.resent || (list.length - 1 - i) % k === 0) shown.push(p);
    });
  }
  shown.sort((a, b) => a.timeNs - b.timeNs);

  const messages = shown.map(packetMessage);
  const lost = inWindow.filter((p) => p.lost).length;
  const resent = inWindow.filter((p) => p.resent).length;
  const place = (node: number | undefined) => (node !== undefined && placeOf ? placeOf(node) : '');
  return {
    lanes: [
      { key: 'server', role: 'server (sender)', place: place(ends?.server) },
      { key: 'client', role: 'user (receiver)', place: place(ends?.client) },
    ],
    messages,
    waits: [],
    startNs,
    endNs: Math.max(endNs, ...messages.map((m) => m.lostNs ?? m.arriveNs ?? 0)),
    open: nowNs < lastArrival,
    zeroNs: 0,
    axisZero: 'the start',
    summary:
      `Connection ${name}: ${inWindow.filter((p) => p.dir === 'data').length} segments and ` +
      `${inWindow.filter((p) => p.dir === 'ack').length} ACKs in the last ` +
      `${WINDOW_ROUND_TRIPS} round trips (${(rttNs / 1e6).toFixed(1)} ms each)` +
      `${lost > 0 ? `, ${lost} lost` : ''}${resent > 0 ? `, ${resent} resent` : ''}.`,
    note: thinning > 1 ? `1 in ${thinning} arrows drawn, and every loss and retransmission.` : '',
  };
}

function packetMessage(p: TcpPacket): SeqMessage {
  const data = p.dir === 'data';
  const label = data
    ? `seg ${p.seq}${p.resent ? ' resent' : ''}${p.lost ? ' lost' : ''}`
    : `ACK ${p.seq}`;
  return {
    from: data ? 'server' : 'client',
    to: data ? 'client' : 'server',
    sentNs: p.timeNs,
    arriveNs: p.lost ? null : p.arriveNs,
    expectedNs: p.arriveNs,
    lost: p.lost,
    // The model decides a loss when the packet is sent, not where: drawn half way.
    lostNs: p.lost ? p.timeNs + (p.arriveNs - p.timeNs) / 2 : null,
    lostAlong: p.lost ? 0.5 : null,
    kind: data ? (p.lost ? 'lost' : p.resent ? 'resent' : 'data') : 'ack',
    label,
    detail: data
      ? `segment ${p.seq}${p.resent ? ' (retransmission)' : ''}${p.lost ? ', lost on the way' : ''}`
      : `ACK: next segment expected ${p.seq}`,
    index: null,
  };
}
