import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'middle-mile',
  title: 'The middle mile',
  summary:
    'The Internet is thousands of networks held together by BGP: find a faster path BGP does not see, cut a cable and watch the routers argue about a network that is gone, see two big networks stop peering and strand their customers, replay the 2008 YouTube hijack prefix by prefix, then let the CDN’s own servers route around a failure, and see what they cannot route around.',
  minutes: 40,
  order: 5,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'How the Internet’s networks tell each other where addresses are (BGP), and what they choose by',
    'Why BGP’s route is not always the fastest, and how often a path through a third server is',
    'Why BGP takes tens of seconds to minutes to settle after a cable cut, and what the MRAI has to do with it',
    'Whose customers lose whom when two big networks stop peering, and what multihoming buys',
    'How one wrong announcement took YouTube off most of the Internet in 2008, and how it was undone',
    'How a CDN’s overlay of its own servers routes around a failure in seconds while BGP takes minutes, and what it cannot route around',
  ],
  stepIds: ['intro', 'blind', 'cut', 'depeer', 'hijack', 'overlay', 'limits', 'done'],
  questions: 6,
};
