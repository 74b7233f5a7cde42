/**
 * What the sandbox's charts keep from the frames: the rates between frames (RateHistory), the
 * percentiles of each simulated second (CrowdHistory), and marks where nodes failed or came
 * back. A rune class: each is replaced whole when it changes, so what reads it follows. A frame
 * earlier than the last one means a new run: the marks start over with the histories.
 */
import type { RuntimeFrame } from '@runtime/frame';
import { RateHistory } from '../charts/history.svelte';
import { CrowdHistory } from '../charts/crowdHistory.svelte';
import { MarkList } from '../charts/chartMarks';
import { NodeStateMarks } from '../charts/changeMarks';
import { FrameFollower } from '../charts/frameFollower';

export class SandboxHistory {
  readonly rates = new RateHistory();
  readonly seconds = new CrowdHistory();
  /** where nodes failed or came back */
  readonly failures = new MarkList(1);
  private readonly nodeStates = new NodeStateMarks();
  private readonly frames = new FrameFollower();

  add(frame: RuntimeFrame): void {
    const turn = this.frames.follow(frame);
    if (turn === 'seen') return;
    if (turn === 'restart') {
      this.failures.clear();
      this.nodeStates.forget();
    }
    const mark = this.nodeStates.take(frame.nodeUp, frame.timeNs);
    if (mark) this.failures.add(mark.t, mark.label);
    this.rates.add(frame);
    this.seconds.add(frame);
  }
}
