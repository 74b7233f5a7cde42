/**
 * Installs the sandbox CDN on a world: client groups → edge servers → origin, over the network
 * model. Written for sharding: every node's state is its own and is touched only by events
 * targeted at it; nodes interact only by `network.send`; random draws come from streams named
 * after the drawing node; event kinds are registered here in a fixed order. Handlers exist for
 * every node, but processes (client request timers) start only at nodes `ownsNode` accepts, and
 * per-node objects are created for owned nodes or on a node's first event.
 */
import type { World } from '../scenario/buildWorld';
import { Histogram } from '../stats/Histogram';
import type { Message } from '../net/Message';
import { Catalogue } from './Catalogue';
import { ClientGroup } from './ClientGroup';
import { EdgeServer } from './EdgeServer';
import { Mapping } from './Mapping';
import {
  ERROR_BYTES,
  MSG_FETCH,
  MSG_OBJECT,
  MSG_REJECT,
  MSG_REQUEST,
  MSG_RESPONSE,
  SANDBOX_MESSAGE_TYPES,
  type FetchBody,
  type RequestBody,
  type ResponseBody,
} from './messages';
import { ServiceQueue } from './ServiceQueue';
import type { SandboxContext } from './SandboxContext';
import { parseSandboxConfig, toSandboxParams, type SandboxConfigInput } from './sandboxConfig';
import { Sandbox, type OriginJob } from './Sandbox';
import { emptyCounts, emptyFailures } from './sandboxStats';

/**
 * @param config - untrusted sandbox config (validated here; defaults for what is left out)
 * @param ownsNode - which nodes this engine runs; all of them by default
 */
export function installSandbox(
  world: World,
  config: SandboxConfigInput = {},
  ownsNode: (id: number) => boolean = () => true,
): Sandbox {
  const { engine, network, topology, streams } = world;
  const params = toSandboxParams(parseSandboxConfig(config));
  const c = params.config;
  const clients = new Map<number, ClientGroup>();
  const edges = new Map<number, EdgeServer>();
  const origins = new Map<number, ServiceQueue<OriginJob>>();
  // Order matters: kind numbers are part of the trace, so register in this fixed order.
  const kinds = {
    clientRequest: engine.registerKind('sandbox.clientRequest', (id) =>
      clients.get(id)!.onRequestTime(),
    ),
    clientTimeout: engine.registerKind('sandbox.clientTimeout', (id, reqId) =>
      clients.get(id)!.onTimeout(reqId),
    ),
    fetchTimeout: engine.registerKind('sandbox.fetchTimeout', (id, fetchId) =>
      edgeAt(id).onFetchTimeout(fetchId),
    ),
    originDone: engine.registerKind('sandbox.originDone', (id, _arg, job) =>
      originDone(id, job as OriginJob),
    ),
  };
  const ctx: SandboxContext = {
    engine,
    network,
    streams,
    params,
    catalogue: new Catalogue({
      objects: c.catalogueObjects,
      zipfExponent: c.zipfExponent,
      medianSizeBytes: c.objectSizeBytes,
      sizeSigma: c.objectSizeSigma,
      uncacheableFraction: c.uncacheableFraction,
      ttlNs: params.ttlNs,
    }),
    mapping: new Mapping(topology, {
      candidates: c.mappingCandidates,
      ownNetworkReachKm: c.ownNetworkReachKm,
      ringPointsPerServer: c.ringPointsPerServer,
    }),
    kinds,
    counts: emptyCounts(),
    failures: emptyFailures(),
    latencyNs: new Histogram(),
  };

  function edgeAt(id: number): EdgeServer {
    let edge = edges.get(id);
    if (edge === undefined) {
      edge = new EdgeServer(ctx, id);
      edges.set(id, edge);
    }
    return edge;
  }

  function originAt(id: number): ServiceQueue<OriginJob> {
    let origin = origins.get(id);
    if (origin === undefined) {
      origin = new ServiceQueue<OriginJob>(
        engine,
        id,
        streams.get(`origin:${id}/service`),
        {
          workers: c.originWorkers,
          queueLength: c.originQueueLength,
          serviceMeanNs: params.originServiceMeanNs,
        },
        kinds.originDone,
      );
      origins.set(id, origin);
    }
    return origin;
  }

  function originDone(id: number, job: OriginJob): void {
    originAt(id).finish(job);
    ctx.counts.originServed++;
    const sizeBytes = ctx.catalogue.sizeBytes(job.obj);
    ctx.counts.bytesFromOrigin += sizeBytes;
    const body: FetchBody = { fetch: job.fetch, obj: job.obj };
    network.send(id, job.edge, sizeBytes, MSG_OBJECT, body);
  }

  function deliver(msg: Message): void {
    switch (msg.type) {
      case MSG_REQUEST: {
        const b = msg.body as RequestBody;
        edgeAt(msg.to).onRequest(msg.from, b.id, b.obj);
        return;
      }
      case MSG_RESPONSE:
        clients.get(msg.to)?.onResponse(msg.body as ResponseBody);
        return;
      case MSG_FETCH: {
        const b = msg.body as FetchBody;
        if (originAt(msg.to).offer({ edge: msg.from, fetch: b.fetch, obj: b.obj })) return;
        ctx.counts.originRejected++;
        network.send(msg.to, msg.from, ERROR_BYTES, MSG_REJECT, b);
        return;
      }
      case MSG_OBJECT: {
        const b = msg.body as FetchBody;
        edgeAt(msg.to).onObject(b.fetch, b.obj);
        return;
      }
      case MSG_REJECT:
        edgeAt(msg.to).onReject((msg.body as FetchBody).fetch);
        return;
    }
  }

  network.onDeliver(deliver);
  network.onDrop((msg) => {
    if (SANDBOX_MESSAGE_TYPES.includes(msg.type)) ctx.counts.messagesDropped++;
  });

  const owned: number[] = [];
  for (const node of topology.nodes) {
    if (!ownsNode(node.id)) continue;
    owned.push(node.id);
    if (node.kind === 'client') {
      const baseRateHz = (node.users ?? 0) * c.requestsPerUserPerSecond;
      const group = new ClientGroup(ctx, node.id, baseRateHz * c.loadFactor, baseRateHz);
      clients.set(node.id, group);
      group.start();
    } else if (node.kind === 'origin') {
      // Created now so that its utilisation is measured from the start of the run.
      originAt(node.id);
    }
  }
  return new Sandbox(ctx, Int32Array.from(owned), clients, edges, origins);
}
