/**
 * The guided labs the home page lists, found from their folders: every `labs/<id>/` with an
 * `about.ts` (what the home page shows: title, goals, steps, the suggested place in the order)
 * and an `index.ts` (the lab itself, loaded when opened, so the home page does not carry every
 * lab's machine and prose). A new lab is a new folder; nothing here changes.
 *
 * The suggested order: how a user is sent to a server (DNS), what the servers do under a crowd
 * (caching and load), why distance matters (TCP), and how the whole network is kept running
 * while it changes (rollouts).
 */
import type { LabAbout, LabDefinition } from '@lab/types';

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

type AboutModule = { about: LabAbout; outline: LabOutline };

const ABOUTS = import.meta.glob<AboutModule>('../../labs/*/about.ts', { eager: true });
const LOADERS = import.meta.glob<{ lab: LabDefinition }>('../../labs/*/index.ts');

/** The folder name in a glob key such as `../../labs/fat-file/about.ts`. */
const folderOf = (path: string) => path.split('/').at(-2)!;

/** Every lab folder's entry, in the suggested order; a folder missing a part is an error. */
export function labEntries(
  abouts: Record<string, AboutModule>,
  loaders: Record<string, () => Promise<{ lab: LabDefinition }>>,
): LabEntry[] {
  const load = new Map(Object.entries(loaders).map(([path, f]) => [folderOf(path), f]));
  return Object.entries(abouts)
    .map(([path, m]) => {
      const folder = folderOf(path);
      if (m.about.id !== folder)
        throw new Error(`labs/${folder}/about.ts names its lab '${m.about.id}', not '${folder}'`);
      const loader = load.get(folder);
      if (!loader) throw new Error(`labs/${folder} has an about.ts but no index.ts`);
      return { ...m.about, ...m.outline, load: () => loader().then((x) => x.lab) };
    })
    .sort((a, b) => a.order - b.order);
}

/** In the suggested order. */
export const LABS: LabEntry[] = labEntries(ABOUTS, LOADERS);

/** The lab after `labId` in the suggested order, or null after the last. */
export function nextLab(labId: string): LabEntry | null {
  const i = LABS.findIndex((l) => l.id === labId);
  return i >= 0 && i + 1 < LABS.length ? LABS[i + 1] : null;
}
