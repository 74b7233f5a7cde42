/**
 * What the packet overlay draws, gathered from the frames (pure: no canvas, tested in Node):
 *
 * - messages in flight: the network's (`frame.inFlight`, small topologies only), the TCP
 *   model's segments, which cross private paths instead of the network (src/sim/models/tcp/TcpPath.ts)
 *   and come as `sim.tcpPacket` observations while a connection is traced, between the two ends
 *   its `sim.tcpTotals` name; and the rollout's orders to install a version, which its model
 *   reports as `sim.rolloutMessages` (it sends nothing over the network, src/sim/models/rollout/rolloutRuntime.ts);
 * - flows between two places, for speeds at which single messages flash by: messages per
 *   simulated second between two nodes, from the messages each frame's log says were delivered
 *   or dropped (scaled up when the log was sampled) and the rollout's messages of the frame
 *   (orders, and the status reports its health checks read), smoothed over frames; and a TCP
 *   connection's goodput (Mbit/s) from its totals.
 *
 * Every number comes from the frames; nothing is made up between them.
 */
import type { RuntimeFrame } from '@runtime/frame';
import type { Topology } from '@sim/topology';
import { KIND, messageKind } from './packetMotion';

export interface OverlayMessage {
  from: number;
  to: number;
  sentNs: number;
  /** arrival over an empty path (network), or when the TCP path delivers it */
  dueNs: number;
  /** index into PACKET_KINDS */
  kind: number;
}

export interface OverlayFlow {
  /** the two ends (a < b for network flows; sender then receiver for TCP) */
  a: number;
  b: number;
  /** messages per simulated second, or Mbit/s for a TCP connection */
  rate: number;
  unit: 'msg/s' | 'Mbit/s';
}

/** TCP segments kept in flight at most (a traced window's worth; the oldest go first). */
const MAX_TCP_IN_FLIGHT = 400;
/** Rollout orders kept in flight at most (a world phase's push; the oldest go first). */
const MAX_ROLLOUT_IN_FLIGHT = 2_000;
/** Weight of the newest frame in a flow's smoothed rate. */
const SMOOTHING = 0.3;
/** A flow below this share of the busiest one is no longer drawn. */
const MIN_FLOW_SHARE = 0.01;

interface TcpPacketObservation {
  type: 'sim.tcpPacket';
  timeNs: number;
  conn: string;
  dir: 'data' | 'ack';
  arriveNs: number;
  lost: boolean;
}

interface TcpTotalsObservation {
  type: 'sim.tcpTotals';
  conns: { name: string; client: number; server: number; goodputMbps: number; done: boolean }[];
}

/** See RolloutMessages in src/sim/models/rollout/rolloutRuntime.ts. */
interface RolloutMessagesObservation {
  type: 'sim.rolloutMessages';
  timeNs: number;
  what: 'push' | 'rollback' | 'report';
  ops: number;
  servers: number[];
  tripNs: number[];
}

function isRolloutMessages(o: unknown): o is RolloutMessagesObservation {
  return (o as { type?: unknown })?.type === 'sim.rolloutMessages';
}

function isTcpPacket(o: unknown): o is TcpPacketObservation {
  return (o as { type?: unknown })?.type === 'sim.tcpPacket';
}

function isTcpTotals(o: unknown): o is TcpTotalsObservation {
  return (o as { type?: unknown })?.type === 'sim.tcpTotals';
}

export class OverlayModel {
  private lastNs = -1;
  private network: OverlayMessage[] = [];
  private tcp: OverlayMessage[] = [];
  private rollout: OverlayMessage[] = [];
  /** messages of the frame between two nodes that are not in its log (the rollout's), by pair */
  private readonly unlogged: { from: number; to: number }[] = [];
  private readonly tcpEnds = new Map<string, { client: number; server: number }>();
  private tcpFlows: OverlayFlow[] = [];
  /** smoothed messages per simulated second, per pair key (a * nodes + b) */
  private readonly rates = new Map<number, number>();

  constructor(private readonly topology: Topology) {}

  /** Takes in a new frame (null: nothing runs; forget everything). */
  update(frame: RuntimeFrame | null): void {
    if (!frame || frame.timeNs < this.lastNs) this.clear();
    if (!frame) return;
    const dt = this.lastNs >= 0 ? frame.timeNs - this.lastNs : 0;
    this.lastNs = frame.timeNs;
    this.network = this.networkMessages(frame);
    this.takeObservations(frame);
    this.tcp = this.tcp.filter((m) => m.dueNs > frame.timeNs);
    this.rollout = this.rollout.filter((m) => m.dueNs > frame.timeNs);
    // The first frame has no interval to measure over: its messages count in the next one's.
    if (dt > 0) {
      this.updateRates(frame, dt);
      this.unlogged.length = 0;
    }
  }

  /** Messages in flight at the last frame's time (network first, then TCP segments). */
  messages(): OverlayMessage[] {
    if (this.tcp.length === 0 && this.rollout.length === 0) return this.network;
    return [...this.network, ...this.tcp, ...this.rollout];
  }

  /** Flows now: network pairs by smoothed rate, and running TCP connections by goodput. */
  flows(): OverlayFlow[] {
    const out: OverlayFlow[] = [];
    const n = this.topology.nodes.length;
    for (const [key, rate] of this.rates) {
      out.push({ a: Math.floor(key / n), b: key % n, rate, unit: 'msg/s' });
    }
    return out.concat(this.tcpFlows);
  }

