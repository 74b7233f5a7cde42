/**
 * BGP's timers and constants, with where each value comes from. Times in seconds here; the
 * simulation turns them into nanoseconds.
 */

export type BgpPolicy = 'gao-rexford' | 'shortest-path';

export interface BgpConfig {
  /** route choice and export: relationships (Gao and Rexford 2001) or every link alike */
  policy: BgpPolicy;
  /** MinRouteAdvertisementInterval per (session, prefix), s; RFC 4271 §10 suggests 30 s for eBGP */
  mraiSeconds: number;
  /**
   * Whether withdrawals wait for the MRAI too. RFC 4271 §9.2.1.1 applies the interval to
   * advertisements and withdrawals alike; RFC 1771 exempted withdrawals, as Cisco IOS still
   * does and as Labovitz et al. 2000 measured. Default: the RFC 4271 rule.
   */
  mraiWithdrawals: boolean;
  /** KeepaliveTime, s (RFC 4271 §10 suggests one third of the hold time) */
  keepaliveSeconds: number;
  /** HoldTime, s (RFC 4271 §10: 90 s suggested); 0 turns keepalives and the hold timer off */
  holdSeconds: number;
  /** BFD (RFC 5880) on every session: a silent link is noticed in bfdDetectSeconds */
  bfd: boolean;
  /** BFD transmit interval, s: FRR's default is 300 ms */
  bfdIntervalSeconds: number;
  /** BFD detect multiplier: FRR's default is 3, so a silent link is noticed within 0.9 s */
  bfdMultiplier: number;
  /**
   * How long a speaker lets received UPDATEs gather before it runs the decision process over
   * them: FRR's route-processing work queue holds for 50 ms (`spec.hold = 50` in
   * bgpd/bgp_route.c), so a burst of UPDATEs is decided in one pass, not one at a time.
   */
  batchSeconds: number;
  /** one-way latency of a link between ASes with no city, s */
  defaultLatencySeconds: number;
  /** real path length ÷ great-circle distance for links between ASes with cities */
  inflation: number;
}

export const DEFAULT_BGP: BgpConfig = {
  policy: 'gao-rexford',
  mraiSeconds: 30,
  mraiWithdrawals: true,
  keepaliveSeconds: 30,
  holdSeconds: 90,
  bfd: false,
  bfdIntervalSeconds: 0.3,
  bfdMultiplier: 3,
  batchSeconds: 0.05,
  defaultLatencySeconds: 0.01,
  inflation: 1,
};

/**
 * RFC 4271 §10: timers such as the MRAI and KeepaliveTime are jittered by a random factor
 * uniformly distributed in [0.75, 1.0] each time they are started, so that speakers do not
 * fall into step.
 */
export const JITTER_MIN = 0.75;

/** LOCAL_PREF by the neighbour's relationship (Gao and Rexford 2001): customer > peer > provider. */
export const LOCAL_PREF = { customer: 200, peer: 100, provider: 50 } as const;
