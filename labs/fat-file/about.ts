import type { LabAbout } from '@lab/types';

export const about: LabAbout = {
  id: 'fat-file',
  title: 'The fat-file paradox',
  summary:
    'Why a big file crawls across a continent on a network that is not even busy: a packet-level TCP shows throughput falling with round-trip time and loss, reproduces Leighton’s Figure 2, and shows what an edge server near the user changes.',
  minutes: 35,
};
