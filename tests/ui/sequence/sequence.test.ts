import { describe, expect, it } from 'vitest';
import { frameAt } from '../../lab/fakeSim';
import type { TcpPacket } from '@sim/models/tcp/tcpRuntime';
import { generateTopology } from '@sim/topology/generateTopology';
import { DnsSequence, placeFromName } from '@ui/sequence/dnsSequence';
import { laneTitles, layoutSequence } from '@ui/sequence/sequenceLayout';
import type { Sequence } from '@ui/sequence/sequence';
import { MAX_ARROWS, tcpWindow, WINDOW_ROUND_TRIPS } from '@ui/sequence/tcpSequence';

const MS = 1e6;
const BOX = { width: 800, height: 600, fontPx: 16 };
// The lab's topology names each node's place, as the page will (SequenceDiagram's placeOf).
const topology = generateTopology('classroom', 1);
const placeOf = (node: number) => topology.cities[topology.nodes[node].city].name;

const frame = frameAt;

const NODES: Record<number, [string, string]> = {
  38: ['client:london-n5', 'client'],
  37: ['resolver:london-n5', 'resolver'],
  0: ['dns:root-a', 'root'],
  9: ['dns:low-frankfurt-n1', 'lowlevel'],
  13: ['dns:low-new-york-n2', 'lowlevel'],
};

function msg(
  event: 'sent' | 'received',
  timeMs: number,
  from: number,
  to: number,
  id: number,
  kind: string,
  ttl: number | null = null,
) {
  return {
    type: 'sim.dnsMessage',
    timeNs: timeMs * MS,
    event,
    from,
    to,
    fromName: NODES[from][0],
    toName: NODES[to][0],
    fromRole: NODES[from][1],
    toRole: NODES[to][1],
    zone: null,
    name: 'a7.g.akamai.net',
    id,
    kind,
    ttl,
    bytes: 40,
    wire: [],
  };
}

/**
 * A lookup as the model records it: the client asks its resolver; the resolver asks the root
 * (a referral); the Frankfurt low-level server never answers (376 ms later the resolver gives
 * up on it); New York's answers; the resolver answers the client.
 */
const LOOKUP = [
  msg('sent', 0, 38, 37, 7, 'query'),
  msg('received', 1, 38, 37, 7, 'query'),
  msg('sent', 1, 37, 0, 100, 'query'),
  msg('received', 41, 37, 0, 100, 'query'),
  msg('sent', 41, 0, 37, 100, 'referral', 172800),
  msg('received', 81, 0, 37, 100, 'referral', 172800),
  msg('sent', 81, 37, 9, 101, 'query'),
  {
    type: 'sim.queryTimeout',
    timeNs: 457 * MS,
    resolver: 37,
    server: 9,
    zone: 'g.akamai.net.',
    name: 'a7.g.akamai.net',
  },
  msg('sent', 457, 37, 13, 102, 'query'),
  msg('received', 497, 37, 13, 102, 'query'),
  msg('sent', 497, 13, 37, 102, 'answer', 20),
  msg('received', 537, 13, 37, 102, 'answer', 20),
  msg('sent', 537, 37, 38, 7, 'answer', 20),
  msg('received', 538, 37, 38, 7, 'answer', 20),
  {
    type: 'sim.queryAnswered',
    timeNs: 538 * MS,
    client: 38,
    id: 7,
    latencyNs: 538 * MS,
    rcode: 'NOERROR',
    addresses: [],
  },
];

