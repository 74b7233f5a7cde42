/**
 * The TCP charts' data: the tcp model's samples (`sim.tcpSample`) gathered from frames into
 * points with one column per connection and measure, and the latest totals
 * (`sim.tcpTotals`). Connections sample at their own ACKs, so a point carries every other
 * connection's last value forward: lines stay continuous. A frame earlier than the last one
 * means a new run: the history starts over. A rune class: each field is replaced whole when it
 * changes (at most once per frame), so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { FrameFollower } from './frameFollower';
import type { TcpConnTotals, TcpPacket, TcpSample } from '@sim/models/tcp/tcpRuntime';
import { groupTotals, mergeTotalsByName, type TcpGroupFigures } from '@sim/models/tcp/groupTotals';
import { MarkList } from './chartMarks';

export interface TcpPoint {
  /** simulated s */
  t: number;
  [column: string]: number | null;
}

const MEASURES = ['cwnd', 'rate', 'srtt'] as const;
export const column = (measure: (typeof MEASURES)[number], conn: string) => `${measure}:${conn}`;

export type TcpGroup = TcpGroupFigures;

export class TcpHistory {
  points = $state.raw<readonly TcpPoint[]>([]);
  /** connections that have sampled, in the order first seen */
  conns = $state.raw<readonly string[]>([]);
  totals = $state.raw<TcpConnTotals[]>([]);
  /** packets traced for slow motion, oldest first */
  packets = $state.raw<readonly TcpPacket[]>([]);
  /** the simulated time the packets are drawn at, ns: the latest frame's while any moves */
  nowNs = $state(0);
  /** the latest frame's simulated time, ns */
  #nowNs = 0;
  /** retransmission timeouts, where the totals first report them (the charts mark them) */
  readonly events = new MarkList(0.5);
  private readonly frames = new FrameFollower();

  constructor(readonly capacity = 4000) {}

  /** Adds a frame's records; true if anything changed. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return false;
    let changed = turn === 'restart';
    if (changed) this.startOver();
    // Moving packets redraw with time alone, until the last traced one has arrived.
    const lastArrival = this.packets.at(-1)?.arriveNs ?? -1;
    if (this.#nowNs !== frame.timeNs && this.#nowNs <= lastArrival) changed = true;
    this.#nowNs = frame.timeNs;
    const packets: TcpPacket[] = [];
    let points: TcpPoint[] | null = null;
    for (const o of frame.observations ?? []) {
      const r = o as { type?: string };
      if (r.type === 'sim.tcpPacket') {
        if (this.packets.length + packets.length < this.capacity * 5) packets.push(o as TcpPacket);
        changed = true;
      } else if (r.type === 'sim.tcpSample') {
        points ??= this.points.slice();
        this.addSample(points, o as TcpSample);
        changed = true;
      } else if (r.type === 'sim.tcpTotals') {
        // Each worker reports the connections it runs: merged by name.
        const before = this.totals;
        this.totals = mergeTotalsByName(this.totals, (o as { conns: TcpConnTotals[] }).conns ?? []);
        this.markTimeouts(before, (o as { timeNs?: number }).timeNs ?? frame.timeNs);
        changed = true;
      }
    }
    if (packets.length > 0) this.packets = [...this.packets, ...packets];
    if (points !== null)
      this.points =
        points.length > this.capacity ? points.slice(points.length - this.capacity) : points;
    if (changed) this.nowNs = this.#nowNs;
    return changed;
  }

  private addSample(points: TcpPoint[], s: TcpSample): void {
    if (!this.conns.includes(s.conn)) this.conns = [...this.conns, s.conn];
    const t = s.timeNs / 1e9;
    let p = points.at(-1);
    if (p === undefined || t > p.t) {
      p = { ...(p ?? {}), t };
      // A connection not heard from yet has no value (null), never a missing one.
      for (const c of this.conns)
        for (const m of MEASURES) if (p[column(m, c)] === undefined) p[column(m, c)] = null;
      points.push(p);
    } else if (t < p.t) return;
    else {
      // The same instant: a copy, so the points published before stay as they were.
      p = { ...p };
      points[points.length - 1] = p;
    }
    p[column('cwnd', s.conn)] = s.cwndBytes / 1000;
    p[column('rate', s.conn)] = s.throughputMbps;
    p[column('srtt', s.conn)] = s.srttMs;
  }

  private markTimeouts(before: TcpConnTotals[], timeNs: number): void {
    for (const t of this.totals) {
      const was = before.find((b) => b.name === t.name)?.timeouts ?? 0;
      if (t.timeouts > was) this.events.add(timeNs / 1e9, 'timeout reported');
    }
  }

  /** The latest totals grouped (a table row over several seeds), in first-seen order. */
  groups(): TcpGroup[] {
    return groupTotals(this.totals);
  }

  /** The packets on the path now, each with how far along it is (0 at the sender, 1 arrived). */
  inFlight(): { p: TcpPacket; along: number }[] {
    const now = this.nowNs;
    const out: { p: TcpPacket; along: number }[] = [];
    for (const p of this.packets) {
      if (p.timeNs > now || p.arriveNs <= now) continue;
      const along = (now - p.timeNs) / (p.arriveNs - p.timeNs);
      // A lost packet is shown for the first half of its way, then gone.
      if (p.lost && along > 0.5) continue;
      out.push({ p, along });
    }
    return out;
  }

  clear(): void {
    this.startOver();
    this.frames.forget();
  }

  private startOver(): void {
    this.packets = [];
    this.#nowNs = 0;
    this.nowNs = 0;
    this.points = [];
    this.conns = [];
    this.totals = [];
    this.events.clear();
  }
}
