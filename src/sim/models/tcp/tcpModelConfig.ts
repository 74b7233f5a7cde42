/**
 * The TCP model's configuration (model id 'tcp'): its connections and their paths, as a lab or a
 * scenario gives them. Apart from the model's runtime (tcpRuntime.ts), which only the shards'
 * workers load.
 */
import * as v from 'valibot';
import { DEFAULT_TCP_CONFIG, TCP_RECOVERIES, TCP_VARIANTS } from './tcpConfig';

const num = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));
const whole = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

const recoverySchema = v.picklist(TCP_RECOVERIES, `must be one of ${TCP_RECOVERIES.join(', ')}`);

const connectionSchema = v.strictObject({
  /** unique; names the connection in observations and its random streams */
  name: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/, 'must be 1–40 of a–z, 0–9 and -')),
  /** a label to group connections by (a table row, a grid cell) */
  group: v.optional(v.pipe(v.string(), v.maxLength(60))),
  /** node ids in the topology: the receiving end and the sending end */
  client: whole(0, 1_000_000),
  server: whole(0, 1_000_000),
  /** the path's round trip, ms; left out, the network model's between the two nodes */
  rttMs: v.optional(num(0.01, 10_000)),
  /** probability a data segment is lost on the path; left out, the route's (and ACKs take theirs) */
  lossRate: v.optional(num(0, 0.5)),
  /** when the connection starts sending, simulated ms */
  startMs: v.optional(num(0, 1e9), 0),
  /** when it stops taking new data (its measurement ends), simulated ms after its start */
  durationMs: v.optional(num(1, 1e9)),
  /** bytes to send; left out, an endless supply */
  bytes: v.optional(whole(1, 1e13)),
  /** initial window in segments; a large one stands for a connection that is already open */
  initialWindowSegments: v.optional(whole(1, 100_000)),
  /** the name of the connection this one feeds, as a relay's middle mile */
  feeds: v.optional(v.string()),
  /** report every packet sent in this many simulated ms after the start (for slow motion) */
  traceMs: v.optional(num(0, 60_000), 0),
  /** this connection's congestion control, SACK and recovery, if not the config's */
  variant: v.optional(v.picklist(TCP_VARIANTS)),
  sack: v.optional(v.boolean()),
  recovery: v.optional(recoverySchema),
  /** added to the scenario's seed for this connection's loss */
  seed: v.optional(whole(0, 1_000_000), 0),
});

export const tcpModelConfigSchema = v.strictObject({
  connections: v.pipe(v.array(connectionSchema), v.minLength(1), v.maxLength(64)),
  mssBytes: v.optional(whole(64, 65_000), 1460),
  delayedAck: v.optional(v.boolean(), true),
  minRtoMs: v.optional(num(1, 10_000), 200),
  variant: v.optional(v.picklist(TCP_VARIANTS), DEFAULT_TCP_CONFIG.variant),
  /** selective acknowledgements with RFC 6675 recovery and RACK; off: classic NewReno/Reno */
  sack: v.optional(v.boolean(), DEFAULT_TCP_CONFIG.sack),
  /** fast recovery's window: prr (RFC 9937, as Linux and ns-3), prr-ssrb (RFC 6937) or classic */
  recovery: v.optional(recoverySchema, DEFAULT_TCP_CONFIG.recovery),
  rwndBytes: v.optional(whole(4096, 1e9), 16 * 1024 * 1024),
  windowScaling: v.optional(v.boolean(), true),
  /** the bottleneck of every path, Mbit/s (high: the paper's network is not congested) */
  bottleneckMbps: v.optional(num(0.01, 100_000), 1000),
  /** the bottleneck's drop-tail buffer, bytes */
  queueBytes: v.optional(whole(3000, 1e10), DEFAULT_TCP_CONFIG.queueBytes),
  /** at most one sample per connection this often, simulated ms (0: no samples) */
  sampleEveryMs: v.optional(num(0, 60_000), 100),
  /** totals of every connection this often, simulated ms */
  reportEveryMs: v.optional(num(10, 3_600_000), 1000),
});

export type TcpModelConfigInput = v.InferInput<typeof tcpModelConfigSchema>;
export type TcpModelConfig = v.InferOutput<typeof tcpModelConfigSchema>;
export type TcpConnectionSpec = TcpModelConfig['connections'][number];

export class TcpModelConfigError extends Error {
  override name = 'TcpModelConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid tcp config: ${problems.join('; ')}`);
  }
}

/** Validates untrusted config data; throws a TcpModelConfigError naming every bad field. */
export function parseTcpModelConfig(input: unknown, nodeCount = Infinity): TcpModelConfig {
  const result = v.safeParse(tcpModelConfigSchema, input ?? {});
  if (!result.success)
    throw new TcpModelConfigError(
      result.issues.map((issue) => {
        const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
        const where = path === '' ? 'tcp' : `tcp.${path}`;
        if (issue.type === 'strict_object' && issue.expected === 'never')
          return `${where}: unknown field`;
        return `${where}: ${issue.message}`;
      }),
    );
  const c = result.output;
  const problems: string[] = [];
  const names = new Set<string>();
  c.connections.forEach((x, i) => {
    const at = `tcp.connections.${i}`;
    if (names.has(x.name)) problems.push(`${at}.name: ${x.name} is used twice`);
    names.add(x.name);
    if (x.client >= nodeCount) problems.push(`${at}.client: no node ${x.client}`);
    if (x.server >= nodeCount) problems.push(`${at}.server: no node ${x.server}`);
    if (x.client === x.server) problems.push(`${at}.server: must differ from the client`);
  });
  c.connections.forEach((x, i) => {
    if (x.feeds === undefined) return;
    const target = c.connections.find((y) => y.name === x.feeds);
    if (!target) problems.push(`tcp.connections.${i}.feeds: no connection ${x.feeds}`);
    else if (target.feeds !== undefined || target === x)
      problems.push(`tcp.connections.${i}.feeds: ${x.feeds} is itself a feeder`);
  });
  if (problems.length > 0) throw new TcpModelConfigError(problems);
  return c;
}
