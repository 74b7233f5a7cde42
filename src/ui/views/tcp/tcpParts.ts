/**
 * What the TCP view is made of, so a lab step can show only what it is about: `charts`, the
 * live congestion window, throughput and round-trip time; `flight`, the packets on the path in
 * slow motion; `heatmap`, the RTT × loss sweep; `table`, the connections' results (or Leighton's
 * Figure 2 beside the simulated rows).
 */
import type { StageParts } from '@lab/types';

export type TcpPart = StageParts['tcp-charts'];
export const TCP_PARTS: readonly TcpPart[] = ['charts', 'flight', 'heatmap', 'table'];
