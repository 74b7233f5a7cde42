/**
 * The DNS sequence from a real run of the DNS lab's network, fed frame by frame as the page
 * feeds it: every arrow's times are the simulation's, the latency is the client's, and a
 * silenced low-level server shows as a query ending in a cross with the resolver's wait.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { Run } from '@runtime/Run';
import { MS } from '@sim/time';
import { DnsSequence } from '@ui/sequence/dnsSequence';
import { CLIENT, NAME } from '../../../labs/dns-resolution/places';
import { simulation } from '../../../labs/dns-resolution/scenario';

interface Observed {
  type: string;
  event?: string;
  timeNs: number;
  from?: number;
  to?: number;
  latencyNs?: number;
  client?: number;
}

/** Runs `ms` of simulated time in 2 ms frames, feeding each to the sequence. */
async function play(r: Run, seq: DnsSequence, fromMs: number, ms: number, seen: Observed[]) {
  for (let t = fromMs + 2; t <= fromMs + ms; t += 2) {
    await r.advanceTo(t * MS);
    const snap = await r.snapshot();
    seen.push(...(snap.observations as Observed[]));
    seq.add(snap as unknown as RuntimeFrame);
  }
}

describe('the DNS sequence of a real run', () => {
  it('draws the lookup at the times the simulation recorded, then a timeout as a cross and a wait', async () => {
    const r = new Run({ scenario: simulation.scenario, model: simulation.model, shards: 1 });
    await r.start();
    const seq = new DnsSequence();
    const seen: Observed[] = [];
    r.command({ type: 'dns.lookup', client: CLIENT, name: NAME });
    await play(r, seq, 0, 600, seen);

    const s = seq.view(CLIENT)!;
    const answered = seen.find((o) => o.type === 'sim.queryAnswered' && o.client === CLIENT)!;
    expect(s.summary).toContain(`answered in ${(answered.latencyNs! / 1e6).toFixed(1)} ms`);
    const sent = seen.filter((o) => o.type === 'sim.dnsMessage' && o.event === 'sent');
    const received = seen.filter((o) => o.type === 'sim.dnsMessage' && o.event === 'received');
    const dnsArrows = s.messages.filter((m) => m.index !== null);
    expect(dnsArrows.map((m) => m.sentNs)).toEqual(sent.map((o) => o.timeNs));
    expect(dnsArrows.map((m) => m.arriveNs)).toEqual(received.map((o) => o.timeNs));
    expect(s.lanes.map((l) => l.role)).toEqual([
      'client',
      'resolver',
      'root',
      '.net',
      'top-level',
      'low-level',
      'edge',
    ]);
    // The SYN and the edge's reply, seen in flight and in the event log.
    expect(s.messages.filter((m) => m.index === null).map((m) => m.kind)).toEqual([
      'connect',
      'ack',
    ]);
    expect(s.open).toBe(false);

    // The low-level server that answered goes silent; after the answer's 20 s TTL, the resolver
    // asks it again, waits in vain, and asks the next one.
    const lowLevel = Number(s.lanes[5].key);
    r.command({ type: 'dns.setServerUp', node: lowLevel, up: false });
    await r.advanceTo(30_000 * MS);
    seq.add((await r.snapshot()) as unknown as RuntimeFrame);
    r.command({ type: 'dns.lookup', client: CLIENT, name: NAME });
    seen.length = 0;
    await play(r, seq, 30_000, 700, seen);
    r.dispose();

    const t = seq.view(CLIENT)!;
    const timeout = seen.find((o) => o.type === 'sim.queryTimeout')!;
    expect(timeout).toBeDefined();
    const lost = t.messages.find((m) => m.lost)!;
    expect(lost.to).toBe(String(lowLevel));
    expect(t.waits).toHaveLength(1);
    expect(t.waits[0].fromNs).toBe(lost.sentNs);
    expect(t.waits[0].toNs).toBe(timeout.timeNs);
    expect(t.waits[0].label).toContain(`${((timeout.timeNs - lost.sentNs) / 1e6).toFixed(1)} ms`);
    // Asked next: another low-level server, which answers.
    const lanes = t.lanes.filter((l) => l.role === 'low-level');
    expect(lanes.length).toBe(2);
    expect(t.messages.some((m) => m.kind === 'answer' && m.from === lanes[1].key)).toBe(true);
  }, 60_000);
});
