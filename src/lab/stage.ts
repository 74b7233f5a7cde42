/**
 * A step's stage as the page lays it out: which views fill the main area, and which the lab can
 * show at all. Pure, so the lab page and the definition checks agree on it.
 */
import { specList } from '@runtime/models';
import type { LabDefinition, LabStep, StagePane, StageView } from './types';

/** A step that names no stage shows the map. */
const DEFAULT_STAGE: StagePane[] = [{ view: 'map' }];

/** At most this many panes share the stage: more would be too small to read on a projector. */
export const MAX_PANES = 2;

/** The step's panes, each with its view and (when it names them) the parts it is about. */
export function stagePanes(step: LabStep | undefined): StagePane[] {
  const stage = step?.stage;
  if (!stage || stage.length === 0) return DEFAULT_STAGE;
  return stage.map((p) => (typeof p === 'string' ? ({ view: p } as StagePane) : p));
}

/**
 * Every view the lab page can show for this lab, in the order of the page's view switcher: the
 * map, the sequence diagram where the model sends messages worth drawing as one (DNS lookups,
 * TCP segments), the lab's own views, the event log.
 */
export function availableViews(lab: Pick<LabDefinition, 'model' | 'views'>): StageView[] {
  const views: StageView[] = ['map'];
  if (sequenceKind(lab) !== null) views.push('sequence');
  views.push(...(lab.views ?? []), 'event-log');
  return views;
}

/** What the sequence diagram draws for this lab's model, or null when it has nothing to draw. */
export function sequenceKind(lab: Pick<LabDefinition, 'model'>): 'dns' | 'tcp' | null {
  const ids = specList(lab.model).map((m) => m.id);
  return ids.includes('dns') ? 'dns' : ids.includes('tcp') ? 'tcp' : null;
}

/** Problems with the steps' stages: a view the lab cannot show, a view twice, too many panes. */
export function stageProblems(lab: LabDefinition): string[] {
  const available = availableViews(lab);
  const problems: string[] = [];
  for (const step of lab.steps) {
    const panes = stagePanes(step);
    if (panes.length > MAX_PANES)
      problems.push(
        `step “${step.id}” puts ${panes.length} views on its stage (at most ${MAX_PANES})`,
      );
    for (const p of panes) {
      if (!available.includes(p.view))
        problems.push(`step “${step.id}” shows “${p.view}”, which this lab has no data for`);
      if (panes.filter((q) => q.view === p.view).length > 1)
        problems.push(`step “${step.id}” shows “${p.view}” twice (list its parts in one pane)`);
    }
  }
  return [...new Set(problems)];
}
