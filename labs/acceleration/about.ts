import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'acceleration',
  title: 'Making the uncacheable fast',
  summary:
    'A page that cannot be cached still loads faster through a CDN: a browser loads a 1997 web page from New York in Tokyo over HTTP/1.0, persistent, pipelined and multiplexed connections, then through an edge server with warm connections to the origin, and with the edge prefetching what the page names; a portal assembled at the edge from fragments, compressed and sent as a delta; a store locator run at the edge; a slow link avoided through the CDN’s overlay; and all of it for a near, a far and a slow user.',
  minutes: 40,
  order: 6,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'Where a page load’s time goes: handshakes, round trips, bytes',
    'Why persistent, pipelined and multiplexed connections need fewer round trips and packets',
    'What an edge with warm connections to the origin saves on a long path (split TCP)',
    'Why prefetching at the edge costs no extra bytes and saves round trips',
    'What assembling pages at the edge (ESI), compression and deltas save on the middle mile',
    'What running the application at the edge saves the user and the origin',
    'How the CDN’s overlay routes around a slow link that BGP keeps using',
    'Which optimisation matters most for a near, a far and a slow user',
  ],
  stepIds: [
    'intro',
    'connections',
    'split',
    'prefetch',
    'esi',
    'compress',
    'edge-compute',
    'route',
    'all',
    'done',
  ],
  questions: 8,
};