describe('the sequence layout', () => {
  const seq: Sequence = {
    lanes: [
      { key: 'a', role: 'client', place: 'London' },
      { key: 'b', role: 'resolver', place: 'London' },
    ],
    messages: [
      {
        from: 'a',
        to: 'b',
        sentNs: 10 * MS,
        arriveNs: 50 * MS,
        expectedNs: null,
        lost: false,
        lostNs: null,
        lostAlong: null,
        kind: 'query',
        label: 'query',
        detail: '',
        index: 0,
      },
    ],
    waits: [],
    startNs: 0,
    endNs: 100 * MS,
    open: false,
    zeroNs: 0,
    axisZero: 'the start',
    summary: '',
    note: '',
  };

  it('puts times down the height at one scale, so the slope is the latency', () => {
    const l = layoutSequence(seq, BOX, 100 * MS);
    const [a] = l.arrows;
    const perMs = (l.bottom - l.top) / 100;
    expect(a.y1).toBeCloseTo(l.top + 10 * perMs, 6);
    expect(a.y2).toBeCloseTo(l.top + 50 * perMs, 6);
    expect(a.x1).toBe(l.lanes[0].x);
    expect(a.x2).toBe(l.lanes[1].x);
    expect(l.lanes[1].x).toBeGreaterThan(l.lanes[0].x);
    // The axis: round steps, labelled in ms, at the right heights.
    const tick = l.ticks.find((t) => t.label === '50 ms');
    expect(tick?.y).toBeCloseTo(l.top + 50 * perMs, 6);
  });

  it('draws a message on its way as far as simulated time has carried it', () => {
    const open = { ...seq, open: true, endNs: 30 * MS };
    const l = layoutSequence(open, BOX, 30 * MS);
    const [a] = l.arrows;
    expect(a.moving).toBe(true);
    // 20 of its 40 ms: half way across, at the current time (the bottom of the diagram).
    expect(a.x2).toBeCloseTo((l.lanes[0].x + l.lanes[1].x) / 2, 6);
    expect(a.y2).toBeCloseTo(l.bottom, 6);
    expect(layoutSequence(open, BOX, 5 * MS).arrows).toHaveLength(0);
  });

  it('ends a lost message in a cross where it was dropped', () => {
    const lost = {
      ...seq,
      messages: [{ ...seq.messages[0], arriveNs: null, lost: true, lostNs: 30 * MS, lostAlong: 1 }],
    };
    const l = layoutSequence(lost, BOX, 100 * MS);
    expect(l.arrows[0].lost).toBe(true);
    expect(l.arrows[0].x2).toBe(l.lanes[1].x);
    expect(l.arrows[0].y2).toBeCloseTo(l.top + 30 * ((l.bottom - l.top) / 100), 6);
  });

  it('keeps lane titles readable in a hall: two rows rather than tiny type', () => {
    // Presenter mode at 1280×720: 20.8 px text. Seven lanes 100 px apart fit in one row...
    expect(laneTitles(7, 100, 20.8)).toEqual({ px: 100 / 5.4, rows: 1 });
    // ...50 px apart they would be 9 px: every other title a row lower, at full size.
    const narrow = laneTitles(7, 50, 20.8);
    expect(narrow.rows).toBe(2);
    expect(narrow.px).toBeGreaterThanOrEqual(16);
    // Two lanes never alternate (there is nothing to alternate with).
    expect(laneTitles(2, 50, 20.8).rows).toBe(1);

    const seven: Sequence = {
      ...seq,
      lanes: ['client', 'resolver', 'root', '.net', 'top-level', 'low-level', 'edge'].map(
        (role, i) => ({ key: String(i), role, place: 'London' }),
      ),
    };
    const l = layoutSequence(seven, { width: 500, height: 600, fontPx: 20.8 }, 100 * MS);
    expect(l.title.rows).toBe(2);
    expect(l.title.px).toBeGreaterThanOrEqual(16);
    expect(l.lanes.map((x) => x.row)).toEqual([0, 1, 0, 1, 0, 1, 0]);
    // The plot starts under both rows of titles (two lines each).
    expect(l.top).toBeGreaterThanOrEqual(2 * 2.5 * l.title.px);
  });
});

