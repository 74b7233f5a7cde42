/**
 * What the rollout model gives the map (issue 15): its control messages (orders to install or
 * roll back, the status reports its checks read) as `sim.rolloutMessages` observations with
 * trips from the network's own latencies, and its crashed or sleeping servers as down nodes.
 * The overlay turns the messages into marks and flows (tests/ui/topology/overlayModel.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { parseModelCommand } from '@sim/model/SimModel';
import { rolloutModel } from '@sim/models/rollout/model';
import {
  CONTROL_MESSAGE_BYTES,
  installRolloutModel,
  operationsNode,
  type RolloutMessages,
} from '@sim/models/rollout/rolloutRuntime';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { MINUTE } from '@sim/time';

function install(bugs: string) {
  const world = buildWorld(parseScenario({ seed: 1, scale: 300 }));
  const model = installRolloutModel(world, () => true, {
    phases: '1,dc,world',
    soakSeconds: 600,
    worldWatchSeconds: 600,
  });
  model.command(parseModelCommand(rolloutModel, { type: 'rollout.start', bugs }));
  return { world, model };
}

const messagesOf = (observations: unknown[]) =>
  observations.filter(
    (o): o is RolloutMessages => (o as { type?: string }).type === 'sim.rolloutMessages',
  );

describe('the rollout on the map', () => {
  it('sends an order to every server a phase adds, and reads a report from each at every check', () => {
    const { world, model } = install('none');
    const ops = operationsNode(world);
    expect(world.topology.nodes[ops].name).toBe('dns:top-boston');
    world.engine.runUntil(25 * MINUTE);
    const sent = messagesOf(model.report().observations ?? []);
    const pushes = sent.filter((m) => m.what === 'push');
    // Phases 1 (one machine), dc, world: three pushes, each to the servers the phase adds.
    expect(pushes.map((m) => m.timeNs)).toEqual([0, 10 * MINUTE, 20 * MINUTE]);
    expect(pushes[0].servers).toHaveLength(1);
    const edges = world.topology.nodes.filter((n) => n.kind === 'edge').length;
    expect(pushes.reduce((k, m) => k + m.servers.length, 0)).toBe(edges);
    // Every server gets the release once.
    expect(new Set(pushes.flatMap((m) => m.servers)).size).toBe(edges);
    // A check every 5 minutes reads each server running the release (runUntil stops before 25).
    const reports = sent.filter((m) => m.what === 'report');
    expect(reports.map((m) => m.timeNs / MINUTE)).toEqual([5, 10, 15, 20]);
    expect(reports[0].servers).toEqual(pushes[0].servers);
    // Trips are the network's empty-path latency: milliseconds, longer for farther servers.
    for (const m of sent) {
      expect(m.ops).toBe(ops);
      m.servers.forEach((node, i) => {
        const [from, to] = m.what === 'report' ? [node, ops] : [ops, node];
        expect(m.tripNs[i]).toBe(world.routes.latencyNs(from, to, CONTROL_MESSAGE_BYTES));
        expect(m.tripNs[i]).toBeGreaterThan(0);
        expect(m.tripNs[i]).toBeLessThan(1e9);
      });
    }
  });

  it('reports a crashed server down until it restarts, and a sleeping one while it sleeps', () => {
    // About two crashes a minute on the one machine: it crash-loops into a long sleep.
    const { world, model } = install('always:crash:rate=120');
    const up = () => {
      const out = new Uint8Array(world.topology.nodes.length).fill(1);
      model.fillNodeUp(out);
      return out;
    };
    const before = up();
    expect(before.every((u) => u === 1)).toBe(true);
    let crashed: number | undefined;
    const seen: number[] = [];
    for (let t = 0; t <= 5 * MINUTE; t += 5_000_000_000) {
      world.engine.runUntil(t);
      for (const o of model.report().observations ?? []) {
        const e = o as { type: string; node?: number };
        if (e.type === 'sim.serverCrashed') crashed = e.node;
      }
      if (crashed !== undefined) seen.push(up()[crashed]);
    }
    expect(crashed).toBeDefined();
    // Down after its crash, up again after a restart, then down for good (the long sleep).
    expect(seen).toContain(0);
    expect(seen).toContain(1);
    expect(seen.at(-1)).toBe(0);
    // Only that server: the rest of the topology stays as the network sees it.
    expect(up().filter((u) => u === 0)).toHaveLength(1);
    // A rollback order goes to it when the check aborts the release.
    const rollbacks = messagesOf(model.report().observations ?? []).filter(
      (m) => m.what === 'rollback',
    );
    world.engine.runUntil(10 * MINUTE);
    const later = messagesOf(model.report().observations ?? []).filter(
      (m) => m.what === 'rollback',
    );
    expect([...rollbacks, ...later].flatMap((m) => m.servers)).toEqual([crashed]);
  });

  it('tells nothing of down nodes to the other shards, which do not own the server', () => {
    const world = buildWorld(parseScenario({ seed: 1, scale: 300 }));
    const model = installRolloutModel(world, () => false, { phases: '1,world' });
    model.command(
      parseModelCommand(rolloutModel, { type: 'rollout.start', bugs: 'always:crash:rate=120' }),
    );
    world.engine.runUntil(5 * MINUTE);
    const out = new Uint8Array(world.topology.nodes.length).fill(1);
    model.fillNodeUp(out);
    expect(out.every((u) => u === 1)).toBe(true);
    // Nor any messages: only the reporting shard records them.
    expect(messagesOf(model.report().observations ?? [])).toHaveLength(0);
  });
});
