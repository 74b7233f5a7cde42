/**
 * Something moves while a lab's first experiment runs in slow motion: messages cross the map
 * (the packet overlay counts the marks it drew in its last frame, `data-drawn`), and in the DNS
 * and fat-file labs the sequence diagram gains arrows as messages are sent. Sampled four times a
 * second; a still picture (no marks, or marks that do not move) fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_LABS } from './labs';
import { openSite, SHOTS, type Site } from './browser';
import { answer, stepTitled } from './labPage';

interface Case {
  lab: string;
  step: string;
  /** whether the sequence diagram belongs to this experiment */
  sequence: boolean;
}

const CASES: Case[] = [
  { lab: 'dns-resolution', step: 'cold', sequence: true },
  { lab: 'flash-crowd', step: 'origin', sequence: false },
  { lab: 'fat-file', step: 'transfer', sequence: true },
  // A release runs over simulated hours (12 minutes a second here): the orders and the checks'
  // reports flash by, so they show as flows between the operations centre and the servers.
  { lab: 'phased-rollout', step: 'good', sequence: false },
];

const SAMPLES = 32;

/** Shows a view on the stage with the switcher (a view the step does not show on its own). */
async function show(page: Page, view: string): Promise<void> {
  await page
    .getByRole('group', { name: 'Show on the stage' })
    .getByRole('button', { name: view, exact: true })
    .click();
}

describe('messages move while a first experiment runs', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  }, 60_000);
  afterAll(async () => site?.close());

  for (const c of CASES)
    it(`${c.lab}/${c.step}`, async () => {
      const lab = E2E_LABS.find((l) => l.id === c.lab)!;
      const step = lab.steps.find((s) => s.id === c.step)!;
      const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${site.url}#/lab/${c.lab}/${c.step}`);
      await stepTitled(page, step.title);
      const q = step.question!;
      // Any answer starts the experiment; what is judged is not the point here.
      await answer(page, q.kind === 'number' ? 100 : new RegExp(q.choices[0].label.slice(0, 20)));

      const counts = { map: [] as number[], sequence: [] as number[] };
      // Two pictures of the moving layer a few seconds apart: marks that move change it.
      const pictures: Buffer[] = [];
      const sample = async (key: 'map' | 'sequence') => {
        for (let i = 0; i < SAMPLES; i++) {
          const n =
            key === 'map'
              ? Number(
                  await page
                    .getByTestId('packet-overlay')
                    .getAttribute('data-drawn', { timeout: 2_000 }),
                )
              : await page.locator('[data-testid="sequence-diagram"] .msg').count();
          counts[key].push(n);
          // The first picture early: a fat-file transfer at watching speed is over within a
          // few seconds (and under load the marks may already be gone by the ninth sample).
          if (key === 'map' && (i === 1 || i === SAMPLES - 1))
            pictures.push(await page.getByTestId('packet-overlay').screenshot());
          await page.waitForTimeout(250);
        }
      };
      const mapOnStage = await page.locator('.pane[data-view="map"]:not([hidden])').count();
      if (c.sequence) {
        const seqOnStage = await page.locator('.pane[data-view="sequence"]:not([hidden])').count();
        if (!seqOnStage) await show(page, 'Sequence');
        if (mapOnStage && seqOnStage) {
          // Both on the stage: sample them together, as the student sees them.
          await Promise.all([sample('map'), sample('sequence')]);
        } else {
          await sample('sequence');
          await show(page, 'Map');
          await sample('map');
        }
      } else {
        if (!mapOnStage) await show(page, 'Map');
        await sample('map');
      }
      await page.screenshot({ path: `${SHOTS}/motion-${c.lab}.png` });
      console.log(
        `${c.lab}/${c.step}: map ${counts.map.join(' ')}; sequence ${counts.sequence.join(' ')}`,
      );

      expect(Math.max(...counts.map), 'marks drawn on the map').toBeGreaterThan(0);
      // A DNS resolution sends one message at a time: the count can stay at 1 throughout while
      // the one mark crosses the map, so moving marks count as a change too.
      const moved = !pictures[0].equals(pictures[1]);
      expect(new Set(counts.map).size > 1 || moved, 'the map changes over time').toBe(true);
      expect(moved, 'the marks move').toBe(true);
      if (c.sequence) {
        expect(Math.max(...counts.sequence), 'arrows in the sequence diagram').toBeGreaterThan(0);
        expect(new Set(counts.sequence).size, 'arrows appear over time').toBeGreaterThan(1);
      }
      await context.close();
    }, 180_000);
});
