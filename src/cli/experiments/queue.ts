/**
 * `queue --servers c --arrival λ --service μ [--queue Q] --duration T`: one server with c workers
 * under Poisson arrivals and exponential service (the origin's queue model, src/sim/models/delivery/
 * ServiceQueue), measured against M/M/c (Erlang C) or, with a finite queue, M/M/c/K where
 * K = c + Q. The model and the measurement run in src/sim/queueing.
 */
import { mmc, mmck } from '@sim/queueing/queueTheory';
import { runQueue } from '@sim/queueing/runQueue';
import { numberFlag, UsageError, type Experiment, type FlagSpec } from '../experiment';

/** The largest --queue, and its default: more waiting places than a run can fill below ρ = 1. */
export const UNLIMITED_QUEUE = 1_000_000;
/**
 * Runs are limited to this many expected arrivals: about half a minute of wall time, and an
 * overloaded unlimited queue may hold most of them at once.
 */
const MAX_ARRIVALS = 5_000_000;

const sig = (x: number | null) =>
  x === null || !Number.isFinite(x) ? null : Number(x.toPrecision(6));

/** A rate or duration: a number above 0 (numberFlag's ranges are inclusive). */
function positiveFlag(help: string, def: number, max: number): FlagSpec {
  const base = numberFlag(help, def, { min: 0, max });
  return {
    ...base,
    parse(raw) {
      const x = base.parse(raw);
      if (x === 0) throw new UsageError(`expected a value above 0, got ${raw}`);
      return x;
    },
  };
}

export const queueExperiment: Experiment = {
  name: 'queue',
  summary: 'one M/M/c(/K) server under Poisson load, measured against queueing theory',
  flags: {
    servers: numberFlag('c, workers serving in parallel', 1, {
      min: 1,
      max: 100_000,
      integer: true,
    }),
    arrival: positiveFlag('λ, Poisson arrivals per second', 40, 1e7),
    service: positiveFlag('μ, jobs per second one worker serves (exponential, mean 1/μ)', 50, 1e7),
    queue: numberFlag(
      `waiting places Q, so K = c + Q; the default ${UNLIMITED_QUEUE.toLocaleString('en-US')} stands for an unlimited queue (theory: M/M/c)`,
      UNLIMITED_QUEUE,
      { min: 0, max: UNLIMITED_QUEUE, integer: true },
    ),
    duration: positiveFlag(
      'simulated seconds of arrivals; the first tenth is warm-up and not measured',
      1000,
      1e7,
    ),
  },
  run(p, seed) {
    const c = Number(p.servers);
    const lambda = Number(p.arrival);
    const mu = Number(p.service);
    const q = Number(p.queue);
    const duration = Number(p.duration);
    if (lambda * duration > MAX_ARRIVALS)
      throw new UsageError(
        `--duration: ${duration} s at --arrival ${lambda}/s is about ${Math.round(lambda * duration).toLocaleString('en-US')} arrivals; at most ${MAX_ARRIVALS.toLocaleString('en-US')} are allowed`,
      );
    const unlimited = q >= UNLIMITED_QUEUE;
    const r = runQueue(
      {
        arrivalsPerSecond: lambda,
        serviceRatePerSecond: mu,
        workers: c,
        queueLength: unlimited ? Infinity : q,
        durationSeconds: duration,
      },
      seed,
    );
    const theory = unlimited ? unlimitedTheory(lambda, mu, c) : limitedTheory(lambda, mu, c, q);
    const rho = lambda / (c * mu);
    return {
      model: unlimited ? `M/M/${c}` : `M/M/${c}/${c + q}`,
      offeredLoad: sig(lambda / mu),
      utilisation: sig(rho),
      measured: {
        meanResponseMs: sig(r.responseMs.mean),
        waitProbability: sig(r.waitProbability.mean),
        blocking: sig(r.blocking.mean),
        utilisation: sig(r.utilisation),
      },
      theory,
      standardError: {
        meanResponseMs: sig(r.responseMs.se),
        waitProbability: sig(r.waitProbability.se),
        blocking: sig(r.blocking.se),
      },
      ...(unlimited && rho >= 1
        ? {
            warning: `ρ = ${sig(rho)} ≥ 1 with an unlimited queue: there is no steady state and theory gives no figures; the queue grows without bound (${r.inSystemAtEnd.toLocaleString('en-US')} jobs in the system at the end), so the measured figures depend on the duration`,
          }
        : {}),
      arrivalsMeasured: r.arrivals,
      completedMeasured: r.completed,
      warmupSeconds: r.warmupSeconds,
      events: r.events,
      digest: r.digest,
    };
  },
};

function unlimitedTheory(lambda: number, mu: number, c: number) {
  const t = mmc(lambda, mu, c);
  return {
    meanResponseMs: t.meanResponseS === null ? null : sig(t.meanResponseS * 1000),
    waitProbability: sig(t.waitProbability),
    blocking: t.stable ? 0 : null,
    utilisation: t.stable ? sig(t.utilisation) : null,
  };
}

function limitedTheory(lambda: number, mu: number, c: number, q: number) {
  const t = mmck(lambda, mu, c, c + q);
  return {
    meanResponseMs: t.meanResponseS === null ? null : sig(t.meanResponseS * 1000),
    waitProbability: sig(t.waitProbability),
    blocking: sig(t.blocking),
    utilisation: sig(t.carriedUtilisation),
  };
}
