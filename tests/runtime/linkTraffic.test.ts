import { describe, expect, it } from 'vitest';
import { mergeLinkTraffic, trafficOf, type LinkTraffic } from '@runtime/linkTraffic';
import { Run } from '@runtime/Run';
import { linkNumbers } from '@sim/net/Network';
import { SECOND } from '@sim/time';
import { generateTopology } from '@sim/topology';
import { SANDBOX_NETWORK } from '@ui/sandbox/sandboxModel';

const part = (rows: [number, number, number, number][]): LinkTraffic => ({
  numbers: Float64Array.from(rows, (r) => r[0]),
  bytes: Float64Array.from(rows, (r) => r[1]),
  messages: Float64Array.from(rows, (r) => r[2]),
  drops: Float64Array.from(rows, (r) => r[3]),
});

describe('merging per-link traffic', () => {
  it('sums each link over shards and keeps the numbers ascending', () => {
    const merged = mergeLinkTraffic([
      part([
        [1, 100, 1, 0],
        [5, 50, 2, 1],
        [2 ** 40, 7, 1, 0],
      ]),
      part([
        [0, 10, 1, 0],
        [5, 5, 1, 0],
      ]),
      part([]),
    ]);
    expect([...merged.numbers]).toEqual([0, 1, 5, 2 ** 40]);
    expect([...merged.bytes]).toEqual([10, 100, 55, 7]);
    expect([...merged.messages]).toEqual([1, 1, 3, 1]);
    expect([...merged.drops]).toEqual([0, 0, 1, 0]);
    expect(trafficOf(merged, 5)).toEqual({ bytes: 55, messages: 3, drops: 1 });
    expect(trafficOf(merged, 2 ** 40)?.bytes).toBe(7);
    expect(trafficOf(merged, 4)).toBeUndefined();
  });
});

async function linksAfter(shards: number) {
  const run = new Run({
    scenario: { seed: 2, scale: 'classroom', network: SANDBOX_NETWORK },
    model: { id: 'delivery', config: { loadFactor: 3 } },
    shards,
  });
  await run.start();
  await run.advanceTo(2 * SECOND);
  const snap = await run.snapshot();
  run.dispose();
  return snap;
}

describe('per-link traffic in snapshots', () => {
  it('is the same, link by link, whether the run is split over 1 or 2 shards', async () => {
    const one = await linksAfter(1);
    const two = await linksAfter(2);
    expect(one.links.numbers.length).toBeGreaterThan(10);
    expect(two.links).toEqual(one.links);
    // Every message sent crosses its sender's access link once, unless the sender is down.
    const n = one.nodeUp.length;
    let accessMessages = 0;
    for (let i = 0; i < one.links.numbers.length; i++)
      if (one.links.numbers[i] < n) accessMessages += one.links.messages[i];
    expect(accessMessages).toBeGreaterThan(one.counters['net.delivered']);
    // The edge servers' backbone carried traffic.
    const topology = generateTopology('classroom', 2);
    const edge = topology.nodes.find((x) => x.kind === 'edge')!;
    expect(trafficOf(one.links, linkNumbers.backbone(n, edge.network))?.messages).toBeGreaterThan(
      0,
    );
    expect([...one.version]).toEqual(new Array<number>(n).fill(1));
  }, 60_000);

  it('lists messages in flight at classroom scale, each sent before the snapshot time', async () => {
    const snap = await linksAfter(2);
    expect(snap.inFlight.types.length).toBeGreaterThan(0);
    for (let i = 0; i < snap.inFlight.types.length; i++) {
      expect(snap.inFlight.sentAtNs[i]).toBeLessThanOrEqual(snap.timeNs);
      expect(snap.inFlight.expectedAtNs[i]).toBeGreaterThan(snap.inFlight.sentAtNs[i]);
    }
  }, 60_000);
});
