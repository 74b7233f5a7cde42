/**
 * A resolver's memory of the name servers it has asked: the infrastructure cache of Unbound
 * (NLnet Labs; services/cache/infra.c, util/rtt.c, iterator/iter_utils.c), with its defaults:
 * - per server address, a smoothed RTT and its variation give a retransmission timeout,
 *   rto = srtt + 4·rttvar, kept between 50 ms and 120 s (infra-cache-min-rtt, -max-rtt); a
 *   server it knows nothing of is given 376 ms (UNKNOWN_SERVER_NICENESS: srtt 0, rttvar 94);
 *   each answer updates them with gains 1/8 and 1/4, in whole milliseconds (Jacobson's, as in
 *   RFC 6298);
 * - a query waits the server's rto; a timeout doubles the rto the query was sent with
 *   (exponential back-off), so a server that stopped answering looks slower and slower;
 * - an entry lives infra-host-ttl, 900 s, from when it was made, then is forgotten: the
 *   server is a stranger again (376 ms) and will be tried again;
 * - selection: Unbound's default picks at random among the servers whose RTT is within
 *   RTT_BAND (400 ms) of the best ('band'); with fast-server-permil 1000 and
 *   fast-server-num 1 it always takes the fastest ('fastest', ties in the referral's order).
 * Left out: probing a server whose rto reached 120 s (it stays unused here until forgotten),
 * lameness and EDNS memory, per-zone keys (Unbound keys by address and zone; one zone per
 * address here).
 */
import type { RandomStream } from '../../random/RandomStream';
import { MS, SECOND } from '../../time';

export const INFRA_HOST_TTL_NS = 900 * SECOND;
export const UNKNOWN_SERVER_NICENESS_MS = 376;
export const RTT_MIN_TIMEOUT_MS = 50;
export const RTT_MAX_TIMEOUT_MS = 120_000;
export const RTT_BAND_MS = 400;

export type ServerSelection = 'fastest' | 'band';

interface HostEntry {
  srtt: number;
  rttvar: number;
  rto: number;
  expiresAtNs: number;
}

/** What the resolver remembers of one server now, for inspectors and the lab. */
export interface InfraView {
  server: number;
  /** the RTT selection compares, ms (the backed-off rto once a timeout has happened) */
  rttMs: number;
  timeoutMs: number;
  expiresAtNs: number;
}

function calcRto(e: { srtt: number; rttvar: number }): number {
  return Math.min(RTT_MAX_TIMEOUT_MS, Math.max(RTT_MIN_TIMEOUT_MS, e.srtt + 4 * e.rttvar));
}

export class InfraCache {
  private readonly hosts = new Map<number, HostEntry>();

  /** The server's live entry; an expired one is forgotten. */
  private live(server: number, nowNs: number): HostEntry | undefined {
    const e = this.hosts.get(server);
    if (e !== undefined && nowNs >= e.expiresAtNs) {
      this.hosts.delete(server);
      return undefined;
    }
    return e;
  }

  private entry(server: number, nowNs: number): HostEntry {
    let e = this.live(server, nowNs);
    if (e === undefined) {
      e = { srtt: 0, rttvar: UNKNOWN_SERVER_NICENESS_MS / 4, rto: 0, expiresAtNs: 0 };
      e.rto = calcRto(e);
      e.expiresAtNs = nowNs + INFRA_HOST_TTL_NS;
      this.hosts.set(server, e);
    }
    return e;
  }

  /** How long a query to `server` waits before it is given up, ns. */
  timeoutNs(server: number, nowNs: number): number {
    return (this.live(server, nowNs)?.rto ?? UNKNOWN_SERVER_NICENESS_MS) * MS;
  }

  /**
   * The RTT selection compares, ms: after a timeout the backed-off rto, else srtt + 4·rttvar
   * unclamped (Unbound's rtt_unclamped); 376 for a server it does not remember.
   */
  selectionRttMs(server: number, nowNs: number): number {
    const e = this.live(server, nowNs);
    if (e === undefined) return UNKNOWN_SERVER_NICENESS_MS;
    return calcRto(e) !== e.rto ? e.rto : e.srtt + 4 * e.rttvar;
  }

  /** `server` answered after `rttNs`. */
  answered(server: number, rttNs: number, nowNs: number): void {
    const e = this.entry(server, nowNs);
    // A server that had backed off past usefulness starts afresh when it answers again.
    if (this.selectionRttMs(server, nowNs) >= RTT_MAX_TIMEOUT_MS) {
      e.srtt = 0;
      e.rttvar = UNKNOWN_SERVER_NICENESS_MS / 4;
    }
    const ms = Math.floor(rttNs / MS);
    const delta = ms - e.srtt;
    e.srtt += Math.trunc(delta / 8);
    e.rttvar += Math.trunc((Math.abs(delta) - e.rttvar) / 4);
    e.rto = calcRto(e);
  }

  /** A query sent to `server` with timeout `sentRtoNs` got no answer: back off. */
  timedOut(server: number, sentRtoNs: number, nowNs: number): void {
    const orig = Math.round(sentRtoNs / MS);
    const known = this.live(server, nowNs) !== undefined;
    const e = this.entry(server, nowNs);
    // Forgotten while the query was out: the query's own timeout is all there is to go on.
    if (!known) e.rto = orig;
    // An answer in the meantime lowered the rto: that news is fresher than this timeout.
    if (e.rto < orig) return;
    e.rto = Math.min(RTT_MAX_TIMEOUT_MS, Math.max(e.rto, 2 * orig));
  }

  /**
   * The server to ask next among `candidates` (in the referral's order): the fastest, or with
   * 'band' one at random among those within RTT_BAND of it. −1 if there is none.
   */
  choose(
    candidates: readonly number[],
    nowNs: number,
    selection: ServerSelection,
    rng: () => RandomStream,
  ): number {
    if (candidates.length === 0) return -1;
    const rtts = candidates.map((s) => this.selectionRttMs(s, nowNs));
    const best = Math.min(...rtts);
    const band = selection === 'band' ? RTT_BAND_MS : 0;
    const inBand = candidates.filter((_, i) => rtts[i] - best <= band);
    if (selection === 'fastest' || inBand.length === 1) return inBand[0];
    return inBand[rng().int(0, inBand.length - 1)];
  }

  /** Every remembered server, for inspectors. */
  view(nowNs: number): InfraView[] {
    const out: InfraView[] = [];
    for (const [server, e] of this.hosts)
      if (nowNs < e.expiresAtNs)
        out.push({
          server,
          rttMs: this.selectionRttMs(server, nowNs),
          timeoutMs: e.rto,
          expiresAtNs: e.expiresAtNs,
        });
    return out.sort((a, b) => a.server - b.server);
  }
}
