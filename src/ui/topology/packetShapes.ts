/**
 * The shapes of the marks the packet overlay draws for messages, one per kind of message (see
 * PACKET_KINDS in packetMotion.ts), so that kinds differ by shape as well as by colour. Each is
 * traced as one closed path of a different make-up, centred on a point, of about radius r.
 */
export type PacketShape =
  | 'circle'
  | 'square'
  | 'triangle'
  | 'diamond'
  | 'star'
  | 'hexagon'
  | 'pentagon'
  | 'octagon'
  | 'ring'
  | 'cross'
  | 'arrow'
  | 'chevron'
  | 'tag';

/** Every shape, each drawn differently. */
export const PACKET_SHAPES: readonly PacketShape[] = [
  'circle',
  'square',
  'triangle',
  'diamond',
  'star',
  'hexagon',
  'pentagon',
  'octagon',
  'ring',
  'cross',
  'arrow',
  'chevron',
  'tag',
];

/** A regular polygon's corners, the first pointing up, at radius `scale`. */
function regular(n: number, scale = 1.15, turn = 0): [number, number][] {
  return Array.from({ length: n }, (_, k) => {
    const a = -Math.PI / 2 + turn + (2 * Math.PI * k) / n;
    return [scale * Math.cos(a), scale * Math.sin(a)];
  });
}

/** Corners of the polygon shapes, in units of r. */
const POLYGONS: Partial<Record<PacketShape, readonly [number, number][]>> = {
  triangle: [
    [0, -1.2],
    [1.1, 0.8],
    [-1.1, 0.8],
  ],
  diamond: [
    [0, -1.2],
    [1.2, 0],
    [0, 1.2],
    [-1.2, 0],
  ],
  pentagon: regular(5),
  hexagon: regular(6),
  octagon: regular(8, 1.1, Math.PI / 8),
  // Five points, alternating between an outer and an inner radius.
  star: regular(10, 1.35).map(([x, y], k) => (k % 2 === 0 ? [x, y] : [x * 0.5, y * 0.5])),
  // A diagonal cross (×) of twelve corners.
  cross: [
    [-1, -0.6],
    [-0.6, -1],
    [0, -0.4],
    [0.6, -1],
    [1, -0.6],
    [0.4, 0],
    [1, 0.6],
    [0.6, 1],
    [0, 0.4],
    [-0.6, 1],
    [-1, 0.6],
    [-0.4, 0],
  ].map(([x, y]) => [x * 1.2, y * 1.2]),
  // A flat-tipped chevron pointing down (an order going down to a server), nine corners.
  chevron: [
    [-1.2, -1],
    [-0.5, -1],
    [0, -0.3],
    [0.5, -1],
    [1.2, -1],
    [1.2, -0.5],
    [0.3, 0.9],
    [-0.3, 0.9],
    [-1.2, -0.5],
  ],
  // An arrow pointing left with a block at its tail (back to the old version), eleven corners.
  tag: [
    [-1.3, 0],
    [-0.2, -1.1],
    [-0.2, -0.5],
    [0.6, -0.5],
    [0.6, -0.8],
    [1.2, -0.8],
    [1.2, 0.8],
    [0.6, 0.8],
    [0.6, 0.5],
    [-0.2, 0.5],
    [-0.2, 1.1],
  ],
  // A chevron-tailed arrow pointing right.
  arrow: [
    [-1.1, -0.5],
    [0.2, -0.5],
    [0.2, -1.1],
    [1.3, 0],
    [0.2, 1.1],
    [0.2, 0.5],
    [-1.1, 0.5],
  ],
};

/** Draws one mark of radius r centred at (x, y) as a closed path, ready to fill and stroke. */
export function tracePacket(
  ctx: Pick<
    CanvasRenderingContext2D,
    'beginPath' | 'arc' | 'rect' | 'moveTo' | 'lineTo' | 'closePath'
  >,
  shape: PacketShape,
  x: number,
  y: number,
  r: number,
): void {
  ctx.beginPath();
  if (shape === 'circle') ctx.arc(x, y, r, 0, 2 * Math.PI);
  else if (shape === 'square') ctx.rect(x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
  else if (shape === 'ring') {
    // Outer circle, then the hole traced the other way (filled with the non-zero rule).
    ctx.arc(x, y, r * 1.1, 0, 2 * Math.PI);
    ctx.moveTo(x + r * 0.5, y);
    ctx.arc(x, y, r * 0.5, 0, 2 * Math.PI, true);
  } else {
    const points = POLYGONS[shape] ?? POLYGONS.cross!;
    ctx.moveTo(x + points[0][0] * r, y + points[0][1] * r);
    for (const [px, py] of points.slice(1)) ctx.lineTo(x + px * r, y + py * r);
  }
  ctx.closePath();
}

/** The same shape as SVG path data in a box of −10…10 (for the legend). */
export function packetShapePath(shape: PacketShape, r = 6): string {
  const parts: string[] = [];
  const ctx = {
    beginPath: () => undefined,
    arc: (x: number, y: number, radius: number, _a: number, _b: number, ccw?: boolean) => {
      const sweep = ccw ? 0 : 1;
      parts.push(
        `M${x + radius} ${y}A${radius} ${radius} 0 1 ${sweep} ${x - radius} ${y}` +
          `A${radius} ${radius} 0 1 ${sweep} ${x + radius} ${y}`,
      );
    },
    rect: (x: number, y: number, w: number, h: number) => parts.push(`M${x} ${y}h${w}v${h}h${-w}Z`),
    moveTo: (x: number, y: number) => parts.push(`M${x} ${y}`),
    lineTo: (x: number, y: number) => parts.push(`L${x} ${y}`),
    closePath: () => parts.push('Z'),
  };
  tracePacket(ctx, shape, 0, 0, r);
  return parts.join('');
}
