/**
 * The sending end of one TCP connection: the sequence space, the retransmission timer (RFC 6298,
 * with Karn's rule and back-off), the peer's receive window, loss recovery, and pacing when the
 * congestion control asks for it. The window itself is the congestion control's (congestion/).
 *
 * Loss recovery, two ways:
 * - without SACK: fast retransmit on three duplicate ACKs, fast recovery as NewReno (RFC 6582)
 *   or plain Reno, go-back-N after a timeout. The closed forms model exactly this.
 * - with SACK (RFC 2018): a scoreboard of what the receiver holds, losses found by RACK
 *   (RFC 8985: a segment is lost once one sent after it was delivered and a reordering window
 *   has passed), and sending by RFC 6675's pipe: lost segments first, then new data, while the
 *   segments in the network are fewer than cwnd. After a timeout every unSACKed segment is
 *   resent once, the already-received ones never.
 *
 * How much recovery sends is a third matter: by default proportional rate reduction (Prr.ts,
 * RFC 6937 / 9937) sets cwnd on every ACK of recovery to what is in the network plus PRR's share
 * of what was delivered, with SACK (delivered = newly acknowledged or SACKed) and without
 * (a duplicate ACK stands for one segment delivered, as Linux counts). `recovery: 'classic'`
 * keeps the older rules above: cwnd = ssthresh at once, NewReno's inflation by duplicates.
 * A congestion control that owns its recovery window (BBR) gets neither.
 *
 * Sequence numbers count segments, not bytes: every segment but the last is full-size, so the
 * two are interchangeable and whole numbers keep the hot path simple. With SACK, a tail-loss
 * probe (RFC 8985 7) goes out when the ACKs stop while data is outstanding. No limited transmit.
 */
import type { Engine } from '../../engine/Engine';
import { RtoEstimator } from './RtoEstimator';
import { DATA_DIR, type TcpPath } from './TcpPath';
import { advertisedWindowBytes, type TcpConfig } from './tcpConfig';
import { assertionsEnabled, fail } from '../../assert';
import type { CongestionControl } from './congestion/CongestionControl';
import { DeliveryRate, type RateSample } from './DeliveryRate';
import { RETRANS, SACKED, Scoreboard } from './Scoreboard';
import { Prr } from './Prr';
import type { SackBlockQueue } from './SackBlocks';

export const SENDER_NODE = 0;
export const RECEIVER_NODE = 1;

export interface TcpKinds {
  data: number;
  ack: number;
  rto: number;
  delayedAck: number;
  /** the pacing timer; only a paced connection registers it (−1 otherwise) */
  pace: number;
}

/** Called on some ACKs (at most one per `sampleEveryNs`) for time series. */
export type AckSampler = (sender: TcpSender) => void;

/** RFC 6675's DupThresh: with this many segments SACKed above a hole, RACK waits no longer. */
const DUP_THRESH = 3;

export class TcpSender {
  /** oldest unacknowledged segment */
  una = 0;
  /** next segment to send (below `max` after a timeout without SACK: go-back-N) */
  next = 0;
  /** one past the highest segment ever sent */
  max = 0;
  inRecovery = false;
  /** `max` when recovery or the last timeout began (RFC 6582's recover, one past it) */
  private recover = 0;
  /** SACK: resending what a timeout declared lost, until `recover` is acknowledged */
  private afterTimeout = false;
  private dupAcks = 0;
  private firstPartialAck = false;
  /** consecutive timeouts of the same segment: ssthresh is only cut by the first */
  private timeoutsInRow = 0;
  /** the one segment being timed (BSD style), or −1 */
  private timedSeg = -1;
  private timedAtNs = 0;
  readonly rto: RtoEstimator;
  /** when the retransmission timer and RACK's reordering timer should fire; Infinity: stopped */
  private rtoDeadline = Infinity;
  private rackDeadline = Infinity;
  /** the tail-loss probe's deadline (SACK only); Infinity: not armed */
  private tlpDeadline = Infinity;
  /** a probe is out and no ACK has come since */
  private tlpOut = false;
  /**
   * The one pending timer event, for all three deadlines (Linux keeps one per socket too). It
   * fires at or before the earliest: a deadline that moves later leaves it where it is, and it
   * re-arms when it fires early: one early firing now and then, not a cancel and an insert per ACK.
   */
  private rtoHandle = -1;
  private rtoEventAt = Infinity;
  private readonly mss: number;
  private readonly windowBytes: number;
  private readonly lastSegBytes: number;
  /** simulated time the last segment was acknowledged, or −1 */
  doneAtNs = -1;
  private nextSampleAt = 0;
  sampleEveryNs = Infinity;
  sampler: AckSampler | null = null;
  /**
   * Segments the application has handed over so far (Infinity: all of them from the start). A
   * relay that forwards what another connection delivers, or a run that stops a transfer at a
   * set time, lowers it and calls `wake()` when it rises.
   */
  supplySegs = Infinity;
  /**
   * The payload of a segment on the wire when it is not full-size (an application that writes
   * short messages into an endless transfer). Wire bytes only: the window still counts segments,
   * as Linux counts packets.
   */
  payloadBytesOf: ((seg: number) => number) | null = null;

