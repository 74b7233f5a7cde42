/**
 * The fat-file lab: its statechart passes the lab check, the tcp model refuses bad configs by
 * name, and each experiment, run as the lab configures it (the tcp model on one engine instead
 * of the browser's worker), measures what its prose and questions say it will; and the whole lab,
 * walked in-process with its real models, reveals at every question the answer its prose teaches.
 * The since-2009 step's sixty transfers are run once, by the walk, and checked from its result.
 */
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { lab } from '../../labs/fat-file/index';
import { cell, conn, groups } from '../../labs/fat-file/measure';
import type { RunName } from '../../labs/fat-file/machine';
import * as S from '../../labs/fat-file/scenario';
import type { Measurements, ChoiceQuestion, NumberQuestion } from '@lab/types';
import { buildWorld } from '@sim/scenario/buildWorld';
import { scenarioSchema } from '@sim/scenario/scenarioSchema';
import { FIGURE2_ROWS, PATH_INFLATION } from '@sim/models/tcp/figure2';
import {
  installTcpModel,
  type TcpConnTotals,
  type TcpPacket,
  type TcpTotals,
} from '@sim/models/tcp/tcpRuntime';
import { checkLab } from './checkLab';
import { walkTaught } from './walkTaught';
import { FakeSim, frameAt } from './fakeSim';
import { LabDriver } from '@lab/LabDriver';

const SECOND = 1e9;

const sampleTotals: TcpTotals = {
  type: 'sim.tcpTotals',
  timeNs: SECOND,
  conns: [],
};

/** The student sets the table's path inflation to 2.5. */
const INFLATION_SET = { type: 'user.set', id: 'inflation', value: 2.5 };

describe('the fat-file lab', () => {
  it('passes the lab check', () => {
    const table = [PATH_INFLATION, 2.5].map(S.tableEndS);
    const ends = [
      S.FIRST_END_S,
      S.DISTANCE_END_S,
      ...table,
      S.GRID_END_S,
      S.TODAY_END_S,
      S.EDGE_END_S,
    ];
    const r = checkLab(lab, {
      events: [
        ...[...new Set(ends)].map((s) => ({ type: 'sim.tick', timeNs: s * SECOND })),
        sampleTotals,
        INFLATION_SET,
      ],
    });
    expect(r.states).toBeGreaterThan(lab.steps.length);
    expect(r.pathsToEnd).toBeGreaterThan(0);
  });
});

describe('the tcp model', () => {
  const world = () => buildWorld(v.parse(scenarioSchema, S.simulation.scenario));
  const one = { client: S.BOSTON_USER, server: S.PLACES[0].server, lossRate: 0.01 };

  it('refuses a bad config, naming the field', () => {
    expect(() => installTcpModel(world(), () => true, { connections: [] })).toThrow(
      /tcp\.connections/,
    );
    expect(() =>
      installTcpModel(world(), () => true, { connections: [{ ...one, name: 'a', lossRate: 2 }] }),
    ).toThrow(/tcp\.connections\.0\.lossRate/);
    expect(() =>
      installTcpModel(world(), () => true, {
        connections: [{ ...one, name: 'a', client: 99_999 }],
      }),
    ).toThrow(/tcp\.connections\.0\.client: no node/);
    expect(() =>
      installTcpModel(world(), () => true, {
        connections: [{ ...one, name: 'a', feeds: 'b' }],
      }),
    ).toThrow(/feeds: no connection b/);
    expect(() =>
      installTcpModel(world(), () => true, { connections: [{ ...one, name: 'a' }], speed: 1 }),
    ).toThrow(/tcp\.speed: unknown field/);
  });

  it('takes the round trip from the network model, path inflation included', () => {
    const w = world();
    const m = installTcpModel(w, () => true, {
      connections: [{ ...one, name: 'a', server: S.PLACES[3].server, durationMs: 1000 }],
    });
    w.engine.runUntil(2 * SECOND);
    const t = last(m.report().observations).conns[0];
    // Boston to Tokyo is 10,794 km: × 1.8 ÷ 200 km/ms, both ways, is 194 ms before hop delays.
    expect(t.rttMs).toBeGreaterThan(194);
    expect(t.rttMs).toBeLessThan(210);
  });
});

