/**
 * The waterfall view's history of a run: the page loads folded from the frames' observations
 * (pageloadFold.ts). A new run (time going back) starts it over. A rune class: `state` is
 * replaced whole when it changes, so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { FrameFollower } from '../../charts/frameFollower';
import { EMPTY_PAGELOAD, foldPageload, type PageloadState } from './pageloadFold';

export class PageloadHistory {
  state = $state.raw<PageloadState>(EMPTY_PAGELOAD);
  private readonly follower = new FrameFollower();

  /** Takes a frame; true when it was new. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.follower.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') this.state = EMPTY_PAGELOAD;
    this.state = foldPageload(this.state, frame.observations ?? []);
    return true;
  }
}
