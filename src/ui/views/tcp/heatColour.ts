/**
 * The heat map's colours: viridis (perceptually even, readable in grey and by colour-blind
 * readers) at a position 0…1, and for each cell the ink, black or white, that stands out more
 * from it (WCAG contrast), so every number can be read.
 */
const VIRIDIS = ['#440154', '#3b528b', '#21918c', '#5ec962', '#fde725'];

export function viridis(x: number): [number, number, number] {
  const s = Math.min(VIRIDIS.length - 1.0001, Math.max(0, x * (VIRIDIS.length - 1)));
  const k = Math.floor(s);
  const f = s - k;
  const a = hexRgb(VIRIDIS[k]);
  const b = hexRgb(VIRIDIS[k + 1]);
  return a.map((v, i) => Math.round(v + (b[i] - v) * f)) as [number, number, number];
}

/** Relative luminance (WCAG 2). */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever contrasts more with the colour. */
export function inkOn(rgb: readonly number[]): '#000' | '#fff' {
  return contrast(rgb, [0, 0, 0]) >= contrast(rgb, [255, 255, 255]) ? '#000' : '#fff';
}

export const rgb = (c: readonly number[]) => `rgb(${c.join(',')})`;

/** A `#rrggbb` colour as numbers. */
export const hexRgb = (c: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number];
