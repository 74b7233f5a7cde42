/**
 * `net --from <place> --to <place> --messages N --loss P --inflation F`: sends N messages from a
 * server in one city to a user in another across two networks, and reports what arrived and how
 * long it took. Loss P is put on the sender's backbone (every other link lossless), so P is the
 * end-to-end loss probability; messages are spaced so that none waits in a queue unless asked.
 */
import { Engine } from '@sim/engine/Engine';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { Network } from '@sim/net/Network';
import { Histogram } from '@sim/stats';
import { msToNs, nsToMs } from '@sim/time';
import { cityIds, findCity } from '@sim/topology';
import { choiceFlag, numberFlag, type Experiment } from '../experiment';

const cityFlag = (help: string, def: string) =>
  choiceFlag(
    help,
    def,
    (raw) => findCity(raw)?.id,
    `a city id such as boston, london, tokyo (all: ${cityIds().join(', ')})`,
  );

export const netExperiment: Experiment = {
  name: 'net',
  summary: 'send messages between two cities and measure delivery and latency',
  flags: {
    from: cityFlag('city of the sending server', 'boston'),
    to: cityFlag('city of the receiving user', 'london'),
    messages: numberFlag('number of messages', 1000, { min: 1, max: 10_000_000, integer: true }),
    loss: numberFlag('end-to-end loss probability', 0, { min: 0, max: 1 }),
    inflation: numberFlag('path inflation: real path length ÷ great-circle distance', 1, {
      min: 1,
      max: 10,
    }),
    size: numberFlag('message size in bytes', 1000, { min: 1, max: 100_000_000, integer: true }),
    'interval-ms': numberFlag('time between messages, ms', 1, { min: 0, max: 3_600_000 }),
    'jitter-ms': numberFlag('mean of the exponential jitter on the backbone, ms', 0, {
      min: 0,
      max: 10_000,
    }),
  },
  run(p, seed) {
    const from = findCity(String(p.from))!;
    const to = findCity(String(p.to))!;
    const engine = new Engine();
    const digest = new TraceDigest();
    engine.observe(digest.observer);
    const network = new Network(
      engine,
      [
        {
          lat: from.lat,
          lon: from.lon,
          network: 0,
          access: 'firstMile',
          name: `origin:${from.id}`,
        },
        { lat: to.lat, lon: to.lon, network: 1, access: 'lastMile', name: `client:${to.id}` },
      ],
      { seed, inflation: Number(p.inflation) },
    );
    network.overrideLink(network.backboneLink(0), {
      lossRate: Number(p.loss),
      jitterMeanNs: msToNs(Number(p['jitter-ms'])),
    });
    const latency = new Histogram();
    network.onDeliver((msg) => latency.record(engine.now - msg.sentAt));
    const size = Number(p.size);
    const interval = msToNs(Number(p['interval-ms']));
    const sendKind = engine.registerKind('net.sendNext', (_target, remaining) => {
      network.send(0, 1, size, 'probe');
      if (remaining > 1) engine.schedule(interval, 0, 0, sendKind, remaining - 1);
    });
    engine.schedule(0, 0, 0, sendKind, Number(p.messages));
    engine.run();
    const c = network.counts;
    const ms = (q: number) => round(nsToMs(latency.percentile(q)), 4);
    return {
      distanceKm: round(network.distanceKm(0, 1), 1),
      sent: c.sent,
      delivered: c.delivered,
      deliveredFraction: c.delivered / c.sent,
      dropped: c.byReason,
      latencyMs:
        latency.count === 0
          ? null
          : {
              mean: round(nsToMs(latency.mean), 4),
              p50: ms(50),
              p99: ms(99),
              min: ms(0),
              max: ms(100),
            },
      emptyPathLatencyMs: round(nsToMs(network.routes.latencyNs(0, 1, size)), 4),
      digest: digest.toString(),
    };
  },
};

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