  /** SACK state: null without SACK */
  private readonly board: Scoreboard | null;
  private readonly sackIn: SackBlockQueue | null;
  /** RACK (RFC 8985): the latest-sent delivered segment, its send time and round trip */
  private rackXmitNs = -1;
  private rackEndSeg = -1;
  private rackRttNs = 0;
  /** the smallest RTT seen (from segments sent once), ns; 0 before the first */
  minRttNs = 0;
  /** delivery-rate estimator, for a congestion control that wants samples */
  readonly rate: DeliveryRate | null;
  /** pacing: the earliest time the next segment may leave (fractional ns) */
  private nextPaceNs = 0;
  private paceEventPending = false;
  /** RFC 6675 5 (4.3): the first lost segment goes out as recovery begins, whatever pipe says */
  private resendFirstNow = false;
  /** segments the ACK being processed delivered (0 when RACK's timer finds a loss) */
  private ackDeliveredSegs = 0;
  /** proportional rate reduction; null: classic recovery, or a control that owns the window */
  private readonly prr: Prr | null;
  /**
   * Without SACK, under PRR: segments the duplicate ACKs say have left the network since the
   * cumulative ACK last moved (Linux's sacked_out for a Reno connection), and whether the hole
   * at `una` is known lost and not yet resent. Together they give pipe without a scoreboard.
   */
  private dupSacked = 0;
  private holeWaiting = false;

  // Counters, read by the runner.
  segmentsSent = 0;
  retransmits = 0;
  fastRetransmits = 0;
  timeouts = 0;
  /** tail-loss probes sent (RFC 8985 7) */
  tailProbes = 0;
  acksReceived = 0;
  dupAcksReceived = 0;

  constructor(
    private readonly engine: Engine,
    private readonly cfg: Readonly<TcpConfig>,
    private readonly path: TcpPath,
    private readonly kinds: TcpKinds,
    /** segments to send (Infinity: an endless transfer) */
    readonly totalSegs: number,
    totalBytes: number,
    readonly cc: CongestionControl,
    /** the SACK blocks arriving with the ACKs; null: no SACK */
    sackIn: SackBlockQueue | null = null,
  ) {
    this.mss = cfg.mssBytes;
    this.windowBytes = advertisedWindowBytes(cfg);
    this.lastSegBytes = Number.isFinite(totalSegs)
      ? totalBytes - (totalSegs - 1) * cfg.mssBytes
      : cfg.mssBytes;
    this.rto = new RtoEstimator(cfg.minRtoNs, cfg.maxRtoNs, cfg.initialRtoNs, cfg.rtoStyle);
    const ring = outstandingRingSize(cfg);
    this.sackIn = sackIn;
    this.board = sackIn !== null ? new Scoreboard(ring) : null;
    this.rate = cc.wantsRateSamples ? new DeliveryRate(ring) : null;
    this.prr =
      cfg.recovery === 'classic' || cc.ownsRecoveryWindow
        ? null
        : new Prr(cfg.recovery === 'prr-ssrb' ? 'ssrb' : 'safe');
  }

  get cwndBytes(): number {
    return this.cc.cwndBytes;
  }

  get ssthreshBytes(): number {
    return this.cc.ssthreshBytes;
  }

  start(): void {
    this.trySend();
  }

