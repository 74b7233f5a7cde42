/**
 * The guided labs the home page lists. Each entry is the lab's small `about` (title, summary,
 * minutes) and a loader for the rest, so the home page does not carry every lab's machine and
 * prose. A lab is added with one line:
 *   { ...dnsResolutionAbout, load: () => import('../../labs/dns-resolution/index').then((m) => m.lab) },
 */
import type { LabAbout, LabDefinition } from '@lab/types';
import { about as dnsResolution } from '../../labs/dns-resolution/about';
import { about as flashCrowd } from '../../labs/flash-crowd/about';
import { about as fatFile } from '../../labs/fat-file/about';
import { about as phasedRollout } from '../../labs/phased-rollout/about';

export interface LabEntry extends LabAbout {
  load: () => Promise<LabDefinition>;
}

export const LABS: LabEntry[] = [
  {
    ...dnsResolution,
    load: () => import('../../labs/dns-resolution/index').then((m) => m.lab),
  },
  {
    ...flashCrowd,
    load: () => import('../../labs/flash-crowd/index').then((m) => m.lab),
  },
  {
    ...fatFile,
    load: () => import('../../labs/fat-file/index').then((m) => m.lab),
  },
  {
    ...phasedRollout,
    load: () => import('../../labs/phased-rollout/index').then((m) => m.lab),
  },
];
