/**
 * Windowing for long lists: which rows of a fixed-row-height list a scroll position shows. Only
 * those rows (plus a few either side) are in the page, so a log of thousands of entries costs
 * the browser no more layout than a screenful.
 */
export interface RowWindow {
  /** first row to render */
  start: number;
  /** one past the last row to render */
  end: number;
  /** empty space above and below the rendered rows, px */
  padTop: number;
  padBottom: number;
}

export function visibleRows(
  scrollTop: number,
  viewportPx: number,
  rowPx: number,
  count: number,
  overscan = 5,
): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowPx);
  const start = Math.max(0, Math.min(count, first - overscan));
  const end = Math.min(count, first + Math.ceil(viewportPx / rowPx) + overscan);
  return { start, end, padTop: start * rowPx, padBottom: (count - end) * rowPx };
}

/** Whether a scrolled box is at (or within a row of) its bottom: then it should follow new rows. */
export function atBottom(scrollTop: number, viewportPx: number, contentPx: number, rowPx: number) {
  return scrollTop + viewportPx >= contentPx - rowPx;
}
