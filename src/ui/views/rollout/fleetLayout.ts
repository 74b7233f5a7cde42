/**
 * How big the fleet's squares can be so that every server fits the box: each data centre is a
 * near-square block of squares, blocks wrap in rows, and the largest square size (in whole
 * pixels, between `min` and `max`) whose layout fits the width and height wins. With no room
 * even at `min`, `min` (the box then scrolls).
 */
export interface FleetLayout {
  /** a square's side, px */
  square: number;
  /** squares per row and rows inside every data centre's block (all blocks alike) */
  columns: number;
  rows: number;
}

const SQUARE_GAP = 1;
const BLOCK_PAD = 2; // border and padding, each side
const BLOCK_GAP = 4;

/** Whether blocks of `columns` × `rows` squares of side `square` fit the box. */
function fits(blocks: number, columns: number, rows: number, square: number, w: number, h: number) {
  const blockW = columns * (square + SQUARE_GAP) - SQUARE_GAP + 2 * BLOCK_PAD;
  const blockH = rows * (square + SQUARE_GAP) - SQUARE_GAP + 2 * BLOCK_PAD;
  const perRow = Math.floor((w + BLOCK_GAP) / (blockW + BLOCK_GAP));
  return perRow >= 1 && Math.ceil(blocks / perRow) * (blockH + BLOCK_GAP) - BLOCK_GAP <= h;
}

/**
 * The largest square (and the block shape that allows it: from one row to a near-square) at
 * which every data centre fits the box; blocks are all as big as the largest data centre needs.
 */
export function fleetLayout(
  groupSizes: readonly number[],
  width: number,
  height: number,
  min = 4,
  max = 28,
): FleetLayout {
  const largest = Math.max(1, ...groupSizes);
  const square0 = Math.ceil(Math.sqrt(largest));
  let best: FleetLayout = { square: min, columns: square0, rows: Math.ceil(largest / square0) };
  for (let columns = 1; columns <= largest; columns++) {
    const rows = Math.ceil(largest / columns);
    // Only the narrowest block for each row count.
    if (columns > 1 && Math.ceil(largest / (columns - 1)) === rows) continue;
    for (let square = max; square > best.square; square--)
      if (fits(groupSizes.length, columns, rows, square, width, height)) {
        best = { square, columns, rows };
        break;
      }
  }
  return best;
}