function last(observations: unknown[] | undefined): TcpTotals {
  const all = (observations ?? []).filter(
    (o) => (o as { type: string }).type === 'sim.tcpTotals',
  ) as TcpTotals[];
  return all[all.length - 1];
}

/** Runs a step's configuration to its end on one engine, as the lab's single worker does. */
function run(config: unknown, endS: number): TcpConnTotals[] {
  const w = buildWorld(v.parse(scenarioSchema, S.simulation.scenario));
  const m = installTcpModel(w, () => true, config);
  w.engine.runUntil(endS * SECOND);
  return last(m.report().observations).conns;
}

const measurements = (results: Partial<Record<RunName, TcpConnTotals[]>>): Measurements => ({
  context: { answered: {}, latest: [], results },
  observations: [],
  frame: null,
});
const question = (step: string) => lab.steps.find((s) => s.id === step)!.question!;
const correct = (step: string) =>
  (question(step) as ChoiceQuestion).correct as (m: Measurements) => string | undefined;
const expected = (step: string) =>
  (question(step) as NumberQuestion).expected as (m: Measurements) => number | undefined;

/**
 * The lab walked in-process (see walkTaught), once for the file: it checks the answers its
 * prose teaches, and keeps the since-2009 step's run, the transfers 'since 2009' checks.
 */
let walked: Promise<TcpConnTotals[]> | undefined;
function walkOnce(): Promise<TcpConnTotals[]> {
  walked ??= (async () => {
    let today: TcpConnTotals[] | undefined;
    await walkTaught(
      lab,
      {
        'after-loss': /halves the window/,
        'distance-ratio': /^10 to 200 times lower/,
        // Figure 2's cross-continent row: 1 Mbit/s in the paper
        'cross-continent-mbps': [0.8, 1.4],
        'rtt-or-loss': /^Doubling the round trip/,
        'bbr-far': /^Close to the 50 Mbit\/s link/,
        'edge-gain': /^10 to 200 times lower/,
      },
      (walk) => {
        const results = (
          walk.driver.snapshot?.context as { results: Partial<Record<RunName, TcpConnTotals[]>> }
        ).results;
        today ??= results.today;
      },
    );
    if (!today) throw new Error('the walk never ran the since-2009 step');
    return today;
  })();
  return walked;
}

describe('the fat-file lab, walked in-process with the real models', () => {
  it('measures the answer its prose teaches at every question', () => walkOnce(), 300_000);
});

