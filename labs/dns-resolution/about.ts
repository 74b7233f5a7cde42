import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'dns-resolution',
  title: 'DNS resolution',
  summary:
    'Follow one name through root, .net and the CDN’s two tiers of name servers, message by message; see caching, TTLs, mapping and failures at work.',
  minutes: 35,
};
