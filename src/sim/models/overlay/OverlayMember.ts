/**
 * One member's state, kept on the shard that owns it: its own virtual links (LinkEstimate), the
 * rows other members sent it (their links, as of their last probe), the path it has chosen to
 * each other member, and the winners of its SureRoute races.
 */
import { LinkEstimate } from './LinkEstimate';
import type { LinkView, OverlayPath } from './routeChoice';

/**
 * A member's row as it travels in its probes (RON floods these link states): per member, in the
 * overlay's member order, the smoothed round-trip time in ns (−1 unknown or deemed down) and
 * the loss rate.
 */
export interface MemberRow {
  rttNs: number[];
  loss: number[];
}

export interface RaceWinner {
  via: number;
  untilNs: number;
}

export class OverlayMember {
  readonly links = new Map<number, LinkEstimate>();
  readonly rows = new Map<number, MemberRow>();
  /** the chosen path per destination (absent: none chosen yet; null: none works) */
  readonly choices = new Map<number, OverlayPath | null>();
  /** per peer, the sequence number of the probe waiting for its answer */
  readonly outstanding = new Map<number, number>();
  readonly raceWinners = new Map<number, RaceWinner>();
  probeSeq = 0;

  constructor(
    readonly node: number,
    private readonly members: readonly number[],
    private readonly indexOf: ReadonlyMap<number, number>,
    lossWindow: number,
  ) {
    for (const m of members) if (m !== node) this.links.set(m, new LinkEstimate(lossWindow));
  }

  /** This member's row, to send with a probe or its answer. */
  row(): MemberRow {
    const rttNs: number[] = [];
    const loss: number[] = [];
    for (const m of this.members) {
      const l = this.links.get(m);
      rttNs.push(l?.usable ? l.rttNs : -1);
      loss.push(l?.loss ?? 0);
    }
    return { rttNs, loss };
  }

  /** The link a → b as this member knows it: its own, or a's as a's last row said. */
  view(a: number, b: number): LinkView | undefined {
    if (a === this.node) return this.links.get(b);
    const row = this.rows.get(a);
    const i = this.indexOf.get(b);
    if (row === undefined || i === undefined) return undefined;
    return { rttNs: row.rttNs[i], loss: row.loss[i], usable: row.rttNs[i] >= 0 };
  }
}
