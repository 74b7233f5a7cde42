/**
 * Installs the sandbox CDN on a world: client groups → edge servers → origin, over the network
 * model. Written for sharding: every node's state is its own and is touched only by events
 * targeted at it; nodes interact only by `network.send`; random draws come from streams named
 * after the drawing node; event kinds are registered here in a fixed order. Handlers exist for
 * every node, but processes (client request timers) start only at nodes `ownsNode` accepts, and
 * per-node objects are created for owned nodes or on a node's first event.
 */
import type { World } from '../../scenario/buildWorld';
import { Histogram } from '../../stats/Histogram';
import type { Message } from '../../net/Message';
import { Observations } from '../../observations';
import { Catalogue } from './Catalogue';
import { linkIds } from '../../net/Network';
import { ClientGroup, type PendingRequest } from './ClientGroup';
import { nameKeyOf } from './DnsStub';
import { EdgeServer, type EdgeJob } from './EdgeServer';
import { LoadMonitor } from './LoadMonitor';
import { mapAnswerBytes } from './LoadView';
import { Mapping } from './Mapping';
import {
  MSG_FETCH,
  MSG_LOAD_REPORT,
  MSG_MAP_ANSWER,
  MSG_MAP_QUERY,
  MSG_NOT_MODIFIED,
  MSG_OBJECT,
  MSG_REJECT,
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_DC_LOAD,
  MSG_SYN,
  MSG_SYN_ACK,
  SANDBOX_MESSAGE_TYPES,
  SYN_BYTES,
  type ConditionalFetchBody,
  type DcLoadBody,
  type SynBody,
  type LoadReportBody,
  type MapAnswerBody,
  type ObjectBody,
  type RequestBody,
  type ResponseBody,
} from './messages';
import { Origin, type OriginJob } from './Origin';
import { OverlayFetches } from './overlayFetches';
import { emptyDnsCounts, type SandboxContext } from './SandboxContext';
import type { DnsServices, SharedLoad } from '../dns/services';
import type { OverlayServices } from '../overlay/installOverlay';
import { toLoadView, type LoadView } from '../mapping';
import type { EdgeConnections } from './services';
import { parseSandboxConfig, toSandboxParams, type SandboxConfigInput } from './sandboxConfig';
import { Sandbox } from './Sandbox';
import { emptyCounts, emptyFailures } from './sandboxStats';
import { SecondRecorder } from './secondStats';
import { retransmitTimeoutNs } from './transport';
import { WarmCaches } from './warmCaches';

/**
 * Lost messages the sender's transport sends again (see transport.ts). Not a SYN (the client's
 * own connect timer decides what to do, as TCP's does) nor a load summary (the next replaces it).
 */
const RESENT = new Set(
  SANDBOX_MESSAGE_TYPES.filter((t) => t !== MSG_SYN && t !== MSG_SYN_ACK && t !== MSG_DC_LOAD),
);

/** Records of servers withdrawn and content spread kept between two reports. */
const MAX_OBSERVATIONS = 2_000;

/**
 * @param config - untrusted sandbox config (validated here; defaults for what is left out)
 * @param ownsNode - which nodes this engine runs; all of them by default
 */
