/**
 * What a time-series chart draws besides its series: vertical marks where something happened
 * (a failure, a threshold crossed, a phase begun, a crowd's peak) and horizontal reference
 * lines for the theory or capacity the prose names. Both come from the simulation: marks from
 * the frames' observations or from the data, references from the model's own configuration or
 * closed forms.
 */

export interface ChartMark {
  /** simulated s */
  t: number;
  /** a few words, drawn at the top of the mark */
  label: string;
}

export interface ChartReference {
  value: number;
  /** what the line is, with its value: drawn beside the line */
  label: string;
  /** the same in full, for the text a screen reader reads, if the label leaves something out */
  description?: string;
  /** a CSS colour or a `--colour-…` property; the axis colour if absent */
  colour?: string;
}

export { MarkList } from './markList.svelte';

/** The marks and reference lines in words, for screen readers and the data table's caption. */
export function describeExtras(
  marks: readonly ChartMark[],
  references: readonly ChartReference[],
): string {
  const parts: string[] = [];
  if (references.length > 0)
    parts.push(`Reference lines: ${references.map((r) => r.description ?? r.label).join('; ')}.`);
  if (marks.length > 0)
    parts.push(`Marked: ${marks.map((m) => `${m.label} at ${m.t.toFixed(1)} s`).join('; ')}.`);
  return parts.join(' ');
}

/** One line of a time-series chart: which column of the points, how it is named and drawn. */
export interface ChartSeries<K extends string = string> {
  key: K;
  label: string;
  /** a CSS colour, or the name of a colour property such as `--colour-series-blue` */
  colour: string;
  dash?: number[];
  /** line width relative to the theme's (1 unless given) */
  width?: number;
  format: (v: number) => string;
  /**
   * false: left out of the legend above the plot (still in the data table and the CSV), for a
   * line the chart's caption explains, such as an earlier run's dotted copy of each series
   */
  legend?: boolean;
  /** drawn as steps (the value holds until the next point), for counts that change at once */
  stepped?: boolean;
  /** drawn across missing points (another run's copy, which may skip some of this run's times) */
  spanGaps?: boolean;
}
