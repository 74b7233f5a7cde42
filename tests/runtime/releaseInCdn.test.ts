/**
 * A release in the whole CDN (issue 16: "a crowd, a failure or a release started there acts on
 * all of it"): the rollout model beside the delivery and DNS models, with `takesServersOut`. A
 * server the release crashes is out of service for the world: the network drops what is sent
 * to it, the mapping stops naming it once its monitoring agents have seen it go (a TTL plus the
 * detection delay at most), and it serves again after it restarts. On 1 and 2 shards, with the
 * same digest.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { SECOND } from '@sim/time';
import { SANDBOX_NETWORK } from '@ui/sandbox/sandboxModel';

const TTL_S = 20;
const DETECTION_S = 6;
const START_AT_S = 2;
/** the sandbox page's network: a client group's last mile is an aggregate pipe */
const scenario = { seed: 3, scale: 'classroom' as const, network: SANDBOX_NETWORK };

interface Crashed {
  type: 'sim.serverCrashed';
  timeNs: number;
  node: number;
}
interface Restarted {
  type: 'sim.serverRestarted';
  timeNs: number;
  node: number;
}
interface Sent {
  type: 'sim.requestSent';
  timeNs: number;
  edge: number;
}
type Obs = Crashed | Restarted | Sent;

/**
 * The whole CDN for `seconds`, a release with a bug that crashes a server about once a second
 * of running it, shipped first to one machine and checked every 10 s (so the check aborts it
 * before it reaches the world).
 */
async function release(shards: number, seconds: number) {
  const run = new Run({
    scenario,
    model: [
      { id: 'delivery', config: { dns: true, observeDns: true } },
      { id: 'dns', config: { answerTtl: TTL_S } },
      {
        id: 'rollout',
        config: { takesServersOut: true, checkIntervalSeconds: 10, soakSeconds: 60 },
      },
    ],
    shards,
  });
  try {
    await run.start();
    const obs: Obs[] = [];
    const kinds = new Set(['sim.serverCrashed', 'sim.serverRestarted', 'sim.requestSent']);
    for (let t = 1; t <= seconds; t++) {
      if (t - 1 === START_AT_S)
        run.command({ type: 'rollout.start', bugs: 'always:crash:rate=3600', phases: '1,world' });
      await run.advanceTo(t * SECOND);
      const snap = await run.snapshot();
      for (const o of snap.observations as Obs[]) if (kinds.has(o.type)) obs.push(o);
      if (t === seconds) return { digest: snap.digest, counters: snap.counters, obs };
    }
    throw new Error('unreachable');
  } finally {
    run.dispose();
  }
}

describe('a release in the whole CDN', () => {
  it('takes a crashed server out of the answers and the traffic until it restarts', async () => {
    const r = await release(1, 100);
    const crash = r.obs.find((o): o is Crashed => o.type === 'sim.serverCrashed');
    expect(crash, 'the release crashed its first machine').toBeDefined();
    const victim = crash!.node;
    const restart = r.obs.find(
      (o): o is Restarted => o.type === 'sim.serverRestarted' && o.node === victim,
    );
    expect(restart, 'the crashed server restarted (after a minute)').toBeDefined();
    const toVictim = r.obs.filter(
      (o): o is Sent => o.type === 'sim.requestSent' && o.edge === victim,
    );
    // Before the crash it served (the mapping named it); from TTL + detection after the crash
    // until it restarts, no client is sent to it.
    expect(toVictim.some((o) => o.timeNs < crash!.timeNs)).toBe(true);
    const quietFrom = crash!.timeNs + (TTL_S + DETECTION_S) * SECOND;
    expect(quietFrom).toBeLessThan(restart!.timeNs);
    const late = toVictim.filter((o) => o.timeNs > quietFrom && o.timeNs < restart!.timeNs);
    expect(late).toEqual([]);
    // What was sent to it while it was down was lost to the network, not served.
    expect(r.counters['net.dropped.node-down']).toBeGreaterThan(0);
    // The check saw the crash and stopped the release before it reached the world.
    expect(r.counters['rollout.aborted']).toBe(1);
  }, 120_000);

  it('gives the same digest and counters on 1 and 2 shards', async () => {
    const one = await release(1, 40);
    const two = await release(2, 40);
    expect(two.digest).toBe(one.digest);
    expect(two.counters).toEqual(one.counters);
    expect(one.counters['rollout.crashes']).toBeGreaterThan(0);
  }, 120_000);
});
