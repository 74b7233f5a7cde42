/**
 * What the overlay draws, from frames: network messages in flight with their kind, the TCP
 * model's segments between the ends its totals name, the rollout's orders, and flows with rates
 * measured from the log and the rollout's messages.
 */
import { describe, expect, it } from 'vitest';
import { frameAt } from '../../lab/fakeSim';
import type { RuntimeFrame } from '@runtime/frame';
import { packInFlight } from '@runtime/inFlight';
import { generateTopology } from '@sim/topology';
import { OverlayModel } from '@ui/topology/overlayModel';
import { KIND } from '@ui/topology/packetMotion';

const topology = generateTopology('classroom', 1);
const byKind = (kind: string) => topology.nodes.find((n) => n.kind === kind)!.id;
const RESOLVER = byKind('resolver');
const ROOT = byKind('dnsRoot');
const CLIENT = byKind('client');
const EDGE = byKind('edge');

const frame = (timeNs: number, extra: Partial<RuntimeFrame> = {}) => frameAt(timeNs, [], extra);

describe('the overlay model', () => {
  it('takes network messages in flight with their kind', () => {
    const model = new OverlayModel(topology);
    model.update(
      frame(10, {
        inFlight: packInFlight([
          { from: RESOLVER, to: ROOT, type: 'dns.message', sentAt: 0, expectedAt: 40 },
          { from: ROOT, to: RESOLVER, type: 'dns.message', sentAt: 5, expectedAt: 45 },
        ]),
      }),
    );
    expect(model.messages().map((m) => m.kind)).toEqual([KIND.dnsQuery, KIND.dnsAnswer]);
    expect(model.messages()[0]).toMatchObject({ from: RESOLVER, to: ROOT, sentNs: 0, dueNs: 40 });
  });

  it("draws TCP segments between the connection's ends until they arrive", () => {
    const model = new OverlayModel(topology);
    const totals = {
      type: 'sim.tcpTotals',
      timeNs: 0,
      conns: [{ name: 'c', client: CLIENT, server: EDGE, goodputMbps: 12.5, done: false }],
    };
    const packet = (timeNs: number, dir: 'data' | 'ack', arriveNs: number, lost = false) => ({
      type: 'sim.tcpPacket',
      timeNs,
      conn: 'c',
      dir,
      seq: 1,
      arriveNs,
      lost,
      resent: false,
    });
    model.update(
      frame(100, {
        observations: [
          totals,
          packet(50, 'data', 150),
          packet(60, 'ack', 90),
          packet(70, 'data', 200, true),
        ],
      }),
    );
    // The ACK had already arrived by the frame's time.
    expect(model.messages()).toEqual([
      { from: EDGE, to: CLIENT, sentNs: 50, dueNs: 150, kind: KIND.tcpData },
      { from: EDGE, to: CLIENT, sentNs: 70, dueNs: 200, kind: KIND.tcpLost },
    ]);
    expect(model.flows()).toEqual([{ a: EDGE, b: CLIENT, rate: 12.5, unit: 'Mbit/s' }]);
    // Later frames without observations keep the segments still in flight, and drop arrived ones.
    model.update(frame(160));
    expect(model.messages().map((m) => m.kind)).toEqual([KIND.tcpLost]);
    // A run that starts again forgets everything.
    model.update(frame(5));
    expect(model.messages()).toEqual([]);
    expect(model.flows()).toEqual([]);
  });

  it('measures flows in messages per simulated second from the log, scaled when sampled', () => {
    const model = new OverlayModel(topology);
    model.update(frame(0));
    const entry = (from: number, to: number) => ({
      timeNs: 1,
      from,
      to,
      type: 'delivery.request',
      outcome: 'delivered',
      where: '',
    });
    // Half a second: 3 logged (one each way counts for the same pair) and 3 more skipped.
    model.update(
      frame(5e8, {
        log: {
          entries: [entry(CLIENT, EDGE), entry(EDGE, CLIENT), entry(CLIENT, EDGE)],
          skipped: 3,
        },
      }),
    );
    const [flow] = model.flows();
    expect(flow).toEqual({
      a: Math.min(CLIENT, EDGE),
      b: Math.max(CLIENT, EDGE),
      rate: 12,
      unit: 'msg/s',
    });
    // A quiet interval brings the smoothed rate down, not to zero at once.
    model.update(frame(1e9));
    expect(model.flows()[0].rate).toBeCloseTo(12 * 0.7);
  });

  it("draws the rollout's orders until they arrive and counts its messages into flows", () => {
    const model = new OverlayModel(topology);
    const OPS = byKind('dnsCdnTop');
    const edges = topology.nodes.filter((n) => n.kind === 'edge').map((n) => n.id);
    const [A, B] = edges;
    model.update(frame(0));
    // At t = 1 s the check reads two reports, then the next phase's orders leave (40 and 90 ms).
    const at = 1e9;
    model.update(
      frame(at + 50e6, {
        observations: [
          {
            type: 'sim.rolloutMessages',
            timeNs: at,
            what: 'report',
            ops: OPS,
            servers: [A, B],
            tripNs: [30e6, 30e6],
          },
          {
            type: 'sim.rolloutMessages',
            timeNs: at,
            what: 'push',
            ops: OPS,
            servers: [A, B],
            tripNs: [40e6, 90e6],
          },
        ],
      }),
    );
    // The order to A has arrived; the one to B is on its way; reports were read at `at`.
    expect(model.messages()).toEqual([
      { from: OPS, to: B, sentNs: at, dueNs: at + 90e6, kind: KIND.releasePush },
    ]);
    // Each place saw a report and an order in 1.05 s; a flow runs to a data centre (drawn at
    // its first server), so servers of one data centre share one.
    const place = (id: number) => topology.dataCentres[topology.nodes[id].dataCentre].servers[0];
    const flows = model.flows();
    const places = new Set([place(A), place(B)]);
    expect(flows).toHaveLength(places.size);
    for (const f of flows) {
      expect(f.a === OPS || f.b === OPS).toBe(true);
      expect(f.rate).toBeCloseTo((places.size === 1 ? 4 : 2) / 1.05);
    }
    model.update(frame(at + 100e6));
    expect(model.messages()).toEqual([]);
    // A rollback is an order of its own kind.
    model.update(
      frame(at + 200e6, {
        observations: [
          {
            type: 'sim.rolloutMessages',
            timeNs: at + 150e6,
            what: 'rollback',
            ops: OPS,
            servers: [A],
            tripNs: [80e6],
          },
        ],
      }),
    );
    expect(model.messages().map((m) => [m.from, m.to, m.kind])).toEqual([[OPS, A, KIND.rollback]]);
  });
});