  /** Bytes sent and not yet acknowledged (RFC 5681's FlightSize). */
  get flightBytes(): number {
    return (this.next - this.una) * this.mss;
  }

  /** Bytes still in the network: RFC 6675's pipe with SACK, FlightSize without. */
  get inflightBytes(): number {
    return this.board !== null ? this.board.pipe(this.max - this.una) * this.mss : this.flightBytes;
  }

  /**
   * Segments in the network as PRR counts them: RFC 6675's pipe with SACK; without it, the
   * flight less what duplicate ACKs reported delivered and less the hole not yet resent.
   */
  private pipeSegs(): number {
    if (this.board !== null) return this.board.pipe(this.max - this.una);
    return this.next - this.una - this.dupSacked - (this.holeWaiting ? 1 : 0);
  }

  /** PRR, on an ACK of recovery that delivered `delivered` segments: cwnd = pipe + its share. */
  private prrWindow(delivered: number, safe: boolean): void {
    const pipe = this.pipeSegs();
    const mss = this.mss;
    const sndcnt = this.prr!.sendCount(delivered, pipe, this.cc.ssthreshBytes / mss, safe);
    this.cc.cwndBytes = Math.max((pipe + Math.max(sndcnt, 0)) * mss, mss);
  }

  onAck(ack: number): void {
    this.acksReceived++;
    if (this.board !== null) {
      this.tlpOut = false;
      this.sackAck(ack, this.sackIn!.take());
    } else if (ack > this.una) this.newAck(ack);
    else if (ack === this.una && this.una < this.max) this.dupAck();
    else return;
    if (this.engine.now >= this.nextSampleAt && this.sampler !== null) {
      this.sampler(this);
      this.nextSampleAt = this.engine.now + this.sampleEveryNs;
    }
    this.trySend();
    if (assertionsEnabled) this.checkInvariants();
  }

  /** The timer event: RACK's reordering window ran out, or the retransmission timer. */
  onRtoTimer(): void {
    this.rtoHandle = -1;
    this.rtoEventAt = Infinity;
    const now = this.engine.now;
    if (now >= this.rackDeadline) {
      this.rackDeadline = Infinity;
      const wasInRecovery = this.inRecovery;
      this.ackDeliveredSegs = 0;
      this.detectLosses();
      // Recovery begun by the timer, not an ACK: count one segment delivered so the fast
      // retransmit goes out at once (as Linux's RACK reordering timer does).
      if (this.prr !== null && this.inRecovery && !wasInRecovery) this.prrWindow(1, false);
      this.trySend();
    }
    if (now >= this.tlpDeadline && now < this.rtoDeadline) {
      this.tlpDeadline = Infinity;
      this.sendTailProbe();
    }
    if (now >= this.rtoDeadline) {
      this.timeout();
      return;
    }
    this.rearmTimer();
  }

  /** The pacing timer: the next segment may leave. */
  onPaceTimer(): void {
    this.paceEventPending = false;
    this.trySend();
  }

  /**
   * What a new cumulative ACK means with or without SACK: the window's left edge moves, the
   * back-off ends, the round trip is sampled. Returns true when that was the last byte.
   */
  private cumulativeAck(ack: number): boolean {
    this.una = ack;
    if (this.next < ack) this.next = ack;
    this.timeoutsInRow = 0;
    this.takeRttSample(ack);
    if (ack < this.totalSegs) return false;
    this.finish();
    return true;
  }

  // ---- without SACK ----

