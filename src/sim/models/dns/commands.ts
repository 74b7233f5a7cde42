/** The DNS model's commands, each `<model id>.<verb>` (listed in the model, validated with every command). */
import * as v from 'valibot';

const nodeId = v.pipe(v.number(), v.integer(), v.minValue(0));

export const DNS_COMMANDS = [
  v.object({
    type: v.literal('dns.lookup'),
    /** a client group's node id */
    client: nodeId,
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(253), v.regex(/^[a-zA-Z0-9.-]+$/)),
  }),
  v.object({
    type: v.literal('dns.setServerUp'),
    /** the server by node id, or by role and index (in node order) */
    node: v.optional(nodeId),
    role: v.optional(v.picklist(['root', 'tld', 'toplevel', 'lowlevel', 'edge'])),
    index: v.optional(nodeId),
    up: v.boolean(),
  }),
  v.object({
    type: v.literal('dns.setEdgeLoad'),
    node: nodeId,
    load: v.pipe(v.number(), v.minValue(0), v.maxValue(10)),
  }),
  v.object({
    type: v.literal('dns.setTtl'),
    answerTtl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400))),
    delegationTtl: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(604_800))),
  }),
  v.object({
    type: v.literal('dns.configure'),
    /** the top level answers A records itself (no low-level tier) */
    oneTier: v.optional(v.boolean()),
    /** background lookups per client group per second (0 stops them) */
    lookupsPerClientPerSecond: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1e4))),
    /** resolvers send the client's subnet to the CDN's name servers (RFC 7871) */
    clientSubnet: v.optional(v.boolean()),
  }),
  /**
   * A client group sends its lookups to another recursive resolver from now on (a public one,
   * say), or back to its own network's with `resolver` left out.
   */
  v.object({
    type: v.literal('dns.useResolver'),
    client: nodeId,
    resolver: v.optional(nodeId),
  }),
  /** each shard's DNS model records its totals as a `sim.dnsTotals` observation */
  v.object({ type: v.literal('dns.reportTotals') }),
] as const;

export type DnsCommand = v.InferOutput<(typeof DNS_COMMANDS)[number]>;
