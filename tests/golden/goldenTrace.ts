/**
 * A lab script's run as a short, human-readable trace (ns-3's examples-as-tests): the commands,
 * the first messages with where they went, what the model reported (lookups resolved, seconds
 * of a crowd, rollout phases…), and a closing summary with the trace digest. Run in-process
 * with snapshots at a fixed simulated pace, so the text is the same on every machine.
 */
import { Run } from '@runtime/Run';
import { specList } from '@runtime/models';
import type { MergedSnapshot } from '@runtime/Coordinator';
import type { SimCommand } from '@sim/models/commands';
import { generateTopology } from '@sim/topology';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import type { LabScript } from './labScripts';

export interface TraceOptions {
  /** simulated time between snapshots, ns */
  everyNs: number;
  /** message lines kept (the rest are counted) */
  maxMessages: number;
  /** lines kept per kind of observation (the rest are counted) */
  maxPerObservation: number;
  /** observation types left out (counted only), e.g. ones that repeat the message lines */
  omit?: string[];
}

/** Fields of observations that hold a node id: printed by name. */
const NODE_FIELDS = new Set(['client', 'node', 'edge', 'resolver', 'from', 'to', 'origin', 'ops']);

export async function goldenTrace(s: LabScript, o: TraceOptions): Promise<string> {
  const scenario = parseScenario(s.scenario);
  const names = generateTopology(scenario.scale, scenario.seed).nodes.map((n) => n.name);
  const nodeName = (id: number) => names[id] ?? `node#${id}`;
  const lines: { t: number; text: string }[] = [];
  const counted = new Map<string, number>();
  let messages = 0;
  const keep = (kind: string, max: number) => {
    const n = (counted.get(kind) ?? 0) + 1;
    counted.set(kind, n);
    return n <= max;
  };
  const take = (snap: MergedSnapshot) => {
    for (const e of snap.log.entries) {
      messages++;
      if (messages > o.maxMessages) continue;
      const fate = e.outcome === 'delivered' ? 'delivered' : `dropped (${e.outcome} at ${e.where})`;
      lines.push({
        t: e.timeNs,
        text: `${nodeName(e.from)} -> ${nodeName(e.to)} ${e.type} ${fate}`,
      });
    }
    messages += snap.log.skipped;
    for (const raw of snap.observations) {
      const obs = raw as Record<string, unknown>;
      const type = String(obs.type ?? 'observation');
      if (!keep(type, o.omit?.includes(type) ? 0 : o.maxPerObservation)) continue;
      lines.push({ t: Number(obs.timeNs ?? 0), text: describeObservation(obs, nodeName) });
    }
  };

  const run = new Run({ scenario: s.scenario, model: s.model, shards: s.shards });
  try {
    await run.start();
    const commands = [...s.commands];
    for (let t = 0; t <= s.endNs; t += o.everyNs) {
      while (commands.length > 0 && commands[0].atNs <= t) {
        const { cmd } = commands.shift()!;
        if (t > run.now) await run.advanceTo(t);
        lines.push({ t: run.now, text: `command ${describeCommand(cmd as SimCommand, nodeName)}` });
        run.command(cmd);
      }
      await run.advanceTo(Math.min(t + o.everyNs, s.endNs));
      take(await run.snapshot());
      if (run.now >= s.endNs) break;
    }
    const end = await run.snapshot();
    take(end);
    // Stable: same-time lines keep the order they were seen in.
    lines.sort((a, b) => a.t - b.t);
    const out = [
      // No worker count: the trace is the same however the run is split (and labs change it).
      `# ${s.id}: ${specList(s.model)
        .map((m) => m.id)
        .join(' and ')} model, seed ${scenario.seed}, scale ${scenario.scale}`,
      '# regenerate with: npm run golden -- --update (then review the diff)',
      ...lines.map((l) => `t=${seconds(l.t)} ${l.text}`),
      `# ${messages} messages in all (${Math.min(messages, o.maxMessages)} shown)`,
      ...[...counted]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(
          ([k, n]) =>
            `# ${n} ${k} in all (${Math.min(n, o.omit?.includes(k) ? 0 : o.maxPerObservation)} shown)`,
        ),
      `# end t=${seconds(end.timeNs)} events=${end.executed} digest=${end.digest}`,
      ...summaryCounters(end.counters),
    ];
    return out.join('\n') + '\n';
  } finally {
    run.dispose();
  }
}

