/**
 * The acceleration lab: its statechart passes the lab check, and each question's verdict is
 * read from what the page-load model measured: the lab's runs, played through the real model,
 * give the answers its prose teaches, and the same question with other measurements (as a
 * changed model would give) gives another. Each run's figures print as `[acceleration] …`.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/acceleration/index';
import {
  emptyRun,
  type LabContext,
  type RunName,
  type RunSeen,
} from '../../labs/acceleration/machine';
import { configuredName } from '../../labs/acceleration/measure';
import * as S from '../../labs/acceleration/scenario';
import type { ChoiceQuestion, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import { allStep } from '../../labs/acceleration/steps/all';
import { compressStep } from '../../labs/acceleration/steps/compress';
import { edgeComputeStep } from '../../labs/acceleration/steps/edgeCompute';
import { esiStep } from '../../labs/acceleration/steps/esi';
import { routeStep } from '../../labs/acceleration/steps/route';
import type {
  LoadBytesSeen,
  PageDoneSeen,
  PageLoadObservation,
  RequestSeen,
} from '@sim/models/pageload/observations';
import { Run } from '@runtime/Run';
import { frameOf } from '@runtime/frame';
import { withConfig } from '@runtime/models';
import { checkLab } from './checkLab';

/**
 * A run of the lab's loads through the real model, one shard, kept as the machine keeps it: each
 * load's end and HTML by name, every load's bytes in order. Snapshots every `stepS` (a long run of
 * repeated loads takes bigger steps: what it keeps does not depend on them).
 */
async function measure(
  config: object,
  endS: number,
  stepS = 0.5,
  commands: readonly unknown[] = [],
): Promise<RunSeen> {
  const model = withConfig(lab.model, S.pageloads(config));
  const run = new Run({ scenario: lab.scenario, model, shards: 1 });
  await run.start();
  for (const c of commands) run.command(c as never);
  const out = emptyRun();
  for (let t = 0; t < endS * 1e9;) {
    t = Math.min(t + stepS * 1e9, endS * 1e9);
    await run.advanceTo(t);
    for (const o of (frameOf(await run.snapshot()).observations ?? []) as PageLoadObservation[]) {
      if (o.type === 'pageload.done') out.done[configuredName(o.load)] = o;
      if (o.type === 'pageload.request' && o.object.endsWith('.html'))
        out.html[configuredName(o.load)] = o;
      if (o.type === 'pageload.bytes') out.bytes.push(o);
      if (o.type === 'pageload.middleRoute') out.routes[configuredName(o.load)] = o;
    }
  }
  run.dispose();
  return out;
}

const measurements = (results: Partial<Record<RunName, RunSeen>>): Measurements<LabContext> => ({
  context: { answered: {}, latest: emptyRun(), results },
  observations: [],
  frame: null,
});

const question = (step: string) =>
  lab.steps.find((s) => s.id === step)!.question as ChoiceQuestion<LabContext>;
const verdict = (step: string, m: Measurements<LabContext>) => {
  const c = question(step).correct;
  return typeof c === 'function' ? c(m) : c;
};
const STEPS: Record<string, LabStepInput<LabContext>> = {
  esi: esiStep,
  compress: compressStep,
  'edge-compute': edgeComputeStep,
  route: routeStep,
  all: allStep,
};
const findings = (step: string, m: Measurements<LabContext>) => STEPS[step].findings!(m);
const names = (config: unknown) =>
  (config as { loads: { name: string }[] }).loads.map((l) => l.name);

/** `r` with `load`'s end (or HTML) changed by `f`: as a model that measured otherwise would report. */
const withDone = (r: RunSeen, load: string, f: (d: PageDoneSeen) => Partial<PageDoneSeen>) => ({
  ...r,
  done: { ...r.done, [load]: { ...r.done[load], ...f(r.done[load]) } },
});
const withHtml = (r: RunSeen, load: string, bytes: number): RunSeen => ({
  ...r,
  html: { ...r.html, [load]: { ...r.html[load], bytes } as RequestSeen },
});

