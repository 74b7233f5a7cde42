import { describe, expect, it } from 'vitest';
import { MarkList, describeExtras } from '../../../src/ui/charts/chartMarks';
import { overlayRuns, runColumn } from '../../../src/ui/charts/overlay';
import { NodeStateMarks, commandLabel } from '../../../src/ui/charts/changeMarks';

describe('event marks', () => {
  it('counts events of one kind close together into one mark', () => {
    const m = new MarkList(2);
    m.add(10, 'server withdrawn');
    m.add(10.5, 'object spread');
    m.add(11, 'server withdrawn');
    m.add(11.5, 'server withdrawn');
    m.add(20, 'server withdrawn');
    expect(m.marks).toEqual([
      { t: 10, label: 'server withdrawn ×3' },
      { t: 10.5, label: 'object spread' },
      { t: 20, label: 'server withdrawn' },
    ]);
  });

  it('keeps at most its capacity, the newest', () => {
    const m = new MarkList(0, 3);
    for (let t = 0; t < 10; t++) m.add(t, 'x');
    expect(m.marks.map((x) => x.t)).toEqual([7, 8, 9]);
  });

  it('says the marks and reference lines in words', () => {
    const text = describeExtras(
      [{ t: 26, label: 'origin full' }],
      [{ value: 400, label: 'capacity 400/s', description: "the origin's capacity, 400/s" }],
    );
    expect(text).toContain("the origin's capacity, 400/s");
    expect(text).toContain('origin full at 26.0 s');
  });

  it('marks nodes failing and coming back from the frames’ node states', () => {
    const n = new NodeStateMarks();
    expect(n.take(Uint8Array.from([1, 1, 1, 1]), 0)).toBeNull();
    expect(n.take(Uint8Array.from([1, 0, 0, 1]), 5e9)).toEqual({ t: 5, label: '2 nodes failed' });
    expect(n.take(Uint8Array.from([1, 0, 0, 1]), 6e9)).toBeNull();
    expect(n.take(Uint8Array.from([1, 1, 0, 1]), 7e9)).toEqual({ t: 7, label: '1 node back' });
  });

  it('describes the commands that change what the charts show', () => {
    expect(commandLabel({ type: 'linkClass.set', linkClass: 'lastMile', lossRate: 0.02 })).toBe(
      'lastMile loss 2 %',
    );
    expect(commandLabel({ type: 'delivery.purge' })).toBe('caches purged');
    expect(commandLabel({ type: 'node.setUp', node: 3, up: false })).toBeNull();
  });
});

describe('runs overlaid', () => {
  it('joins runs on time, each under its own columns', () => {
    const now = [
      { t: 0, a: 1 },
      { t: 1, a: 2 },
    ];
    const before = [
      { t: 0, a: 10 },
      { t: 1, a: 20 },
      { t: 2, a: 30 },
    ];
    expect(overlayRuns(now, [before], ['a'])).toEqual([
      { t: 0, a: 1, [runColumn(0, 'a')]: 10 },
      { t: 1, a: 2, [runColumn(0, 'a')]: 20 },
      { t: 2, a: null, [runColumn(0, 'a')]: 30 },
    ]);
  });
});
