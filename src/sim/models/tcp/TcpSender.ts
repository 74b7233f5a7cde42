/**
 * The sending end of one TCP connection: slow start and congestion avoidance (RFC 5681), fast
 * retransmit on three duplicate ACKs, fast recovery as NewReno (RFC 6582) or plain Reno, the
 * retransmission timer (RFC 6298, with Karn's rule and back-off) and the peer's receive window.
 *
 * Sequence numbers count segments, not bytes: every segment but the last is full-size, so the
 * two are interchangeable and whole numbers keep the hot path simple. cwnd and ssthresh are in
 * bytes as in the RFCs. No SACK, no limited transmit: the closed forms model exactly this.
 */
import type { Engine } from '../../engine/Engine';
import { RtoEstimator } from './RtoEstimator';
import { DATA_DIR, type TcpPath } from './TcpPath';
import { advertisedWindowBytes, type TcpConfig } from './tcpConfig';
import { assertionsEnabled, fail } from '../../assert';

export const SENDER_NODE = 0;
export const RECEIVER_NODE = 1;

export interface TcpKinds {
  data: number;
  ack: number;
  rto: number;
  delayedAck: number;
}

/** Called on some ACKs (at most one per `sampleEveryNs`) for time series. */
export type AckSampler = (sender: TcpSender) => void;

export class TcpSender {
  /** oldest unacknowledged segment */
  una = 0;
  /** next segment to send (below `max` after a timeout: go-back-N) */
  next = 0;
  /** one past the highest segment ever sent */
  max = 0;
  cwndBytes: number;
  ssthreshBytes = Infinity;
  inRecovery = false;
  /** `max` when recovery or the last timeout began (RFC 6582's recover, one past it) */
  private recover = 0;
  private dupAcks = 0;
  private firstPartialAck = false;
  /** consecutive timeouts of the same segment: ssthresh is only cut by the first */
  private timeoutsInRow = 0;
  /** the one segment being timed (BSD style), or −1 */
  private timedSeg = -1;
  private timedAtNs = 0;
  readonly rto: RtoEstimator;
  /** when the timer should fire; Infinity while stopped */
  private rtoDeadline = Infinity;
  /** the pending timer event (fires at or before the deadline, then re-arms lazily) */
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

