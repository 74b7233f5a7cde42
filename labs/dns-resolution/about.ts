import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'dns-resolution',
  title: 'DNS resolution',
  summary:
    'Follow one name through root, .net and the CDN’s two tiers of name servers, message by message; see caching, TTLs, mapping and failures at work.',
  minutes: 45,
  order: 1,
};

/**
 * For the home page, without loading the lab: what it teaches, its steps and how many questions
 * it asks (a test checks these against the lab's definition).
 */
export const outline = {
  goals: [
    'How a name becomes the address of a nearby server: root, .net, the CDN’s top and low levels',
    'What caching and TTLs save, and why the CDN uses two tiers of name servers',
    'Anycast root servers, and why the mapping sees your resolver rather than you',
    'How the low-level server picks an edge server, and what a failure costs a lookup',
  ],
  stepIds: [
    'intro',
    'cold',
    'anycast',
    'warmSame',
    'warmSibling',
    'answerExpiry',
    'delegationExpiry',
    'twoTiers',
    'mapping',
    'clientSubnet',
    'failure',
    'memory',
    'done',
  ],
  questions: 12,
};
