import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { generateTopology } from '@sim/topology';
import { busiestDataCentre, dataCentreDown } from '@ui/sandbox/busiest';

const topology = generateTopology('classroom', 1);
const frame = (load: (id: number) => number, down: number[] = []): RuntimeFrame =>
  ({
    nodeLoad: Float32Array.from(topology.nodes, (n) => load(n.id)),
    nodeUp: Uint8Array.from(topology.nodes, (n) => (down.includes(n.id) ? 0 : 1)),
  }) as unknown as RuntimeFrame;

describe('the busiest data centre', () => {
  it('is the one whose servers carry the most load together, not the one with the busiest server', () => {
    const [a, b] = topology.dataCentres.filter((dc) => dc.servers.length >= 2);
    // a: one server at 0.5; b: every server at 0.3 (more in all).
    const load = (id: number) => (id === a.servers[0] ? 0.5 : b.servers.includes(id) ? 0.3 : 0);
    expect(busiestDataCentre(topology, frame(load))).toBe(b.id);
  });

  it('is none before any load, or without a frame', () => {
    expect(
      busiestDataCentre(
        topology,
        frame(() => 0),
      ),
    ).toBeNull();
    expect(busiestDataCentre(topology, null)).toBeNull();
  });

  it('is down only when every one of its servers is', () => {
    const dc = topology.dataCentres.find((d) => d.servers.length >= 2)!;
    expect(
      dataCentreDown(
        topology,
        frame(() => 0, dc.servers),
        dc.id,
      ),
    ).toBe(true);
    expect(
      dataCentreDown(
        topology,
        frame(() => 0, dc.servers.slice(1)),
        dc.id,
      ),
    ).toBe(false);
    expect(dataCentreDown(topology, null, dc.id)).toBe(false);
  });
});
