import { describe, expect, it } from 'vitest';
import { generateTopology } from '@sim/topology';
import { formatLogTime, matchesNode, nodeLabel } from '@ui/log/logFormat';

describe('the event log’s times and names', () => {
  it('writes a time in the unit that fits, to the millisecond or finer', () => {
    expect(formatLogTime(1_627_000)).toBe('1.627 ms');
    expect(formatLogTime(999_999_000)).toBe('999.999 ms');
    expect(formatLogTime(999_999_999)).toBe('1.000 s');
    expect(formatLogTime(1e9)).toBe('1.000 s');
    expect(formatLogTime(179.5e9)).toBe('179.500 s');
    expect(formatLogTime(180e9)).toBe('3 min 0.000 s');
    expect(formatLogTime(3605e9)).toBe('1 h 0 min 5.000 s');
    expect(formatLogTime(2 * 3600e9 + 61.25e9)).toBe('2 h 1 min 1.250 s');
  });

  it('names a node from the topology, and falls back to its id', () => {
    const topology = generateTopology('classroom', 1);
    const node = topology.nodes[3];
    expect(nodeLabel(topology, 3)).toBe(node.name);
    expect(nodeLabel(topology, 3)).not.toBe('3');
    expect(nodeLabel(undefined, 3)).toBe('3');
    expect(nodeLabel(topology, topology.nodes.length + 5)).toBe(String(topology.nodes.length + 5));
  });

  it('filters by an exact id or by part of a name, in any case', () => {
    const topology = generateTopology('classroom', 1);
    const name = topology.nodes[3].name;
    expect(matchesNode(topology, '3', 3, 0)).toBe(true);
    expect(matchesNode(topology, name.slice(0, 4).toUpperCase(), 0, 3)).toBe(true);
    expect(matchesNode(undefined, '3', 13, 0)).toBe(false);
    expect(matchesNode(topology, '', 1, 2)).toBe(true);
    expect(matchesNode(topology, 'no such node anywhere', 1, 2)).toBe(false);
  });
});
