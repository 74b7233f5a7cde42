/**
 * What the middle-mile lab's pages show once each step's experiment has run (Next open), by step
 * title (see StepFindings): checked by the lab's one walk end to end (hallWalk.test.ts,
 * presenter mode) as the revealed answer shows; the first two steps' also by the student's walk
 * of them (middleMileLab.test.ts).
 */
import { expect } from 'vitest';
import { measured, type StepFindings } from './labPage';

/** The first number in a finding (`29.3 s after the cut` → 29.3). */
export const number = (s: string) => Number(/[\d.]+/.exec(s)?.[0] ?? NaN);

export const MIDDLE_MILE_FINDINGS: StepFindings = {
  'BGP is blind to delay': {
    answer: /A few: under 10 %/,
    check: async (page) => {
      expect(await measured(page, 'through the server in New York instead')).toMatch(/faster/);
      expect(await measured(page, 'at least 5 ms faster')).toMatch(/^2 of 30/);
    },
  },
  'A cable cut': {
    answer: /Tens of seconds/,
    check: async (page) => {
      // RFC 4271's jitter: the exploration waits 75 to 100 % of the 30 s MRAI.
      const quiet = number(await measured(page, "last UPDATE about London's prefix"));
      expect(quiet).toBeGreaterThan(22);
      expect(quiet).toBeLessThan(31);
      expect(await measured(page, 'networks reaching it, before / after')).toBe('13 / 1 of 13');
      // Boston's network has a second provider: its cut costs a fraction of a second.
      expect(
        number(await measured(page, 'the longest any of them was without a path')),
      ).toBeLessThan(1);
    },
  },
  'Two big networks stop peering': {
    answer: /its single-homed customers/,
    check: async (page) => {
      expect(await measured(page, 'cannot reach London after')).toMatch(/origin-hosting/);
    },
  },
  'The YouTube hijack, replayed': {
    answer: /Some to YouTube, some to Pakistan/,
    check: async (page) => {
      expect(await measured(page, "18:47–20:07, Pakistan Telecom's /24")).toMatch(
        /to YouTube 0 · to Pakistan Telecom 13/,
      );
      expect(await measured(page, 'after 21:01')).toMatch(/to YouTube 13 · to Pakistan Telecom 0/);
    },
  },
  'The overlay around a silent cable': {
    answer: /Over the overlay within 45 s; directly later/,
    check: async (page) => {
      // BGP's hold timer: 60 to 90 s after the silence; the overlay well before
      const direct = await measured(page, 'sent directly: failed · first through again');
      expect(number(direct.split('·')[1])).toBeGreaterThanOrEqual(60);
      const relayed = await measured(page, 'over the overlay: failed · first through again');
      expect(number(relayed.split('·')[1])).toBeLessThan(45);
    },
  },
  'What an overlay cannot route around': {
    answer: /Neither/,
    check: async (page) => {
      expect(await measured(page, 'over the overlay: failed · first through again')).toMatch(
        /not by the end of the run/,
      );
    },
  },
};