describe('what the fat-file lab’s experiments measure', () => {
  it('one transfer: losses are mostly repaired by fast retransmit, near the Mathis rate', () => {
    const r = run(S.ONE_TRANSFER, S.FIRST_END_S);
    const t = r[0];
    expect(t.done).toBe(true);
    expect(t.fastRetransmits).toBeGreaterThan(3 * t.timeouts);
    expect(t.rttMs).toBeGreaterThan(15);
    expect(t.rttMs).toBeLessThan(20);
    expect(t.goodputMbps).toBeGreaterThan(0.5 * t.mathisMbps!);
    expect(t.goodputMbps).toBeLessThan(2 * t.mathisMbps!);
    expect(correct('transfer')(measurements({ first: r }))).toBe('halve');
  });

  it('the slow-motion opening: every packet of the first 250 ms, slow start doubling', () => {
    const w = buildWorld(v.parse(scenarioSchema, S.simulation.scenario));
    const m = installTcpModel(w, () => true, S.ONE_TRANSFER);
    w.engine.runUntil(SECOND);
    const packets = (m.report().observations ?? []).filter(
      (o) => (o as TcpPacket).type === 'sim.tcpPacket',
    ) as TcpPacket[];
    expect(packets.every((p) => p.timeNs < S.SLOW_MOTION.forMs * 1e6)).toBe(true);
    const data = packets.filter((p) => p.dir === 'data');
    // The initial window: three segments at time 0, arriving half a round trip later.
    expect(data.filter((p) => p.timeNs === 0).map((p) => p.seq)).toEqual([0, 1, 2]);
    const rtt = data[0].arriveNs * 2;
    expect(rtt / 1e6).toBeGreaterThan(15);
    expect(rtt / 1e6).toBeLessThan(20);
    // Round by round (sends cluster at whole round trips), about twice as many segments leave.
    const round = (k: number) =>
      data.filter((p) => Math.round(p.timeNs / rtt) === k && !p.resent).length;
    expect(round(1)).toBeGreaterThanOrEqual(4);
    expect(round(2)).toBeGreaterThanOrEqual(1.5 * round(1));
    expect(round(3)).toBeGreaterThanOrEqual(1.5 * round(2));
    expect(packets.some((p) => p.dir === 'ack')).toBe(true);
  });

  it('moving the server: throughput falls with distance, Tokyo 10–200 times below Boston', () => {
    const r = run(S.FOUR_SERVERS, S.DISTANCE_END_S);
    const rates = S.PLACES.map((p) => conn(r, p.id)!.goodputMbps);
    for (let i = 1; i < rates.length; i++) expect(rates[i]).toBeLessThan(rates[i - 1]);
    const ratio = rates[0] / rates[3];
    expect(ratio).toBeGreaterThan(10);
    expect(ratio).toBeLessThan(200);
    // The rows land in the band the closed forms support (see tests/sim/tcp).
    for (const t of r) {
      expect(t.goodputMbps).toBeLessThan(1.15 * t.mathisMbps!);
      expect(t.goodputMbps).toBeGreaterThan(0.8 * t.pftkMbps!);
    }
    expect(correct('distance')(measurements({ distance: r }))).toBe('tens');
  });

  it('the table: every row of Figure 2 within 25 %, cross-continent near Mathis', () => {
    const r = run(S.figure2Table(PATH_INFLATION), S.tableEndS(PATH_INFLATION));
    expect(r.every((t) => t.done)).toBe(true);
    const g = groups(r);
    expect(g.map((x) => x.group)).toEqual(FIGURE2_ROWS.map((x) => x.label));
    for (const [i, row] of FIGURE2_ROWS.entries()) {
      expect(g[i].runs).toBe(S.TABLE_RUNS);
      expect(Math.abs(g[i].meanMbps / row.paperMbps - 1)).toBeLessThan(0.25);
    }
    const cross = expected('table')(measurements({ table: r }))!;
    // The question's explanation: Mathis gives about 1.17 Mbit/s, the simulation a little below.
    expect(g[2].mathisMbps).toBeCloseTo(1.17, 2);
    expect(cross).toBeLessThan(g[2].mathisMbps!);
    expect(cross).toBeGreaterThan(0.75 * g[2].mathisMbps!);
  });

  it('the sweep: doubling the RTT costs more than doubling the loss at 50 ms and 0.5 %', () => {
    const r = run(S.LOSS_VS_LATENCY, S.GRID_END_S);
    expect(r).toHaveLength(S.GRID_RTT_MS.length * S.GRID_LOSS.length);
    expect(r.every((t) => t.done)).toBe(true);
    const i = S.GRID_RTT_MS.indexOf(50);
    const j = S.GRID_LOSS.indexOf(0.005);
    const byRtt = cell(r, i, j)! / cell(r, i + 1, j)!;
    const byLoss = cell(r, i, j)! / cell(r, i, j + 1)!;
    expect(byRtt).toBeGreaterThan(1.5);
    expect(byRtt).toBeLessThan(2.5);
    expect(byLoss).toBeGreaterThan(1.1);
    expect(byLoss).toBeLessThan(1.85);
    expect(correct('heatmap')(measurements({ grid: r }))).toBe('rtt');
    // The corners: the short clean path is far faster than the long lossy one.
    expect(
      cell(r, 0, 0)! / cell(r, S.GRID_RTT_MS.length - 1, S.GRID_LOSS.length - 1)!,
    ).toBeGreaterThan(100);
  });

  it('since 2009: with SACK NewReno follows Mathis, CUBIC is faster, BBR runs near the access link, on the rows and on each sender’s sweep', async () => {
    // The walk's run of the step, as the lab configured it (SINCE_2009 to TODAY_END_S).
    const r = await walkOnce();
    const g = (v: S.TodayVariant, row: string) => conn(r, S.todayName(v, row))!;
    for (const row of FIGURE2_ROWS) {
      const reno = g('newreno', row.label);
      const cubic = g('cubic', row.label);
      const bbr = g('bbr', row.label);
      for (const t of [reno, cubic, bbr]) expect(t.done).toBe(true);
      // SACK: (almost) no timeouts, and the Mathis rate (or the link, whichever is lower).
      expect(reno.timeouts).toBeLessThanOrEqual(1);
      const mathis = Math.min(reno.mathisMbps!, S.TODAY_LINK_MBPS);
      expect(Math.abs(reno.goodputMbps / mathis - 1)).toBeLessThan(0.25);
      expect(cubic.goodputMbps).toBeGreaterThan(reno.goodputMbps);
      // BBR ignores random loss: it fills most of the 50 Mbit/s link on every row.
      expect(bbr.goodputMbps).toBeGreaterThan(0.6 * S.TODAY_LINK_MBPS);
      expect(bbr.goodputMbps).toBeLessThan(S.TODAY_LINK_MBPS);
    }
    expect(correct('today')(measurements({ today: r }))).toBe('link');

    // Each sender's sweep: every cell of the 4 × 4 grid, run to its end behind the same link.
    const sweep = (v: S.TodayVariant) =>
      S.TODAY_GRID_RTT_MS.map((_, i) =>
        S.TODAY_GRID_LOSS.map((_, j) => conn(r, S.todayCellName(v, i, j))!),
      );
    const cells = S.TODAY_VARIANTS.length * S.TODAY_GRID_RTT_MS.length * S.TODAY_GRID_LOSS.length;
    expect(r).toHaveLength(S.TODAY_VARIANTS.length * FIGURE2_ROWS.length + cells);
    for (const { variant } of S.TODAY_VARIANTS)
      for (const t of sweep(variant).flat()) {
        expect(t.group).toBe(S.todayGridGroup(variant));
        expect(t.done).toBe(true);
        expect(t.goodputMbps).toBeLessThan(S.TODAY_LINK_MBPS);
      }
    // The grids differ as the prose says: NewReno's falls with loss and round trip (the far
    // corner under 1 Mbit/s), BBR's stays near the link in almost every cell, CUBIC's is at
    // least NewReno's on the long paths and up to some 2.5 times it.
    const reno = sweep('newreno');
    const cubic = sweep('cubic');
    const bbr = sweep('bbr');
    const [far, most] = [S.TODAY_GRID_RTT_MS.length - 1, S.TODAY_GRID_LOSS.length - 1];
    expect(reno[far][most].goodputMbps).toBeLessThan(1);
    expect(bbr[far][most].goodputMbps).toBeGreaterThan(30 * reno[far][most].goodputMbps);
    const nearLink = bbr.flat().filter((t) => t.goodputMbps > 0.7 * S.TODAY_LINK_MBPS);
    expect(nearLink.length).toBeGreaterThanOrEqual(bbr.flat().length - 2);
    for (const i of [2, 3]) {
      const ratios = cubic[i].map((t, j) => t.goodputMbps / reno[i][j].goodputMbps);
      for (const x of ratios) expect(x).toBeGreaterThan(0.95);
      expect(Math.max(...ratios)).toBeGreaterThan(1.8);
      expect(Math.max(...ratios)).toBeLessThan(3);
    }
    // NewReno with SACK follows Mathis where the 20 s cell holds enough round trips and losses.
    for (const [i, j] of [
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ])
      expect(Math.abs(reno[i][j].goodputMbps / reno[i][j].mathisMbps! - 1)).toBeLessThan(0.25);
    // The findings count BBR's tenfold cells from the same totals.
    const findings = lab.steps.find((s) => s.id === 'today')!.findings!(measurements({ today: r }));
    const tenfold = bbr.flat().filter((t, k) => t.goodputMbps >= 10 * reno.flat()[k].goodputMbps);
    expect(findings.map((f) => f.value)).toContain(`${tenfold.length} of 16`);
    // 60 connections on one engine, about 15 s of CPU: the browser splits them over two workers.
  }, 300_000);

  it('the way out: the cached edge copy is tens of times faster; the middle mile decides a miss', () => {
    const r = run(S.EDGE_RUNS, S.EDGE_END_S);
    const g = (name: string) => conn(r, name)!.goodputMbps;
    const ratio = g('edge-hit') / g('direct');
    expect(ratio).toBeGreaterThan(10);
    expect(ratio).toBeLessThan(200);
    expect(correct('edge')(measurements({ edge: r }))).toBe('tens');
    // A relay over the same lossy route gains little; a clean route more; parallel fetches more still.
    expect(g('relay-same')).toBeLessThan(2 * g('direct'));
    expect(g('relay-one')).toBeGreaterThan(2 * g('relay-same'));
    expect(g('relay-clean')).toBeGreaterThan(2 * g('relay-one'));
    expect(g('relay-clean')).toBeLessThan(g('edge-hit'));
    // A relay never delivers more than its middle miles brought in.
    const middle = r.filter((t) => t.feeds === 'relay-clean');
    expect(middle).toHaveLength(S.PARALLEL_FETCHES);
    const fetched = middle.reduce((a, t) => a + t.bytesDelivered, 0);
    expect(conn(r, 'relay-clean')!.bytesDelivered).toBeLessThanOrEqual(fetched);
  });
});

