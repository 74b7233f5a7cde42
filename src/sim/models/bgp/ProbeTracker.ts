/**
 * What the forwarding does for a few destination addresses, from every AS, over a run: the
 * origin it reaches now, when the way its packets go last changed (the AS path, or where and why
 * they are lost), and how long its packets had no working path
 * (no route, a loop, or a link that carries nothing) after each scenario event. A period without
 * a path counts towards the latest event that came before it.
 */
import type { BgpNetwork } from './BgpNetwork';

interface ProbeState {
  origin: number | null;
  /** the AS path and the loss reason, as one comparable string */
  route: string;
  lastChangeNs: number;
  /** start of the current period without a path, or -1 */
  noPathSinceNs: number;
  /** ns without a path, per event */
  noPathNs: number[];
}

export interface ProbeResult {
  origin: number | null;
  lastChangeSeconds: number;
  noPathSeconds: number[];
}

export class ProbeTracker {
  private readonly states: ProbeState[][];
  /** index of the latest event that has happened, -1 before the first */
  private eventIndex = -1;

  constructor(
    private readonly net: BgpNetwork,
    private readonly addresses: readonly number[],
    private readonly asns: readonly number[],
    eventCount: number,
  ) {
    this.states = addresses.map(() =>
      asns.map(() => ({
        origin: null,
        route: '',
        lastChangeNs: 0,
        noPathSinceNs: 0,
        noPathNs: new Array<number>(eventCount).fill(0),
      })),
    );
  }

  /** A scenario event begins: periods without a path are split at its time. */
  startEvent(index: number, nowNs: number): void {
    for (const row of this.states)
      for (const st of row)
        if (st.noPathSinceNs >= 0) {
          this.close(st, nowNs);
          st.noPathSinceNs = nowNs;
        }
    this.eventIndex = index;
  }

  /** Re-walks the forwarding from every AS (called whenever a table or a link changed). */
  update(nowNs: number): void {
    this.addresses.forEach((address, p) => {
      this.asns.forEach((asn, k) => {
        const st = this.states[p][k];
        const r = this.net.forward(asn, address);
        const route = `${r.path.join(' ')} ${r.lost ?? ''}`;
        if (route !== st.route) {
          st.origin = r.origin;
          st.route = route;
          st.lastChangeNs = nowNs;
        }
        const noPath = r.origin === null;
        if (noPath && st.noPathSinceNs < 0) st.noPathSinceNs = nowNs;
        else if (!noPath && st.noPathSinceNs >= 0) {
          this.close(st, nowNs);
          st.noPathSinceNs = -1;
        }
      });
    });
  }

  /** The results at `endNs`, by address index and AS index. */
  results(endNs: number): ProbeResult[][] {
    return this.states.map((row) =>
      row.map((st) => {
        if (st.noPathSinceNs >= 0) {
          this.close(st, endNs);
          st.noPathSinceNs = endNs;
        }
        return {
          origin: st.origin,
          lastChangeSeconds: st.lastChangeNs / 1e9,
          noPathSeconds: st.noPathNs.map((ns) => ns / 1e9),
        };
      }),
    );
  }

  private close(st: ProbeState, nowNs: number): void {
    if (this.eventIndex >= 0) st.noPathNs[this.eventIndex] += nowNs - st.noPathSinceNs;
  }
}
