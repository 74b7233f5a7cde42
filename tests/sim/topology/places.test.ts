/**
 * Places (src/sim/topology/places.ts): nodes named by kind and city rather than by number, and
 * one shared copy of each topology a page uses.
 */
import { describe, expect, it } from 'vitest';
import { findNode, generateTopology, topologyFor } from '@sim/topology';

const topology = generateTopology('classroom', 1);

describe('findNode', () => {
  it('finds the k-th node of a kind in a city, in id order', () => {
    const tokyoEdges = topology.nodes.filter(
      (n) => n.kind === 'edge' && topology.cities[n.city].id === 'tokyo',
    );
    expect(tokyoEdges.length).toBeGreaterThan(1);
    expect(findNode(topology, 'edge@tokyo')).toBe(tokyoEdges[0].id);
    expect(findNode(topology, 'edge@tokyo#2')).toBe(tokyoEdges[1].id);
  });

  it("takes a node's own name too", () => {
    const origin = topology.nodes.find((n) => n.kind === 'origin')!;
    expect(findNode(topology, origin.name)).toBe(origin.id);
  });

  it('says what is missing rather than returning a wrong node', () => {
    expect(() => findNode(topology, 'edge@atlantis')).toThrow(/no edge nodes in atlantis/);
    expect(() => findNode(topology, 'origin@new-york#9')).toThrow(/only 1 origin node in new-york/);
    expect(() => findNode(topology, 'not a place')).toThrow(/neither a node's name nor a place/);
  });
});

describe('topologyFor', () => {
  it('generates each (scale, seed) once and hands out the same copy', () => {
    expect(topologyFor('classroom', 5)).toBe(topologyFor('classroom', 5));
    expect(topologyFor('classroom', 5)).toEqual(generateTopology('classroom', 5));
    expect(topologyFor('classroom', 6)).not.toBe(topologyFor('classroom', 5));
  });
});