export function installSandbox(
  world: World,
  config: SandboxConfigInput = {},
  ownsNode: (id: number) => boolean = () => true,
  dns: () => DnsServices = () => {
    throw new Error('sandbox config dns: true needs the dns model in the same world');
  },
  overlay: () => OverlayServices = () => {
    throw new Error('sandbox config overlay: true needs the overlay model in the same world');
  },
): Sandbox {
  const { engine, network, topology, streams } = world;
  const params = toSandboxParams(parseSandboxConfig(config));
  const c = params.config;
  const clients = new Map<number, ClientGroup>();
  const edges = new Map<number, EdgeServer>();
  // The same objects by node id, for the lookups of every message and event (tens of
  // thousands of nodes: a Map's hash table missed the cache on most of them).
  const clientOf: (ClientGroup | undefined)[] = new Array(topology.nodes.length).fill(undefined);
  const edgeOf: (EdgeServer | undefined)[] = new Array(topology.nodes.length).fill(undefined);
  const origins = new Map<number, Origin>();
  const monitors = new Map<number, LoadMonitor>();
  // Order matters: kind numbers are part of the trace, so register in this fixed order.
  const kinds = {
    clientRequest: engine.registerKind('delivery.clientRequest', (id) =>
      clientOf[id]!.onRequestTime(),
    ),
    clientTimeout: engine.registerKind('delivery.clientTimeout', (id, reqId) =>
      clientOf[id]!.onTimeout(reqId),
    ),
    fetchTimeout: engine.registerKind('delivery.fetchTimeout', (id, fetchId) =>
      edgeAt(id).onFetchTimeout(fetchId),
    ),
    originDone: engine.registerKind('delivery.originDone', (id, _arg, job) =>
      originAt(id).onDone(job as OriginJob),
    ),
    edgeDone: engine.registerKind('delivery.edgeDone', (id, _arg, job) =>
      edgeAt(id).onProcessed(job as EdgeJob),
    ),
    loadReport: engine.registerKind('delivery.loadReport', (id) => edgeAt(id).onReportTime()),
    originSample: engine.registerKind('delivery.originSample', (id) => originAt(id).onSample()),
    crowdTick: engine.registerKind('delivery.crowdTick', (id) => clientOf[id]!.onCrowdTick()),
    connected: engine.registerKind('delivery.connected', (id, _arg, pending) =>
      clientOf[id]!.onConnected(pending as PendingRequest),
    ),
    resend: engine.registerKind('delivery.resend', (_id, _arg, lost) => {
      const m = lost as Message;
      network.send(m.from, m.to, m.sizeBytes, m.type, m.body);
    }),
    redeliver: engine.registerKind('delivery.redeliver', (_id, _arg, lost) =>
      deliver(lost as Message),
    ),
  };
  // Asked for every request and fetch: a byte per node, not a node object from memory.
  const isOrigin = Uint8Array.from(topology.nodes, (n) => (n.kind === 'origin' ? 1 : 0));
  const receiverLinkId = (node: number) => linkIds.access(topology.nodes[node].name);
  const regionIndex = new Map(topology.regions.map((r, i) => [r.id, i]));
  const dcOfNameServer = new Map(topology.dataCentres.map((dc) => [dc.lowLevelDns, dc.id]));
  // With DNS on, the monitors tell the top level their data centres' load (LoadMonitor).
  const topLevels = c.dns
    ? topology.nodes.filter((n) => n.kind === 'dnsCdnTop').map((n) => n.id)
    : [];
  /** per top-level name server: the last load summary of each data centre, and when it came */
  const heard = new Map<number, Map<number, { atNs: number; view: LoadView }>>();
  /** per client of another model: what to call when its connection opens (EdgeConnections) */
  const opened = new Map<number, (attempt: number) => void>();
  const catalogue = new Catalogue({
    objects: c.catalogueObjects,
    zipfExponent: c.zipfExponent,
    medianSizeBytes: c.objectSizeBytes,
    sizeSigma: c.objectSizeSigma,
    uncacheableFraction: c.uncacheableFraction,
    versionedFraction: c.versionedFraction,
    ttlNs: params.ttlNs,
  });
  const ctx: SandboxContext = {
    engine,
    network,
    streams,
    params,
    catalogue,
    warmCaches: c.warmCaches ? new WarmCaches(catalogue, params.cacheBytes) : null,
    mapping: new Mapping(topology, network, engine, {
      candidates: c.mappingCandidates,
      ringPointsPerServer: c.ringPointsPerServer,
      tiers: c.tiers,
    }),
    kinds,
    counts: emptyCounts(),
    failures: emptyFailures(),
    dnsCounts: emptyDnsCounts(),
    dns,
    overlay: c.overlay ? new OverlayFetches(topology, overlay) : null,
    latencyNs: new Histogram(),
    seconds: new SecondRecorder(topology.regions.length),
    observations: new Observations(MAX_OBSERVATIONS),
    regionOf: (node) => regionIndex.get(topology.cities[topology.nodes[node].city].region) ?? 0,
    mappingKey: c.dns ? nameKeyOf(c.dnsNames) : (obj) => obj,
  };

  function edgeAt(id: number): EdgeServer {
    let edge = edgeOf[id];
    if (edge === undefined) {
      edge = new EdgeServer(ctx, id);
      edges.set(id, edge);
      edgeOf[id] = edge;
    }
    return edge;
  }

  function originAt(id: number): Origin {
    let origin = origins.get(id);
    if (origin === undefined) {
      origin = new Origin(ctx, id);
      origins.set(id, origin);
    }
    return origin;
  }

  function monitorAt(nameServer: number): LoadMonitor {
    let monitor = monitors.get(nameServer);
    if (monitor === undefined) {
      const dc = dcOfNameServer.get(nameServer)!;
      monitor = new LoadMonitor(ctx, dc, topology.dataCentres[dc].servers, nameServer, topLevels);
      monitors.set(nameServer, monitor);
    }
    return monitor;
  }

  function deliver(msg: Message): void {
    switch (msg.type) {
      case MSG_REQUEST: {
        const b = msg.body as RequestBody;
        if (isOrigin[msg.to] === 1)
          originAt(msg.to).offer({
            from: msg.from,
            ref: b.id,
            obj: b.obj,
            heldVersion: -1,
            direct: true,
          });
        else edgeAt(msg.to).onRequest(msg.from, b.id, b.obj);
        return;
      }
      case MSG_RESPONSE:
        clientOf[msg.to]?.onResponse(msg.body as ResponseBody);
        return;
      case MSG_FETCH:
        // A fetch goes to the origin, or (parent caches) to a parent edge server.
        if (isOrigin[msg.to] === 1)
          originAt(msg.to).onFetch(msg.from, msg.body as ConditionalFetchBody);
        else edgeAt(msg.to).onChildFetch(msg.from, msg.body as ConditionalFetchBody);
        return;
      case MSG_OBJECT: {
        const b = msg.body as ObjectBody;
        edgeAt(msg.to).onObject(b.fetch, b.obj, b.version, b.ageNs ?? 0);
        return;
      }
      case MSG_NOT_MODIFIED: {
        const b = msg.body as ObjectBody;
        edgeAt(msg.to).onNotModified(b.fetch, b.obj, b.ageNs ?? 0);
        return;
      }
      case MSG_REJECT:
        edgeAt(msg.to).onReject((msg.body as ObjectBody).fetch);
        return;
      case MSG_LOAD_REPORT:
        monitorAt(msg.to).onReport(msg.from, msg.body as LoadReportBody);
        return;
      case MSG_MAP_QUERY: {
        const answer = monitorAt(msg.to).answer();
        network.send(msg.to, msg.from, mapAnswerBytes(answer), MSG_MAP_ANSWER, answer);
        return;
      }
      case MSG_MAP_ANSWER:
        clientOf[msg.to]?.onMapAnswer(msg.body as MapAnswerBody);
        return;
      case MSG_SYN:
        edgeAt(msg.to).acceptConnection(msg.from, msg.body as SynBody);
        return;
      case MSG_SYN_ACK:
        opened.get(msg.to)?.((msg.body as SynBody).attempt);
        return;
      case MSG_DC_LOAD: {
        const b = msg.body as DcLoadBody;
        let table = heard.get(msg.to);
        if (table === undefined) heard.set(msg.to, (table = new Map()));
        const view = toLoadView({
          withdrawn: b.withdrawn,
          spread: [],
          spreading: [],
          dcLoad: b.dcLoad,
        });
        table.set(b.dc, { atNs: engine.now, view });
        return;
      }
    }
  }

  network.onDeliver(deliver, SANDBOX_MESSAGE_TYPES);
  network.onDrop((msg, reason, where) => {
    ctx.counts.messagesDropped++;
    if (reason !== 'loss' || !c.lossRecovery || !RESENT.has(msg.type)) return;
    // The sender's transport repairs the loss one retransmission timeout later. A loss on the
    // receiver's own access link is handled where it happened (the receiver's shard, when the
    // run is split): the repaired message arrives a timeout plus a crossing later.
    const rto = retransmitTimeoutNs(network.routes, msg.from, msg.to);
    ctx.counts.retransmissions++;
    if (where === receiverLinkId(msg.to)) {
      const arrival = rto + network.routes.latencyNs(msg.from, msg.to, msg.sizeBytes);
      engine.schedule(arrival, msg.to, msg.to, kinds.redeliver, 0, msg);
    } else engine.schedule(rto, msg.from, msg.from, kinds.resend, 0, msg);
  }, SANDBOX_MESSAGE_TYPES);

  const owned: number[] = [];
  for (const node of topology.nodes) {
    if (!ownsNode(node.id)) continue;
    owned.push(node.id);
    if (node.kind === 'client') {
      const baseRateHz = (node.users ?? 0) * c.requestsPerUserPerSecond;
      const group = new ClientGroup(ctx, node.id, baseRateHz, c.loadFactor);
      clients.set(node.id, group);
      clientOf[node.id] = group;
      group.start();
    } else if (node.kind === 'origin') {
      // Created now so that its utilisation is measured from the start of the run.
      originAt(node.id);
    }
  }
  // A summary older than three report intervals is ignored, as the monitors ignore old reports.
  const freshNs = 3 * params.loadReportNs;
  const sharedLoad: SharedLoad = {
    lowLevel: (dc) => monitorAt(topology.dataCentres[dc].lowLevelDns).view(),
    topLevel: (top, dc) => {
      const h = heard.get(top)?.get(dc);
      return h !== undefined && engine.now - h.atNs <= freshNs ? h.view : undefined;
    },
  };
  const connections: EdgeConnections = {
    open: (client, edge, attempt, onOpen) => {
      opened.set(client, onOpen);
      network.send(client, edge, SYN_BYTES, MSG_SYN, { attempt } satisfies SynBody);
    },
  };
  return new Sandbox(
    ctx,
    Int32Array.from(owned),
    clients,
    edges,
    origins,
    topology,
    sharedLoad,
    connections,
  );
}
