/**
 * The home page's picture of a student's progress, and the lab outlines it reads, checked
 * against the labs themselves (an outline that drifted from its lab would show wrong counts).
 */
import { describe, expect, it } from 'vitest';
import { LABS, nextLab } from '../../src/ui/labsList';
import { savedProgress, suggestedLab } from '../../src/ui/home/savedProgress';
import { saveProgress } from '@lab/progressStore';
import { MemoryStorage } from './fakeSim';

describe('the labs’ outlines', () => {
  it.each(LABS.map((l) => [l.id, l] as const))('%s: match its definition', async (_, entry) => {
    const lab = await entry.load();
    expect(entry.stepIds).toEqual(lab.steps.map((s) => s.id));
    expect(entry.questions).toBe(lab.steps.filter((s) => s.question).length);
    expect(entry.goals.length).toBeGreaterThan(0);
  });

  it('suggest an order, the last lab leading nowhere', () => {
    expect(nextLab(LABS[0].id)?.id).toBe(LABS[1].id);
    expect(nextLab(LABS.at(-1)!.id)).toBeNull();
  });
});

describe('saved progress on the home page', () => {
  const dns = LABS[0];

  it('is "new" when nothing, or nothing readable, was saved', () => {
    const storage = new MemoryStorage();
    expect(savedProgress(storage, dns.id, dns)).toEqual({ state: 'new' });
    storage.setItem(`edge-lab:progress:${dns.id}`, '{not json');
    expect(savedProgress(storage, dns.id, dns)).toEqual({ state: 'new' });
    saveProgress(storage, dns.id, { stepId: 'no-such-step', answers: {} });
    expect(savedProgress(storage, dns.id, dns)).toEqual({ state: 'new' });
    expect(savedProgress(null, dns.id, dns)).toEqual({ state: 'new' });
  });

  it('gives the step reached and the answers given, as the lab saved them', () => {
    const storage = new MemoryStorage();
    saveProgress(storage, dns.id, {
      stepId: dns.stepIds[2],
      answers: { 'cold-count': '4', 'cold-latency': 80 },
    });
    expect(savedProgress(storage, dns.id, dns)).toEqual({
      state: 'started',
      stepId: dns.stepIds[2],
      step: 3,
      steps: dns.stepIds.length,
      answered: 2,
    });
    saveProgress(storage, dns.id, { stepId: dns.stepIds.at(-1)!, answers: {} });
    expect(savedProgress(storage, dns.id, dns).state).toBe('finished');
  });

  it('suggests the first lab not finished', () => {
    const storage = new MemoryStorage();
    const progressOf = (l: (typeof LABS)[number]) => savedProgress(storage, l.id, l);
    expect(suggestedLab(LABS, progressOf)?.id).toBe(LABS[0].id);
    saveProgress(storage, LABS[0].id, { stepId: LABS[0].stepIds.at(-1)!, answers: {} });
    expect(suggestedLab(LABS, progressOf)?.id).toBe(LABS[1].id);
  });
});