  private newAck(ack: number): void {
    const mss = this.mss;
    const ackedBytes = (ack - this.una) * mss;
    const wasInRecovery = this.inRecovery;
    if (this.rate !== null)
      for (let s = this.una; s < ack; s++)
        this.rate.onDelivered(s, this.segBytes(s), this.engine.now);
    const ackedSegs = ack - this.una;
    if (this.cumulativeAck(ack)) return;
    const cc = this.cc;
    if (this.prr !== null) {
      if (this.prrNewAck(ack, ackedSegs)) return;
    } else if (this.inRecovery) {
      if (ack >= this.recover) {
        this.inRecovery = false;
        this.dupAcks = 0;
        // Full ACK: leave recovery without releasing a burst (RFC 6582 3.2 step 3, option 1).
        if (!cc.ownsRecoveryWindow)
          cc.cwndBytes = Math.min(cc.ssthreshBytes, Math.max(this.flightBytes, mss) + mss);
        cc.onRecoveryExit(this.engine.now);
      } else if (this.cfg.variant !== 'reno') {
        // Partial ACK: the next hole is lost too; resend it and stay in recovery.
        this.sendSegment(this.una);
        this.retransmits++;
        if (!cc.ownsRecoveryWindow) cc.cwndBytes = Math.max(cc.cwndBytes - ackedBytes + mss, mss);
        else this.ccAck(ackedBytes, true);
        // "Impatient" timer: reset on the first partial ACK only (RFC 6582 section 4).
        if (this.firstPartialAck) {
          this.firstPartialAck = false;
          this.armRto(this.engine.now + this.rto.rtoNs);
        }
        return;
      } else {
        // Reno knows one loss per window: any new ACK ends recovery.
        this.inRecovery = false;
        this.dupAcks = 0;
        if (!cc.ownsRecoveryWindow) cc.cwndBytes = cc.ssthreshBytes;
        cc.onRecoveryExit(this.engine.now);
      }
    } else this.dupAcks = 0;
    this.ccAck(ackedBytes, wasInRecovery);
    // RFC 6298 5.2 / 5.3: restart the timer while data is outstanding, stop it when none is.
    if (this.una < this.max) this.armRto(this.engine.now + this.rto.rtoNs);
    else this.rtoDeadline = Infinity;
  }

  /**
   * A new cumulative ACK without SACK, under PRR. It delivered what it acknowledges less what
   * the duplicates before it already counted, at least one segment (RFC 6937 3; Linux's
   * tcp_remove_reno_sacks). A partial ACK shows the next hole (NewReno): it is resent first,
   * within PRR's window. Returns true when the ACK is fully handled (a partial ACK).
   */
  private prrNewAck(ack: number, ackedSegs: number): boolean {
    const delivered = Math.max(ackedSegs - this.dupSacked, 1);
    this.dupSacked = Math.max(this.dupSacked - (ackedSegs - 1), 0);
    if (!this.inRecovery) {
      this.dupAcks = 0;
      this.dupSacked = 0;
      return false;
    }
    if (ack >= this.recover || this.cfg.variant === 'reno') {
      this.leaveRecovery();
      return false;
    }
    this.holeWaiting = true;
    // A partial ACK reports a further loss, so it is never "safe" for the reduction bound.
    this.prrWindow(delivered, false);
    if (this.firstPartialAck) {
      this.firstPartialAck = false;
      this.armRto(this.engine.now + this.rto.rtoNs);
    }
    return true;
  }

  /** PRR's recovery ends (RFC 6937 3): the window is ssthresh, what the control asked for. */
  private leaveRecovery(): void {
    this.inRecovery = false;
    this.dupAcks = 0;
    this.dupSacked = 0;
    this.holeWaiting = false;
    this.cc.cwndBytes = Math.max(this.cc.ssthreshBytes, this.mss);
    this.cc.onRecoveryExit(this.engine.now);
  }

  private dupAck(): void {
    this.dupAcksReceived++;
    this.dupAcks++;
    const cc = this.cc;
    // A duplicate means a segment left the network; only a control that counts deliveries hears it.
    if (cc.wantsRateSamples) this.ccAck(this.mss, this.inRecovery);
    if (this.prr !== null) {
      this.prrDupAck();
      return;
    }
    if (this.inRecovery) {
      // Inflate to keep the ACK clock going.
      if (!cc.ownsRecoveryWindow) cc.cwndBytes += this.mss;
      return;
    }
    const flight = this.startFastRecovery();
    if (flight === null) return;
    this.retransmits++;
    this.sendSegment(this.una);
    cc.onLossDetected(flight, this.engine.now);
    if (!cc.ownsRecoveryWindow) cc.cwndBytes = cc.ssthreshBytes + 3 * this.mss;
  }

