import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  emptyMoment,
  MAX_SHARE_LINK,
  momentHash,
  readLabMoment,
  readMoment,
  type LabMoment,
} from '@lab/shareState';
import type { LabDefinition } from '@lab/types';

const moment: LabMoment = {
  seed: 7,
  timeNs: 12_345_678_901,
  controls: { phases: 4, soakHours: 2.5 },
  commands: [
    { atNs: 3_000_000_000, command: { type: 'rollout.abort' } },
    { atNs: 4_500_000_000, command: { type: 'node.setUp', node: 3, up: false } },
    { atNs: 5e9, command: { type: 'link.set', link: 'access:Zürich “edge”', lossRate: 0.01 } },
  ],
  headNs: null,
  fork: null,
};

/**
 * A moment after going back and changing the run: shown at 20 s of a run that had got to 90 s;
 * the change at 15 s forked it from a run that had got to 60 s and had aborted at 40 s.
 */
const forked: LabMoment = {
  ...moment,
  timeNs: 20e9,
  headNs: 90e9,
  commands: [
    { atNs: 3e9, command: { type: 'rollout.abort' } },
    { atNs: 15e9, command: { type: 'node.setUp', node: 3, up: false } },
    { atNs: 70e9, command: { type: 'node.setUp', node: 3, up: true } },
  ],
  fork: {
    atNs: 15e9,
    headNs: 60e9,
    common: 1,
    commands: [{ atNs: 40e9, command: { type: 'rollout.abort' } }],
    compare: true,
  },
};

/** Just enough of a lab for the checks against its steps. */
const lab = {
  id: 'rollout',
  steps: [
    { id: 'intro', title: 'Intro', prose: '' },
    {
      id: 'stats',
      title: 'Stats',
      prose: '',
      controls: [
        { id: 'phases', label: 'Phases', min: 2, max: 6, step: 1, initial: 4 },
        { id: 'soakHours', label: 'Soak', min: 0.25, max: 8, step: 0.25, initial: 1 },
      ],
    },
  ],
} as unknown as LabDefinition;

