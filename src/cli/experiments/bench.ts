/**
 * `bench`: the engine's speed. Prints figures; asserts nothing about time.
 *
 * - Hold model, the classic scheduler benchmark: P events pending; each executed event
 *   schedules exactly one successor at now + d, d uniform on [1, 2,000,000] ns (mean 1 ms).
 *   Events per second, median of several runs, for the ladder queue (the engine's default)
 *   and the plain heap.
 * - Network: messages bouncing between servers and users in many cities and networks, with
 *   loss and queues; deliveries per second.
 */
import { performance } from 'node:perf_hooks';
import { Engine, type QueueKind } from '@sim/engine/Engine';
import { TraceDigest } from '@sim/engine/TraceDigest';
import { Network, type NetNodeSpec } from '@sim/net/Network';
import { RandomStream } from '@sim/random/RandomStream';
import { CITIES } from '@sim/topology';
import { numberFlag, type Experiment } from '../experiment';

const HOLD_MAX_DELAY_NS = 2_000_000;

/** Sets up the hold model on a fresh engine; returns it ready to run. */
export function holdEngine(queue: QueueKind, pending: number, seed: number): Engine {
  const engine = new Engine({ queue, initialCapacity: pending + 16 });
  const rng = new RandomStream(seed, 'bench/hold');
  const kind = engine.registerKind('hold', (target) => {
    engine.schedule(rng.int(1, HOLD_MAX_DELAY_NS), target, target, kind);
  });
  for (let i = 0; i < pending; i++)
    engine.schedule(rng.int(1, HOLD_MAX_DELAY_NS), i % 64, i % 64, kind);
  return engine;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Wall time, or the CPU time of this process (user and system), in seconds. On a shared machine
 * CPU time leaves out the time the process waited for a core.
 */
export type Clock = 'wall' | 'cpu';

function clockSeconds(clock: Clock): number {
  if (clock === 'wall') return performance.now() / 1000;
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Events per second of one hold-model run: set up, warmed up, then `events` timed. */
export function holdRate(
  queue: QueueKind,
  pending: number,
  events: number,
  seed: number,
  clock: Clock = 'wall',
): number {
  const engine = holdEngine(queue, pending, seed);
  // Warm up: let the JIT settle and the queue reach its steady shape before timing.
  engine.run(Math.max(2 * pending, 300_000));
  const t0 = clockSeconds(clock);
  engine.run(events);
  return events / (clockSeconds(clock) - t0);
}

/** The trace digest of a small reference run of the hold model (traced; timed runs are not). */
export function holdDigest(seed: number): string {
  const ref = holdEngine('ladder', 1000, seed);
  const digest = new TraceDigest();
  ref.observe(digest.observer);
  ref.run(100_000);
  return digest.toString();
}

export function timeHold(
  queue: QueueKind,
  pending: number,
  events: number,
  runs: number,
  seed: number,
) {
  const rates: number[] = [];
  for (let r = 0; r < runs; r++) rates.push(holdRate(queue, pending, events, seed + r));
  return {
    queue,
    pending,
    events,
    eventsPerSecond: Math.round(median(rates)),
    runs: rates.map(Math.round),
  };
}

/** Messages bouncing between random node pairs; a lost message is replaced, so the load stays constant. */
function networkWorkload(seed: number, inFlight: number) {
  const engine = new Engine();
  const nodes: NetNodeSpec[] = [];
  for (let i = 0; i < 400; i++) {
    const city = CITIES[i % CITIES.length];
    nodes.push({
      lat: city.lat,
      lon: city.lon,
      network: i % 25,
      access: i % 4 === 0 ? 'firstMile' : 'lastMile',
    });
  }
  const network = new Network(engine, nodes, {
    seed,
    inflation: 2,
    classes: { lastMile: { lossRate: 0.01 }, peering: { lossRate: 0.001 } },
  });
  const rng = new RandomStream(seed, 'bench/peers');
  const bounce = (from: number) => network.send(from, rng.int(0, nodes.length - 1), 1200, 'data');
  network.onDeliver((msg) => bounce(msg.to));
  network.onDrop((msg) => bounce(msg.from));
  for (let i = 0; i < inFlight; i++) bounce(i % nodes.length);
  return { engine, network };
}

function timeNetwork(deliveries: number, runs: number, seed: number) {
  const rates: number[] = [];
  let drops = 0;
  for (let r = 0; r < runs; r++) {
    const { engine, network } = networkWorkload(seed + r, 2000);
    const t0 = performance.now();
    while (network.counts.delivered < deliveries && engine.step()) {
      /* run */
    }
    rates.push(network.counts.delivered / ((performance.now() - t0) / 1000));
    drops = network.counts.dropped;
  }
  return {
    deliveries,
    deliveriesPerSecond: Math.round(median(rates)),
    dropsInLastRun: drops,
    runs: rates.map(Math.round),
  };
}

export const benchExperiment: Experiment = {
  name: 'bench',
  summary:
    'engine throughput: the hold model at 1,000 / 10,000 / 100,000 pending events, and network deliveries',
  flags: {
    events: numberFlag('events per hold-model run', 3_000_000, {
      min: 1000,
      max: 1e9,
      integer: true,
    }),
    runs: numberFlag('runs per figure (the median is reported)', 5, {
      min: 1,
      max: 100,
      integer: true,
    }),
    deliveries: numberFlag('deliveries per network run', 500_000, {
      min: 1000,
      max: 1e9,
      integer: true,
    }),
  },
  run(p, seed) {
    const events = Number(p.events);
    const runs = Number(p.runs);
    const sizes = [1_000, 10_000, 100_000];
    // Order matters: the engine's call sites stay monomorphic (as in a real run, which uses one
    // queue) only until a second queue class shows up, so the heap baseline is timed last.
    const hold = sizes.map((pending) => timeHold('ladder', pending, events, runs, seed));
    const network = timeNetwork(Number(p.deliveries), runs, seed);
    const holdHeap = sizes.map((pending) => timeHold('heap', pending, events, runs, seed));
    // The digest is of a small reference run, traced (tracing is off while timing).
    return { hold, holdHeap, network, digest: holdDigest(seed) };
  },
};
