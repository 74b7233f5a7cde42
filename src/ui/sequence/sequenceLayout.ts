/**
 * A sequence (time–space) diagram's geometry: lanes spread across the width, time flowing down
 * the height at one scale, so an arrow's slope is the message's latency. Pure: a Sequence, the
 * box's size and the current simulated time in, coordinates out (tests/ui/sequence).
 */
import type { Sequence, SeqMessage } from './sequence';

export interface Box {
  width: number;
  height: number;
  /** the text size, px (lane titles and labels are sized from it) */
  fontPx: number;
}

export interface LaneGeometry {
  key: string;
  x: number;
  role: string;
  place: string;
  /** the row of lane titles this lane's title is in (0 the top; 1 only when they alternate) */
  row: 0 | 1;
}

export interface ArrowGeometry {
  x1: number;
  y1: number;
  /** where the arrow ends now: the receiver, a point on the way, or the cross of a loss */
  x2: number;
  y2: number;
  /** still on its way: the arrow grows with simulated time */
  moving: boolean;
  lost: boolean;
  kind: string;
  message: SeqMessage;
  /** the label's centre, or null when it would cover another label */
  label: { x: number; y: number; text: string } | null;
}

export interface WaitGeometry {
  x: number;
  y1: number;
  y2: number;
  label: string;
}

export interface Tick {
  y: number;
  label: string;
}

export interface SequenceLayout {
  lanes: LaneGeometry[];
  /**
   * The lane titles' text size, px, and their rows: one row while the lanes are far enough
   * apart for titles at nearly the box's text size, else two (every other lane's title a row
   * lower, so each has the room of two lanes) rather than titles too small to read in a hall.
   */
  title: { px: number; rows: 1 | 2 };
  arrows: ArrowGeometry[];
  waits: WaitGeometry[];
  ticks: Tick[];
  /** the plot's top and bottom (lane lines run between them) and its left edge */
  top: number;
  bottom: number;
  left: number;
  /** y of the current time, when the diagram runs down to it; else null */
  nowY: number | null;
  /** ns per px: how many simulated ns one pixel down stands for */
  nsPerPx: number;
}

/** The shortest span the axis shows, so the first message does not fill the whole height. */
const MIN_SPAN_NS = 1e6;

export function layoutSequence(seq: Sequence, box: Box, nowNs: number): SequenceLayout {
  const f = box.fontPx;
  // Left: the time axis's labels ("1,000 ms" at most 8 characters).
  const left = Math.round(f * 4.6);
  const right = Math.round(f * 0.8);
  const n = seq.lanes.length;
  const gap = n > 1 ? (box.width - left - right) / (n - 1) : 0;
  // Lane titles are centred on their lines; the outer ones need half a gap of room inside.
  // (A bold glyph is about 0.6 em wide.)
  const widest = Math.max(0, ...seq.lanes.map((l) => Math.max(l.role.length, l.place.length)));
  const inset =
    n > 1 ? Math.min(gap / 2, Math.max(f * 3, widest * f * 0.3)) : (box.width - left - right) / 2;
  const span = box.width - left - right - 2 * (n > 1 ? inset : 0);
  const title = laneTitles(n, n > 1 ? span / (n - 1) : Infinity, f, titleEms(seq));
  // Top: two lines of lane title per row of titles.
  const top = Math.round(Math.max(f * 3.2, title.rows * title.px * 2.5 + f * 0.6));
  const bottom = Math.max(top + 1, box.height - Math.round(f * 0.8));

  const t0 = seq.startNs;
  const end = seq.open ? Math.max(seq.endNs, nowNs) : seq.endNs;
  const t1 = Math.max(end, t0 + MIN_SPAN_NS);
  const nsPerPx = (t1 - t0) / (bottom - top);
  const y = (t: number) => top + (t - t0) / nsPerPx;

  const laneX = new Map<string, number>();
  const lanes = seq.lanes.map((l, i): LaneGeometry => {
    const x = n > 1 ? left + inset + (span * i) / (n - 1) : left + inset;
    laneX.set(l.key, x);
    return {
      key: l.key,
      x,
      role: l.role,
      place: l.place,
      row: title.rows === 2 ? ((i % 2) as 0 | 1) : 0,
    };
  });

  const placed: Rect[] = [];
  const arrows: ArrowGeometry[] = [];
  for (const m of seq.messages) {
    const a = arrowOf(m, laneX, y, nowNs);
    if (a) arrows.push(a);
  }
  // Labels last, earliest first, each where it covers no earlier one.
  for (const a of arrows) a.label = placeLabel(a, f, placed);

  const waits = seq.waits
    .filter((w) => laneX.has(w.lane) && w.fromNs <= nowNs)
    .map((w) => ({
      x: laneX.get(w.lane)!,
      y1: y(w.fromNs),
      y2: y(Math.min(w.toNs, nowNs)),
      label: w.label,
    }));

  return {
    lanes,
    title,
    arrows,
    waits,
    ticks: timeTicks(t0, t1, seq.zeroNs, y, f * 2.8, nsPerPx),
    top,
    bottom,
    left,
    nowY: seq.open && nowNs >= t0 && nowNs <= t1 ? y(nowNs) : null,
    nsPerPx,
  };
}

