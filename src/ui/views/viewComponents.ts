/**
 * The component that draws each lab view (the views' names and models are in registry.ts).
 * Only the stage imports this module, and the lab page loads the stage apart from itself.
 */
import type { Component } from 'svelte';
import type { LabView } from '@lab/types';
import type { LabViewProps } from './viewProps';
import DnsMessages from './dns/DnsMessages.svelte';
import CrowdCharts from './delivery/CrowdCharts.svelte';
import TcpCharts from './tcp/TcpCharts.svelte';
import RolloutCharts from './rollout/RolloutCharts.svelte';
import BgpRouting from './bgp/BgpRouting.svelte';
import OverlayPaths from './overlay/OverlayPaths.svelte';
import PageloadWaterfall from './pageload/PageloadWaterfall.svelte';

export const VIEW_COMPONENTS: { [V in LabView]: Component<LabViewProps<V>> } = {
  'dns-messages': DnsMessages,
  'crowd-charts': CrowdCharts,
  'tcp-charts': TcpCharts,
  'rollout-charts': RolloutCharts,
  'bgp-routing': BgpRouting,
  'overlay-paths': OverlayPaths,
  'pageload-waterfall': PageloadWaterfall,
};