describe('shareable moments', () => {
  it('read back exactly what was encoded, ignoring keys they do not own', () => {
    const { hash, problem } = momentHash('rollout', 'stats', moment);
    expect(problem).toBe('');
    expect(hash.startsWith('#/lab/rollout/stats?seed=7&t=12.345678901&set=phases:4,soakHours:2.5'));
    expect(readMoment(hash)).toEqual({ moment, problems: [] });
    expect(readMoment(`${hash}&embed=1`).moment).toEqual(moment);
    // Compact: this moment fits a chat message easily.
    expect(hash.length).toBeLessThan(250);
  });

  it('round-trip any time, seed and settings', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
        fc.option(fc.integer({ min: 1, max: 604_800e9 })),
        fc.dictionary(
          fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/),
          fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => Math.round(x * 1e3) / 1e3 + 0),
        ),
        (seed, timeNs, controls) => {
          const m: LabMoment = { ...emptyMoment(), seed, timeNs, controls };
          const read = readMoment(momentHash('lab', 'step', m).hash);
          expect(read.problems).toEqual([]);
          if (seed === null && timeNs === null && Object.keys(controls).length === 0)
            expect(read.moment).toBeNull();
          else expect(read.moment).toEqual({ ...m, controls: { ...controls } });
        },
      ),
    );
  });

  it('hold a moment gone back to, a fork and its comparison', () => {
    const { hash, problem } = momentHash('rollout', 'stats', forked);
    expect(problem).toBe('');
    expect(hash).toMatch(/[?&]t=20&to=90&/);
    expect(hash).toMatch(/&fork=15,60,1&was=40~rollout\.abort&cmp=1$/);
    expect(readMoment(hash)).toEqual({ moment: forked, problems: [] });
    // Not compared: no `cmp`; the run at its head: no `to`.
    const plain = { ...forked, headNs: null, timeNs: 90e9 };
    const quiet = { ...plain, fork: { ...forked.fork!, compare: false } };
    expect(momentHash('rollout', 'stats', quiet).hash).not.toMatch(/cmp|to=/);
    expect(readMoment(momentHash('rollout', 'stats', quiet).hash).moment).toEqual(quiet);
  });

  it('give no moment for a plain step link', () => {
    expect(readMoment('#/lab/rollout/stats')).toEqual({ moment: null, problems: [] });
    expect(momentHash('rollout', 'stats', emptyMoment()).hash).toBe('#/lab/rollout/stats');
  });

  it('refuse a link that is too long, whole, with a message saying so', () => {
    const long = `#/lab/rollout/stats?seed=1&t=5&x=${'a'.repeat(MAX_SHARE_LINK)}`;
    const read = readMoment(long);
    expect(read.moment).toBeNull();
    expect(read.problems[0]).toMatch(/characters long, more than the 2,000/);
    expect(read.problems[0]).toMatch(/lab’s defaults/);
  });

  it('will not make a link longer than the limit', () => {
    const many = emptyMoment();
    for (let i = 0; i < 60; i++)
      many.commands.push({ atNs: i * 1e9, command: { type: 'node.setUp', node: i, up: false } });
    const { hash, problem } = momentHash('rollout', 'stats', many);
    expect(hash.length).toBeGreaterThan(MAX_SHARE_LINK);
    expect(problem).toMatch(/more than the 2,000.*demo script/);
  });

  it.each([
    ['seed=abc', /seed must be a whole number.*“abc”/],
    ['t=-3', /time must not be negative/],
    ['t=1e99', /time must be a number of seconds/],
    ['t=700000', /at most 604800 s/],
    ['set=phases', /id:value/],
    ['set=phases:four', /value must be a number/],
    ['set=pha<b>ses:4', /characters it may not have/],
    ['set=phases:4,phases:5', /sets “phases” twice/],
    ['seed=1&seed=2', /“seed” more than once/],
    ['do=3~explode', /command 1: “explode” is not a command/],
    ['do=3~node.setUp~%%%', /command 1: its fields could not be decoded/],
    ['do=3~node.setUp~eyJub2RlIjotMX0', /command 1: “node.setUp”.*values are wrong/],
    ['do=5~rollout.abort&do=3~rollout.abort', /command 2 is earlier/],
    ['t=2&do=3~rollout.abort', /time is earlier than its last command/],
    ['t=2&to=2.5&do=3~rollout.abort', /had got is earlier than its last command/],
    ['t=5&to=4', /“to”\) must come with a moment no later/],
    ['to=4', /“to”\) must come with a moment no later/],
    ['t=9&cmp=1', /describe a fork, and it names none/],
    ['t=9&fork=5,4,0', /other run must have got past the fork/],
    ['t=9&fork=5,8', /at,head,count/],
    ['t=9&fork=5,8,2&do=1~rollout.abort', /shares 2 commands, and the link has 1/],
    ['t=9&fork=5,8,1&do=6~rollout.abort', /both runs share comes after the fork/],
    ['t=9&fork=5,8,0&do=1~rollout.abort', /changed run comes before the fork/],
    ['t=9&fork=5,8,0&was=9~rollout.abort', /after the fork and before where it had got/],
    ['t=9&fork=5,8,0&was=4~rollout.abort', /after the fork and before where it had got/],
    ['t=9&fork=5,8,0&cmp=yes', /“cmp” must be 1/],
  ])('refuse %s with a message naming the problem', (query, why) => {
    const read = readMoment(`#/lab/rollout/stats?${query}`);
    expect(read.moment).toBeNull();
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatch(why);
    expect(read.problems[0]).toMatch(/Opening the step with the lab’s defaults\.$/);
  });

  it('are checked against the lab’s step and its controls', () => {
    expect(readLabMoment('#/lab/rollout/stats?set=phases:5', lab).moment?.controls).toEqual({
      phases: 5,
    });
    expect(readLabMoment('#/lab/rollout/stats?set=phases:9', lab).problems[0]).toMatch(
      /“Phases” must be from 2 to 6 \(got 9\)/,
    );
    expect(readLabMoment('#/lab/rollout/stats?set=speed:1', lab).problems[0]).toMatch(
      /no setting “speed”/,
    );
    expect(readLabMoment('#/lab/rollout/intro?set=phases:4', lab).problems[0]).toMatch(
      /no setting “phases”/,
    );
    expect(readLabMoment('#/lab/rollout/stats?t=3', lab).moment?.timeNs).toBe(3e9);
    expect(readLabMoment('#/lab/rollout/stats?set=__proto__:4', lab).problems[0]).toMatch(
      /no setting “__proto__”/,
    );
  });
});
