import { describe, expect, it } from 'vitest';
import { parseCommand, type WorldCommand } from '@sim/models/commands';
import type { DeliveryCommand } from '@sim/models/delivery/commands';
import { describeChange } from '@sim/models/delivery/changes';
import { generateTopology } from '@sim/topology';

const topology = generateTopology('classroom', 1);
const say = (cmd: object) =>
  describeChange(parseCommand(cmd) as WorldCommand | DeliveryCommand, topology);

describe('a change to the sandbox in words', () => {
  it('names the server or data centre that failed or came back', () => {
    expect(say({ type: 'dataCentre.setUp', dataCentre: 1, up: false })).toBe(
      `${topology.dataCentres[1].name} failed`,
    );
    const edge = topology.dataCentres[0].servers[0];
    expect(say({ type: 'node.setUp', node: edge, up: true })).toBe(
      `${topology.nodes[edge].name} restored`,
    );
  });

  it('gives loss in per cent and added latency in ms, per link class or link', () => {
    expect(say({ type: 'linkClass.set', linkClass: 'peering', lossRate: 0.005 })).toBe(
      'peering loss 0.5 %',
    );
    expect(
      say({ type: 'linkClass.set', linkClass: 'backbone', lossRate: 0, extraLatencyMs: 40 }),
    ).toBe('backbone loss 0 %, +40 ms');
    expect(say({ type: 'link.set', link: 'backbone:net-1', up: false })).toBe('backbone:net-1 cut');
    expect(say({ type: 'linkClass.set', linkClass: 'lastMile' })).toBeNull();
  });

  it('tells load, inflation, purges, new versions and peering', () => {
    expect(say({ type: 'delivery.setLoad', loadFactor: 10 })).toBe('load ×10');
    expect(say({ type: 'network.setInflation', inflation: 2 })).toBe('path inflation ×2');
    expect(say({ type: 'delivery.purge' })).toBe('every cache purged');
    expect(say({ type: 'delivery.purge', object: 4 })).toBe('object 4 purged');
    expect(say({ type: 'delivery.publish', object: 4 })).toBe('object 4 republished');
    expect(say({ type: 'peering.set', networkA: 0, networkB: 1, peered: false })).toBe(
      `${topology.networks[0].name}–${topology.networks[1].name} de-peered`,
    );
    expect(say({ type: 'dns.reportTotals' })).toBeNull();
  });
});
