/**
 * The runs of the fat-file lab: the classroom topology with the path inflation calibrated
 * against Leighton 2009, Figure 2, two workers, and the tcp model configured per experiment.
 * Every setting below is stated in the prose or the lab's README; nothing here is a result.
 */
import {
  FIGURE2_ROWS,
  PAPER_TCP,
  PATH_INFLATION,
  defaultFigure2DurationNs,
} from '@sim/models/tcp/figure2';
import type { TcpModelConfigInput } from '@sim/models/tcp/tcpRuntime';
import { findNode, topologyFor } from '@sim/topology/places';
import { MS } from '@sim/time';

export const SEED = 1;
const topology = topologyFor('classroom', SEED);

/** A node of the classroom topology by its place (src/sim/topology/places.ts). */
const node = (place: string): number => findNode(topology, place);

/** The student of steps 1 and 2 sits in Boston; the servers are edge machines at four distances. */
export const BOSTON_USER = node('client@boston');
export const PLACES = [
  { id: 'local', label: 'Boston (same city)', server: node('edge@boston'), row: 0 },
  { id: 'regional', label: 'Washington (640 km)', server: node('edge@washington'), row: 1 },
  { id: 'cross', label: 'Frankfurt (5,900 km)', server: node('edge@frankfurt'), row: 2 },
  { id: 'multi', label: 'Tokyo (10,800 km)', server: node('edge@tokyo'), row: 3 },
] as const;

/** The user of the last step sits in Tokyo; the origin is in New York. */
export const TOKYO_USER = node('client@tokyo');
export const ORIGIN = node('origin@new-york');
const TOKYO_EDGES = [node('edge@tokyo'), node('edge@tokyo#2'), node('edge@tokyo#3')];

/** Segment samples for the charts: one per connection every this many simulated ms. */
const SAMPLE_MS = 20;

// ---- Step 1: one transfer over a short path --------------------------------------------------

/** The server of the first step: Washington, the regional row's distance and loss. */
export const FIRST = PLACES[1];
export const FIRST_LOSS = FIGURE2_ROWS[1].loss;
export const FIRST_END_S = 8;
/** Watching speed of the first step: half real time, so slow start and the sawtooth show. */
export const FIRST_SPEED_NS = 500 * MS;
/** The first quarter second in slow motion (1/40 of real time), every packet drawn. */
export const SLOW_MOTION = { nsPerSecond: 25 * MS, forMs: 250 };
export const ONE_TRANSFER: TcpModelConfigInput = {
  sampleEveryMs: SAMPLE_MS,
  connections: [
    {
      name: 'washington',
      traceMs: SLOW_MOTION.forMs,
      client: BOSTON_USER,
      server: FIRST.server,
      lossRate: FIRST_LOSS,
      durationMs: FIRST_END_S * 1000 - 500,
    },
  ],
};

// ---- Step 2: move the server ------------------------------------------------------------------

/** Two simulated minutes each, played at 20 simulated seconds per wall second. */
export const DISTANCE_END_S = 121;
export const DISTANCE_SPEED_NS = 20_000 * MS;
export const FOUR_SERVERS: TcpModelConfigInput = {
  sampleEveryMs: 250,
  connections: PLACES.map((p) => ({
    name: p.id,
    group: p.label,
    client: BOSTON_USER,
    server: p.server,
    lossRate: FIGURE2_ROWS[p.row].loss,
    durationMs: (DISTANCE_END_S - 1) * 1000,
  })),
};

// ---- Step 3: the table -------------------------------------------------------------------------

/** Seeds per row: the table shows their mean and spread. */
export const TABLE_RUNS = 3;
/** Each run lasts max(60 s, 10,000 round trips), as in `npm run sim -- fatfile`. */
const rowDurationMs = (latencyMs: number, inflation: number) =>
  defaultFigure2DurationNs(Math.round(latencyMs * inflation * MS)) / MS;

/** The path inflation students may choose for the table, around the calibrated value. */
export const INFLATION_RANGE = { min: 1, max: 3, step: 0.1 };

/** When the table's longest run (the farthest row) has finished, s. */
export function tableEndS(inflation: number): number {
  return (
    Math.ceil(Math.max(...FIGURE2_ROWS.map((r) => rowDurationMs(r.latencyMs, inflation))) / 1000) +
    2
  );
}

/** The four rows of Figure 2, TABLE_RUNS seeds each, at RTT = latency × inflation. */
export function figure2Table(inflation: number): TcpModelConfigInput {
  return {
    // The paper's TCP (NewReno without SACK): the table compares with 2009's numbers.
    ...PAPER_TCP,
    sampleEveryMs: 0,
    reportEveryMs: 10_000,
    connections: FIGURE2_ROWS.flatMap((row, i) =>
      Array.from({ length: TABLE_RUNS }, (_, k) => ({
        name: `${row.label}-${k + 1}`,
        group: row.label,
        client: BOSTON_USER,
        server: PLACES[i].server,
        rttMs: row.latencyMs * inflation,
        lossRate: row.loss,
        durationMs: rowDurationMs(row.latencyMs, inflation),
        seed: k,
      })),
    ),
  };
}

