/**
 * How big the fleet's squares can be so that every server fits the box: each data centre is a
 * near-square block of squares, blocks wrap in rows, and the largest square size (in whole
 * pixels, between `min` and `max`) whose layout fits the width and height wins. With no room
 * even at `min`, `min` (the box then scrolls).
 */
export interface FleetLayout {
  /** a square's side, px */
  square: number;
  /** squares per row inside a data centre's block */
  columns: number;
}

const SQUARE_GAP = 1;
const BLOCK_PAD = 2; // border and padding, each side
const BLOCK_GAP = 4;

export function fleetLayout(
  groupSizes: readonly number[],
  width: number,
  height: number,
  min = 4,
  max = 28,
): FleetLayout {
  const largest = Math.max(1, ...groupSizes);
  const columns = Math.ceil(Math.sqrt(largest));
  const rowsIn = Math.ceil(largest / columns);
  for (let square = max; square > min; square--) {
    const blockW = columns * (square + SQUARE_GAP) + 2 * BLOCK_PAD;
    const blockH = rowsIn * (square + SQUARE_GAP) + 2 * BLOCK_PAD;
    const perRow = Math.floor((width + BLOCK_GAP) / (blockW + BLOCK_GAP));
    if (perRow < 1) continue;
    const rows = Math.ceil(groupSizes.length / perRow);
    if (rows * (blockH + BLOCK_GAP) - BLOCK_GAP <= height) return { square, columns };
  }
  return { square: min, columns };
}
