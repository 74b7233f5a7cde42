import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'flash-crowd',
  title: 'Flash crowds',
  summary:
    'Watch a sudden crowd melt an origin server, then watch the CDN absorb the same crowd: caching, parent caches, load thresholds that spread hot content and withdraw busy servers, and what the edge can and cannot do for uncacheable pages.',
  minutes: 35,
  order: 2,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'Why a single origin server breaks under a crowd (queueing)',
    'How edge caches absorb the crowd, and how load thresholds spread one hot object',
    'Why parent caches keep the origin’s load flat as the CDN adds data centres',
    'What the edge can and cannot do for pages it cannot keep; capacity arithmetic',
  ],
  stepIds: ['intro', 'origin', 'cdn', 'parents', 'hot', 'uncacheable', 'capacity', 'done'],
  questions: 6,
};
