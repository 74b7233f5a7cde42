/**
 * The acceleration lab: its statechart passes the lab check, and each question's verdict is
 * read from what the page-load model measured: the lab's runs, played through the real model,
 * give the answers its prose teaches, and the same question with other measurements (as a
 * changed model would give) gives another.
 */
import { describe, expect, it } from 'vitest';
import { lab } from '../../labs/acceleration/index';
import type { LabContext, LoadsDone, RunName } from '../../labs/acceleration/machine';
import { configuredName } from '../../labs/acceleration/measure';
import * as S from '../../labs/acceleration/scenario';
import type { ChoiceQuestion, Measurements } from '@lab/types';
import type { PageDoneSeen } from '@sim/models/pageload/observations';
import { Run } from '@runtime/Run';
import { frameOf } from '@runtime/frame';
import { withConfig } from '@runtime/models';
import { checkLab } from './checkLab';

const done = (load: string, pageLoadMs: number): PageDoneSeen => ({
  type: 'pageload.done',
  timeNs: pageLoadMs * 1e6,
  load: `pageload.${load}.0`,
  pageLoadMs,
  dnsMs: 0,
  connectMs: 100,
  tlsMs: 0,
  firstByteMs: 100,
  contentMs: pageLoadMs - 200,
  requests: 43,
  fromCache: 0,
});

/** A run of the lab's loads through the real model, one shard: each load's end by name. */
async function measure(config: unknown, endS: number): Promise<LoadsDone> {
  const run = new Run({ scenario: lab.scenario, model: withConfig(lab.model, config), shards: 1 });
  await run.start();
  const out: LoadsDone = {};
  for (let t = 0; t < endS * 1e9;) {
    t += 5e8;
    await run.advanceTo(t);
    for (const o of frameOf(await run.snapshot()).observations ?? [])
      if ((o as PageDoneSeen).type === 'pageload.done')
        out[configuredName((o as PageDoneSeen).load)] = o as PageDoneSeen;
  }
  run.dispose();
  return out;
}

const measurements = (run: RunName, loads: LoadsDone): Measurements<LabContext> => ({
  context: { answered: {}, latest: {}, results: { [run]: loads } },
  observations: [],
  frame: null,
});

const question = (step: string) =>
  lab.steps.find((s) => s.id === step)!.question as ChoiceQuestion<LabContext>;
const verdict = (step: string, m: Measurements<LabContext>) => {
  const c = question(step).correct;
  return typeof c === 'function' ? c(m) : c;
};

describe('the acceleration lab', () => {
  it('passes the lab check', () => {
    const events = [
      { ...done('http10', 2800), type: 'sim.pageload.done' },
      ...[S.SPLIT_END_S, S.PREFETCH_END_S, S.CONNECTIONS_END_S].map((s) => ({
        type: 'sim.tick',
        timeNs: s * 1e9,
      })),
    ];
    const r = checkLab(lab, { events });
    expect(r.states).toBeGreaterThan(lab.steps.length);
  });

  const cases: [string, RunName, unknown, number, string, string, string][] = [
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
      expect(Object.keys(loads).sort()).toEqual(
        (config as { loads: { name: string }[] }).loads.map((l) => l.name).sort(),
      );
      expect(verdict(step, measurements(run, {}))).toBeUndefined();
      expect(verdict(step, measurements(run, loads))).toBe(right);
      // a model in which the optimisation saved nothing would be judged so
      const same = { ...loads, [fast]: { ...loads[fast], pageLoadMs: loads[slow].pageLoadMs } };
      expect(verdict(step, measurements(run, same))).toBe('same');
    },
  );

  it('the edge without warm connections saves little: its own handshake and slow start cross the ocean', async () => {
    const l = await measure(S.SPLIT, S.SPLIT_END_S);
    expect(l['edge-cold'].pageLoadMs).toBeGreaterThan(0.9 * l.direct.pageLoadMs);
    // the initial window of 4 segments is slower than 10 (Dukkipati et al. 2010)
    expect(l['direct-iw4'].pageLoadMs).toBeGreaterThan(l.direct.pageLoadMs);
  });

  it('connections: the time saved grows with the round trip (Boston against Tokyo)', async () => {
    const near = await measure(S.CONNECTIONS_NEAR, S.CONNECTIONS_NEAR_END_S);
    const far = await measure(S.CONNECTIONS, S.CONNECTIONS_END_S);
    const ratio = (l: LoadsDone) => l.http10.pageLoadMs / l.pipelined.pageLoadMs;
    expect(Object.keys(near)).toHaveLength(4);
    expect(ratio(near)).toBeLessThan(ratio(far));
  });
});
