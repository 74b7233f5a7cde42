/**
 * Installs the DNS model on a world: clients, recursive resolvers, the root, .net, top-level and
 * low-level name servers, over the network model. Clients connect to the edge servers an answer
 * names through `edges` (the delivery model's, which answer the handshake).
 * Written for sharding like the sandbox: every node's state is its own and is touched only by
 * events targeted at it; nodes interact only by `network.send`; random draws come from streams
 * named after the drawing node; event kinds are registered here in a fixed order. Processes
 * (background lookups, scripted lookups) start only at nodes `ownsNode` accepts.
 */
import type { World } from '../../scenario/buildWorld';
import { Histogram } from '../../stats/Histogram';
import type { Message } from '../../net/Message';
import { authoritativeReply, type AuthorityContext } from './authorities';
import { DnsClient } from './DnsClient';
import { counterPerRole, DnsContext, DNS_MESSAGE_TYPES, MSG_DNS, type DnsBody } from './DnsContext';
import type { EdgeConnections } from '../delivery/services';
import { parseDnsConfig, type DnsConfig, type DnsConfigInput } from './dnsConfig';
import { DnsMapping } from './DnsMapping';
import { DnsModel } from './DnsModel';
import { Observations } from '../../observations';
import { isExtraInstance } from './names';
import { Resolver } from './Resolver';
import type { RandomStream } from '../../random/RandomStream';
import type { ModelLogEntry } from '../../model/SimModel';
import { decodeDns } from './wire';

const ANSWERED = counterPerRole('dns.answered');

/** Why a world with `connect: true` must also run the delivery model. */
export const NEEDS_DELIVERY =
  'dns config connect: true needs the delivery model in the same world (its edge servers answer the connections)';

export function installDns(
  world: World,
  input: DnsConfigInput = {},
  ownsNode: (id: number) => boolean = () => true,
  edges: () => EdgeConnections = () => {
    throw new Error(NEEDS_DELIVERY);
  },
  /** the event log (ModelContext.log), when something reads it */
  log?: (entry: ModelLogEntry) => void,
): DnsModel {
  const { engine, network, topology, streams } = world;
  let config: DnsConfig = parseDnsConfig(input);
  const getConfig = () => config;
  const clients = new Map<number, DnsClient>();
  const resolvers = new Map<number, Resolver>();
  /** client groups told to use another resolver than their network's (dns.useResolver) */
  const resolverOf = new Map<number, number>();
  // Order matters: kind numbers are part of the trace, so register in this fixed order.
  const kinds = {
    resolverTimeout: engine.registerKind('dns.resolverTimeout', (id, q) =>
      resolverAt(id).onTimeout(q),
    ),
    stubTimeout: engine.registerKind('dns.stubTimeout', (id, l) => clientAt(id).onStubTimeout(l)),
    connectTimeout: engine.registerKind('dns.connectTimeout', (id, a) =>
      clientAt(id).onConnectTimeout(a),
    ),
    workloadLookup: engine.registerKind('dns.workloadLookup', (id) =>
      clientAt(id).onWorkloadTime(),
    ),
  };
  // A server's address: an anycast server's extra instances share their home node's.
  const idsOf = (kind: string) =>
    topology.nodes.filter((n) => n.kind === kind && !isExtraInstance(n)).map((n) => n.id);
  const mappingRngs = new Map<number, RandomStream>();
  const mapping = new DnsMapping(topology, network, engine, getConfig);
  const authority: AuthorityContext = {
    topology,
    mapping,
    config: getConfig,
    servers: { root: idsOf('dnsRoot'), tld: idsOf('dnsTld'), toplevel: idsOf('dnsCdnTop') },
    mappingRng: (node) => {
      let rng = mappingRngs.get(node);
      if (rng === undefined) {
        rng = streams.get(`toplevel:${node}/mapping`);
        mappingRngs.set(node, rng);
      }
      return rng;
    },
  };
  const ctx = new DnsContext(
    engine,
    network,
    topology,
    streams,
    mapping,
    authority,
    getConfig,
    kinds,
    new Observations(config.maxObservations),
    new Histogram(),
    edges,
    log,
  );

  function clientAt(id: number): DnsClient {
    let c = clients.get(id);
    if (c === undefined) {
      const resolver = resolverOf.get(id) ?? topology.nodes[id].resolver;
      if (resolver === undefined) throw new Error(`node ${id} is not a client`);
      c = new DnsClient(ctx, id, resolver);
      clients.set(id, c);
    }
    return c;
  }

  function resolverAt(id: number): Resolver {
    let r = resolvers.get(id);
    if (r === undefined) {
      r = new Resolver(ctx, id);
      resolvers.set(id, r);
    }
    return r;
  }

  function deliver(msg: Message): void {
    if (msg.type !== MSG_DNS) return;
    const wire = (msg.body as DnsBody).wire;
    const dns = decodeDns(wire);
    ctx.received(msg.from, msg.to, dns, wire);
    const role = ctx.role(msg.to);
    if (role === 'client') clientAt(msg.to).onResponse(dns);
    else if (role === 'resolver') {
      if (dns.response) resolverAt(msg.to).onResponse(msg.from, dns);
      else resolverAt(msg.to).onStubQuery(msg.from, dns);
    } else if (!dns.response) {
      ctx.count(ANSWERED[role]);
      ctx.send(msg.to, msg.from, authoritativeReply(authority, role, msg.to, dns, msg.from));
    }
  }

  network.onDeliver(deliver, DNS_MESSAGE_TYPES);
  network.onDrop(() => ctx.count('dns.messagesDropped'), DNS_MESSAGE_TYPES);

  const owned: number[] = [];
  for (const node of topology.nodes) if (ownsNode(node.id)) owned.push(node.id);
  /** (Re)starts every owned client group's background lookups at the configured rate. */
  const startWorkload = () => {
    for (const id of owned)
      if (topology.nodes[id].kind === 'client')
        clientAt(id).setWorkload(config.lookupsPerClientPerSecond, config.workloadNames);
  };
  if (config.lookupsPerClientPerSecond > 0) startWorkload();

  return new DnsModel(ctx, new Set(owned), clientAt, resolvers, resolverOf, (next) => {
    const given = Object.entries(next).filter(([, value]) => value !== undefined);
    const before = config;
    config = parseDnsConfig({ ...config, ...Object.fromEntries(given) });
    if (
      config.lookupsPerClientPerSecond !== before.lookupsPerClientPerSecond ||
      config.workloadNames !== before.workloadNames
    )
      startWorkload();
  });
}
