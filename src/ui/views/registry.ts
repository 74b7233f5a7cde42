/**
 * The lab views: for each view a lab can name (LabView in src/lab/types.ts), what the stage's
 * switcher calls it, the component that draws it, and the model whose data it shows. Each view
 * lives in the folder of its model (src/ui/views/<model>/) and takes the one props type
 * LabViewProps, so the lab page draws any of them the same way (LabSession.svelte).
 */
import type { Component } from 'svelte';
import type { LabView } from '@lab/types';
import type { ModelId } from '@sim/models/registry';
import type { LabViewProps } from './viewProps';
import DnsMessages from './dns/DnsMessages.svelte';
import CrowdCharts from './delivery/CrowdCharts.svelte';
import TcpCharts from './tcp/TcpCharts.svelte';
import RolloutCharts from './rollout/RolloutCharts.svelte';

export interface RegisteredView<V extends LabView> {
  /** the switcher's button and the pane's name ("Stage: …") */
  label: string;
  component: Component<LabViewProps<V>>;
  /** the model whose observations it draws */
  model: ModelId;
}

export const LAB_VIEWS: { [V in LabView]: RegisteredView<V> } = {
  'dns-messages': { label: 'DNS messages', component: DnsMessages, model: 'dns' },
  'crowd-charts': { label: 'Charts', component: CrowdCharts, model: 'delivery' },
  'tcp-charts': { label: 'TCP', component: TcpCharts, model: 'tcp' },
  'rollout-charts': { label: 'Rollout', component: RolloutCharts, model: 'rollout' },
};

/** Whether a stage view is one of the registered lab views (not the map, sequence or log). */
export const isLabView = (v: string): v is LabView => Object.hasOwn(LAB_VIEWS, v);
