import { describe, expect, it } from 'vitest';
import { parseModelCommand } from '@sim/model/SimModel';
import { rolloutModel } from '@sim/models/rollout/model';
import { installRolloutModel } from '@sim/models/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { HOUR, MINUTE } from '@sim/time';

/** Two shards' copies of the model, each in its own world, driven by the same commands. */
function shards() {
  return [0, 1].map((shard) => {
    const world = buildWorld(parseScenario({ seed: 5, scale: 300 }));
    const edges = world.topology.nodes.filter((n) => n.kind === 'edge');
    const half = edges[Math.floor(edges.length / 2)].id;
    const owns = (id: number) => (id < half ? 0 : 1) === shard;
    const model = installRolloutModel(world, owns, { soakSeconds: 600, worldWatchSeconds: 600 });
    return { world, model };
  });
}

function at(copies: ReturnType<typeof shards>, t: number) {
  for (const c of copies) c.world.engine.runUntil(t);
}

describe('the rollout model in the runtime', () => {
  it('every shard agrees on every server’s version; only one reports', () => {
    const copies = shards();
    const cmd = parseModelCommand(rolloutModel, {
      type: 'rollout.start',
      bugs: 'none',
      phases: '1,dc,world',
    });
    for (const c of copies) c.model.command(cmd);
    const versions = () =>
      copies.map((c) => {
        const out = new Uint16Array(c.world.topology.nodes.length).fill(1);
        c.model.fillVersion(out);
        return out;
      });
    at(copies, 5 * MINUTE);
    const [a, b] = versions();
    expect(a).toEqual(b);
    expect(a.filter((v) => v === 2)).toHaveLength(1);
    at(copies, 15 * MINUTE);
    const [c, d] = versions();
    expect(c).toEqual(d);
    expect(c.filter((v) => v === 2).length).toBeGreaterThan(1);
    at(copies, HOUR);
    const [e] = versions();
    const edges = copies[0].world.topology.nodes.filter((n) => n.kind === 'edge');
    expect(edges.every((n) => e[n.id] === 2)).toBe(true);
    const reports = copies.map((x) => x.model.report());
    const reporting = reports.filter((r) => r.observations.length > 0);
    expect(reporting).toHaveLength(1);
    expect(reporting[0].counters['rollout.shipped']).toBe(1);
    const types = reporting[0].observations.map((o) => (o as { type: string }).type);
    expect(types.filter((t) => t === 'sim.rolloutPhase')).toHaveLength(3);
    expect(types).toContain('sim.rolloutShipped');
  });

  it('aborts by command, and validates its commands', () => {
    const copies = shards();
    for (const c of copies)
      c.model.command(parseModelCommand(rolloutModel, { type: 'rollout.start', bugs: 'none' }));
    at(copies, 15 * MINUTE);
    for (const c of copies)
      c.model.command(parseModelCommand(rolloutModel, { type: 'rollout.abort' }));
    const r = copies.map((c) => c.model.report()).find((x) => x.observations.length > 0)!;
    const aborted = r.observations.find(
      (o) => (o as { type: string }).type === 'sim.rolloutAborted',
    ) as { reason: string; phase: number; outcome: { reason: string } };
    expect(aborted).toMatchObject({ reason: 'manual', phase: 2 });
    expect(() =>
      parseModelCommand(rolloutModel, { type: 'rollout.start', bugs: 'sometimes:crash' }),
    ).toThrow(/bugs/);
    expect(() =>
      parseModelCommand(rolloutModel, { type: 'rollout.start', phases: '1,dc' }),
    ).toThrow(/phases/);
  });
});
