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
  /**
   * the page's type size in px (16 normally; in presenter mode 2.2 % of the screen's height
   * times the chosen type size): canvas text (chart axes, map labels) sized from it follows
   */
  textPx: number;
  presenter: boolean;
}

/** A colour custom property (`--colour-series-blue`) or any CSS colour, as the browser resolves it. */
export function resolveColour(
  colour: string,
  root: HTMLElement = document.documentElement,
): string {
  return resolveColours([colour], root)[0];
}

/**
 * Several colours at once. Every probe goes in before any is read: each read after a change to
 * the page costs a style pass, so one probe at a time cost a view's first draw a pass per colour
 * (about 70 ms of the sandbox's map and charts at a slow phone's speed).
 */
export function resolveColours(
  colours: readonly string[],
  root: HTMLElement = document.documentElement,
): string[] {
  const probes = colours.map((colour) => {
    const probe = document.createElement('span');
    probe.style.display = 'none';
    probe.style.color = colour.startsWith('--') ? `var(${colour})` : colour;
    return probe;
  });
  root.append(...probes);
  const resolved = probes.map((probe, i) => getComputedStyle(probe).color || colours[i]);
  for (const probe of probes) probe.remove();
  return resolved;
}

export function readThemeColours(root: HTMLElement = document.documentElement): ThemeColours {
  const resolved = resolveColours(
    CANVAS_TOKENS.map((t) => `--colour-${t}`),
    root,
  );
  const colours = Object.fromEntries(CANVAS_TOKENS.map((t, i) => [t, resolved[i]])) as Record<
    CanvasToken,
    string
  >;
  const style = getComputedStyle(root);
  const scale = Number.parseFloat(style.getPropertyValue('--line-scale'));
  const textPx = Number.parseFloat(style.fontSize);
  return {
    colours,
    lineScale: Number.isFinite(scale) && scale > 0 ? scale : 1,
    textPx: Number.isFinite(textPx) && textPx > 0 ? textPx : 16,
    presenter: root.dataset.presenter === 'on',
  };
}

/**
 * Calls `changed` after the theme, presenter mode or type size changes on `<html>`, or the
 * system's forced-colors or colour-scheme setting does. Returns the function that stops
 * listening. (A window resized in presenter mode changes the type too: canvas views that size
 * text from `textPx` re-read it when their container resizes.)
 */
export function watchTheme(changed: () => void, root: HTMLElement = document.documentElement) {
  const observer = new MutationObserver(changed);
  observer.observe(root, {
    attributes: true,
    attributeFilter: ['data-theme', 'data-presenter', 'data-type-size'],
  });
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
