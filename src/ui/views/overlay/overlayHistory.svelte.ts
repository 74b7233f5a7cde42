/**
 * The overlay view's history of a run: the folded observations (overlayFold.ts) and marks where
 * nodes failed or came back (from the frames' node states). A new run (time going back) starts
 * it over. A rune class: `state` is replaced whole when it changes, so what reads it follows.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { FrameFollower } from '../../charts/frameFollower';
import { MarkList } from '../../charts/chartMarks';
import { NodeStateMarks } from '../../charts/changeMarks';
import { EMPTY_OVERLAY, foldOverlay, type OverlayState } from './overlayFold';

export class OverlayHistory {
  state = $state.raw<OverlayState>(EMPTY_OVERLAY);
  /** the run's time, s */
  nowS = $state(0);
  readonly failures = new MarkList(1);
  private readonly nodeStates = new NodeStateMarks();
  private readonly follower = new FrameFollower();

  /** Takes a frame; true when it was new. */
  add(frame: RuntimeFrame): boolean {
    const turn = this.follower.follow(frame);
    if (turn === 'seen') return false;
    if (turn === 'restart') this.clear();
    this.nowS = frame.timeNs / 1e9;
    this.state = foldOverlay(this.state, frame.observations ?? []);
    // (frames built by hand in tests carry no node states)
    const mark = frame.nodeUp ? this.nodeStates.take(frame.nodeUp, frame.timeNs) : null;
    if (mark) this.failures.add(mark.t, mark.label);
    return true;
  }

  private clear(): void {
    this.state = EMPTY_OVERLAY;
    this.failures.clear();
    this.nodeStates.forget();
  }
}
