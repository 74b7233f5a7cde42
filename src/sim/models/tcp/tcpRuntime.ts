/**
 * The TCP model as the runtime runs it (model id 'tcp'): a few packet-level connections on the
 * world's engine, each between two nodes of the topology, reporting bounded samples and totals
 * as observations for labs.
 *
 * A connection's round-trip time is the route service's between its two nodes (an empty path,
 * both ways: propagation with the scenario's path inflation, hop latencies, serialization), unless
 * the config gives one. Its loss is the config's if given; left out, it is the route's: each
 * direction loses what the route from its sender to its receiver loses (1 − the route's delivery
 * probability), and when a world command changes a link class, a link, a node or the peering, or
 * a model installs other routes, the path takes the route's new loss at once, so a loss slider or
 * a failed link acts on a transfer as on any other traffic. The round trip is taken once, when
 * the connection is set up. The packets themselves cross a TcpPath (see TcpPath.ts for why not
 * Network.send): one event per packet keeps long transfers interactive.
 *
 * Shards: a connection runs in the shard that owns its server (a relay's feeders run with the
 * connection they feed, in the shard of its server), so a table of paths to different servers
 * runs in parallel across workers. Connections send nothing over the network, so the model tells
 * the runtime it needs no windows (`sendsMessages: false`); each shard reports its connections'
 * totals, and readers merge them by name (`mergeTotalsByName`). A connection's run does not
 * depend on the others or on the shard it runs in: its losses come from its own stream.
 *
 * Node ids: the TCP core schedules every event from node 0 (sender) to node 1 (receiver), as in
 * its own runs. The engine only uses these for ordering keys.
 *
 * A connection may feed another (`feeds`): it then stands for the middle mile of a relay, and
 * the fed connection (the last mile) can only send what its feeders have delivered in order, as
 * an edge server forwarding a file it is fetching. Several feeders stand for parallel fetches of
 * the file's parts; the edge is assumed to reorder them without waiting.
 */
import type { World } from '../../scenario/buildWorld';
import type { HistogramSnapshot } from '../../stats/Histogram';
import { MS, SECOND } from '../../time';
import { steadyRtoNs } from './RtoEstimator';
import { TcpConnection } from './TcpConnection';
import { ACK_DIR, DATA_DIR } from './TcpPath';
import { DVD_BYTES, downloadHours, mathisBps, pftkBps } from './closedForms';
import { tcpConfig, type TcpConfig } from './tcpConfig';
import { parseTcpModelConfig, type TcpConnectionSpec } from './tcpModelConfig';
import type { TcpCommand } from './commands';
import type { ModelLogEntry } from '../../model/SimModel';
import { logConnection } from './log';

export * from './tcpModelConfig';

/** One point of a connection's charts (observation `sim.tcpSample`). */
export interface TcpSample {
  type: 'sim.tcpSample';
  timeNs: number;
  conn: string;
  cwndBytes: number;
  /** bytes sent and not yet acknowledged */
  flightBytes: number;
  srttMs: number;
  /** acknowledged data rate since the connection's previous sample, Mbit/s */
  throughputMbps: number;
}

/**
 * One packet on the path (observation `sim.tcpPacket`), for drawing it in slow motion: sent at
 * `timeNs`, arriving at `arriveNs` unless lost. A lost packet's fate is decided when it is sent;
 * where on the path it is lost is not modelled.
 */
export interface TcpPacket {
  type: 'sim.tcpPacket';
  timeNs: number;
  conn: string;
  /** 'data' from server to client, 'ack' back */
  dir: 'data' | 'ack';
  /** the segment number, or the cumulative ACK (next segment expected) */
  seq: number;
  arriveNs: number;
  lost: boolean;
  /** a data segment sent before (a retransmission) */
  resent: boolean;
}

/** Where one connection stands (inside `sim.tcpTotals`). */
export interface TcpConnTotals {
  name: string;
  /** the connection's place in the config (readers keep this order across shards) */
  index: number;
  group: string;
  client: number;
  server: number;
  /** the connection this one feeds as a relay's middle mile, or null */
  feeds: string | null;
  /** the path's round trip (network or config), ms, and its data loss now (route or config) */
  rttMs: number;
  lossRate: number;
  bytesDelivered: number;
  /** bytes delivered ÷ the time since the start (until the stop or the last byte), Mbit/s */
  goodputMbps: number;
  /** the measurement is over: stopped at its duration, or every byte arrived */
  done: boolean;
  segmentsSent: number;
  retransmits: number;
  fastRetransmits: number;
  timeouts: number;
  /** data packets lost at random on the path, dropped by the bottleneck's full queue */
  randomLosses: number;
  queueDrops: number;
  /** data packets' mean wait in the bottleneck queue so far, ms */
  queueDelayMs: number;
  srttMs: number;
  /** closed forms for the same MSS, RTT, loss and ACK ratio; null without loss or on a cut path */
  mathisMbps: number | null;
  pftkMbps: number | null;
  /** a 4 GB file at the measured goodput, hours (null before anything arrived) */
  downloadHours: number | null;
}

