/**
 * What the flash-crowd lab's pages show once each step's experiment has run (Next open), by step
 * title (see StepFindings): checked by the lab's one walk end to end (hallWalk.test.ts,
 * presenter mode) as the revealed answer shows; the origin step's also by the student's first
 * step (flashCrowdLab.test.ts).
 */
import { expect } from 'vitest';
import { measured, type StepFindings } from './labPage';

export const FLASH_CROWD_FINDINGS: StepFindings = {
  'The origin alone': {
    check: async (page) => {
      // c·μ = 8 workers / 20 ms = 400 requests/s, measured as what the full origin took in.
      const taken = Number(
        (await measured(page, 'taken in while fully busy')).replace(/[^\d]/g, ''),
      );
      expect(taken).toBeGreaterThan(340);
      expect(taken).toBeLessThan(460);
      // The charts were drawn from the run's seconds: the data table has rows.
      expect(await page.locator('.charts table tbody tr').count()).toBeGreaterThan(5);
    },
  },
  'The same crowd through the CDN': {
    answer: /A small share \(2 to 15 %\)/,
    check: async (page) => {
      expect(await measured(page, 'hit ratio')).toMatch(/%$/);
    },
  },
  'Parent caches': {
    answer: /stays about the same/,
    check: async (page) => {
      expect(await measured(page, '5 with 3 parents: reaching the origin')).toMatch(/\/s$/);
    },
  },
  'One hot object': {
    answer: /queues them/,
    check: async (page) => {
      expect(Number(await measured(page, 'most servers per object'))).toBeGreaterThanOrEqual(2);
    },
  },
  'Pages the edge cannot keep': { answer: /stays about the same/, check: async () => {} },
  'How many servers?': {
    // Arithmetic: the answer the prose works out, five servers.
    answer: /5 servers/,
    check: async (page) => {
      expect(await measured(page, 'delivered at the peak')).toMatch(/Gbit\/s$/);
      // Beside it, what the run measured: the servers that really carry the crowd.
      expect(await measured(page, 'measured: edge servers carrying')).toMatch(/^\d+ of \d+$/);
    },
  },
};
