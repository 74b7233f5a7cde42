/**
 * The network and the crowds of the flash-crowd lab: the classroom topology (15 edge servers in
 * five data centres, nine client groups, one origin in New York), one worker, and the sandbox CDN
 * configured per experiment. Every rate here is in requests per second and stated in the prose.
 */
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery/runSandbox';
import { flashCrowdConfig, type FlashCrowdSpec } from '@sim/models/delivery/flashCrowd';

export const SEED = 1;

/** The origin: 8 workers of 20 ms each, so c·μ = 400 requests/s; 200 places to wait. */
export const ORIGIN = { workers: 8, serviceMs: 20, queue: 200 };
/** Each edge server processes 2,000 requests/s; the mapping spreads above 60 %, withdraws above 90 %. */
export const EDGE = { capacityRps: 2_000, spreadThreshold: 0.6, withdrawThreshold: 0.9 };

const SITE = {
  catalogueObjects: 2_000,
  zipfExponent: 1,
  objectSizeBytes: 50_000,
  cacheMegabytes: 200,
  uncacheableFraction: 0.02,
  originWorkers: ORIGIN.workers,
  originServiceMeanMs: ORIGIN.serviceMs,
  originQueueLength: ORIGIN.queue,
  edgeCapacityRequestsPerSecond: EDGE.capacityRps,
  spreadThreshold: EDGE.spreadThreshold,
  withdrawThreshold: EDGE.withdrawThreshold,
};

/** The crowd of the first two steps: 50 → 5,000 requests/s over 10 s, 30 s at the peak. */
export const CROWD = {
  baselineRps: 50,
  peakRps: 5_000,
  startSeconds: 20,
  rampSeconds: 10,
  holdSeconds: 30,
  decayHalfLifeSeconds: 10,
};
/** The seconds of the peak the lab measures over: after the ramp, before the decay. */
export const PEAK = { from: 32, to: 59 };

const crowd = (spec: Partial<FlashCrowdSpec>, config = {}) =>
  flashCrowdConfig({
    scale: 'classroom',
    ...CROWD,
    cdn: true,
    loadFeedback: true,
    ...spec,
    config: { ...SITE, ...config },
  });

export const ORIGIN_ONLY = crowd({ cdn: false, loadFeedback: false });
export const THROUGH_CDN = crowd({});

/**
 * What the student may try after the capacity step's judged run: another crowd at its peak and
 * another spread threshold (kept under the withdraw threshold), each try a run of its own.
 */
export const TRY_CROWD = { min: 1_000, max: 20_000, step: 1_000 };
export const TRY_SPREAD = { min: 0.3, max: 0.85, step: 0.05 };
export const tryCrowd = (peakRps: number, spreadThreshold: number) =>
  crowd({ peakRps }, { spreadThreshold });

/** The hot object: a story nobody read before (rank 1,501 of 2,000) that 12,000 requests/s want. */
export const HOT_OBJECT = 1_500;
export const HOT = { peakRps: 12_000, startSeconds: 10, rampSeconds: 10, holdSeconds: 60 };
export const HOT_END_S = 50;
export const HOT_LATE = { from: 40, to: 49 };
export const HOT_WITH = crowd({ ...HOT, hotObject: HOT_OBJECT });
export const HOT_WITHOUT = crowd({ ...HOT, hotObject: HOT_OBJECT, loadFeedback: false });

/**
 * Uncacheable content, no crowd: 100 requests/s of pages made for each user, every one on a new
 * connection, over last miles that lose 2 % of packets.
 */
export const UNCACHEABLE_LOSS = 0.02;
export const UNCACHEABLE_END_S = 30;
const uncacheable = (cdn: boolean) =>
  crowd(
    { cdn, baselineRps: 100, peakRps: 100, startSeconds: 86_400 },
    { uncacheableFraction: 1, newConnectionShare: 1 },
  );
export const UNCACHEABLE_DIRECT = uncacheable(false);
export const UNCACHEABLE_CDN = uncacheable(true);

/**
 * Parent caches: a steady 1,000 requests/s, no crowd, caches cold at the start; the origin's
 * load is measured over seconds 15 to 29 (after the closed data centres' users have moved, see
 * machine.ts). Three runs: one data centre per region without parents, all five without
 * parents, all five with one parent per region.
 */
export const TIERS_RPS = 1_000;
export const TIERS_END_S = 30;
export const TIERS_WINDOW = { from: 15, to: 29 };
const steady = (tiers: 'none' | 'regional') =>
  crowd({ baselineRps: TIERS_RPS, peakRps: TIERS_RPS, startSeconds: 86_400 }, { tiers });
export const TIERS_OFF = steady('none');
export const TIERS_ON = steady('regional');

/** A TV-quality stream, and the audience of a popular show (Leighton 2009). */
export const STREAM_MBPS = 2;
export const AUDIENCE = 50_000_000;

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: {
    scale: 'classroom' as const,
    seed: SEED,
    // A client group stands for millions of users: its last mile is an aggregate.
    network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE } } },
  },
  model: { id: 'delivery' as const, config: THROUGH_CDN },
  workers: 1,
};
