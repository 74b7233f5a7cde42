/**
 * Every lab, loaded, in the suggested order: the same folders the home page lists
 * (src/ui/labsList.ts), for the tests that walk or check every lab.
 */
import type { LabDefinition } from '@lab/types';

const MODULES = import.meta.glob<{ lab: LabDefinition }>('../labs/*/index.ts', { eager: true });

export const ALL_LABS: LabDefinition[] = Object.values(MODULES)
  .map((m) => m.lab)
  .sort((a, b) => a.order - b.order);
