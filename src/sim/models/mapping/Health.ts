/**
 * "Healthy" (Dilley et al. 2002, "Network Monitoring"): agents that behave like end users
 * download objects from the servers and measure failures, so that the system can "automatically
 * detect and suspend problematic data centers or servers". A failure is therefore seen by the
 * mapping a detection delay after it happens, not at once; so is a recovery.
 *
 * The delay: agents probe every server every PROBE_INTERVAL_NS (the paper's maps are rebuilt
 * "every few seconds"), and a server is suspended after MISSED_PROBES failed probes in a row, so
 * a failure is seen between (MISSED_PROBES − 1) and MISSED_PROBES intervals after it happened.
 * The model takes the worst case, DETECTION_DELAY_NS, without simulating the probes: every shard
 * then sees a failure at the same instant, whichever of them runs the agents.
 *
 * Only failures the mapping is told of (a command applied in every shard at the same instant)
 * are detected with the delay; a node switched off behind its back (a unit test calling
 * Network.setNodeUp directly) is seen at once.
 */
import type { Network } from '../../net/Network';
import { SECOND } from '../../time';

export const PROBE_INTERVAL_NS = 2 * SECOND;
export const MISSED_PROBES = 3;
/** how long a failure (or a recovery) takes to reach the mapping: 6 s */
export const DETECTION_DELAY_NS = PROBE_INTERVAL_NS * MISSED_PROBES;

interface Change {
  atNs: number;
  up: boolean;
  /** what the mapping saw just before the change */
  seenBefore: boolean;
}

export class Health {
  private readonly changes = new Map<number, Change>();

  constructor(
    private readonly network: Network,
    private readonly clock: { readonly now: number },
    readonly delayNs = DETECTION_DELAY_NS,
  ) {}

  /** A node has just failed or come back (the network already says so). */
  noteChange(node: number, up: boolean): void {
    const seenBefore = this.seenBeforeChange(node, up);
    this.changes.set(node, { atNs: this.clock.now, up, seenBefore });
  }

  /** Whether the monitoring agents have the node as up now. */
  seenUp(node: number): boolean {
    const up = this.network.isNodeUp(node);
    const c = this.changes.get(node);
    if (c === undefined || c.up !== up) return up;
    return this.clock.now - c.atNs >= this.delayNs ? up : c.seenBefore;
  }

  private seenBeforeChange(node: number, up: boolean): boolean {
    const c = this.changes.get(node);
    if (c === undefined) return !up;
    return this.clock.now - c.atNs >= this.delayNs ? c.up : c.seenBefore;
  }
}