/** A lane title ("top-level" over "10.0.0.6–8") is about 5.4 em wide. */
const TITLE_EMS = 5.4;
/**
 * Titles in one row down to this share of the box's text size (16 px of presenter mode's
 * 20.8); below it, two rows.
 */
const ONE_ROW_DOWN_TO = 0.75;

/**
 * How wide the widest lane title is, in ems of the title's size, with room to spare between
 * neighbours: the role in bold (about 0.62 em a character), the place under it at 0.9 of the
 * size (about 0.58 em).
 */
function titleEms(seq: Sequence): number {
  const widest = Math.max(
    0,
    ...seq.lanes.map((l) => Math.max(l.role.length * 0.62, l.place.length * 0.9 * 0.58)),
  );
  return Math.max(TITLE_EMS, widest + 0.8);
}

/**
 * The lane titles' size and rows for lanes `gap` px apart, titles `ems` wide at most (see
 * SequenceLayout.title).
 */
export function laneTitles(
  lanes: number,
  gap: number,
  fontPx: number,
  ems = TITLE_EMS,
): SequenceLayout['title'] {
  const oneRow = Math.min(fontPx, gap / ems);
  if (lanes <= 2 || oneRow >= fontPx * ONE_ROW_DOWN_TO) return { px: oneRow, rows: 1 };
  return { px: Math.min(fontPx, (2 * gap) / ems), rows: 2 };
}

function arrowOf(
  m: SeqMessage,
  laneX: Map<string, number>,
  y: (t: number) => number,
  nowNs: number,
): ArrowGeometry | null {
  const xa = laneX.get(m.from);
  const xb = laneX.get(m.to);
  if (xa === undefined || xb === undefined || m.sentNs > nowNs) return null;
  const base = { x1: xa, y1: y(m.sentNs), kind: m.kind, message: m, label: null };
  const along = (fraction: number, t: number) => ({ x2: xa + (xb - xa) * fraction, y2: y(t) });

  if (m.lost) {
    // A loss is drawn where it happened once that time has come; before that the message moves.
    const lostNs = m.lostNs ?? m.sentNs;
    const fraction = m.lostAlong ?? 0.5;
    if (nowNs >= lostNs) return { ...base, ...along(fraction, lostNs), moving: false, lost: true };
  }
  const arrive = m.lost ? null : m.arriveNs;
  if (arrive !== null && arrive <= nowNs)
    return { ...base, x2: xb, y2: y(arrive), moving: false, lost: false };
  // On its way: as far along as its (known or expected) arrival says; unknown, it waits.
  const eta = arrive ?? m.expectedNs;
  if (eta === null || eta <= m.sentNs) return null;
  const fraction = Math.min(1, (nowNs - m.sentNs) / (eta - m.sentNs));
  return { ...base, ...along(fraction, Math.min(nowNs, eta)), moving: true, lost: false };
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Where along the arrow its label goes: the middle if free, else nearer an end, else nowhere. */
function placeLabel(a: ArrowGeometry, fontPx: number, placed: Rect[]): ArrowGeometry['label'] {
  const text = a.message.label;
  if (!text) return null;
  const size = fontPx * 0.85;
  // An average glyph of the UI font is about 0.55 em wide.
  const w = text.length * size * 0.55;
  const h = size * 1.2;
  for (const t of [0.5, 0.35, 0.65, 0.2, 0.8]) {
    const x = a.x1 + (a.x2 - a.x1) * t;
    const yy = a.y1 + (a.y2 - a.y1) * t;
    const r = { x: x - w / 2, y: yy - h / 2, w, h };
    if (placed.some((p) => overlaps(p, r))) continue;
    placed.push(r);
    return { x, y: yy, text };
  }
  return null;
}

/** Round steps (1, 2 or 5 × 10^k ms) at least `minGapPx` apart, labelled from `zeroNs`. */
export function timeTicks(
  t0: number,
  t1: number,
  zeroNs: number,
  y: (t: number) => number,
  minGapPx: number,
  nsPerPx: number,
): Tick[] {
  const minStep = minGapPx * nsPerPx;
  let step = 1e3; // 1 µs
  for (;;) {
    const k = [1, 2, 5].find((m) => m * step >= minStep);
    if (k !== undefined) {
      step *= k;
      break;
    }
    step *= 10;
  }
  const ticks: Tick[] = [];
  const first = Math.ceil((t0 - zeroNs) / step) * step;
  for (let rel = first; zeroNs + rel <= t1 + 1e-6; rel += step) {
    ticks.push({ y: y(zeroNs + rel), label: tickLabel(rel, step) });
    if (ticks.length > 200) break;
  }
  return ticks;
}

/** "0", "50 ms", "1.5 s": as many decimals as the step needs. */
function tickLabel(ns: number, step: number): string {
  if (ns === 0) return '0';
  const ms = ns / 1e6;
  const stepMs = step / 1e6;
  if (Math.abs(ms) >= 1000 && stepMs >= 100) {
    const digits = stepMs >= 1000 ? 0 : 1;
    return `${(ms / 1000).toFixed(digits)} s`;
  }
  const digits = stepMs >= 1 ? 0 : Math.ceil(-Math.log10(stepMs));
  return `${ms.toFixed(digits)} ms`;
}