// ---- Step 4: loss versus latency ---------------------------------------------------------------

/** The grid's round-trip times (ms) and loss rates; both axes are logarithmic. */
export const GRID_RTT_MS = [3, 10, 25, 50, 100, 200];
export const GRID_LOSS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05];
/** Each cell: one seed, max(20 s, 2,000 round trips): a hundred or more losses even where rates are low. */
export const cellDurationMs = (rttMs: number) => Math.max(20_000, 2_000 * rttMs);
export const GRID_END_S = Math.ceil(cellDurationMs(Math.max(...GRID_RTT_MS)) / 1000) + 2;
export const gridName = (i: number, j: number) => `grid-${i}-${j}`;
/** The group of the grid's connections: the TCP view draws this group as its heat map. */
export const GRID_GROUP = 'grid';
export const LOSS_VS_LATENCY: TcpModelConfigInput = {
  ...PAPER_TCP,
  sampleEveryMs: 0,
  reportEveryMs: 10_000,
  connections: GRID_RTT_MS.flatMap((rttMs, i) =>
    GRID_LOSS.map((lossRate, j) => ({
      name: gridName(i, j),
      group: GRID_GROUP,
      client: BOSTON_USER,
      server: PLACES[0].server,
      rttMs,
      lossRate,
      durationMs: cellDurationMs(rttMs),
    })),
  ),
};

// ---- Step 5: since 2009 ----------------------------------------------------------------------

/**
 * Today's senders, all with SACK: the stack's default loss recovery, and two newer windows; `short`
 * heads each one's map and column on the stage.
 */
export const TODAY_VARIANTS = [
  { variant: 'newreno', label: 'NewReno with SACK', short: 'NewReno + SACK' },
  { variant: 'cubic', label: 'CUBIC with SACK (Linux’s default)', short: 'CUBIC + SACK' },
  { variant: 'bbr', label: 'BBR with SACK', short: 'BBR + SACK' },
] as const;
export type TodayVariant = (typeof TODAY_VARIANTS)[number]['variant'];
/**
 * Every path now ends in an access link of this rate, the bottleneck a paced sender finds: the
 * table's paths have none that limits (1 Gbit/s), and BBR, which does not slow for random loss,
 * would fill it. It is a setting of this step, not a measurement.
 */
export const TODAY_LINK_MBPS = 50;
/** One seed per row and sender, one minute each: the loss-limited rows see dozens of losses. */
export const TODAY_RUN_S = 60;
export const TODAY_END_S = TODAY_RUN_S + 2;
export const todayName = (variant: TodayVariant, row: string) => `${variant}-${row}`;
/**
 * Each sender also runs a sweep of round trips and losses behind the same link: four of the
 * previous step's round trips and four of its losses (its corners, and the cells nearest the
 * paper's rows), 20 s per cell (that grid's shortest cell). Why not the whole 6 × 6 grid at
 * max(20 s, 2,000 round trips): the tcp model takes at most 64 connections per run (12 rows +
 * 3 × 16 cells is 60), and BBR sends every cell at the link's rate, which is what costs the
 * workers time; rows and sweeps together are some 8 s of CPU per worker (README).
 */
export const TODAY_GRID_RTT_MS = [3, 25, 100, 200];
export const TODAY_GRID_LOSS = [0.001, 0.005, 0.01, 0.05];
export const TODAY_CELL_MS = 20_000;
/** Cell (RTT index i, loss index j) of a sender's sweep, indices into the two lists above. */
export const todayCellName = (variant: TodayVariant, i: number, j: number) =>
  `${variant}-grid-${i}-${j}`;
/** The group of a sender's grid connections: the lab names it to the TCP view (index.ts). */
export const todayGridGroup = (variant: TodayVariant) => `${variant} grid`;
/**
 * A cell's server only decides which worker runs it (its round trip is given): alternate cells
 * go to a server in North America and one in Asia, which the two workers own, so both share
 * the grids as they share the rows.
 */
const CELL_SERVERS = [PLACES[0].server, PLACES[3].server];
const todayGrid = (variant: TodayVariant) =>
  TODAY_GRID_RTT_MS.flatMap((rttMs, i) =>
    TODAY_GRID_LOSS.map((lossRate, j) => ({
      name: todayCellName(variant, i, j),
      group: todayGridGroup(variant),
      client: BOSTON_USER,
      server: CELL_SERVERS[(i + j) % 2],
      rttMs,
      lossRate,
      durationMs: TODAY_CELL_MS,
      variant,
    })),
  );
