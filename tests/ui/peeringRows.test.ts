/**
 * Which networks the sandbox lists beside a data centre: all of them in the classroom; at the
 * 2009 scale (13,000 networks, where one row each hung the page) a bounded list of those it is
 * de-peered from and its busiest peers, and any other found by name.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { linkNumbers } from '@sim/net/Network';
import { generateTopology } from '@sim/topology';
import { PEERING_ROWS, peeringRows } from '@ui/sandbox/linkView';

/** A frame with these peering links' messages (by link number) and these de-peered pairs. */
function frameWith(
  nodeCount: number,
  traffic: [number, number][],
  dePeered: number[] = [],
): RuntimeFrame {
  const sorted = [...traffic].sort((a, b) => a[0] - b[0]);
  return {
    nodeUp: new Uint8Array(nodeCount).fill(1),
    dePeered,
    links: {
      numbers: Float64Array.from(sorted.map(([n]) => n)),
      bytes: Float64Array.from(sorted.map(([, m]) => m * 1000)),
      messages: Float64Array.from(sorted.map(([, m]) => m)),
      drops: new Float64Array(sorted.length),
    },
  } as unknown as RuntimeFrame;
}

describe('the peering list', () => {
  it('lists every other network in the classroom', () => {
    const t = generateTopology('classroom', 7);
    const { rows, more } = peeringRows(t, null, 0);
    expect(rows.map((r) => r.network)).toEqual(t.networks.slice(1).map((n) => n.id));
    expect(more).toBe(0);
  });

  describe('at the 2009 scale', () => {
    const t = generateTopology('2009', 7);
    const nodeCount = t.nodes.length;
    const dc = t.dataCentres[0];
    const network = dc.network;
    const others = t.networks.length - 1;
    const far = t.networks.length - 2;
    const busy = t.networks.length - 3;

    it('lists a bounded number of the 13,000 networks', () => {
      expect(others).toBeGreaterThan(12_000);
      const { rows, more } = peeringRows(t, null, network);
      expect(rows).toHaveLength(PEERING_ROWS);
      expect(more).toBe(others - PEERING_ROWS);
      expect(rows.map((r) => r.network)).not.toContain(network);
    });

    it('lists the networks it is de-peered from and its busiest peers first', () => {
      const frame = frameWith(
        nodeCount,
        [
          [linkNumbers.peering(nodeCount, network, busy, 0), 40],
          [linkNumbers.peering(nodeCount, network, busy, 3), 2],
          [linkNumbers.peering(nodeCount, busy, far, 1), 500], // not this network's
        ],
        [Math.min(network, far), Math.max(network, far)],
      );
      const { rows } = peeringRows(t, frame, network);
      expect(rows).toHaveLength(PEERING_ROWS);
      const row = (id: number) => rows.find((r) => r.network === id);
      expect(row(far)).toMatchObject({ peered: false, traffic: { messages: 0 } });
      // Summed over the sites where the two interconnect.
      expect(row(busy)).toMatchObject({ peered: true, traffic: { messages: 42, bytes: 42_000 } });
      // In network order, so rows do not jump about as traffic changes.
      const ids = rows.map((r) => r.network);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    });

    it('finds any other network by name', () => {
      const name = t.networks[far].name;
      const found = peeringRows(t, null, network, ` ${name.toUpperCase()} `);
      expect(found.rows.map((r) => r.name)).toContain(name);
      expect(found.rows.length + found.more).toBeGreaterThanOrEqual(1);
      expect(found.rows.every((r) => r.name.includes(name))).toBe(true);
      const wide = peeringRows(t, null, network, 'n1');
      expect(wide.rows).toHaveLength(PEERING_ROWS);
      expect(wide.more).toBeGreaterThan(1000);
      expect(peeringRows(t, null, network, 'no such network')).toEqual({ rows: [], more: 0 });
    });
  });
});
