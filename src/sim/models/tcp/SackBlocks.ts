/**
 * SACK blocks (RFC 2018) travelling with the ACKs. An ACK event carries one number (the
 * cumulative ACK); its blocks ride in this queue beside it. ACKs of one connection cross the
 * path first in, first out (one FIFO bottleneck, one constant delay), so the sender takes the
 * blocks of each ACK that arrives in the order the receiver put them in; an ACK lost on the way
 * is never put in.
 */
export type SackBlock = readonly [start: number, end: number];

export class SackBlockQueue {
  private readonly items: (readonly SackBlock[])[] = [];
  private head = 0;

  push(blocks: readonly SackBlock[]): void {
    this.items.push(blocks);
  }

  take(): readonly SackBlock[] {
    const b = this.items[this.head++];
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return b ?? [];
  }
}

/** RFC 2018 allows four blocks; with the timestamp option (as Linux sends) three fit. */
export const MAX_SACK_BLOCKS = 3;
