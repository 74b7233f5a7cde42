/** `topology --scale <name|number>`: generates a topology and prints its counts. */
import { digestString } from '@sim/util/hash';
import { generateTopology, parseScaleArg, summarizeTopology } from '@sim/topology';
import { scaleFlag, type Experiment } from '../experiment';

export const topologyExperiment: Experiment = {
  name: 'topology',
  summary:
    'generate a topology and count its regions, networks, data centres, servers and client groups',
  flags: {
    scale: scaleFlag(),
  },
  run(params, seed) {
    const topology = generateTopology(parseScaleArg(String(params.scale)), seed);
    const summary = summarizeTopology(topology);
    // There is no event trace here: the digest covers the generated topology itself.
    return {
      ...summary,
      scaleName: topology.scale.name,
      digest: digestString(JSON.stringify(topology)),
    };
  },
};
