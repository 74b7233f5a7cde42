/**
 * The probe model (model id 'probe'): minimal request/response traffic between client groups
 * and edge servers, for testing runtimes (see probeTraffic.ts).
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { DEFAULT_PROBE, PROBE_MESSAGE_TYPES } from './probeTraffic';

const positive = v.pipe(v.number(), v.integer(), v.minValue(1));

export const probeModel = defineModel({
  id: 'probe',
  summary: 'client groups send small requests to random edge servers, which answer',
  config: v.strictObject({
    meanIntervalNs: v.optional(positive, DEFAULT_PROBE.meanIntervalNs),
    requestBytes: v.optional(positive, DEFAULT_PROBE.requestBytes),
    responseBytes: v.optional(positive, DEFAULT_PROBE.responseBytes),
  }),
  commands: [],
  messageTypes: PROBE_MESSAGE_TYPES,
  sendsMessages: true,
  loadInstall: async () => {
    const { installProbeTraffic } = await import('./probeTraffic');
    return (world, context, config) => {
      const probe = installProbeTraffic(world, (id) => context.ownsNode(id), config);
      return { report: () => ({ counters: probe.counters(), histograms: {} }) };
    };
  },
});