function seconds(ns: number): string {
  return `${(ns / 1e9).toFixed(6)}s`;
}

function describeCommand(cmd: SimCommand, nodeName: (id: number) => string): string {
  const { type, ...rest } = cmd as { type: string } & Record<string, unknown>;
  return `${type} ${fields(rest, nodeName)}`.trim();
}

function describeObservation(
  obs: Record<string, unknown>,
  nodeName: (id: number) => string,
): string {
  const { type, timeNs: _, ...rest } = obs;
  if (type === 'sim.queryAnswered') {
    const addresses = (rest.addresses as string[]).join(', ') || 'nothing';
    const ms = (Number(rest.latencyNs) / 1e6).toFixed(3);
    return `${nodeName(Number(rest.client))} resolved ${String(rest.name)} -> ${addresses} (${String(rest.rcode)}, ttl ${String(rest.ttl)}) in ${ms} ms`;
  }
  if (type === 'sim.second') {
    const {
      second,
      latencyNs: _l,
      regionResponses: _r,
      regionLatencyNs: _rl,
      ...counts
    } = rest.stats as Record<string, unknown>;
    return `second ${String(second)} of the crowd: ${fields(counts, nodeName)}`;
  }
  if (type === 'sim.tcpTotals') {
    const conns = rest.conns as Record<string, unknown>[];
    return conns
      .map(
        (c) =>
          `${String(c.name)}: delivered=${num(Number(c.bytesDelivered))} B goodput=${num(Number(c.goodputMbps))} Mb/s sent=${String(c.segmentsSent)} resent=${String(c.retransmits)} done=${String(c.done)}`,
      )
      .join('; ');
  }
  // The bgp model names networks, not nodes (its `from`, `to` and `origin` are network ids).
  if (type === 'bgp.update') {
    const path = rest.asPath ? (rest.asPath as number[]).join(' ') : '-';
    return `bgp.update net-${String(rest.from)} -> net-${String(rest.to)} withdrawn=[${(rest.withdrawn as string[]).join(',')}] nlri=[${(rest.nlri as string[]).join(',')}] path=${path}`;
  }
  if (type === 'bgp.tree') {
    const net = (x: unknown) => (x === null ? '-' : String(x));
    return `bgp.tree ${String(rest.address)} next=[${(rest.next as unknown[]).map(net).join(',')}] origin=[${(rest.origin as unknown[]).map(net).join(',')}]`;
  }
  return `${String(type)} ${fields(rest, nodeName)}`.trim();
}

/** Plain fields as k=v, nodes by name, numbers to 6 significant digits, nesting flattened. */
function fields(o: Record<string, unknown>, nodeName: (id: number) => string, prefix = ''): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    const key = prefix + k;
    if (typeof v === 'number') parts.push(`${key}=${NODE_FIELDS.has(k) ? nodeName(v) : num(v)}`);
    else if (typeof v === 'string' || typeof v === 'boolean' || v === null)
      parts.push(`${key}=${String(v)}`);
    else if (Array.isArray(v))
      parts.push(
        `${key}=[${v.length > 8 || v.some((x) => typeof x === 'object') ? `${v.length} items` : v.join(',')}]`,
      );
    // One level of nesting is spelled out; deeper objects (histograms, wire bytes) are not.
    else if (prefix === '') parts.push(fields(v as Record<string, unknown>, nodeName, `${key}.`));
  }
  const text = parts.filter((p) => p !== '').join(' ');
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

function num(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}

/** The counters that the conservation identities and the lab read, sorted, one line each. */
function summaryCounters(counters: Record<string, number>): string[] {
  return Object.keys(counters)
    .sort()
    .filter((k) => counters[k] !== 0)
    .map((k) => `# ${k}=${num(counters[k])}`);
}
