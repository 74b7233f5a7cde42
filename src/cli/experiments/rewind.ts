/**
 * `rewind [--minutes M]`: the rewind figure. For each lab's scenario (its simulation as
 * labs/<id>/scenario.ts gives it: scenario, model, worker count), on Node worker threads as the
 * page runs it on Web Workers, the wall time to go back M simulated minutes: the run is played
 * to M minutes and one second, then taken back to M minutes (src/runtime/rewind.ts replays the
 * M minutes from the start), and the digest there is checked against the one the run had on its
 * way forward. Going back costs a replay, so this is the figure a student waits for. A lab whose
 * scenario is idle until a step's command starts something is given that command at time 0 (the
 * rollout lab: the release of its second step, which crashes its first server within minutes).
 * Prints figures; asserts nothing about time.
 */
import { performance } from 'node:perf_hooks';
import { nodeShardWorker } from '@runtime/node/nodeShardWorker';
import { Run } from '@runtime/Run';
import { travelTo } from '@runtime/rewind';
import type { LabModels } from '@runtime/models';
import type { SimCommand } from '@sim/models/commands';
import type { ScenarioInput } from '@sim/scenario/scenarioSchema';
import { MINUTE, SECOND } from '@sim/time';
import { simulation as dnsResolution } from '../../../labs/dns-resolution/scenario';
import { simulation as flashCrowd } from '../../../labs/flash-crowd/scenario';
import { simulation as fatFile } from '../../../labs/fat-file/scenario';
import {
  simulation as phasedRollout,
  INSTANT_BUGS,
  PHASED,
} from '../../../labs/phased-rollout/scenario';
import { simulation as middleMile } from '../../../labs/middle-mile/scenario';
import { simulation as acceleration } from '../../../labs/acceleration/scenario';
import { numberFlag, type Experiment } from '../experiment';

interface LabSimulation {
  scenario: ScenarioInput;
  model: LabModels;
  workers?: number;
  /** given at time 0 */
  start?: SimCommand[];
}

/** Every lab's simulation, in the suggested order (src/ui/labsList.ts). */
const LABS: [string, LabSimulation][] = [
  ['dns-resolution', dnsResolution],
  ['flash-crowd', flashCrowd],
  ['fat-file', fatFile],
  [
    'phased-rollout',
    { ...phasedRollout, start: [{ type: 'rollout.start', bugs: INSTANT_BUGS, ...PHASED }] },
  ],
  ['middle-mile', middleMile],
  ['acceleration', acceleration],
];

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export const rewindExperiment: Experiment = {
  name: 'rewind',
  summary: "wall time to go back M simulated minutes in each lab's scenario (on worker threads)",
  flags: {
    minutes: numberFlag('simulated minutes to go back over', 10, { min: 0.1, max: 120 }),
  },
  async run(p) {
    const backNs = Math.round(Number(p.minutes) * MINUTE);
    const rows = [];
    for (const [lab, sim] of LABS) {
      const workers = sim.workers ?? 1;
      const run = new Run({
        scenario: sim.scenario,
        model: sim.model,
        shards: workers,
        makeWorker: nodeShardWorker,
      });
      try {
        await run.start();
        for (const cmd of sim.start ?? []) run.command(cmd);
        await run.advanceTo(backNs);
        const onTheWay = await run.snapshot();
        await run.advanceTo(backNs + SECOND);
        const t0 = performance.now();
        await travelTo(run, { timeNs: backNs, steps: 0 });
        const wallSeconds = (performance.now() - t0) / 1000;
        const back = await run.snapshot();
        rows.push({
          lab,
          workers,
          eventsReplayed: back.executed,
          rewindWallSeconds: round(wallSeconds, 3),
          exact: back.digest === onTheWay.digest && back.timeNs === backNs,
          digest: back.digest,
        });
      } finally {
        run.dispose();
      }
    }
    return {
      simulatedMinutes: Number(p.minutes),
      slowest: rows.reduce((a, b) => (b.rewindWallSeconds > a.rewindWallSeconds ? b : a)).lab,
      rows,
      digest: rows.map((r) => r.digest).join(','),
    };
  },
};
