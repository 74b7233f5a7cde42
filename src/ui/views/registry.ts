/**
 * The lab views: for each view a lab can name (LabView in src/lab/types.ts), what the stage's
 * switcher calls it and the model whose data it shows; the component that draws it is in
 * viewComponents.ts, which the stage loads apart from the page (the charts bring uPlot). Each
 * view lives in the folder of its model (src/ui/views/<model>/) and takes the one props type
 * LabViewProps, so the lab page draws any of them the same way (StagePaneView.svelte).
 */
import type { LabView } from '@lab/types';
import type { ModelId } from '@sim/models/registry';

export interface RegisteredView {
  /** the switcher's button and the pane's name ("Stage: …") */
  label: string;
  /** the model whose observations it draws */
  model: ModelId;
  /**
   * it draws a comparison's other run itself, over its own (LabViewProps.other); the stage
   * puts a second copy of any other view beside it instead
   */
  overlays?: true;
}

export const LAB_VIEWS: { [V in LabView]: RegisteredView } = {
  'dns-messages': { label: 'DNS messages', model: 'dns' },
  'crowd-charts': { label: 'Charts', model: 'delivery', overlays: true },
  'tcp-charts': { label: 'TCP', model: 'tcp' },
  'rollout-charts': { label: 'Rollout', model: 'rollout' },
  'bgp-routing': { label: 'BGP routes', model: 'bgp' },
  'overlay-paths': { label: 'Overlay', model: 'overlay' },
  'pageload-waterfall': { label: 'Waterfall', model: 'pageload' },
};

/** Whether a stage view is one of the registered lab views (not the map, sequence or log). */
export const isLabView = (v: string): v is LabView => Object.hasOwn(LAB_VIEWS, v);
