/**
 * Marks gathered over a run, one per kind of event and moment: events of one label closer than
 * `mergeS` to the last mark of that label are counted into it ("withdrawn ×3") rather than
 * drawn again, so a flapping threshold does not paint the chart over. At most `capacity` kept.
 * `marks` is replaced whole at each change, so what reads it follows.
 */
import type { ChartMark } from './chartMarks';

export class MarkList {
  marks = $state.raw<readonly ChartMark[]>([]);
  private counts: number[] = [];
  private base: string[] = [];

  constructor(
    readonly mergeS = 2,
    readonly capacity = 60,
  ) {}

  add(t: number, label: string): void {
    const marks = this.marks;
    for (let i = marks.length - 1; i >= 0; i--) {
      if (t - marks[i].t > this.mergeS) break;
      if (this.base[i] === label) {
        this.counts[i]++;
        const next = marks.slice();
        next[i] = { t: marks[i].t, label: `${label} ×${this.counts[i]}` };
        this.marks = next;
        return;
      }
    }
    const over = Math.max(0, marks.length + 1 - this.capacity);
    this.marks = [...marks.slice(over), { t, label }];
    this.counts = [...this.counts.slice(over), 1];
    this.base = [...this.base.slice(over), label];
  }

  clear(): void {
    if (this.marks.length > 0) this.marks = [];
    this.counts = [];
    this.base = [];
  }
}
