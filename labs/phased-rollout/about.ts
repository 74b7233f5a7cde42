import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'phased-rollout',
  title: 'Faulty rollouts',
  summary:
    'Ship new software to hundreds of edge servers phase by phase: watch a good release spread, a bad one caught on its first machine, a rare bug that only shows at world scale, a request of death with and without quarantine, and the record of many releases.',
  minutes: 30,
};