/** Every connection's totals, every `reportEveryMs` and when one stops (`sim.tcpTotals`). */
export interface TcpTotals {
  type: 'sim.tcpTotals';
  timeNs: number;
  conns: TcpConnTotals[];
}

interface Running {
  spec: TcpConnectionSpec;
  /** the data direction's loss now, and the ACKs': the config's, or the route's */
  lossRate: number;
  ackLossRate: number;
  /** a command set the data loss: the route's changes no longer apply to it */
  lossSet: boolean;
  index: number;
  conn: TcpConnection;
  cfg: TcpConfig;
  startNs: number;
  /** when the measurement ended (stop or last byte), or −1 */
  endNs: number;
  bytesAtEnd: number;
  lastSampleNs: number;
  lastSampleAcked: number;
}

/** Samples kept between two reports, per connection; beyond it every other one is dropped. */
const MAX_SAMPLES_PER_REPORT = 2_000;
/** Packets traced between two reports, at most (a slow-motion window is a few hundred). */
const MAX_PACKETS = 20_000;

export function installTcpModel(
  world: World,
  owns: (id: number) => boolean,
  config: unknown,
  /** the event log (ModelContext.log), when something reads it */
  log?: (entry: ModelLogEntry) => void,
) {
  const c = parseTcpModelConfig(config, world.topology.nodes.length);
  const engine = world.engine;
  // A connection runs where its server is; feeders run with the connection they feed.
  const hostOf = (x: TcpConnectionSpec) =>
    x.feeds === undefined ? x.server : c.connections.find((y) => y.name === x.feeds)!.server;
  const mine = c.connections
    .map((x, index) => ({ spec: x, index }))
    .filter((x) => owns(hostOf(x.spec)));
  const here = mine.length > 0;
  const samples: TcpSample[] = [];
  const packets: TcpPacket[] = [];
  const observations: unknown[] = [];
  const runs: Running[] = [];
  const counters = { 'tcp.segmentsSent': 0, 'tcp.retransmits': 0, 'tcp.timeouts': 0 };

  // A full segment (MSS + 40 header bytes) there, a bare ACK back.
  const pathRttNs = (x: TcpConnectionSpec): number =>
    x.rttMs !== undefined
      ? Math.round(x.rttMs * MS)
      : world.routes.rttNs(x.server, x.client, c.mssBytes + 40, 40);

  /** The route's loss each way: data from the server, ACKs from the client. */
  const routeLoss = (x: TcpConnectionSpec) => ({
    data: world.routes.lossRate(x.server, x.client),
    ack: world.routes.lossRate(x.client, x.server),
  });

  /** Connections without a loss of their own take the route's new loss, if it changed. */
  function followRoutes(): void {
    for (const r of runs) {
      if (r.spec.lossRate !== undefined || r.lossSet) continue;
      const { data, ack } = routeLoss(r.spec);
      if (data !== r.lossRate) r.conn.path.setLossRate(DATA_DIR, data);
      if (ack !== r.ackLossRate) r.conn.path.setLossRate(ACK_DIR, ack);
      r.lossRate = data;
      r.ackLossRate = ack;
    }
  }

  const delivered = (r: Running): number =>
    r.endNs >= 0
      ? r.bytesAtEnd
      : Math.min(r.conn.receiver.rcvNext * r.cfg.mssBytes, r.spec.bytes ?? Infinity);

  function totals(r: Running): TcpConnTotals {
    const now = engine.now;
    const bytes = delivered(r);
    const elapsed = (r.endNs >= 0 ? r.endNs : now) - r.startNs;
    const goodput = elapsed > 0 ? (bytes * 8 * SECOND) / elapsed / 1e6 : 0;
    const s = r.conn.sender;
    const cf = {
      mssBytes: r.cfg.mssBytes,
      rttNs: r.cfg.rttNs,
      lossRate: r.lossRate,
      segmentsPerAck: r.cfg.delayedAck ? 2 : 1,
    };
    // The closed forms need some loss, and a path that carries anything (a cut route loses all).
    const lossy = r.lossRate > 0 && r.lossRate < 1;
    return {
      name: r.spec.name,
      index: r.index,
      group: r.spec.group ?? r.spec.name,
      client: r.spec.client,
      server: r.spec.server,
      feeds: r.spec.feeds ?? null,
      rttMs: r.cfg.rttNs / MS,
      lossRate: r.lossRate,
      bytesDelivered: bytes,
      goodputMbps: goodput,
      done: r.endNs >= 0,
      segmentsSent: s.segmentsSent,
      retransmits: s.retransmits,
      fastRetransmits: s.fastRetransmits,
      timeouts: s.timeouts,
      randomLosses: r.conn.path.randomDrops[DATA_DIR],
      queueDrops: r.conn.path.queueDrops[DATA_DIR],
      queueDelayMs: r.conn.path.meanQueueWaitNs(DATA_DIR) / MS,
      srttMs: s.rto.srttNs / MS,
      mathisMbps: lossy ? mathisBps(cf) / 1e6 : null,
      pftkMbps: lossy
        ? pftkBps({ ...cf, timeoutNs: steadyRtoNs(r.cfg.rttNs, r.cfg.minRtoNs, r.cfg.rtoStyle) }) /
          1e6
        : null,
      downloadHours: goodput > 0 ? downloadHours(DVD_BYTES, goodput * 1e6) : null,
    };
  }

  /**
   * Reports the packets a connection sends until `untilNs`, each with the time the path says it
   * arrives: propagation, serialization and its wait in the bottleneck's queue, so a drawing
   * shows segments spaced by the bottleneck and ACKs coming back clocked. A lost packet is drawn
   * to where it would have arrived with an empty queue.
   */
  function tracePackets(r: Running, untilNs: number): void {
    const path = r.conn.path;
    const send = path.send.bind(path);
    const forward = Math.floor(r.cfg.rttNs / 2);
    const reverse = r.cfg.rttNs - forward;
    let highest = -1;
    path.send = (dir, wireBytes, origin, target, kind, arg) => {
      const ok = send(dir, wireBytes, origin, target, kind, arg);
      const now = engine.now;
      if (now < untilNs && packets.length < MAX_PACKETS) {
        const data = dir === DATA_DIR;
        packets.push({
          type: 'sim.tcpPacket',
          timeNs: now,
          conn: r.spec.name,
          dir: data ? 'data' : 'ack',
          seq: arg,
          arriveNs: ok
            ? Math.round(path.lastArriveNs)
            : now +
              Math.round((wireBytes * 8 * SECOND) / r.cfg.bottleneckBps) +
              (data ? forward : reverse),
          lost: !ok,
          resent: data && arg <= highest,
        });
        if (data && arg > highest) highest = arg;
      }
      return ok;
    };
  }

  const snapshot = () =>
    observations.push({
      type: 'sim.tcpTotals',
      timeNs: engine.now,
      conns: runs.map(totals),
    } satisfies TcpTotals);

  function end(r: Running): void {
    if (r.endNs >= 0) return;
    r.bytesAtEnd = delivered(r);
    r.endNs = engine.now;
    r.conn.sender.supplySegs = Math.max(r.conn.sender.max, 0);
  }

  if (here) {
    const kStart = engine.registerKind('tcp.start', (_t, i) => runs[i].conn.start());
    const kStop = engine.registerKind('tcp.stop', (_t, i) => {
      end(runs[i]);
      snapshot();
    });
    const reportNs = Math.round(c.reportEveryMs * MS);
    const kReport = engine.registerKind('tcp.report', () => {
      snapshot();
      engine.schedule(reportNs, 0, 0, kReport);
    });
    const sampleNs = Math.round(c.sampleEveryMs * MS);

    mine.forEach(({ spec, index }, i) => {
      const fromRoute = spec.lossRate === undefined ? routeLoss(spec) : null;
      const cfg = tcpConfig({
        rttNs: Math.max(1, pathRttNs(spec)),
        lossRate: fromRoute ? fromRoute.data : spec.lossRate,
        ...(fromRoute && { ackLossRate: fromRoute.ack }),
        mssBytes: c.mssBytes,
        delayedAck: c.delayedAck,
        minRtoNs: Math.round(c.minRtoMs * MS),
        variant: spec.variant ?? c.variant,
        sack: spec.sack ?? c.sack,
        recovery: spec.recovery ?? c.recovery,
        queueBytes: c.queueBytes,
        rwndBytes: c.rwndBytes,
        windowScaling: c.windowScaling,
        bottleneckBps: c.bottleneckMbps * 1e6,
        ...(spec.initialWindowSegments !== undefined && {
          initialWindowSegments: spec.initialWindowSegments,
        }),
      });
      const conn = new TcpConnection(
        engine,
        cfg,
        world.scenario.seed + spec.seed,
        spec.bytes,
        `tcp/${spec.name}`,
      );
      const startNs = Math.round(spec.startMs * MS);
      const r: Running = {
        spec,
        lossRate: cfg.lossRate,
        ackLossRate: cfg.ackLossRate,
        lossSet: false,
        index,
        conn,
        cfg,
        startNs,
        endNs: -1,
        bytesAtEnd: 0,
        lastSampleNs: startNs,
        lastSampleAcked: 0,
      };
      runs.push(r);
      if (log) logConnection(conn, spec.name, [spec.server, spec.client], log);
      if (sampleNs > 0) {
        conn.sender.sampleEveryNs = sampleNs;
        conn.sender.sampler = (s) => {
          const now = engine.now;
          const acked = s.una * cfg.mssBytes;
          const dt = now - r.lastSampleNs;
          samples.push({
            type: 'sim.tcpSample',
            timeNs: now,
            conn: spec.name,
            cwndBytes: s.cwndBytes,
            flightBytes: s.flightBytes,
            srttMs: s.rto.srttNs / MS,
            throughputMbps: dt > 0 ? ((acked - r.lastSampleAcked) * 8e3) / dt : 0,
          });
          r.lastSampleNs = now;
          r.lastSampleAcked = acked;
        };
      }
      if (spec.traceMs > 0) tracePackets(r, startNs + Math.round(spec.traceMs * MS));
      if (spec.bytes !== undefined)
        conn.receiver.onAdvance = (next) => {
          if (next >= conn.totalSegs && r.endNs < 0) {
            end(r);
            snapshot();
          }
        };
      engine.scheduleAt(startNs, 0, 0, kStart, i);
      if (spec.durationMs !== undefined)
        engine.scheduleAt(startNs + Math.round(spec.durationMs * MS), 0, 0, kStop, i);
    });

    // Relays: the last mile may send what its middle miles have delivered, no more.
    for (const target of runs) {
      const feeders = runs.filter((r) => r.spec.feeds === target.spec.name);
      if (feeders.length === 0) continue;
      target.conn.sender.supplySegs = 0;
      for (const f of feeders) {
        const before = f.conn.receiver.onAdvance;
        f.conn.receiver.onAdvance = (next) => {
          before?.(next);
          const supply = feeders.reduce((a, x) => a + x.conn.receiver.rcvNext, 0);
          if (target.endNs >= 0) return;
          target.conn.sender.supplySegs = supply;
          target.conn.sender.wake();
        };
      }
    }
    engine.scheduleAt(0, 0, 0, kReport);
    world.routes.onChange(followRoutes);
  }

  return {
    sendsMessages: false as const,
    /** A world command changed links, nodes or peering: paths follow their routes' loss. */
    networkChanged: (): void => followRoutes(),
    /** tcp.setLoss: the named connection's (or every one's) data loss from the next packet on. */
    command: (cmd: TcpCommand): void => {
      if (cmd.connection !== undefined && !c.connections.some((x) => x.name === cmd.connection))
        throw new Error(`bad command: no connection named ${cmd.connection}`);
      for (const r of runs) {
        if (cmd.connection !== undefined && r.spec.name !== cmd.connection) continue;
        r.conn.path.setLossRate(DATA_DIR, cmd.lossRate);
        r.lossRate = cmd.lossRate;
        r.lossSet = true;
      }
    },
    report: (): {
      counters: Record<string, number>;
      histograms: Record<string, HistogramSnapshot>;
      observations: unknown[];
    } => {
      for (const k of Object.keys(counters) as (keyof typeof counters)[]) counters[k] = 0;
      for (const r of runs) {
        counters['tcp.segmentsSent'] += r.conn.sender.segmentsSent;
        counters['tcp.retransmits'] += r.conn.sender.retransmits;
        counters['tcp.timeouts'] += r.conn.sender.timeouts;
      }
      const out = [...thin(samples.splice(0)), ...packets.splice(0), ...observations.splice(0)] as {
        timeNs: number;
      }[];
      return {
        counters: { ...counters },
        histograms: {},
        observations: out.sort((a, b) => a.timeNs - b.timeNs),
      };
    },
    /** Both ends of every connection light up on the map: the share of the fastest goodput. */
    fillNodeLoad: (out: Float32Array) => {
      const all = runs.map(totals);
      const top = Math.max(1e-9, ...all.map((t) => t.goodputMbps));
      for (const t of all) {
        const level = Math.max(0.15, t.goodputMbps / top);
        if (owns(t.server)) out[t.server] = Math.max(out[t.server], level);
        if (owns(t.client)) out[t.client] = Math.max(out[t.client], level);
      }
    },
  };
}

/** Keeps a report's samples bounded: above the cap per connection, every other one goes. */
function thin(samples: TcpSample[]): TcpSample[] {
  const per = new Map<string, number>();
  for (const s of samples) per.set(s.conn, (per.get(s.conn) ?? 0) + 1);
  const keepEvery = new Map<string, number>();
  for (const [k, n] of per) keepEvery.set(k, Math.max(1, Math.ceil(n / MAX_SAMPLES_PER_REPORT)));
  const seen = new Map<string, number>();
  return samples.filter((s) => {
    const i = seen.get(s.conn) ?? 0;
    seen.set(s.conn, i + 1);
    return i % keepEvery.get(s.conn)! === 0;
  });
}
