/**
 * What the acceleration lab's pages show once each step's experiment has run (Next open), by
 * step title: the right answer revealed (the choice a student who predicted well picks) and
 * what each run measured in the findings and the waterfall. Checked by the lab's one walk end
 * to end (hallWalk.test.ts, presenter mode), at the moment the revealed answer is on screen;
 * reads the page only, so that the remote walk stays free of pointer presses.
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { measured, type StepFindings } from './labPage';

/** A finding's time (`2,805 ms` → 2805). */
const ms = async (page: Page, label: string) =>
  Number((await measured(page, label)).replace(/[^\d.]/g, ''));

/** Every load's packets on the access leg, those that opened and closed connections in brackets. */
async function packets(page: Page, label: string): Promise<number> {
  const row = page.locator('.bytes tbody tr', {
    has: page.getByRole('rowheader', { name: label, exact: true }),
  });
  const cell = row.getByText(/^[\d,]+ \([\d,]+\)$/);
  await cell.waitFor();
  return Number((await cell.innerText()).split(' ')[0].replace(/,/g, ''));
}

export const ACCELERATION_FINDINGS: StepFindings = {
  'One connection or many': {
    answer: /3 to 10× faster/,
    check: async (page) => {
      expect((await ms(page, 'HTTP/1.0 ×4')) / (await ms(page, 'pipelined'))).toBeGreaterThan(3);
      expect(await measured(page, 'the same from Boston')).toMatch(/^\d+ \/ \d+ \/ \d+ \/ \d+ ms$/);
      // HTTP/1.0 needs at least twice pipelining's packets (Nielsen et al. 1997)
      await expect(page.locator('.bytes tbody tr').count()).resolves.toBe(4);
      expect(await packets(page, 'HTTP/1.0 ×4')).toBeGreaterThan(
        2 * (await packets(page, 'pipelined')),
      );
    },
  },
  'An edge with warm connections': {
    answer: /1.5 to 3× faster/,
    check: async (page) => {
      expect(await ms(page, 'edge, warm')).toBeLessThan(await ms(page, 'direct, IW 10'));
    },
  },
  'Prefetching at the edge': {
    answer: /3 to 10× faster/,
    check: async (page) => {
      expect(await ms(page, 'warm edge + prefetch')).toBeLessThan(await ms(page, 'warm edge'));
    },
  },
  'Assembling pages at the edge': {
    answer: /80 to 95 %/,
    check: async (page) => {
      // five minutes each, every minute's kB; ESI's below the whole HTML's in every one
      const perMinute = async (label: string) =>
        (await measured(page, label)).split(' · ').map(Number);
      const whole = await perMinute('whole HTML');
      const esi = await perMinute('with ESI');
      expect(whole).toHaveLength(5);
      esi.forEach((kB, i) => expect(kB).toBeLessThan(whole[i]));
    },
  },
  'Compression and deltas': {
    answer: /3 to 5×/,
    check: async (page) => {
      const kB = async (label: string) => parseFloat(await measured(page, label));
      expect(await kB('HTML delta')).toBeLessThan(await kB('HTML gzip'));
    },
  },
  'The application at the edge': {
    answer: /50 to 200 ms/,
    check: async (page) => {
      expect(await measured(page, 'answered at the edge')).toMatch(/ · 0 origin requests$/);
    },
  },
  'Around a slow link': {
    answer: /10 to 50 % sooner/,
    check: async (page) => {
      expect(await ms(page, 'over the overlay')).toBeLessThan(await ms(page, 'straight on'));
      expect(await measured(page, 'the overlay’s relay')).toMatch(/^an edge server in /);
    },
  },
  'All at once': {
    answer: /Far: in Tokyo/,
    check: async (page) => {
      expect(await measured(page, 'Far: in Tokyo')).toMatch(/without the warm edge/);
    },
  },
};
