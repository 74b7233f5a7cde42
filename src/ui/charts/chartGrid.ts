/**
 * How many columns a box's charts go in: the choice that gives each chart the most room for a
 * readable plot (a plot wants about twice as wide as high, after its title and legend take
 * `chrome` px; narrower than `minWidth` px a chart is of no use). A wide, low stage puts charts
 * side by side; a tall one stacks them.
 */
export function chartColumns(
  charts: number,
  width: number,
  height: number,
  minWidth = 280,
  chrome = 80,
): number {
  if (charts <= 1 || width <= 0 || height <= 0) return 1;
  let best = 1;
  let bestScore = -1;
  for (let c = 1; c <= charts; c++) {
    const w = width / c;
    if (c > 1 && w < minWidth) break;
    const h = height / Math.ceil(charts / c) - chrome;
    const score = Math.min(w, 2 * h);
    if (score > bestScore + 1e-9) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