  /**
   * On the third duplicate ACK of a new loss, fast recovery begins: returns the flight as it
   * begins, or null (not the third, or, for NewReno, duplicates for data sent before the last
   * timeout or recovery, which are not a new loss).
   */
  private startFastRecovery(): number | null {
    if (this.dupAcks !== 3) return null;
    if (this.cfg.variant !== 'reno' && this.una < this.recover) return null;
    const flight = this.flightBytes;
    this.recover = this.max;
    this.inRecovery = true;
    this.firstPartialAck = true;
    this.fastRetransmits++;
    return flight;
  }

  /**
   * A duplicate ACK without SACK, under PRR: one more segment has left the network (never
   * more than the flight less the hole, as Linux caps sacked_out), and on the third NewReno's
   * fast retransmit begins recovery. The window, not this method, sends the hole.
   */
  private prrDupAck(): void {
    let delivered = 0;
    if (this.dupSacked < this.next - this.una - 1) {
      this.dupSacked++;
      delivered = 1;
    }
    if (this.inRecovery) {
      if (delivered > 0) this.prrWindow(delivered, false);
      return;
    }
    const flight = this.startFastRecovery();
    if (flight === null) return;
    this.holeWaiting = true;
    this.cc.onLossDetected(flight, this.engine.now);
    // RFC 6937: RecoverFS is the FlightSize as recovery begins.
    this.prr!.enter(this.next - this.una);
    this.prrWindow(1, false);
  }

  // ---- with SACK ----

  private sackAck(ack: number, blocks: readonly (readonly [number, number])[]): void {
    const board = this.board!;
    const now = this.engine.now;
    const wasInRecovery = this.inRecovery || this.afterTimeout;
    const unaAdvanced = ack > this.una;
    let ackedBytes = 0;
    let deliveredSegs = 0;
    if (ack > this.una) {
      for (let s = this.una; s < ack; s++) {
        if ((board.get(s) & SACKED) === 0) {
          ackedBytes += this.segBytes(s);
          deliveredSegs++;
          this.delivered(s);
        }
        board.release(s);
      }
      if (this.cumulativeAck(ack)) return;
      if (this.una < this.max) this.armRto(now + this.rto.rtoNs);
      else this.rtoDeadline = Infinity;
    } else if (ack === this.una && this.una < this.max) {
      this.dupAcksReceived++;
    }
    for (const [start, end] of blocks) {
      const hi = Math.min(end, this.max);
      for (let s = Math.max(start, this.una); s < hi; s++)
        if (board.markSacked(s)) {
          ackedBytes += this.segBytes(s);
          deliveredSegs++;
          this.delivered(s);
        }
    }
    if (ackedBytes === 0) return;
    if (this.inRecovery && this.una >= this.recover) {
      if (this.prr !== null) this.leaveRecovery();
      else {
        this.inRecovery = false;
        this.cc.onRecoveryExit(now);
      }
    }
    if (this.afterTimeout && this.una >= this.recover) this.afterTimeout = false;
    this.ackDeliveredSegs = deliveredSegs;
    const newLoss = this.detectLosses();
    if (this.prr === null) {
      this.ccAck(ackedBytes, wasInRecovery);
      return;
    }
    // The ACK that begins recovery does not grow the window either (Linux: no congestion
    // avoidance while cwnd is being reduced); PRR sets it after the control has seen the ACK.
    this.ccAck(ackedBytes, wasInRecovery || this.inRecovery);
    if (this.inRecovery) this.prrWindow(deliveredSegs, unaAdvanced && !newLoss);
  }

  /** A segment is delivered for the first time: the rate sample and RACK learn from it. */
  private delivered(seg: number): void {
    const now = this.engine.now;
    this.rate?.onDelivered(seg, this.segBytes(seg), now);
    const board = this.board!;
    const sent = board.sentAt(seg);
    const rtt = now - sent;
    const resent = (board.get(seg) & RETRANS) !== 0;
    // RFC 8985 6.2 step 1: an ACK of a resent segment that came back faster than any round trip
    // acknowledges the original, not the copy: it says nothing about when the copy was sent.
    if (resent && rtt < this.minRttNs) return;
    if (!resent && (this.minRttNs === 0 || rtt < this.minRttNs)) this.minRttNs = rtt;
    if (sent > this.rackXmitNs || (sent === this.rackXmitNs && seg > this.rackEndSeg)) {
      this.rackXmitNs = sent;
      this.rackEndSeg = seg;
      this.rackRttNs = rtt;
    }
  }

