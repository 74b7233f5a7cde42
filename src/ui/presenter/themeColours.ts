/**
 * Theme colours for views that draw on canvas (cytoscape, uPlot, the packet overlay), which
 * cannot use CSS custom properties themselves: each `--colour-…` property of app.css resolved
 * to an `rgb(…)` string through a probe element (so system colours in forced-colors mode resolve
 * too), and a way to hear when the theme, presenter mode or the forced-colors setting changes.
 */

/** The tokens canvas views read; see app.css for what each one is. */
export const CANVAS_TOKENS = [
  'text',
  'background',
  'surface',
  'node-border',
  'node-label',
  'label-halo',
  'down-fill',
  'selected',
  'chart-axis',
  'chart-grid',
  'series-blue',
] as const;
export type CanvasToken = (typeof CANVAS_TOKENS)[number];

export interface ThemeColours {
  colours: Record<CanvasToken, string>;
  /** multiplies canvas line widths: 1 normally, 2 in the projector themes */
  lineScale: number;
  presenter: boolean;
}

/** A colour custom property (`--colour-series-blue`) or any CSS colour, as the browser resolves it. */
export function resolveColour(
  colour: string,
  root: HTMLElement = document.documentElement,
): string {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  probe.style.color = colour.startsWith('--') ? `var(${colour})` : colour;
  root.appendChild(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || colour;
}

export function readThemeColours(root: HTMLElement = document.documentElement): ThemeColours {
  const colours = {} as Record<CanvasToken, string>;
  for (const t of CANVAS_TOKENS) colours[t] = resolveColour(`--colour-${t}`, root);
  const scale = Number.parseFloat(getComputedStyle(root).getPropertyValue('--line-scale'));
  return {
    colours,
    lineScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
    presenter: root.dataset.presenter === 'on',
  };
}

/**
 * Calls `changed` after the theme or presenter mode changes on `<html>`, or the system's
 * forced-colors or colour-scheme setting does. Returns the function that stops listening.
 */
export function watchTheme(changed: () => void, root: HTMLElement = document.documentElement) {
  const observer = new MutationObserver(changed);
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'data-presenter'] });
  const queries =
    typeof matchMedia === 'function'
      ? ['(forced-colors: active)', '(prefers-color-scheme: dark)'].map((q) => matchMedia(q))
      : [];
  for (const q of queries) q.addEventListener('change', changed);
  return () => {
    observer.disconnect();
    for (const q of queries) q.removeEventListener('change', changed);
  };
}
