/**
 * The receiving end: cumulative ACKs, out-of-order segments kept (a bitmap over the window),
 * and optionally delayed ACKs (RFC 1122 / 5681): one ACK per two full segments, or when the
 * delayed-ACK timer runs out, but at once for out-of-order data, duplicates and gap fills, which
 * fast retransmit depends on. The application reads at once, so the window offered is constant.
 */
import type { Engine } from '../../engine/Engine';
import { assert } from '../../util/assert';
import { ACK_DIR, type TcpPath } from './TcpPath';
import { RECEIVER_NODE, SENDER_NODE, type TcpKinds } from './TcpSender';
import { advertisedWindowBytes, type TcpConfig } from './tcpConfig';

export class TcpReceiver {
  /** next segment expected: everything before it has arrived */
  rcvNext = 0;
  /** simulated time the last segment arrived in order, or −1 */
  doneAtNs = -1;
  acksSent = 0;
  segmentsReceived = 0;
  /** Called with the new rcvNext whenever in-order data advances (a relay forwards it). */
  onAdvance: ((rcvNext: number) => void) | null = null;
  private readonly held: Uint8Array;
  private readonly mask: number;
  private heldCount = 0;
  /** in-order segments not yet acknowledged (0 or 1 with delayed ACKs) */
  private unacked = 0;
  private delackDeadline = Infinity;
  private delackPending = false;

  constructor(
    private readonly engine: Engine,
    private readonly cfg: Readonly<TcpConfig>,
    private readonly path: TcpPath,
    private readonly kinds: TcpKinds,
    private readonly totalSegs: number,
  ) {
    // The sender never has more than a window outstanding, so a ring that size never wraps.
    const windowSegs = Math.ceil(advertisedWindowBytes(cfg) / cfg.mssBytes) + 2;
    let size = 64;
    while (size < windowSegs) size *= 2;
    this.held = new Uint8Array(size);
    this.mask = size - 1;
  }

  onData(seg: number): void {
    this.segmentsReceived++;
    if (seg === this.rcvNext) {
      let next = seg + 1;
      let filledGap = false;
      while (this.heldCount > 0 && this.held[next & this.mask] === 1) {
        this.held[next & this.mask] = 0;
        this.heldCount--;
        next++;
        filledGap = true;
      }
      this.rcvNext = next;
      if (next >= this.totalSegs && this.doneAtNs < 0) this.doneAtNs = this.engine.now;
      if (this.onAdvance !== null) this.onAdvance(next);
      if (!this.cfg.delayedAck || filledGap || this.heldCount > 0 || this.unacked > 0)
        this.sendAck();
      else {
        this.unacked = 1;
        this.armDelayedAck();
      }
    } else {
      if (seg > this.rcvNext && this.held[seg & this.mask] === 0) {
        assert(seg - this.rcvNext <= this.mask, `segment ${seg} is beyond the receive window`);
        this.held[seg & this.mask] = 1;
        this.heldCount++;
      }
      // Out of order or a duplicate: ACK at once so the sender sees the duplicates.
      this.sendAck();
    }
  }

  onDelayedAckTimer(): void {
    this.delackPending = false;
    if (this.unacked === 0) return;
    if (this.engine.now < this.delackDeadline) {
      this.scheduleTimer(this.delackDeadline);
      return;
    }
    this.sendAck();
  }

  private sendAck(): void {
    this.unacked = 0;
    this.delackDeadline = Infinity;
    this.acksSent++;
    this.path.send(
      ACK_DIR,
      this.cfg.headerBytes,
      RECEIVER_NODE,
      SENDER_NODE,
      this.kinds.ack,
      this.rcvNext,
    );
  }

  /** A pending timer event is reused: it fires, finds a later deadline and re-arms. */
  private armDelayedAck(): void {
    this.delackDeadline = this.engine.now + this.cfg.delayedAckTimeoutNs;
    if (!this.delackPending) this.scheduleTimer(this.delackDeadline);
  }

  private scheduleTimer(at: number): void {
    this.delackPending = true;
    this.engine.scheduleAt(at, RECEIVER_NODE, RECEIVER_NODE, this.kinds.delayedAck);
  }
}
