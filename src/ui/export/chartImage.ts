/**
 * A chart as a PNG for a slide: uPlot's canvas (plot, axes, reference lines and marks) on the
 * theme's background (its axes are drawn in the theme's text colour: white text on a white
 * picture would vanish in projector-dark), with the chart's title above and its legend (kept in
 * the page, not on the canvas) below.
 */
export interface LegendEntry {
  label: string;
  colour: string;
  dash?: number[];
}

export function chartPng(
  plot: HTMLCanvasElement,
  title: string,
  legend: readonly LegendEntry[],
): Promise<Blob> {
  const pad = 12;
  const titleH = 28;
  const legendH = 24;
  const out = document.createElement('canvas');
  out.width = plot.width + 2 * pad;
  out.height = plot.height + titleH + legendH + 2 * pad;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('this browser cannot draw the image'));
  // Text scaled as the plot is (uPlot draws at devicePixelRatio).
  const scale = plot.width / Math.max(1, plot.clientWidth || plot.width);
  const background = cssColour('--colour-background', '#fff');
  const text = cssColour('--colour-text', '#111');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = text;
  ctx.font = `600 ${Math.round(15 * scale)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, pad, pad + titleH / 2);
  ctx.drawImage(plot, pad, pad + titleH);
  let x = pad;
  const y = pad + titleH + plot.height + legendH / 2;
  ctx.font = `${Math.round(12 * scale)}px system-ui, sans-serif`;
  for (const e of legend) {
    ctx.strokeStyle = cssColour(e.colour);
    ctx.lineWidth = 2 * scale;
    ctx.setLineDash((e.dash ?? []).map((d) => d * scale));
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + 20 * scale, y);
    ctx.stroke();
    ctx.fillStyle = text;
    ctx.fillText(e.label, x + 26 * scale, y);
    x += 26 * scale + ctx.measureText(e.label).width + 16 * scale;
  }
  return new Promise((resolve, reject) =>
    out.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('the image could not be made'))),
      'image/png',
    ),
  );
}

/** A series colour may name a custom property of the page's theme (`--colour-series-blue`). */
function cssColour(colour: string, fallback = '#000'): string {
  if (!colour.startsWith('--')) return colour;
  return getComputedStyle(document.documentElement).getPropertyValue(colour).trim() || fallback;
}
