/**
 * Runs one ServiceQueue alone under Poisson arrivals (no network) and measures what queueing
 * theory predicts, so the two can be compared: the `queue` experiment and the tests use it.
 *
 * Measurement: arrivals during a warm-up period (by default the first tenth of the run) are
 * served but not counted, because the queue starts empty and would otherwise look better than
 * its steady state. Every arrival after that, up to the end of the run, is counted for blocking
 * and waiting; its response time counts if it completes before the end (jobs still queued then
 * are left out, which matters only when the queue grows without bound).
 *
 * Errors are estimated by batch means: the measured period is cut into equal slices of time
 * (by arrival time); successive customers' times are correlated, so the naive σ/√n understates
 * the error, while the means of long consecutive batches are nearly independent.
 */
import { Engine } from '../engine/Engine';
import { TraceDigest } from '../engine/TraceDigest';
import { RandomStream } from '../random/RandomStream';
import { ServiceQueue } from '../models/delivery/ServiceQueue';
import { MS, SECOND, secondsToNs } from '../time';
import { assert } from '../util/assert';

export interface QueueRunParams {
  /** λ, Poisson arrivals per second */
  arrivalsPerSecond: number;
  /** μ, per worker: service times are exponential with mean 1/μ */
  serviceRatePerSecond: number;
  /** c */
  workers: number;
  /** waiting places, K − c */
  queueLength: number;
  /** simulated seconds of arrivals */
  durationSeconds: number;
  /** arrivals before this simulated second are not measured (default: a tenth of the run) */
  warmupSeconds?: number;
  /** batches for the standard errors (default 50) */
  batches?: number;
  /** false skips the trace digest, which is about half the cost of a run (default true) */
  digest?: boolean;
}

/** A mean and its batch-means standard error (NaN when there is nothing to measure). */
export interface Estimate {
  mean: number;
  se: number;
}

export interface QueueRunResult {
  /** response time (wait + service) of admitted jobs that completed, ms */
  responseMs: Estimate;
  /** share of measured arrivals admitted that found every worker busy (the Erlang C sense) */
  waitProbability: Estimate;
  /** share of measured arrivals rejected because the queue was full */
  blocking: Estimate;
  /** mean fraction of workers busy over the measured period */
  utilisation: number;
  arrivals: number;
  completed: number;
  /** jobs in the system when arrivals stopped */
  inSystemAtEnd: number;
  /** the queue's own counters over the whole run, warm-up included */
  counters: { arrivals: number; accepted: number; rejected: number; completed: number };
  warmupSeconds: number;
  events: number;
  /** 'off' when the run was not traced */
  digest: string;
}

interface Job {
  arrivedNs: number;
  /** batch index, or −1 during warm-up */
  batch: number;
}

/** Sums per batch: enough for the overall ratio and for its batch-means error. */
class Batches {
  readonly num: Float64Array;
  readonly den: Float64Array;
  constructor(n: number) {
    this.num = new Float64Array(n);
    this.den = new Float64Array(n);
  }

  add(batch: number, x: number): void {
    this.num[batch] += x;
    this.den[batch]++;
  }

  /** The pooled ratio Σnum/Σden, with the spread of the per-batch ratios as its error. */
  estimate(scale = 1): Estimate {
    return ratioEstimate(this.num, this.den, scale);
  }
}

/** Σnum/Σden and the standard error from the per-batch ratios (batches with den = 0 skipped). */
function ratioEstimate(num: ArrayLike<number>, den: ArrayLike<number>, scale: number): Estimate {
  const ratios: number[] = [];
  let n = 0;
  let d = 0;
  for (let b = 0; b < num.length; b++) {
    n += num[b];
    d += den[b];
    if (den[b] > 0) ratios.push((scale * num[b]) / den[b]);
  }
  if (d === 0) return { mean: NaN, se: NaN };
  const { se } = batchMean(ratios, ratios.length);
  return { mean: (scale * n) / d, se };
}

/**
 * Mean and standard error of consecutive values by batch means: `batches` equal runs of
 * consecutive values (the remainder at the end is dropped) treated as independent samples.
 */
