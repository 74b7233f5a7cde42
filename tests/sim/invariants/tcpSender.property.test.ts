/**
 * Property test of the TCP sender's invariants (snd_una ≤ snd_nxt ≤ highest sent, cwnd ≥ one
 * segment; checked inside TcpSender with assertions on): random connections (round-trip time,
 * loss, initial window, variant, SACK, receive window, bottleneck) run through the tcp model;
 * with SACK, pipe never negative.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { setAssertionsEnabled } from '@sim/assert';
import { generateTopology } from '@sim/topology';
import { SECOND } from '@sim/time';

const RUNS = 20;
const clients = generateTopology('classroom', 1).nodes.filter((n) => n.kind === 'client');
const edges = generateTopology('classroom', 1).nodes.filter((n) => n.kind === 'edge');

const connection = fc.record({
  client: fc.constantFrom(...clients.map((n) => n.id)),
  server: fc.constantFrom(...edges.map((n) => n.id)),
  rttMs: fc.double({ min: 1, max: 300, noNaN: true }),
  lossRate: fc.constantFrom(0, 0.001, 0.01, 0.05, 0.2),
  initialWindowSegments: fc.integer({ min: 1, max: 100 }),
  durationMs: fc.integer({ min: 200, max: 2000 }),
  seed: fc.integer({ min: 0, max: 1000 }),
});

const config = fc.record({
  variant: fc.constantFrom('reno', 'newreno', 'cubic', 'bbr'),
  sack: fc.boolean(),
  delayedAck: fc.boolean(),
  rwndBytes: fc.constantFrom(4096, 65_535, 16 * 1024 * 1024),
  bottleneckMbps: fc.constantFrom(1, 100, 1000),
  connections: fc.array(connection, { minLength: 1, maxLength: 3 }),
});

beforeAll(() => setAssertionsEnabled(true));
afterAll(() => setAssertionsEnabled(false));

describe('random TCP transfers', () => {
  it('keep the sender’s sequence and window invariants under any loss and delay', async () => {
    let segments = 0;
    await fc.assert(
      fc.asyncProperty(config, async (c) => {
        const conns = c.connections.map((x, i) => ({ name: `c${i}`, ...x }));
        const run = new Run({
          scenario: { scale: 'classroom', seed: 1 },
          model: { id: 'tcp', config: { ...c, sampleEveryMs: 0, connections: conns } },
          shards: 1,
        });
        try {
          await run.start();
          await run.advanceTo(2.5 * SECOND);
          const snap = await run.snapshot();
          segments += snap.counters['tcp.segmentsSent'] ?? 0;
          expect(snap.counters['tcp.segmentsSent']).toBeGreaterThan(0);
        } finally {
          run.dispose();
        }
      }),
      { numRuns: RUNS },
    );
    console.log(`[invariants] tcp: ${RUNS} cases, ${segments} segments sent`);
  });
});
