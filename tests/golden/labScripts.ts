/**
 * One short scripted run per lab scenario (the lab's own scenario, model and configuration, as
 * in labs/<id>/scenario.ts), with commands of the kind the lab sends at set times: what the
 * golden traces record and what the checkpoint round trips save mid-way and continue.
 */
import { simulation as dnsLab } from '../../labs/dns-resolution/scenario';
import { CLIENT, NAME, OTHER_CLIENT } from '../../labs/dns-resolution/places';
import { simulation as crowdLab } from '../../labs/flash-crowd/scenario';
import { simulation as rolloutLab, INSTANT_BUGS, PHASED } from '../../labs/phased-rollout/scenario';
import { simulation as fatFileLab } from '../../labs/fat-file/scenario';
import {
  bgpConfig,
  simulation as middleMileLab,
  HIJACKED_24,
  YOUTUBE_22,
  YOUTUBE_WWW,
  flow,
  runConfig,
} from '../../labs/middle-mile/scenario';
import { FLOW } from '../../labs/middle-mile/machine';
import {
  FRANKFURT_TIER1,
  LONDON,
  LONDON_ADDRESS,
  PAKISTAN,
  YOUTUBE,
  BOSTON_SERVER,
  TOKYO_SERVER,
} from '../../labs/middle-mile/places';
import {
  simulation as accelerationLab,
  ESI,
  pageloads,
  SPLIT,
} from '../../labs/acceleration/scenario';
import { withConfig, type LabModels } from '@runtime/models';
import type { ScenarioInput } from '@sim/scenario/scenarioSchema';
import { MINUTE, MS, SECOND } from '@sim/time';

export interface LabScript {
  id: string;
  scenario: ScenarioInput;
  model: LabModels;
  shards: number;
  /** commands given at these times (in order) */
  commands: { atNs: number; cmd: unknown }[];
  /** where a checkpoint is taken, and how many single events are stepped just before it */
  checkpointNs: number;
  stepsBeforeCheckpoint: number;
  endNs: number;
}

export const LAB_SCRIPTS: LabScript[] = [
  {
    id: 'dns-resolution',
    ...dnsLab,
    shards: dnsLab.workers,
    commands: [
      { atNs: 0, cmd: { type: 'dns.lookup', client: CLIENT, name: NAME } },
      { atNs: 2 * SECOND, cmd: { type: 'dns.lookup', client: CLIENT, name: NAME } },
      { atNs: 2 * SECOND, cmd: { type: 'dns.lookup', client: OTHER_CLIENT, name: NAME } },
      { atNs: 3 * SECOND, cmd: { type: 'dns.setTtl', answerTtl: 1 } },
      { atNs: 5 * SECOND, cmd: { type: 'dns.lookup', client: CLIENT, name: NAME } },
    ],
    checkpointNs: 2 * SECOND,
    stepsBeforeCheckpoint: 5,
    endNs: 8 * SECOND,
  },
  {
    id: 'flash-crowd',
    ...crowdLab,
    shards: crowdLab.workers,
    commands: [
      { atNs: 1 * SECOND, cmd: { type: 'delivery.setLoad', loadFactor: 4 } },
      { atNs: 2 * SECOND, cmd: { type: 'delivery.purge', object: 0 } },
    ],
    checkpointNs: 1500 * MS,
    stepsBeforeCheckpoint: 0,
    endNs: 3 * SECOND,
  },
  {
    id: 'phased-rollout',
    ...rolloutLab,
    shards: rolloutLab.workers,
    commands: [{ atNs: 0, cmd: { type: 'rollout.start', bugs: INSTANT_BUGS, ...PHASED } }],
    // Between the first crash (72 s) and its restart (132 s), so going back replays the release's
    // events and single steps cross them (after the abort at 5 min only the end of a long sleep,
    // hours later, is left).
    checkpointNs: 100 * SECOND,
    stepsBeforeCheckpoint: 2,
    endNs: 45 * MINUTE,
  },
  {
    id: 'fat-file',
    ...fatFileLab,
    shards: fatFileLab.workers,
    commands: [],
    checkpointNs: 1 * SECOND,
    stepsBeforeCheckpoint: 3,
    endNs: 3 * SECOND,
  },
  {
    id: 'middle-mile',
    ...middleMileLab,
    // watching London's network and YouTube's address, every UPDATE logged, as the lab's runs
    // do, and the overlay carrying the overlay steps' requests from Tokyo's server to Boston's
    model: withConfig(
      middleMileLab.model,
      runConfig(bgpConfig([LONDON_ADDRESS, YOUTUBE_WWW]), {
        flows: [flow(FLOW, TOKYO_SERVER, BOSTON_SERVER)],
      }),
    ),
    shards: middleMileLab.workers,
    commands: [
      { atNs: 0, cmd: { type: 'bgp.announce', network: YOUTUBE, prefix: YOUTUBE_22 } },
      {
        atNs: 1 * SECOND,
        cmd: { type: 'bgp.cutLink', networkA: LONDON, networkB: FRANKFURT_TIER1 },
      },
      { atNs: 2 * SECOND, cmd: { type: 'bgp.announce', network: PAKISTAN, prefix: HIJACKED_24 } },
    ],
    checkpointNs: 1500 * MS,
    stepsBeforeCheckpoint: 3,
    endNs: 35 * SECOND,
  },
  {
    id: 'acceleration',
    ...accelerationLab,
    // the split-TCP step's four loads (direct, IW 4, through a cold and a warm edge), and the
    // warm one started again once the first round has ended, as a student's reload would; beside
    // them the ESI step's two portals every 10 s through the same edge, for a minute and a bit:
    // the quotes expire once, the template and headlines stay (the checkpoint falls while the
    // first portals load, before the edge holds their fragments)
    model: withConfig(accelerationLab.model, pageloads({ loads: [...SPLIT.loads, ...ESI.loads] })),
    shards: 1,
    commands: [{ atNs: 1 * SECOND, cmd: { type: 'pageload.start', load: 'edge-warm' } }],
    checkpointNs: 300 * MS,
    stepsBeforeCheckpoint: 3,
    endNs: 75 * SECOND,
  },
];
