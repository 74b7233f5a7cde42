/** `topology --scale <name|number>`: generates a topology and prints its counts. */
import { digestString } from '@sim/util/hash';
import {
  generateTopology,
  MAX_SERVERS,
  MIN_SERVERS,
  resolveScale,
  SCALE_NAMES,
  summarizeTopology,
} from '@sim/topology';
import { choiceFlag, type Experiment } from '../experiment';

export const topologyExperiment: Experiment = {
  name: 'topology',
  summary:
    'generate a topology and count its regions, networks, data centres, servers and client groups',
  flags: {
    scale: choiceFlag(
      'classroom, 2002, 2009 or a number of edge servers',
      'classroom',
      (raw) => {
        try {
          resolveScale(
            /^\d[\d,_]*$/.test(raw) && !(SCALE_NAMES as readonly string[]).includes(raw)
              ? Number(raw.replace(/[,_]/g, ''))
              : raw,
          );
          return raw;
        } catch {
          return undefined;
        }
      },
      `${SCALE_NAMES.join(', ')} or a whole number of servers from ${MIN_SERVERS} to ${MAX_SERVERS}`,
    ),
  },
  run(params, seed) {
    const raw = String(params.scale);
    const scale = (SCALE_NAMES as readonly string[]).includes(raw)
      ? raw
      : Number(raw.replace(/[,_]/g, ''));
    const topology = generateTopology(scale, seed);
    const summary = summarizeTopology(topology);
    // There is no event trace here: the digest covers the generated topology itself.
    return {
      ...summary,
      scaleName: topology.scale.name,
      digest: digestString(JSON.stringify(topology)),
    };
  },
};