describe('the table step’s path-inflation control', () => {
  const cross = FIGURE2_ROWS.find((r) => r.label === 'cross-continent')!;
  /** One run's totals as the model reports them (only what the lab reads matters here). */
  const totalsOf = (name: string, group: string, inflation: number): TcpConnTotals => ({
    name,
    index: 0,
    group,
    client: 0,
    server: 1,
    feeds: null,
    rttMs: cross.latencyMs * inflation,
    lossRate: cross.loss,
    bytesDelivered: 1,
    goodputMbps: 1,
    done: true,
    segmentsSent: 1,
    randomLosses: 0,
    queueDrops: 0,
    queueDelayMs: 0,
    retransmits: 0,
    fastRetransmits: 0,
    timeouts: 0,
    srttMs: cross.latencyMs * inflation,
    mathisMbps: null,
    pftkMbps: null,
    downloadHours: null,
  });

  it('keeps the value within its range, and runs it beside the judged run, never instead', async () => {
    const sim = new FakeSim();
    const driver = new LabDriver(lab, sim);
    driver.open('table');
    driver.answer('cross-continent-mbps', 1.17);
    await driver.settled();
    const resets = () => sim.calls.filter((c) => c.startsWith('reset {'));
    const lastReset = () => resets().at(-1) ?? '';
    expect(lastReset()).toContain(`"rttMs":${cross.latencyMs * PATH_INFLATION}`);

    // Moved while the judged run is under way: kept, and the judged run is not rebuilt.
    const before = resets().length;
    expect(driver.setControl('inflation', 9)).toBe(S.INFLATION_RANGE.max);
    await driver.settled();
    expect(resets()).toHaveLength(before);

    // The judged run ends with a cross-continent row near 1.17 Mbit/s: judged right.
    const judged = [0, 1, 2].map((seed) => ({
      ...totalsOf(`${cross.label}#${seed}`, cross.label, PATH_INFLATION),
      goodputMbps: 1.1,
    }));
    driver.observe(frameAt(SECOND, [{ type: 'sim.tcpTotals', timeNs: SECOND, conns: judged }]));
    driver.observe(frameAt(S.tableEndS(PATH_INFLATION) * SECOND));
    await driver.settled();
    expect(driver.verdictOf('cross-continent-mbps')?.status).toBe('correct');
    // Then the slider's value runs, as a run of its own.
    expect(lastReset()).toContain(`"rttMs":${cross.latencyMs * S.INFLATION_RANGE.max}`);

    // Its rows come out far lower; the verdict still reads the judged run.
    const tried = [0, 1, 2].map((seed) => ({
      ...totalsOf(`${cross.label}#${seed}`, cross.label, S.INFLATION_RANGE.max),
      goodputMbps: 0.4,
    }));
    driver.observe(frameAt(SECOND, [{ type: 'sim.tcpTotals', timeNs: SECOND, conns: tried }]));
    driver.observe(frameAt(S.tableEndS(S.INFLATION_RANGE.max) * SECOND));
    await driver.settled();
    expect(driver.verdictOf('cross-continent-mbps')?.status).toBe('correct');
    const labels = driver.findings().map((f) => f.label);
    expect(labels).toContain('judged run: cross-continent: simulated (paper)');
    expect(labels).toContain('inflation 3.0: cross-continent: simulated (paper)');

    expect(driver.setControl('inflation', Number.NaN)).toBeNull();
    expect(driver.setControl('no-such-control', 2)).toBeNull();
  });
});