export const SINCE_2009: TcpModelConfigInput = {
  sampleEveryMs: 0,
  reportEveryMs: 10_000,
  bottleneckMbps: TODAY_LINK_MBPS,
  sack: true,
  // The rows first, then the sweeps (the totals keep this order).
  connections: [
    ...TODAY_VARIANTS.flatMap(({ variant, label }) =>
      FIGURE2_ROWS.map((row, i) => ({
        name: todayName(variant, row.label),
        group: label,
        client: BOSTON_USER,
        server: PLACES[i].server,
        rttMs: row.latencyMs * PATH_INFLATION,
        lossRate: row.loss,
        durationMs: TODAY_RUN_S * 1000,
        variant,
      })),
    ),
    ...TODAY_VARIANTS.flatMap(({ variant }) => todayGrid(variant)),
  ],
};

// ---- Step 6: the way out -----------------------------------------------------------------------

/** The last mile's loss: the local row's. The direct path's: the multi-continent row's. */
export const LAST_MILE_LOSS = FIGURE2_ROWS[0].loss;
export const DIRECT_LOSS = FIGURE2_ROWS[3].loss;
/** A relay over the same Internet path: the middle mile loses what makes the total ≈ direct. */
export const SAME_PATH_MIDDLE_LOSS = 1 - (1 - DIRECT_LOSS) / (1 - LAST_MILE_LOSS);
/**
 * The assumption of the optimised middle mile: a route between data centres picked for low
 * loss (Leighton 2009, "find better routes"), 0.1 %. It is a setting, not a measurement.
 */
export const CLEAN_MIDDLE_LOSS = 0.001;
/** A persistent connection that is already open: its window starts at 100 segments. */
export const WARM_WINDOW_SEGMENTS = 100;
/** Parallel middle-mile fetches of one file's parts (as in the Coblitz study). */
export const PARALLEL_FETCHES = 4;
export const EDGE_END_S = 121;
export const EDGE_SPEED_NS = 20_000 * MS;
const edgeMs = (EDGE_END_S - 1) * 1000;

export const EDGE_RUNS: TcpModelConfigInput = {
  sampleEveryMs: 250,
  connections: [
    {
      name: 'direct',
      group: 'from the origin in New York',
      client: TOKYO_USER,
      server: ORIGIN,
      lossRate: DIRECT_LOSS,
      durationMs: edgeMs,
    },
    {
      name: 'edge-hit',
      group: 'from the Tokyo edge, file cached',
      client: TOKYO_USER,
      server: TOKYO_EDGES[0],
      lossRate: LAST_MILE_LOSS,
      durationMs: edgeMs,
    },
    {
      name: 'relay-same',
      group: 'relayed by the Tokyo edge, same Internet route',
      client: TOKYO_USER,
      server: TOKYO_EDGES[1],
      lossRate: LAST_MILE_LOSS,
      durationMs: edgeMs,
    },
    {
      name: 'middle-same',
      group: 'middle mile, same Internet route',
      client: TOKYO_EDGES[1],
      server: ORIGIN,
      lossRate: SAME_PATH_MIDDLE_LOSS,
      feeds: 'relay-same',
      durationMs: edgeMs,
      seed: 1,
    },
    {
      name: 'relay-one',
      group: 'relayed by the Tokyo edge, one clean middle-mile connection',
      client: TOKYO_USER,
      server: TOKYO_EDGES[0],
      lossRate: LAST_MILE_LOSS,
      durationMs: edgeMs,
      seed: 7,
    },
    {
      name: 'middle-one',
      group: 'middle mile, clean persistent route',
      client: TOKYO_EDGES[0],
      server: ORIGIN,
      lossRate: CLEAN_MIDDLE_LOSS,
      initialWindowSegments: WARM_WINDOW_SEGMENTS,
      feeds: 'relay-one',
      durationMs: edgeMs,
      seed: 8,
    },
    {
      name: 'relay-clean',
      group: `relayed by the Tokyo edge, ${PARALLEL_FETCHES} clean middle-mile connections`,
      client: TOKYO_USER,
      server: TOKYO_EDGES[2],
      lossRate: LAST_MILE_LOSS,
      durationMs: edgeMs,
      seed: 2,
    },
    ...Array.from({ length: PARALLEL_FETCHES }, (_, k) => ({
      name: `middle-clean-${k + 1}`,
      group: 'middle mile, clean persistent route',
      client: TOKYO_EDGES[2],
      server: ORIGIN,
      lossRate: CLEAN_MIDDLE_LOSS,
      initialWindowSegments: WARM_WINDOW_SEGMENTS,
      feeds: 'relay-clean',
      durationMs: edgeMs,
      seed: 3 + k,
    })),
  ],
};

/** A LabScenario (typed where the lab is assembled, in index.ts: this file stays pure). */
export const simulation = {
  scenario: {
    scale: 'classroom' as const,
    seed: SEED,
    network: { inflation: PATH_INFLATION },
  },
  model: { id: 'tcp' as const, config: ONE_TRANSFER },
  // The table's rows run in parallel: each connection in the worker that owns its server.
  workers: 2,
};
