/**
 * A model defined only here, through the model contract: every edge server sends a heartbeat to
 * the nearest origin at a fixed period and the origin answers. It stands for what a newcomer
 * adds (a folder with one SimModel) and is run beside the delivery model in composition tests.
 */
import * as v from 'valibot';
import { defineModel } from '@sim/model/SimModel';
import { MS } from '@sim/time';

const PING = 'heartbeat.ping';
const PONG = 'heartbeat.pong';

export const heartbeatModel = defineModel({
  id: 'heartbeat',
  summary: 'edge servers send heartbeats to an origin, which answers',
  config: v.strictObject({
    periodMs: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(60_000)), 250),
  }),
  commands: [
    v.object({
      type: v.literal('heartbeat.setPeriod'),
      periodMs: v.pipe(v.number(), v.minValue(1), v.maxValue(60_000)),
    }),
  ],
  messageTypes: [PING, PONG],
  sendsMessages: true,
  loadInstall: async () => (world, context, config) => {
    const { engine, network, topology } = world;
    const origin = topology.nodes.find((n) => n.kind === 'origin')!.id;
    let periodNs = Math.round(config.periodMs * MS);
    const counts = { pings: 0, pongs: 0, rttSumNs: 0 };
    network.onDeliver(
      (msg) => {
        if (msg.type === PING) {
          counts.pings++;
          network.send(msg.to, msg.from, 64, PONG, {
            sentAt: (msg.body as { sentAt: number }).sentAt,
          });
        } else {
          counts.pongs++;
          counts.rttSumNs += engine.now - (msg.body as { sentAt: number }).sentAt;
        }
      },
      [PING, PONG],
    );
    const beat = engine.registerKind('heartbeat.beat', (edge) => {
      network.send(edge, origin, 64, PING, { sentAt: engine.now });
      engine.schedule(periodNs, edge, edge, beat);
    });
    for (const n of topology.nodes)
      if (n.kind === 'edge' && context.ownsNode(n.id))
        engine.schedule(n.id * 1000, n.id, n.id, beat);
    return {
      report: () => ({
        counters: {
          'heartbeat.pings': counts.pings,
          'heartbeat.pongs': counts.pongs,
          'heartbeat.rttSumNs': counts.rttSumNs,
        },
        histograms: {},
      }),
      command: (cmd) => {
        periodNs = Math.round(cmd.periodMs * MS);
      },
    };
  },
});
