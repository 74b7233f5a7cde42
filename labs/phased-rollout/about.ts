import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'phased-rollout',
  title: 'Faulty rollouts',
  summary:
    'Ship new software to hundreds of edge servers phase by phase: watch a good release spread, a bad one caught on its first machine, a rare bug that only shows at world scale, a request of death with and without quarantine, and the record of many releases.',
  minutes: 30,
  order: 4,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'How software reaches tens of thousands of servers phase by phase, and how a bad release is rolled back',
    'Why some bugs only show at world scale, and what keeps users safe when they do',
    'How quarantine stops a request of death, and what the phases cost and save over many releases',
  ],
  stepIds: ['intro', 'good', 'instant', 'scale', 'rod', 'stats', 'done'],
  questions: 5,
};