  /**
   * RACK (RFC 8985 6.2): a segment sent before the latest-sent delivered one is lost once
   * RACK.rtt plus a reordering window has passed since it left. The window is min_rtt / 4,
   * and zero once DupThresh segments are SACKed or recovery is under way (the path has shown
   * no reordering: it never reorders here). Segments still inside the window set the timer.
   */
  private detectLosses(): boolean {
    const board = this.board!;
    if (board.sacked === 0 && board.retrans === 0) return false;
    const now = this.engine.now;
    const reoWnd =
      this.inRecovery || this.afterTimeout || board.sacked >= DUP_THRESH ? 0 : this.minRttNs / 4;
    let wait = 0;
    let found = false;
    for (let s = this.una; s < this.max; s++) {
      const f = board.get(s);
      if (f & SACKED) continue;
      const sent = board.sentAt(s);
      if (sent > this.rackXmitNs || (sent === this.rackXmitNs && s >= this.rackEndSeg)) {
        // Sent after the newest delivery; so is every segment above it sent only once.
        if ((f & RETRANS) === 0) break;
        continue;
      }
      if (f === 2 /* LOST, waiting to be resent */) continue;
      const remaining = sent + this.rackRttNs + reoWnd - now;
      if (remaining <= 0) {
        board.markLost(s);
        found = true;
      } else if (remaining > wait) wait = remaining;
    }
    if (wait > 0) this.armTimer('rack', now + Math.ceil(wait));
    if (found && !this.inRecovery && !this.afterTimeout) {
      // RFC 6675 5 (4): recovery begins; the window is cut once for the whole episode.
      this.recover = this.max;
      this.inRecovery = true;
      this.fastRetransmits++;
      this.resendFirstNow = true;
      this.cc.onLossDetected(this.flightBytes, now);
      // RFC 9937 6.1: RecoverFS is the flight less what the receiver already held before this
      // ACK (RFC 6937 said the whole flight, which made PRR send too little).
      const flight = this.max - this.una;
      this.prr?.enter(
        this.prr.bound === 'ssrb' ? flight : flight - board.sacked + this.ackDeliveredSegs,
      );
    }
    return found;
  }

  // ---- both ----

  private ccAck(ackedBytes: number, inRecovery: boolean): void {
    const rate: RateSample | null = this.rate?.takeSample(this.minRttNs) ?? null;
    if (rate !== null && (this.minRttNs === 0 || rate.rttNs < this.minRttNs) && this.board === null)
      this.minRttNs = rate.rttNs;
    this.cc.onAck({
      nowNs: this.engine.now,
      ackedBytes,
      deliveredBytes: this.rate?.delivered ?? 0,
      inflightBytes: this.inflightBytes,
      inRecovery,
      srttNs: this.rto.srttNs,
      minRttNs: this.minRttNs,
      rate,
    });
  }

  private takeRttSample(ack: number): void {
    if (this.timedSeg >= 0 && ack > this.timedSeg) {
      this.rto.sample(this.engine.now - this.timedAtNs);
      this.timedSeg = -1;
    }
  }

  private finish(): void {
    this.doneAtNs = this.engine.now;
    this.inRecovery = false;
    this.holeWaiting = false;
    this.rtoDeadline = Infinity;
    this.rackDeadline = Infinity;
    this.tlpDeadline = Infinity;
  }

  private timeout(): void {
    this.timeouts++;
    this.cc.onRto(this.flightBytes, this.timeoutsInRow === 0, this.engine.now);
    this.timeoutsInRow++;
    this.recover = this.max;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.dupSacked = 0;
    this.holeWaiting = false;
    if (this.board !== null) {
      // Everything the receiver has not SACKed is resent once (RFC 6675 5.1), not more.
      for (let s = this.una; s < this.max; s++) this.board.markLost(s);
      this.afterTimeout = this.una < this.max;
      this.rackDeadline = Infinity;
      this.tlpDeadline = Infinity;
    } else this.next = this.una;
    this.rto.backOff();
    this.rtoDeadline = Infinity;
    this.trySend();
    if (assertionsEnabled) this.checkInvariants();
  }

