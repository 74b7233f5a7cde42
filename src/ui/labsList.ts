/** The guided labs the home page lists. Empty until the first lab lands. */
export interface LabEntry {
  id: string;
  title: string;
  summary: string;
}

export const LABS: LabEntry[] = [];