  private clear(): void {
    this.lastNs = -1;
    this.network = [];
    this.tcp = [];
    this.rollout = [];
    this.unlogged.length = 0;
    this.tcpEnds.clear();
    this.tcpFlows = [];
    this.rates.clear();
  }

  private networkMessages(frame: RuntimeFrame): OverlayMessage[] {
    const list = frame.inFlight;
    if (!list) return [];
    const nodes = this.topology.nodes;
    const out: OverlayMessage[] = [];
    for (let i = 0; i < list.types.length; i++) {
      const from = list.from[i];
      const to = list.to[i];
      out.push({
        from,
        to,
        sentNs: list.sentAtNs[i],
        dueNs: list.expectedAtNs[i],
        kind: messageKind(list.types[i], nodes[from]?.kind, nodes[to]?.kind),
      });
    }
    return out;
  }

  private takeObservations(frame: RuntimeFrame): void {
    const observations = frame.observations;
    if (!observations || observations.length === 0) return;
    for (const o of observations) {
      if (isTcpTotals(o)) {
        this.tcpFlows = [];
        for (const c of o.conns) {
          this.tcpEnds.set(c.name, { client: c.client, server: c.server });
          if (!c.done && c.goodputMbps > 0) {
            this.tcpFlows.push({ a: c.server, b: c.client, rate: c.goodputMbps, unit: 'Mbit/s' });
          }
        }
      } else if (isRolloutMessages(o)) {
        this.takeRollout(o, frame.timeNs);
      } else if (isTcpPacket(o)) {
        const ends = this.tcpEnds.get(o.conn);
        if (!ends || o.arriveNs <= frame.timeNs) continue;
        const data = o.dir === 'data';
        this.tcp.push({
          from: data ? ends.server : ends.client,
          to: data ? ends.client : ends.server,
          sentNs: o.timeNs,
          dueNs: o.arriveNs,
          kind: o.lost ? KIND.tcpLost : data ? KIND.tcpData : KIND.tcpAck,
        });
      }
    }
    if (this.tcp.length > MAX_TCP_IN_FLIGHT)
      this.tcp.splice(0, this.tcp.length - MAX_TCP_IN_FLIGHT);
  }

  /**
   * The rollout's messages of one moment: every one counts towards its flow; orders still on
   * their way are drawn (reports have arrived: the check read them at `timeNs`).
   */
  private takeRollout(o: RolloutMessagesObservation, frameNs: number): void {
    const report = o.what === 'report';
    const kind = o.what === 'push' ? KIND.releasePush : KIND.rollback;
    for (let i = 0; i < o.servers.length; i++) {
      const server = o.servers[i];
      const [from, to] = report ? [server, o.ops] : [o.ops, server];
      // A flow runs between places: the servers of a data centre share one (drawn at the
      // data centre's first server, where the zoomed-out map draws the data centre).
      this.unlogged.push({ from: o.ops, to: this.placeOf(server) });
      const sentNs = report ? o.timeNs - o.tripNs[i] : o.timeNs;
      const dueNs = sentNs + o.tripNs[i];
      if (!report && dueNs > frameNs) this.rollout.push({ from, to, sentNs, dueNs, kind });
    }
    if (this.rollout.length > MAX_ROLLOUT_IN_FLIGHT)
      this.rollout.splice(0, this.rollout.length - MAX_ROLLOUT_IN_FLIGHT);
  }

  /** The node a server's flows are drawn to: its data centre's first server. */
  private placeOf(node: number): number {
    const dc = this.topology.nodes[node]?.dataCentre ?? -1;
    return dc >= 0 ? (this.topology.dataCentres[dc]?.servers[0] ?? node) : node;
  }

  /** Messages per simulated second between each pair over the frame's interval, smoothed. */
  private updateRates(frame: RuntimeFrame, dtNs: number): void {
    const entries = frame.log?.entries ?? [];
    const n = this.topology.nodes.length;
    // The log keeps the newest entries when a frame saw more: count each as the share it stands for.
    const weight = entries.length > 0 ? (entries.length + frame.log.skipped) / entries.length : 0;
    const counts = new Map<number, number>();
    for (const e of entries) {
      if (e.from < 0 || e.to < 0 || e.from >= n || e.to >= n || e.from === e.to) continue;
      const key = Math.min(e.from, e.to) * n + Math.max(e.from, e.to);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Messages the log does not hold (the rollout's) are all there: each counts once.
    const unlogged = new Map<number, number>();
    for (const e of this.unlogged) {
      if (e.from < 0 || e.to < 0 || e.from >= n || e.to >= n || e.from === e.to) continue;
      const key = Math.min(e.from, e.to) * n + Math.max(e.from, e.to);
      unlogged.set(key, (unlogged.get(key) ?? 0) + 1);
    }
    const keys = new Set([...this.rates.keys(), ...counts.keys(), ...unlogged.keys()]);
    for (const key of keys) {
      const now = ((counts.get(key) ?? 0) * weight + (unlogged.get(key) ?? 0)) * (1e9 / dtNs);
      const before = this.rates.get(key);
      this.rates.set(key, before === undefined ? now : before + SMOOTHING * (now - before));
    }
    let top = 0;
    for (const r of this.rates.values()) top = Math.max(top, r);
    for (const [key, r] of this.rates) if (!(r > top * MIN_FLOW_SHARE)) this.rates.delete(key);
  }
}
