import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'flash-crowd',
  title: 'Flash crowds',
  summary:
    'Watch a sudden crowd melt an origin server, then watch the CDN absorb the same crowd: caching, load thresholds that spread hot content and withdraw busy servers, and what the edge can and cannot do for uncacheable pages.',
  minutes: 30,
};
