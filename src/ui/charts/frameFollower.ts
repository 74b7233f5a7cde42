/**
 * How a chart history tells frames apart: the frame it has already taken (an effect re-running:
 * nothing to add, or the page loops), a frame earlier than the last (a new run: start over), or
 * the next one.
 */
import type { RuntimeFrame } from '@runtime/frame';

export type FrameTurn = 'seen' | 'restart' | 'next';

export class FrameFollower {
  private last: RuntimeFrame | null = null;
  private lastNs = -1;

  follow(frame: RuntimeFrame): FrameTurn {
    if (frame === this.last) return 'seen';
    const turn = frame.timeNs < this.lastNs ? 'restart' : 'next';
    this.last = frame;
    this.lastNs = frame.timeNs;
    return turn;
  }

  forget(): void {
    this.last = null;
    this.lastNs = -1;
  }
}