  /**
   * RFC 793's sender variables stay ordered (SND.UNA ≤ SND.NXT ≤ highest sent: nothing is
   * acknowledged before it was sent), and the window never falls below one segment (RFC 5681).
   */
  private checkInvariants(): void {
    if (!(this.una <= this.next && this.next <= this.max && this.max <= this.totalSegs))
      fail(
        `tcp sender: need una ≤ next ≤ max ≤ total, got ${this.una}, ${this.next}, ${this.max}, ${this.totalSegs}`,
      );
    if (!(this.cc.cwndBytes >= this.mss))
      fail(`tcp sender: cwnd ${this.cc.cwndBytes} B is below one segment (${this.mss} B)`);
    if (this.board !== null && this.board.pipe(this.max - this.una) < 0)
      fail(`tcp sender: negative pipe at una ${this.una}, max ${this.max}`);
  }

  /** Sends what the window allows now that `supplySegs` has risen. */
  wake(): void {
    this.trySend();
  }

  /** Sends what the smaller of cwnd and the peer's window allows, paced if the control paces. */
  private trySend(): void {
    const limit = Math.min(this.cc.cwndBytes, this.windowBytes) + 1e-6;
    const mss = this.mss;
    const end = Math.min(this.totalSegs, this.supplySegs);
    const board = this.board;
    for (;;) {
      let seg: number;
      if (board !== null) {
        const first = this.resendFirstNow;
        this.resendFirstNow = false;
        if (!first && (board.pipe(this.max - this.una) + 1) * mss > limit) break;
        seg = board.nextLost(this.una, this.max);
        if (seg < 0) {
          if (this.max >= end || (this.max - this.una + 1) * mss > this.windowBytes + 1e-6) {
            if (this.max >= end) this.rate?.markAppLimited(this.inflightBytes);
            break;
          }
          seg = this.max;
        }
      } else if (this.holeWaiting) {
        // PRR without SACK: the hole goes first, within the window.
        if ((this.pipeSegs() + 1) * mss > limit) break;
        seg = this.una;
      } else {
        // cwnd bounds what is in the network (pipe, under PRR), the peer's window what is
        // outstanding; outside PRR recovery the two counts are the same.
        const flight = this.next - this.una;
        const used = this.prr !== null && this.inRecovery ? this.pipeSegs() : flight;
        if (!(
          this.next < end &&
          (used + 1) * mss <= limit &&
          (flight + 1) * mss <= this.windowBytes + 1e-6
        )) {
          if (this.next >= end) this.rate?.markAppLimited(this.inflightBytes);
          break;
        }
        seg = this.next;
      }
      if (!this.paceAllows()) break;
      if (this.holeWaiting && seg === this.una) this.holeWaiting = false;
      if (seg < this.max) this.retransmits++;
      this.sendSegment(seg);
      // Linux restarts the timer when it resends the oldest segment, so a retransmission
      // found lost by RACK gets a full RTO of its own (tcp_xmit_retransmit_queue).
      if (board !== null && seg === this.una && seg < this.max)
        this.armRto(this.engine.now + this.rto.rtoNs);
      if (seg === this.next) this.next++;
      if (this.next <= seg) this.next = seg + 1;
      if (board !== null) this.next = Math.max(this.next, this.max);
      if (this.next > this.max) this.max = this.next;
    }
    // RFC 6298 5.1: a segment is out and the timer is not running: start it.
    if (this.una < this.max && this.rtoDeadline === Infinity)
      this.armRto(this.engine.now + this.rto.rtoNs);
    if (board !== null) this.scheduleTailProbe();
  }

  /**
   * RFC 8985 7.2: while data is out and no recovery is under way, a probe is due two smoothed
   * RTTs after the last send or ACK (plus the receiver's delayed-ACK allowance when only one
   * segment is out), unless the retransmission timer would fire first.
   */
  private scheduleTailProbe(): void {
    if (this.inRecovery || this.afterTimeout || this.tlpOut || this.una >= this.max) {
      this.tlpDeadline = Infinity;
      return;
    }
    const srtt = this.rto.srttNs;
    if (srtt === 0) return;
    let pto = 2 * srtt;
    if (this.max - this.una === 1) pto += this.cfg.delayedAckTimeoutNs;
    const at = this.engine.now + Math.ceil(pto);
    if (at >= this.rtoDeadline) {
      this.tlpDeadline = Infinity;
      return;
    }
    this.armTimer('tlp', at);
  }

