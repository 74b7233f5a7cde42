/**
 * The timeline's state: its head stays where the run got to when the run goes back; frames of a
 * replay are not new (a lab's machine must not hear a moment twice), and a frame that crosses the
 * head again keeps only the observations after it; notable observations become marks; a change
 * at an earlier moment ends the run so far there.
 */
import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import { TimelineState } from '../../../src/ui/session/timelineState.svelte';
import { timelineStepNs, formatStep } from '../../../src/ui/controls/timelineStep';

const withdrawn = (timeNs: number) => ({ type: 'sim.serverWithdrawn', withdrawn: true, timeNs });

function frame(timeNs: number, observations: unknown[] = []): RuntimeFrame {
  return {
    timeNs,
    executed: 0,
    eventsPerShard: [0],
    busyMsPerShard: [0],
    counters: {},
    digest: '',
    log: { entries: [], skipped: 0 },
    nodeLoad: new Float32Array(0),
    nodeUp: new Uint8Array(0),
    percentiles: {},
    observations,
  };
}

describe('the timeline state', () => {
  it('keeps its head and hears each moment once when the run goes back and plays on', () => {
    const t = new TimelineState();
    const first = frame(1e9, [withdrawn(0.5e9)]);
    t.take(first);
    t.take(frame(3e9, [withdrawn(2e9)]));
    expect(t.fresh?.timeNs).toBe(3e9);
    expect(t.marks.map((m) => m.timeNs)).toEqual([0.5e9, 2e9]);

    t.wentBack();
    expect(t.reviewing).toBe(true);
    t.take(frame(1e9, [withdrawn(0.5e9)]));
    t.take(frame(2.5e9, [withdrawn(2e9)]));
    expect(t.headNs).toBe(3e9);
    expect(t.fresh?.timeNs).toBe(3e9); // the replay's frames are not new
    expect(t.marks).toHaveLength(2);

    // Playing on past the head: only what came after it is new.
    t.take(frame(4e9, [withdrawn(2.9e9), withdrawn(3.5e9)]));
    expect(t.reviewing).toBe(false);
    expect(t.fresh?.timeNs).toBe(4e9);
    expect(t.fresh?.observations).toEqual([withdrawn(3.5e9)]);
    expect(t.marks.map((m) => m.timeNs)).toEqual([0.5e9, 2e9, 3.5e9]);
    expect(t.marks[0].label).toMatch(/taken out/);
  });

  it('ends the run so far where a change is made at an earlier moment', () => {
    const t = new TimelineState();
    t.take(frame(5e9, [withdrawn(1e9), withdrawn(4e9)]));
    t.wentBack();
    t.take(frame(2e9));
    t.cut(2e9);
    expect(t.headNs).toBe(2e9);
    expect(t.marks.map((m) => m.timeNs)).toEqual([1e9]);
    // What comes next is new again.
    t.take(frame(3e9, [withdrawn(2.5e9)]));
    expect(t.fresh?.timeNs).toBe(3e9);
    expect(t.marks.map((m) => m.timeNs)).toEqual([1e9, 2.5e9]);
  });
});

describe('the timeline step', () => {
  it('is about a tenth of the run so far, a round figure, never under a millisecond', () => {
    expect(timelineStepNs(60e9)).toBe(5e9);
    expect(timelineStepNs(2e9)).toBe(200e6);
    expect(timelineStepNs(45 * 60e9)).toBe(200e9);
    expect(timelineStepNs(0)).toBe(1e6);
    expect(formatStep(5e9)).toBe('5 s');
    expect(formatStep(200e6)).toBe('200 ms');
    expect(formatStep(300e9)).toBe('5 min');
  });
});
