/**
 * The topology view's cytoscape stylesheet: everything from data fields (`w`, `bw`, `fs`,
 * `load`, `up`), `mapData()` and kind classes, never from per-element functions. Colours are
 * Okabe–Ito; every state is also shown by shape or border style, so colour is never alone.
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

export const TOPOLOGY_STYLE: StylesheetJson = [
  {
    selector: 'node',
    style: {
      width: 'data(w)',
      height: 'data(w)',
      'border-width': 'data(bw)',
      'border-color': '#333333',
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
      color: '#1b1b1b',
      'text-outline-color': '#ffffff',
      'text-outline-width': 'data(bw)',
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
  { selector: '.clientCity', style: { shape: 'ellipse', 'border-style': 'double', 'z-index': 3 } },
  // Running a new software version (a rollout): blue border, thicker the more members run it.
  {
    selector: 'node[newer > 0]',
    style: { 'border-color': OKABE_ITO.blue },
  },
  // Some members down: dashed border.
  {
    selector: 'node[up < 1]',
    style: { 'border-style': 'dashed', 'border-color': OKABE_ITO.black },
  },
  // All down: grey cross with a dashed border, whatever the kind.
  {
    selector: 'node[up = 0]',
    style: {
      shape: 'polygon',
      'shape-polygon-points': CROSS_POINTS,
      'background-color': DOWN_FILL,
      'border-style': 'dashed',
      'border-color': OKABE_ITO.black,
    },
  },
  {
    selector: '.selected',
    style: {
      'underlay-color': OKABE_ITO.blue,
      'underlay-opacity': 0.6,
      'underlay-padding': 'data(pad)',
      'underlay-shape': 'ellipse',
      'z-index': 4,
    },
  },
];
