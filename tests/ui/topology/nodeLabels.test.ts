/** Nodes named by role and city, with the addresses the DNS answers give edge servers. */
import { describe, expect, it } from 'vitest';
import { generateTopology } from '@sim/topology';
import { addressNode } from '@sim/models/dns/names';
import { dataCentreLabels, nodeLabels, nodeName } from '@ui/topology/nodeLabels';
import { buildElements } from '@ui/topology/toCyElements';

const topology = generateTopology('classroom', 1);

describe('node labels', () => {
  it('name every role and its city', () => {
    const root = topology.nodes.find((n) => n.kind === 'dnsRoot')!;
    const city = topology.cities[root.city].name;
    expect(nodeLabels(topology, root.id)).toEqual({
      label: `root name server, ${city}`,
      short: 'root',
    });
    const tld = topology.nodes.find((n) => n.kind === 'dnsTld')!;
    expect(nodeLabels(topology, tld.id).short).toBe('.net');
    expect(nodeName(topology, -1)).toBe('node -1');
  });

  it("tie an edge server's address, as a DNS answer gives it, to its place", () => {
    const edge = topology.nodes.find((n) => n.kind === 'edge')!;
    const { label, short } = nodeLabels(topology, edge.id);
    expect(addressNode(short)).toBe(edge.id);
    expect(label).toContain(short);
    expect(label).toContain(topology.cities[edge.city].name);
  });

  it("give a data centre drawn as one node its servers' addresses", () => {
    const dc = topology.dataCentres[0];
    const { label, short } = dataCentreLabels(topology, dc.id);
    const first = short.split('–')[0];
    expect(addressNode(first)).toBe(Math.min(...dc.servers));
    expect(label).toContain(`${dc.servers.length} edge servers`);
    // The whole-map elements carry both labels.
    const element = buildElements(topology, { detail: 'dataCentres' }).find(
      (e) => e.id === `dc:${dc.id}`,
    )!;
    expect(element.short).toBe(short);
  });
});
