import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'fat-file',
  title: 'The fat-file paradox',
  summary:
    'Why a big file crawls across a continent on a network that is not even busy: a packet-level TCP shows throughput falling with round-trip time and loss, reproduces Leighton’s Figure 2, shows what today’s senders (SACK, CUBIC, BBR) changed since 2009, and what an edge server near the user changes.',
  minutes: 40,
  order: 3,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'How TCP’s window, round trip and loss set the speed of a long transfer',
    'Why a far server is tens of times slower on an idle network (Leighton’s Figure 2)',
    'What SACK, CUBIC and BBR changed since 2009, and what they did not',
    'What a server near the user, and a better middle mile, change',
  ],
  stepIds: ['intro', 'transfer', 'distance', 'table', 'heatmap', 'today', 'edge', 'done'],
  questions: 6,
};
