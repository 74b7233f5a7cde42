import { it } from 'vitest';
import { Run } from '@runtime/Run';
import { builtInPage, withObjectsAtEdge } from '@sim/models/pageload/pages';
import { generateTopology } from '@sim/topology';
const topology = generateTopology('classroom', 1);
const node = (name: string) => topology.nodes.find((n) => n.name === name)!.id;
const base = { client: node('client:tokyo-n0'), origin: node('origin:new-york'), edge: node('edge:tokyo-n0-1'), warm: true, startMs: 40_000 };
it('route figures', async () => {
  for (const [label, extra] of [
    ['portal mux', { page: 'portal', http: 'multiplexed' }],
    ['portal mux objs@edge', { page: withObjectsAtEdge(builtInPage('portal')!), http: 'multiplexed' }],
    ['microscape 1.1x4', { page: 'microscape', http: '1.1', connections: 4 }],
    ['microscape mux', { page: 'microscape', http: 'multiplexed' }],
    ['portal 1.1x4', { page: 'portal', http: '1.1', connections: 4 }],
  ] as const) {
    const t0 = performance.now();
    const run = new Run({ scenario: { scale: 'classroom', seed: 1 }, model: [{ id: 'overlay' }, { id: 'pageload', config: { loads: [ { name: 'straight', ...base, ...extra }, { name: 'relayed', overlay: true, ...base, ...extra } ] } }], shards: 1 });
    await run.start();
    run.command({ type: 'link.set', link: 'peering:net-0/net-11@east-asia', extraLatencyMs: 100 } as never);
    await run.advanceTo(45e9);
    const obs = (await run.snapshot()).observations as any[];
    const done = obs.filter((o) => o.type === 'pageload.done').map((o) => `${o.load}=${Math.round(o.pageLoadMs)}`);
    const route = obs.find((o) => o.type === 'pageload.middleRoute');
    console.log(label, done.join(' '), 'route', JSON.stringify(route), 'wall', Math.round(performance.now() - t0), 'ms');
    run.dispose();
  }
}, 300_000);