  // Counters, read by the runner.
  segmentsSent = 0;
  retransmits = 0;
  fastRetransmits = 0;
  timeouts = 0;
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
  ) {
    this.mss = cfg.mssBytes;
    this.cwndBytes = cfg.initialWindowSegments * cfg.mssBytes;
    this.windowBytes = advertisedWindowBytes(cfg);
    this.lastSegBytes = Number.isFinite(totalSegs)
      ? totalBytes - (totalSegs - 1) * cfg.mssBytes
      : cfg.mssBytes;
    this.rto = new RtoEstimator(cfg.minRtoNs, cfg.maxRtoNs, cfg.initialRtoNs, cfg.rtoStyle);
  }

  start(): void {
    this.trySend();
  }

  /** Bytes sent and not yet acknowledged (RFC 5681's FlightSize). */
  get flightBytes(): number {
    return (this.next - this.una) * this.mss;
  }

  onAck(ack: number): void {
    this.acksReceived++;
    if (ack > this.una) this.newAck(ack);
    else if (ack === this.una && this.una < this.max) this.dupAck();
    else return;
    if (this.engine.now >= this.nextSampleAt && this.sampler !== null) {
      this.sampler(this);
      this.nextSampleAt = this.engine.now + this.sampleEveryNs;
    }
    this.trySend();
    if (assertionsEnabled) this.checkInvariants();
  }

  onRtoTimer(): void {
    this.rtoHandle = -1;
    this.rtoEventAt = Infinity;
    if (this.rtoDeadline === Infinity) return;
    if (this.engine.now < this.rtoDeadline) {
      this.scheduleRtoEvent(this.rtoDeadline);
      return;
    }
    this.timeout();
  }

  private newAck(ack: number): void {
    const mss = this.mss;
    const ackedBytes = (ack - this.una) * mss;
    this.una = ack;
    if (this.next < ack) this.next = ack;
    this.timeoutsInRow = 0;
    if (this.timedSeg >= 0 && ack > this.timedSeg) {
      this.rto.sample(this.engine.now - this.timedAtNs);
      this.timedSeg = -1;
    }
    if (ack >= this.totalSegs) {
      this.doneAtNs = this.engine.now;
      this.inRecovery = false;
      this.rtoDeadline = Infinity;
      return;
    }
    if (this.inRecovery) {
      if (ack >= this.recover) {
        // Full ACK: leave recovery without releasing a burst (RFC 6582 3.2 step 3, option 1).
        this.inRecovery = false;
        this.dupAcks = 0;
        this.cwndBytes = Math.min(this.ssthreshBytes, Math.max(this.flightBytes, mss) + mss);
      } else if (this.cfg.variant === 'newreno') {
        // Partial ACK: the next hole is lost too; resend it and stay in recovery.
        this.sendSegment(this.una);
        this.retransmits++;
        this.cwndBytes = Math.max(this.cwndBytes - ackedBytes + mss, mss);
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
        this.cwndBytes = this.ssthreshBytes;
      }
    } else {
      this.dupAcks = 0;
      if (this.cwndBytes < this.ssthreshBytes)
        this.cwndBytes += Math.min(ackedBytes, this.cfg.abcLimitSegments * mss);
      else this.cwndBytes += (mss * mss) / this.cwndBytes;
    }
    // RFC 6298 5.2 / 5.3: restart the timer while data is outstanding, stop it when none is.
    if (this.una < this.max) this.armRto(this.engine.now + this.rto.rtoNs);
    else this.rtoDeadline = Infinity;
  }

  private dupAck(): void {
    this.dupAcksReceived++;
    this.dupAcks++;
    if (this.inRecovery) {
      // Each duplicate means a segment left the network: inflate to keep the ACK clock going.
      this.cwndBytes += this.mss;
      return;
    }
    if (this.dupAcks !== 3) return;
    // NewReno: duplicates for data sent before the last timeout or recovery are not a new loss.
    if (this.cfg.variant === 'newreno' && this.una < this.recover) return;
    this.ssthreshBytes = Math.max(this.flightBytes / 2, 2 * this.mss);
    this.recover = this.max;
    this.inRecovery = true;
    this.firstPartialAck = true;
    this.fastRetransmits++;
    this.retransmits++;
    this.sendSegment(this.una);
    this.cwndBytes = this.ssthreshBytes + 3 * this.mss;
  }

  private timeout(): void {
    this.timeouts++;
    if (this.timeoutsInRow === 0) this.ssthreshBytes = Math.max(this.flightBytes / 2, 2 * this.mss);
    this.timeoutsInRow++;
    this.cwndBytes = this.mss;
    this.recover = this.max;
    this.inRecovery = false;
    this.dupAcks = 0;
    this.next = this.una;
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
    if (!(this.cwndBytes >= this.mss))
      fail(`tcp sender: cwnd ${this.cwndBytes} B is below one segment (${this.mss} B)`);
  }

  /** Sends what the window allows now that `supplySegs` has risen. */
  wake(): void {
    this.trySend();
  }

  /** Sends what the smaller of cwnd and the peer's window allows. */
  private trySend(): void {
    const limit = Math.min(this.cwndBytes, this.windowBytes) + 1e-6;
    const mss = this.mss;
    const end = Math.min(this.totalSegs, this.supplySegs);
    while (this.next < end && (this.next - this.una + 1) * mss <= limit) {
      if (this.next < this.max) this.retransmits++;
      this.sendSegment(this.next);
      this.next++;
      if (this.next > this.max) this.max = this.next;
    }
    // RFC 6298 5.1: a segment is out and the timer is not running: start it.
    if (this.una < this.max && this.rtoDeadline === Infinity)
      this.armRto(this.engine.now + this.rto.rtoNs);
  }

  private sendSegment(seg: number): void {
    this.segmentsSent++;
    if (seg >= this.max) {
      if (this.timedSeg < 0) {
        this.timedSeg = seg;
        this.timedAtNs = this.engine.now;
      }
    } else {
      // Karn: a retransmission makes any sample in progress ambiguous.
      this.timedSeg = -1;
    }
    const bytes = seg === this.totalSegs - 1 ? this.lastSegBytes : this.mss;
    this.path.send(
      DATA_DIR,
      bytes + this.cfg.headerBytes,
      SENDER_NODE,
      RECEIVER_NODE,
      this.kinds.data,
      seg,
    );
  }

  /** Sets the deadline; the pending event is reused unless it would fire too late. */
  private armRto(deadline: number): void {
    this.rtoDeadline = deadline;
    if (this.rtoEventAt <= deadline) return;
    if (this.rtoHandle >= 0) this.engine.cancel(this.rtoHandle);
    this.scheduleRtoEvent(deadline);
  }

  private scheduleRtoEvent(at: number): void {
    this.rtoEventAt = at;
    this.rtoHandle = this.engine.scheduleAt(at, SENDER_NODE, SENDER_NODE, this.kinds.rto);
  }
}
