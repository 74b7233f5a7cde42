/**
 * The receiving end: cumulative ACKs, out-of-order segments kept (a bitmap over the window),
 * SACK blocks if the connection uses them (RFC 2018), and optionally delayed ACKs (RFC 1122 / 5681): one ACK per two full segments, or when the
 * delayed-ACK timer runs out, but at once for out-of-order data, duplicates and gap fills, which
 * fast retransmit depends on. The application reads at once, so the window offered is constant.
 */
import type { Engine } from '../../engine/Engine';
import { assert } from '../../util/assert';
import { ACK_DIR, type TcpPath } from './TcpPath';
import { RECEIVER_NODE, SENDER_NODE, type TcpKinds } from './TcpSender';
import { advertisedWindowBytes, type TcpConfig } from './tcpConfig';
import { MAX_SACK_BLOCKS, type SackBlock, type SackBlockQueue } from './SackBlocks';

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
  /**
   * One segment of each block reported lately, most recent first: RFC 2018 wants the block
   * holding the latest arrival first, then the others in the order they last changed.
   */
  private recentBlocks: number[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly cfg: Readonly<TcpConfig>,
    private readonly path: TcpPath,
    private readonly kinds: TcpKinds,
    private readonly totalSegs: number,
    /** where the SACK blocks of each ACK go; null: the connection does not use SACK */
    private readonly sackOut: SackBlockQueue | null = null,
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
        if (this.sackOut !== null) this.recentBlocks.unshift(seg);
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
    const blocks = this.sackOut !== null ? this.sackBlocks() : null;
    const sent = this.path.send(
      ACK_DIR,
      this.cfg.headerBytes,
      RECEIVER_NODE,
      SENDER_NODE,
      this.kinds.ack,
      this.rcvNext,
    );
    if (sent && blocks !== null) this.sackOut!.push(blocks);
  }

  /** The blocks above rcvNext, the latest arrival's first, at most MAX_SACK_BLOCKS. */
  private sackBlocks(): SackBlock[] {
    const out: SackBlock[] = [];
    const kept: number[] = [];
    if (this.heldCount === 0) {
      this.recentBlocks.length = 0;
      return out;
    }
    const held = (x: number) => this.held[x & this.mask] === 1;
    const top = this.rcvNext + this.mask;
    for (const rep of this.recentBlocks) {
      if (out.length === MAX_SACK_BLOCKS) break;
      if (rep < this.rcvNext || !held(rep)) continue;
      let start = rep;
      while (start > this.rcvNext && held(start - 1)) start--;
      if (out.some((b) => b[0] === start)) continue;
      let end = rep + 1;
      while (end < top && held(end)) end++;
      out.push([start, end]);
      kept.push(rep);
    }
    this.recentBlocks = kept;
    return out;
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
