/**
 * The topology view's cytoscape stylesheet: everything from data fields (`w`, `bw`, `fs`,
 * `load`, `up`), `mapData()` and kind classes, never from per-element functions. Colours are
 * Okabe–Ito; every state is also shown by shape or border style, so colour is never alone.
 * Borders, labels and the selection follow the page's theme (topologyStyle(theme)); presenter
 * mode and the projector themes draw borders twice as thick.
 */
import type { StylesheetJson } from 'cytoscape';

/** Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** Fill for a node that is down: neutral grey, with a cross shape and a dashed border. */
export const DOWN_FILL = '#9a9a9a';

/** A cross (×) in cytoscape's polygon space, [-1, 1] on both axes. */
const CROSS_POINTS =
  '-1 -0.6 -0.6 -1 0 -0.4 0.6 -1 1 -0.6 0.4 0 1 0.6 0.6 1 0 0.4 -0.6 1 -1 0.6 -0.4 0';

/** The theme-dependent colours the stylesheet uses (resolved CSS colours). */
export interface TopologyTheme {
  nodeBorder: string;
  nodeLabel: string;
  labelHalo: string;
  downFill: string;
  /** outline and halo of a node that is down (Okabe–Ito vermillion when not given) */
  failed?: string;
  selected: string;
  /** border of a node running a newer release (Okabe–Ito blue; sky blue on dark) */
  newer: string;
  /** multiplies border widths (2 in the projector themes) */
  lineScale: number;
}

/** The standard theme's colours, as in app.css (for a page without one, and for tests). */
export const STANDARD_TOPOLOGY_THEME: TopologyTheme = {
  nodeBorder: '#333333',
  nodeLabel: '#1b1b1b',
  labelHalo: '#ffffff',
  downFill: DOWN_FILL,
  failed: OKABE_ITO.vermillion,
  selected: OKABE_ITO.blue,
  newer: OKABE_ITO.blue,
  lineScale: 1,
};

/**
 * `data(bw)` times the theme's line scale. cytoscape has no arithmetic on data, but mapData maps
 * linearly: [0, 100] onto [0, 100 × scale] multiplies every border width below 100 model units.
 */
function scaled(field: string, scale: number): string {
  return scale === 1 ? `data(${field})` : `mapData(${field}, 0, 100, 0, ${100 * scale})`;
}

export function topologyStyle(theme: TopologyTheme): StylesheetJson {
  const border = scaled('bw', theme.lineScale);
  return [
    {
      selector: 'node',
      style: {
        width: 'data(w)',
        height: 'data(w)',
        'border-width': border,
        'border-color': theme.nodeBorder,
        'border-style': 'solid',
        // Colour per load step, precomputed from the Okabe–Ito ramp (colourForLoad): one cheap
        // pass-through instead of mapData selectors re-evaluated on every frame.
        'background-color': 'data(fill)',
        label: 'data(label)',
        'font-size': 'data(fs)',
        // Labels appear only once zoomed in far enough to read them (and cost nothing before).
        'min-zoomed-font-size': 9,
        'text-valign': 'bottom',
        'text-halign': 'center',
        color: theme.nodeLabel,
        'text-outline-color': theme.labelHalo,
        // Set with the font size, so the halo stays a few pixels wide at every zoom.
        'text-outline-width': 'data(ow)',
        'z-index': 2,
      },
    },
    // Overloaded: reddish purple (from colourForLoad) and a double border.
    {
      selector: 'node[load > 1]',
      style: { 'border-style': 'double' },
    },
    // Kinds by shape: servers and data centres square, DNS diamonds, origins hexagons, clients round.
    {
      selector: '.site',
      style: { shape: 'round-rectangle', 'border-style': 'double', 'z-index': 1 },
    },
    { selector: '.dataCentre, .edge', style: { shape: 'round-rectangle' } },
    { selector: '.dns', style: { shape: 'diamond' } },
    { selector: '.resolver', style: { shape: 'round-diamond' } },
    { selector: '.origin', style: { shape: 'hexagon' } },
    { selector: '.client', style: { shape: 'ellipse' } },
    {
      selector: '.clientCity',
      style: { shape: 'ellipse', 'border-style': 'double', 'z-index': 3 },
    },
    // Running a new software version (a rollout): blue border, thicker the more members run it.
    {
      selector: 'node[newer > 0]',
      style: { 'border-color': theme.newer },
    },
    // Some members down: dashed border.
    {
      selector: 'node[up < 1]',
      style: { 'border-style': 'dashed', 'border-color': theme.nodeBorder },
    },
    // All down: a cross outlined in vermillion on a vermillion halo, whatever the kind (the
    // packet overlay adds a cross of fixed screen size, so it shows at every zoom).
    {
      selector: 'node[up = 0]',
      style: {
        shape: 'polygon',
        'shape-polygon-points': CROSS_POINTS,
        'background-color': theme.downFill,
        'border-style': 'solid',
        'border-color': theme.failed ?? OKABE_ITO.vermillion,
        'underlay-color': theme.failed ?? OKABE_ITO.vermillion,
        'underlay-opacity': 0.3,
        'underlay-padding': 'data(pad)',
        'underlay-shape': 'ellipse',
        'z-index': 3,
      },
    },
    {
      selector: '.selected',
      style: {
        'underlay-color': theme.selected,
        'underlay-opacity': 0.6,
        'underlay-padding': 'data(pad)',
        'underlay-shape': 'ellipse',
        'z-index': 4,
      },
    },
    { selector: '.hovered', style: { 'z-index': 5 } },
  ];
}

/** The standard theme's stylesheet. */
export const TOPOLOGY_STYLE: StylesheetJson = topologyStyle(STANDARD_TOPOLOGY_THEME);
