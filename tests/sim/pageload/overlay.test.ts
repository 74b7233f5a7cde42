/**
 * Route optimisation through the overlay (one CDN: the overlay model's choice, as the delivery
 * model's fetches take it). In the classroom Internet of seed 1 the Tokyo edge server reaches the
 * New York origin over the net-0/net-11 peering in East Asia (the way back, hot-potato, leaves
 * net-11 elsewhere); with 100 ms more latency on that link, the overlay's probes find a relay
 * around it and a load whose middle mile follows the overlay beats one that goes straight.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import { parseModelConfig } from '@sim/model/SimModel';
import { pageloadModel } from '@sim/models/pageload/model';
import type { MiddleRouteSeen, PageDoneSeen } from '@sim/models/pageload/observations';
import type { ChoiceChangedSeen } from '@sim/models/overlay/observations';
import { CLASSROOM, TOKYO_PORTAL } from './helpers';
import { SECOND } from '@sim/time';

const topology = CLASSROOM;
const EDGE = TOKYO_PORTAL.edge;
const ORIGIN = TOKYO_PORTAL.origin;
const TROUBLE = 'peering:net-0/net-11@east-asia';
const LOAD = {
  ...TOKYO_PORTAL,
  // after the overlay's first probes (every 12 s) have measured the troubled link
  startMs: 40_000,
};

type Seen = PageDoneSeen | MiddleRouteSeen | ChoiceChangedSeen;

async function troubled(models: { id: string; config?: unknown }[]): Promise<Seen[]> {
  const run = new Run({ scenario: { scale: 'classroom', seed: 1 }, model: models, shards: 1 });
  const seen: Seen[] = [];
  try {
    await run.start();
    run.command({ type: 'link.set', link: TROUBLE, extraLatencyMs: 100 });
    await run.advanceTo(60 * SECOND);
    seen.push(...((await run.snapshot()).observations as Seen[]));
  } finally {
    run.dispose();
  }
  return seen;
}

describe('a page load over the overlay', () => {
  it('takes the overlay’s relay around a troubled link and loads faster than straight', async () => {
    const seen = await troubled([
      { id: 'overlay' },
      {
        id: 'pageload',
        config: {
          loads: [
            { name: 'relayed', overlay: true, ...LOAD },
            { name: 'straight', ...LOAD },
          ],
        },
      },
    ]);
    const done = (load: string) =>
      seen.find((o): o is PageDoneSeen => o.type === 'pageload.done' && o.load === load)!;
    const route = seen.find((o): o is MiddleRouteSeen => o.type === 'pageload.middleRoute')!;
    expect(route.load).toBe('pageload.relayed.0');
    // The overlay's own last choice for the edge (a member: its network's first edge server)
    // to the origin before the load started.
    const choices = seen.filter(
      (o): o is ChoiceChangedSeen =>
        o.type === 'overlay.choiceChanged' &&
        o.from === EDGE &&
        o.to === ORIGIN &&
        o.timeNs <= LOAD.startMs * 1e6,
    );
    expect(choices.length).toBeGreaterThan(0);
    expect(route.via).toBe(choices.at(-1)!.via);
    expect(route.via).toBeGreaterThanOrEqual(0);
    expect(topology.nodes[route.via].kind).toBe('edge');
    // Around the trouble: the straight path pays the extra 100 ms one way, the relay's does not.
    expect(route.rttMs).toBeLessThan(route.directRttMs - 50);
    const relayed = done('pageload.relayed.0').pageLoadMs;
    const straight = done('pageload.straight.0').pageLoadMs;
    expect(relayed).toBeLessThan(straight * 0.8);
  }, 120_000);

  it('is refused, naming the overlay model, in a world without it', async () => {
    const run = new Run({
      scenario: { scale: 'classroom', seed: 1 },
      model: [{ id: 'pageload', config: { loads: [{ name: 'r', overlay: true, ...LOAD }] } }],
      shards: 1,
    });
    try {
      await expect(run.start()).rejects.toThrow(
        /load 'r' has overlay: true, which needs the overlay model/,
      );
    } finally {
      run.dispose();
    }
    const { edge: _edge, ...noEdge } = LOAD;
    expect(() =>
      parseModelConfig(pageloadModel, { loads: [{ name: 'r', overlay: true, ...noEdge }] }),
    ).toThrow(/loads\.0\.overlay: overlay needs edge/);
  });
});