describe('a DNS lookup as a sequence', () => {
  it('has lanes in textbook order, arrows at the recorded times, and the timeout as a wait', () => {
    const d = new DnsSequence();
    d.add(frame(600 * MS, LOOKUP));
    const s = d.view(null, placeOf)!;
    expect(s.lanes.map((l) => `${l.role} · ${l.place}`)).toEqual([
      'client · London',
      'resolver · London',
      'root · Washington',
      'low-level · Frankfurt',
      'low-level · New York',
    ]);
    expect(
      s.messages.map((m) => [m.from, m.to, m.sentNs / MS, m.arriveNs && m.arriveNs / MS]),
    ).toEqual([
      ['38', '37', 0, 1],
      ['37', '0', 1, 41],
      ['0', '37', 41, 81],
      ['37', '9', 81, null],
      ['37', '13', 457, 497],
      ['13', '37', 497, 537],
      ['37', '38', 537, 538],
    ]);
    // The DNS message list numbers sent messages from the run's start: the same numbers here.
    expect(s.messages.map((m) => m.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.messages[2].label).toBe('referral · TTL 2 days');
    expect(s.messages[5].label).toBe('answer · TTL 20 s');
    // The query nobody answered: a cross, and a bracket over the resolver's 376 ms wait.
    expect(s.messages[3].lost).toBe(true);
    expect(s.waits).toEqual([
      { lane: '37', fromNs: 81 * MS, toNs: 457 * MS, label: expect.stringContaining('376.0 ms') },
    ]);
    expect(s.open).toBe(false);
    expect(s.summary).toBe(
      'Lookup of a7.g.akamai.net by the client in London: 3 queries from the resolver, answered in 538.0 ms.',
    );

    const l = layoutSequence(s, BOX, 600 * MS);
    const perNs = (l.bottom - l.top) / (538 * MS);
    const referral = l.arrows[2];
    expect(referral.y1).toBeCloseTo(l.top + 41 * MS * perNs, 6);
    expect(referral.y2).toBeCloseTo(l.top + 81 * MS * perNs, 6);
    expect(l.waits[0].y2 - l.waits[0].y1).toBeCloseTo(376 * MS * perNs, 6);
  });

  it('ends a query to a failed server in a cross at that server, with the wait growing until the timeout', () => {
    const d = new DnsSequence();
    const upToLoss = LOOKUP.slice(0, 7);
    const log = {
      entries: [
        {
          timeNs: 121 * MS,
          from: 37,
          to: 9,
          type: 'dns.message',
          outcome: 'node-down',
          where: 'x',
        },
      ],
      skipped: 0,
    };
    d.add(frame(200 * MS, upToLoss, { log }));
    const s = d.view()!;
    const q = s.messages[3];
    expect([q.lost, q.lostNs, q.lostAlong]).toEqual([true, 121 * MS, 1]);
    expect(s.open).toBe(true);
    expect(s.waits).toEqual([
      { lane: '37', fromNs: 81 * MS, toNs: 200 * MS, label: 'waiting for a reply: 119.0 ms' },
    ]);
    d.add(frame(600 * MS, LOOKUP.slice(7)));
    expect(d.view()!.waits.map((w) => [w.fromNs / MS, w.toNs / MS])).toEqual([[81, 457]]);
  });

  it('grows a query on its way from the network’s expected arrival, and runs down to now', () => {
    const d = new DnsSequence();
    const inFlight = {
      from: Int32Array.from([37]),
      to: Int32Array.from([0]),
      sentAtNs: Float64Array.from([1 * MS]),
      expectedAtNs: Float64Array.from([41 * MS]),
      types: ['dns.message'],
    };
    d.add(frame(21 * MS, LOOKUP.slice(0, 3), { inFlight }));
    const s = d.view()!;
    expect(s.open).toBe(true);
    expect(s.messages[1].expectedNs).toBe(41 * MS);
    const l = layoutSequence(s, BOX, 21 * MS);
    expect(l.arrows[1].moving).toBe(true);
    expect(l.arrows[1].x2).toBeCloseTo((l.lanes[1].x + l.lanes[2].x) / 2, 6);
  });

  it('follows the chosen client group, and starts afresh when the run restarts', () => {
    const d = new DnsSequence();
    d.add(frame(600 * MS, LOOKUP));
    expect(d.view(38)).not.toBeNull();
    expect(d.view(26)).toBeNull();
    d.add(frame(0, []));
    expect(d.view()).toBeNull();
    d.add(frame(2 * MS, LOOKUP.slice(0, 2)));
    expect(d.view()!.messages).toHaveLength(1);
    expect(d.view()!.messages[0].index).toBe(0);
  });

  it('reads a place from a node name when no topology is given', () => {
    expect(placeFromName('dns:low-new-york-n2')).toBe('New York');
    expect(placeFromName('edge:frankfurt-n1-2')).toBe('Frankfurt');
    expect(placeFromName('dns:root-a')).toBe('');
  });
});

describe('a TCP window', () => {
  // 10 ms there, 10 ms back; a segment every ms, each ACKed on arrival; segment 30 lost.
  const packets: TcpPacket[] = [];
  for (let i = 0; i < 200; i++) {
    const t = i * MS;
    packets.push({
      type: 'sim.tcpPacket',
      timeNs: t,
      conn: 'c',
      dir: 'data',
      seq: i,
      arriveNs: t + 10 * MS,
      lost: i === 190,
      resent: false,
    });
    if (i !== 190)
      packets.push({
        type: 'sim.tcpPacket',
        timeNs: t + 10 * MS,
        conn: 'c',
        dir: 'ack',
        seq: i + 1,
        arriveNs: t + 20 * MS,
        lost: false,
        resent: false,
      });
  }
  packets.sort((a, b) => a.timeNs - b.timeNs);

  it('shows the last round trips, thinned, and always the loss', () => {
    const now = 205 * MS;
    const s = tcpWindow(
      'c',
      packets.filter((p) => p.timeNs <= now),
      now,
    );
    expect(s.startNs).toBe(now - WINDOW_ROUND_TRIPS * 20 * MS);
    expect(s.messages.every((m) => m.sentNs >= s.startNs && m.sentNs <= now)).toBe(true);
    const data = s.messages.filter((m) => m.from === 'server');
    expect(data.length).toBeLessThanOrEqual(MAX_ARROWS + 1);
    const lost = s.messages.find((m) => m.lost)!;
    expect(lost.label).toBe('seg 190 lost');
    expect(lost.lostNs).toBe(195 * MS);
    expect(s.note).toMatch(/^1 in \d+ arrows/);
    expect(s.summary).toContain('20.0 ms each');
  });
});
