/**
 * Routes computed from the policy without messages (PolicyForwarding) against the tables
 * message-level BGP converges to, in the same world: the same AS path between every pair of
 * networks, before and after a cut. Above 1,000 networks the bgp model computes its routes so.
 */
import { describe, expect, it } from 'vitest';
import { parseModelCommand } from '@sim/model/SimModel';
import { applyCommand, type WorldCommand } from '@sim/models/commands';
import { bgpModel } from '@sim/models/bgp/model';
import { installBgpModel, type BgpServices } from '@sim/models/bgp/worldBgp';
import { buildWorld } from '@sim/scenario/buildWorld';
import { parseScenario } from '@sim/scenario/scenarioSchema';
import { MINUTE } from '@sim/time';

function world(scale: 'classroom' | number, routes: 'messages' | 'policy') {
  const w = buildWorld(parseScenario({ seed: 2, scale }));
  const context = {
    ownsNode: () => true,
    peer: <S extends object>(): S => {
      throw new Error('no peers here');
    },
    changeWorld: (cmd: WorldCommand) => applyCommand(w, cmd),
  };
  const model = installBgpModel(w, context, { routes });
  const command = (cmd: unknown) => model.command!(parseModelCommand(bgpModel, cmd));
  return { w, services: model.services as BgpServices, command };
}

/** One node of every network, and the AS path between every pair of them. */
function allPaths(w: ReturnType<typeof world>) {
  const one = new Map<number, number>();
  for (const n of w.w.topology.nodes) if (!one.has(n.network)) one.set(n.network, n.id);
  const nodes = [...one.values()];
  return nodes.flatMap((a) => nodes.map((b) => w.services.asPath(a, b).join(' ')));
}

/**
 * The same length everywhere, and the same path but where an AS had equally good routes: there
 * message-level BGP keeps the one it heard first (RFC 5004), which depends on timing, and the
 * computation takes the neighbour with the lowest ASN.
 */
function agree(computed: string[], converged: string[]) {
  const hops = (p: string) => (p === '' ? 0 : p.split(' ').length);
  expect(computed.map(hops)).toEqual(converged.map(hops));
  const same = computed.filter((p, i) => p === converged[i]).length;
  expect(same / computed.length).toBeGreaterThan(0.9);
}

describe('routes computed from the policy', () => {
  it.each(['classroom' as const, 300])(
    'agree with converged message-level BGP at scale %s, before and after a cut',
    (scale) => {
      const messages = world(scale, 'messages');
      const policy = world(scale, 'policy');
      expect(policy.w.routes.provider.name).toBe('bgp');
      const before = allPaths(messages);
      expect(before.every((p) => p !== '')).toBe(true);
      agree(allPaths(policy), before);
      // Cut the first tier-1 peering (nets 0 and 1 are tier-1s at both scales) and converge.
      for (const w of [messages, policy])
        w.command({ type: 'bgp.cutLink', networkA: 0, networkB: 1 });
      messages.w.engine.runUntil(30 * MINUTE);
      const after = allPaths(messages);
      expect(after).not.toEqual(before);
      agree(allPaths(policy), after);
    },
    120_000,
  );

  it('refuses message-level BGP above 1,000 networks, naming the way out', () => {
    expect(() => world(3000, 'messages')).toThrow(/at most 1000 networks; this world has 1088/);
  });
});
