/**
 * The guided labs the home page lists, in the order we suggest taking them: how a user is sent
 * to a server (DNS), what the servers do under a crowd (caching and load), why distance matters
 * (TCP), and how the whole network is kept running while it changes (rollouts). Each entry is
 * the lab's small `about` and `outline` (goals, step ids, question count) and a loader for the
 * rest, so the home page does not carry every lab's machine and prose. A lab is added with one
 * line:
 *   { ...dnsResolutionAbout, load: () => import('../../labs/dns-resolution/index').then((m) => m.lab) },
 */
import type { LabAbout, LabDefinition } from '@lab/types';
import * as dnsResolution from '../../labs/dns-resolution/about';
import * as flashCrowd from '../../labs/flash-crowd/about';
import * as fatFile from '../../labs/fat-file/about';
import * as phasedRollout from '../../labs/phased-rollout/about';

/** What the home page says of a lab before loading it. */
export interface LabOutline {
  /** what the student learns, a line each */
  goals: readonly string[];
  /** the lab's step ids in order (the last is its final step) */
  stepIds: readonly string[];
  /** how many questions the lab asks */
  questions: number;
}

export interface LabEntry extends LabAbout, LabOutline {
  load: () => Promise<LabDefinition>;
}

const entry = (
  lab: { about: LabAbout; outline: LabOutline },
  load: () => Promise<LabDefinition>,
): LabEntry => ({ ...lab.about, ...lab.outline, load });

/** In the suggested order. */
export const LABS: LabEntry[] = [
  entry(dnsResolution, () => import('../../labs/dns-resolution/index').then((m) => m.lab)),
  entry(flashCrowd, () => import('../../labs/flash-crowd/index').then((m) => m.lab)),
  entry(fatFile, () => import('../../labs/fat-file/index').then((m) => m.lab)),
  entry(phasedRollout, () => import('../../labs/phased-rollout/index').then((m) => m.lab)),
];

/** The lab after `labId` in the suggested order, or null after the last. */
export function nextLab(labId: string): LabEntry | null {
  const i = LABS.findIndex((l) => l.id === labId);
  return i >= 0 && i + 1 < LABS.length ? LABS[i + 1] : null;
}