export function batchMean(xs: ArrayLike<number>, batches = 50): Estimate {
  const size = Math.floor(xs.length / batches);
  if (batches < 2 || size < 1) return { mean: NaN, se: NaN };
  const means: number[] = [];
  for (let b = 0; b < batches; b++) {
    let s = 0;
    for (let i = b * size; i < (b + 1) * size; i++) s += xs[i];
    means.push(s / size);
  }
  const mean = means.reduce((a, m) => a + m, 0) / batches;
  const variance = means.reduce((a, m) => a + (m - mean) ** 2, 0) / (batches - 1);
  return { mean, se: Math.sqrt(variance / batches) };
}

/** Node ids in the one-queue world: the queue and the arrival source. */
const QUEUE_NODE = 0;
const SOURCE_NODE = 1;

export function runQueue(params: QueueRunParams, seed: number): QueueRunResult {
  const { arrivalsPerSecond: lambda, serviceRatePerSecond: mu, workers, queueLength } = params;
  assert(lambda > 0 && Number.isFinite(lambda), `arrival rate must be > 0, got ${lambda}`);
  assert(mu > 0 && Number.isFinite(mu), `service rate must be > 0, got ${mu}`);
  assert(params.durationSeconds > 0, `duration must be > 0, got ${params.durationSeconds}`);
  const warmupSeconds = params.warmupSeconds ?? params.durationSeconds / 10;
  assert(
    warmupSeconds >= 0 && warmupSeconds < params.durationSeconds,
    `warm-up must be shorter than the run, got ${warmupSeconds} of ${params.durationSeconds} s`,
  );
  const nBatches = params.batches ?? 50;
  const warmupNs = secondsToNs(warmupSeconds);
  const endNs = secondsToNs(params.durationSeconds);
  const batchNs = (endNs - warmupNs) / nBatches;

  const engine = new Engine();
  const digest = new TraceDigest();
  if (params.digest ?? true) engine.observe(digest.observer);
  const arrivalRng = new RandomStream(seed, 'queue/arrivals');
  const response = new Batches(nBatches);
  const waited = new Batches(nBatches);
  const blocked = new Batches(nBatches);

  const done = engine.registerKind('queue.done', (_t, _a, payload) => {
    const job = payload as Job;
    if (job.batch >= 0) response.add(job.batch, engine.now - job.arrivedNs);
    queue.finish(job);
  });
  const queue = new ServiceQueue<Job>(
    engine,
    QUEUE_NODE,
    new RandomStream(seed, 'queue/service'),
    { workers, queueLength, serviceMeanNs: SECOND / mu },
    done,
  );
  const meanGapNs = SECOND / lambda;
  const nextGap = () => Math.round(arrivalRng.exponential(meanGapNs));
  let totalArrivals = 0;
  const arrive = engine.registerKind('queue.arrive', () => {
    const now = engine.now;
    totalArrivals++;
    const batch =
      now < warmupNs ? -1 : Math.min(nBatches - 1, Math.floor((now - warmupNs) / batchNs));
    const allBusy = queue.inService === workers;
    const admitted = queue.offer({ arrivedNs: now, batch });
    if (batch >= 0) {
      blocked.add(batch, admitted ? 0 : 1);
      waited.add(batch, admitted && allBusy ? 1 : 0);
    }
    const gap = nextGap();
    if (now + gap < endNs) engine.schedule(gap, SOURCE_NODE, SOURCE_NODE, arrive);
  });
  const first = nextGap();
  if (first < endNs) engine.schedule(first, SOURCE_NODE, SOURCE_NODE, arrive);

  engine.runUntil(warmupNs);
  const busyAtWarmup = queue.busyNs(warmupNs);
  engine.runUntil(endNs);
  const busy = queue.busyNs(endNs) - busyAtWarmup;

  let arrivals = 0;
  let completed = 0;
  for (let b = 0; b < nBatches; b++) {
    arrivals += blocked.den[b];
    completed += response.den[b];
  }
  return {
    responseMs: response.estimate(1 / MS),
    waitProbability: waited.estimate(),
    blocking: blocked.estimate(),
    utilisation: busy / ((endNs - warmupNs) * workers),
    arrivals,
    completed,
    inSystemAtEnd: queue.inService + queue.queueLength,
    counters: {
      arrivals: totalArrivals,
      accepted: queue.accepted,
      rejected: queue.rejected,
      completed: queue.completed,
    },
    warmupSeconds,
    events: engine.executed,
    digest: (params.digest ?? true) ? digest.toString() : 'off',
  };
}