  /**
   * RFC 8985 7.3: send one new segment if the windows allow, else the highest one sent again;
   * its ACK (with SACK) lets RACK find any loss at the tail without the retransmission timer.
   */
  private sendTailProbe(): void {
    const board = this.board!;
    if (this.una >= this.max || this.inRecovery || this.afterTimeout) return;
    const end = Math.min(this.totalSegs, this.supplySegs);
    let seg = this.max;
    if (this.max >= end || (this.max - this.una + 1) * this.mss > this.windowBytes + 1e-6) {
      seg = this.max - 1;
      if ((board.get(seg) & SACKED) !== 0) return;
      this.retransmits++;
    }
    this.tailProbes++;
    this.tlpOut = true;
    this.sendSegment(seg);
    if (seg === this.max) this.next = this.max = seg + 1;
    this.armRto(this.engine.now + this.rto.rtoNs);
  }

  /** True if a segment may leave now; otherwise the pacing timer is set for when it may. */
  private paceAllows(): boolean {
    if (this.cc.pacingRateBps === Infinity) return true;
    const now = this.engine.now;
    if (now >= this.nextPaceNs) return true;
    if (!this.paceEventPending) {
      this.paceEventPending = true;
      this.engine.scheduleAt(Math.ceil(this.nextPaceNs), SENDER_NODE, SENDER_NODE, this.kinds.pace);
    }
    return false;
  }

  private segBytes(seg: number): number {
    return seg === this.totalSegs - 1 ? this.lastSegBytes : this.mss;
  }

  private sendSegment(seg: number): void {
    this.segmentsSent++;
    if (this.inRecovery) this.prr?.onSent();
    const now = this.engine.now;
    const resend = seg < this.max;
    if (!resend) {
      if (this.timedSeg < 0) {
        this.timedSeg = seg;
        this.timedAtNs = now;
      }
    } else {
      // Karn: a retransmission makes any sample in progress ambiguous.
      this.timedSeg = -1;
    }
    if (this.rate !== null) this.rate.onSend(seg, now, this.inflightBytes === 0);
    this.board?.onSend(seg, now, resend);
    const payload = this.payloadBytesOf !== null ? this.payloadBytesOf(seg) : this.segBytes(seg);
    const wire = payload + this.cfg.headerBytes;
    const rateBps = this.cc.pacingRateBps;
    if (rateBps !== Infinity)
      this.nextPaceNs = Math.max(now, this.nextPaceNs) + (wire * 8 * 1e9) / rateBps;
    this.path.send(DATA_DIR, wire, SENDER_NODE, RECEIVER_NODE, this.kinds.data, seg);
  }

  /** Sets the retransmission deadline; the pending event is reused unless it fires too late. */
  private armRto(deadline: number): void {
    this.armTimer('rto', deadline);
  }

  private armTimer(which: 'rto' | 'rack' | 'tlp', deadline: number): void {
    if (which === 'rto') this.rtoDeadline = deadline;
    else if (which === 'rack') this.rackDeadline = deadline;
    else this.tlpDeadline = deadline;
    this.rearmTimer();
  }

  /**
   * Keeps the one pending event at or before the earliest deadline. Whatever arms a deadline,
   * the timer's own handler included, goes through here: an event scheduled without cancelling
   * the pending one would start a second chain of firings, each re-arming itself for good.
   */
  private rearmTimer(): void {
    const at = Math.min(this.rtoDeadline, this.rackDeadline, this.tlpDeadline);
    if (this.rtoEventAt <= at) return;
    if (this.rtoHandle >= 0) this.engine.cancel(this.rtoHandle);
    this.rtoEventAt = at;
    this.rtoHandle = this.engine.scheduleAt(at, SENDER_NODE, SENDER_NODE, this.kinds.rto);
  }
}

/** A power of two above the most segments that can be outstanding (the receive window). */
export function outstandingRingSize(cfg: Readonly<TcpConfig>): number {
  const windowSegs = Math.ceil(advertisedWindowBytes(cfg) / cfg.mssBytes) + 2;
  let size = 64;
  while (size < windowSegs) size *= 2;
  return size;
}