describe('the acceleration lab', () => {
  it('passes the lab check', () => {
    const ends = [
      S.CONNECTIONS_NEAR_END_S,
      S.CONNECTIONS_END_S,
      S.SPLIT_END_S,
      S.PREFETCH_END_S,
      S.ESI_END_S,
      S.COMPRESS_END_S,
      S.EDGE_COMPUTE_END_S,
      S.ROUTE_END_S,
      ...Object.values(S.ALL_END_S),
    ];
    // Observations without their data: with a load's end in every run the contexts would double
    // with each of the ten runs. The in-process walk (labWalks.test.ts) feeds the real ones.
    const events = [...new Set(ends)].map((s) => ({ type: 'sim.tick', timeNs: s * 1e9 }));
    const r = checkLab(lab, { events });
    console.log(`[acceleration] lab check: ${r.states} states`);
    expect(r.states).toBeGreaterThan(lab.steps.length);
  });

  const cases: [string, RunName, object, number, string, string, string][] = [
    [
      'connections',
      'connections',
      S.CONNECTIONS,
      S.CONNECTIONS_END_S,
      'http10',
      'pipelined',
      'few',
    ],
    ['split', 'split', S.SPLIT, S.SPLIT_END_S, 'direct', 'edge-warm', 'some'],
    ['prefetch', 'prefetch', S.PREFETCH, S.PREFETCH_END_S, 'warm', 'prefetch', 'few'],
  ];

  it.each(cases)(
    '%s: judged on the model’s loads',
    async (step, run, config, endS, slow, fast, right) => {
      const loads = await measure(config, endS);
      // every load the run configures ends before the run stops
      expect(Object.keys(loads.done).sort()).toEqual(names(config).sort());
      expect(verdict(step, measurements({ [run]: emptyRun() }))).toBeUndefined();
      expect(verdict(step, measurements({ [run]: loads }))).toBe(right);
      // a model in which the optimisation saved nothing would be judged so
      const same = withDone(loads, fast, () => ({ pageLoadMs: loads.done[slow].pageLoadMs }));
      expect(verdict(step, measurements({ [run]: same }))).toBe('same');
    },
  );

  it('the edge without warm connections saves little: its own handshake and slow start cross the ocean', async () => {
    const l = (await measure(S.SPLIT, S.SPLIT_END_S)).done;
    expect(l['edge-cold'].pageLoadMs).toBeGreaterThan(0.9 * l.direct.pageLoadMs);
    // the initial window of 4 segments is slower than 10 (Dukkipati et al. 2010)
    expect(l['direct-iw4'].pageLoadMs).toBeGreaterThan(l.direct.pageLoadMs);
  });

  it('connections: the time saved grows with the round trip (Boston against Tokyo)', async () => {
    const near = (await measure(S.CONNECTIONS_NEAR, S.CONNECTIONS_NEAR_END_S)).done;
    const far = (await measure(S.CONNECTIONS, S.CONNECTIONS_END_S)).done;
    const ratio = (l: Record<string, PageDoneSeen>) => l.http10.pageLoadMs / l.pipelined.pageLoadMs;
    expect(Object.keys(near)).toHaveLength(4);
    expect(ratio(near)).toBeLessThan(ratio(far));
  });

  it('esi: the middle mile’s bytes per minute, with and without fragments, judged on the last minute', async () => {
    const r = await measure(S.ESI, S.ESI_END_S, 30);
    const loadsPerSpec = (S.ESI_MINUTES * 60) / S.ESI_EVERY_S;
    for (const l of names(S.ESI))
      expect(r.bytes.filter((b) => configuredName(b.load) === l)).toHaveLength(loadsPerSpec);
    const f = findings('esi', measurements({ esi: r }));
    console.log(`[acceleration] esi: ${f.map((x) => `${x.label}: ${x.value}`).join('; ')}`);
    expect(verdict('esi', measurements({}))).toBeUndefined();
    expect(verdict('esi', measurements({ esi: r }))).toBe('nearly');
    // an edge that assembled nothing (every fragment fetched each time) would save little
    const whole = r.bytes.filter((b) => configuredName(b.load) === 'whole');
    const asWhole: LoadBytesSeen[] = whole.map((b) => ({ ...b, load: 'pageload.esi.0' }));
    expect(verdict('esi', measurements({ esi: { ...r, bytes: [...whole, ...asWhole] } }))).toBe(
      'half',
    );
    // and one whose greeting were cached too, nearly all (the quotes alone, once a minute)
    const tiny = r.bytes.map((b) =>
      configuredName(b.load) === 'esi' ? { ...b, middleBytes: b.middleBytes / 50 } : b,
    );
    expect(verdict('esi', measurements({ esi: { ...r, bytes: tiny } }))).toBe('dilley');
  });

  it('compress: judged on the gzip ratio the model measured on the page’s text', async () => {
    const r = await measure(S.COMPRESS, S.COMPRESS_END_S);
    expect(Object.keys(r.html).sort()).toEqual(names(S.COMPRESS).sort());
    const f = findings('compress', measurements({ compress: r }));
    console.log(`[acceleration] compress: ${f.map((x) => `${x.label}: ${x.value}`).join('; ')}`);
    expect(verdict('compress', measurements({}))).toBeUndefined();
    expect(verdict('compress', measurements({ compress: r }))).toBe('three');
    // the delta is smaller still, and the HTML arrives sooner compressed than plain
    expect(r.html['html-delta'].bytes).toBeLessThan(r.html['html-gzip'].bytes);
    expect(r.html['html-gzip'].lastByteMs).toBeLessThan(r.html['html-plain'].lastByteMs);
    // a compressor that left the text as it was would be judged so
    const none = withHtml(r, 'html-gzip', r.html['html-plain'].bytes);
    expect(verdict('compress', measurements({ compress: none }))).toBe('under2');
  });

  it('edge-compute: judged on the time the edge saves; the origin is not asked', async () => {
    const r = await measure(S.EDGE_COMPUTE, S.EDGE_COMPUTE_END_S);
    const f = findings('edge-compute', measurements({ edgeCompute: r }));
    console.log(
      `[acceleration] edge-compute: ${f.map((x) => `${x.label}: ${x.value}`).join('; ')}`,
    );
    expect(verdict('edge-compute', measurements({}))).toBeUndefined();
    expect(verdict('edge-compute', measurements({ edgeCompute: r }))).toBe('rtt');
    const origin = (l: string) => r.bytes.find((b) => configuredName(b.load) === l)!;
    expect(origin('locator-edge').originRequests).toBe(0);
    expect(origin('locator-origin').originRequests).toBe(1);
    // an edge that still waited for the origin would save nothing
    const same = withDone(r, 'locator-edge', () => ({
      pageLoadMs: r.done['locator-origin'].pageLoadMs,
    }));
    expect(verdict('edge-compute', measurements({ edgeCompute: same }))).toBe('lt50');
  });

  it('route: the overlay’s relay around the slow link, judged on the share of time it saves', async () => {
    const r = await measure(S.ROUTE, S.ROUTE_END_S, 0.5, S.ROUTE_COMMANDS);
    const f = findings('route', measurements({ route: r }));
    console.log(`[acceleration] route: ${f.map((x) => `${x.label}: ${x.value}`).join('; ')}`);
    expect(Object.keys(r.done).sort()).toEqual(names(S.ROUTE).sort());
    // the overlay chose another edge server, whose path avoids the slowed link's 100 ms
    const route = r.routes.relayed;
    expect(route.via).toBeGreaterThanOrEqual(0);
    expect(route.directRttMs - route.rttMs).toBeGreaterThan(S.TROUBLE_MS / 2);
    expect(r.routes.straight).toBeUndefined();
    expect(verdict('route', measurements({}))).toBeUndefined();
    expect(verdict('route', measurements({ route: r }))).toBe('some');
    // an overlay that stayed on the direct path would have saved nothing
    const same = withDone(r, 'relayed', () => ({ pageLoadMs: r.done.straight.pageLoadMs }));
    expect(verdict('route', measurements({ route: same }))).toBe('under10');
  });

  it('all: judged on who gains most; the findings name what mattered most for each', async () => {
    const results: Partial<Record<RunName, RunSeen>> = {};
    for (const u of S.ALL_USERS) {
      results[u] = await measure(S.ALL[u], S.ALL_END_S[u]);
      expect(Object.keys(results[u]!.done).sort()).toEqual(names(S.ALL[u]).sort());
    }
    const f = findings('all', measurements(results));
    console.log(`[acceleration] all: ${f.map((x) => `${x.label}: ${x.value}`).join('; ')}`);
    expect(verdict('all', measurements({ allNear: results.allNear }))).toBeUndefined();
    expect(verdict('all', measurements(results))).toBe('far');
    expect(f[S.ALL_USERS.indexOf('allFar')].value).toMatch(/without the warm edge/);
    // had everything gained the far user nothing, another would have gained most
    const far = results.allFar!;
    const flat = withDone(far, 'all-on', () => ({ pageLoadMs: far.done.plain.pageLoadMs }));
    expect(verdict('all', measurements({ ...results, allFar: flat }))).not.toBe('far');
  });
});
