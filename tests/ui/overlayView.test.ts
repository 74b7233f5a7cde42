/**
 * The overlay view ('overlay-paths'): what it folds from the overlay model's observations and
 * what its parts draw, rendered (server-side, as HTML) from frames of a real run: the classroom
 * Internet of seed 3 (see tests/sim/overlay/overlayInWorld.test.ts), whose tier-1s net-0 and
 * net-1 de-peer at 60 s. A flow sends a request every 2 s from the edge in net-0 (Boston) to
 * the one in net-1 (New York): directly it fails from then on, over the overlay it goes round
 * through a relay within seconds.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import type { RuntimeFrame } from '@runtime/frame';
import type { ChoiceChangedSeen, RowSeen } from '@sim/models/overlay/observations';
import { overlayWorld, type OverlayWorld } from '@sim/models/overlay/overlayWorld';
import { SECOND } from '@sim/time';
import { findNode, placeName, topologyFor } from '@sim/topology/places';
import { commandLabel } from '@ui/charts/changeMarks';
import { OverlayHistory } from '@ui/views/overlay/overlayHistory.svelte';
import {
  EMPTY_OVERLAY,
  failurePoints,
  flowSummary,
  foldOverlay,
  median,
  notablePairs,
  pairCounts,
  pathMatrix,
  requestPoints,
} from '@ui/views/overlay/overlayFold';
import PathMatrix from '@ui/views/overlay/PathMatrix.svelte';
import RequestCharts from '@ui/views/overlay/RequestCharts.svelte';
import OverlayPaths from '@ui/views/overlay/OverlayPaths.svelte';
import type { LabPage } from '@ui/views/viewProps';

const SEED = 3;
const [EDGE_N0, EDGE_N1] = [6, 10];
const MEMBERS = [4, 6, 10, 14, 18, 22];
const DEPEER_S = 60;
const topology = topologyFor('classroom', SEED);
const name = (node: number) => placeName(topology, node);

/** Frames of the run, one per second, and the world as it was at the end. */
function run(seconds: number): { frames: RuntimeFrame[]; ow: OverlayWorld } {
  const ow = overlayWorld({
    scenario: { seed: SEED, scale: 'classroom' },
    overlay: {
      summarySeconds: 10,
      flows: [{ name: 'boston-ny', from: EDGE_N0, to: EDGE_N1, everySeconds: 2 }],
    },
  });
  const frames: RuntimeFrame[] = [];
  for (let t = 1; t <= seconds; t++) {
    ow.world.engine.runUntil(t * SECOND);
    if (t === DEPEER_S) ow.command({ type: 'bgp.depeer', networkA: 0, networkB: 1 });
    frames.push({ timeNs: t * SECOND, observations: ow.report().observations } as RuntimeFrame);
  }
  return { frames, ow };
}

const { frames, ow } = run(150);
const history = new OverlayHistory();
for (const f of frames) history.add(f);
const state = history.state;

const plain = (html: string) =>
  html
    .replace(/<!--[^]*?-->|<wbr\s*\/?>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the overlay view’s fold', () => {
  it('keeps every request in send order, and a new run starts over', () => {
    expect(state.flows).toEqual(['boston-ny']);
    // One every 2 s from 2 s; the last ones may still be waiting for their answers.
    expect(state.requests.length).toBeGreaterThanOrEqual(73);
    const times = state.requests.map((r) => r.timeNs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(history.add(frames.at(-1)!)).toBe(false);
    const again = new OverlayHistory();
    for (const f of frames.slice(0, 30)) again.add(f);
    again.add(frames[0]);
    expect(again.state.requests.length).toBe(0);
  });

  it('charts the direct line with a gap for each failure, and counts the failures', () => {
    const points = requestPoints(state, 'boston-ny');
    const before = points.filter((p) => p.t < DEPEER_S);
    const after = points.filter((p) => p.t >= DEPEER_S);
    expect(before.every((p) => p.direct !== null && p.overlay !== null)).toBe(true);
    // BGP never repairs a de-peering between tier-1s: every direct request fails.
    expect(after.length).toBeGreaterThan(40);
    expect(after.every((p) => p.direct === null)).toBe(true);
    expect(after.filter((p) => p.overlay !== null).length).toBeGreaterThan(after.length - 5);
    const failed = failurePoints(state, ['boston-ny']).at(-1)!;
    expect(failed.direct).toBe(after.length);
    expect(failed.overlay).toBe(after.filter((p) => p.overlay === null).length);
    expect(failed.overlay).toBeGreaterThan(0);
  });

  it('summarises since a moment: failures each way, medians, and the relays taken', () => {
    const s = flowSummary(state, 'boston-ny', DEPEER_S);
    expect(s.requests).toBe(requestPoints(state, 'boston-ny').filter((p) => p.t >= 60).length);
    expect(s.directFailed).toBe(s.requests);
    expect(s.directMedianMs).toBeNull();
    expect(s.overlayMedianMs).toBeGreaterThan(0);
    const relayed = s.relays.reduce((n, r) => n + r.requests, 0);
    expect(relayed).toBeGreaterThan(s.requests - 5);
    expect(s.relays[0].via).toBe(ow.overlay.choice(EDGE_N0, EDGE_N1)!.via);
    const beforeCut = flowSummary(state, 'boston-ny', 0);
    expect(beforeCut.requests).toBe(state.requests.length);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('builds the matrix from the latest rows and choices, as the model has them', () => {
    const matrix = pathMatrix(state);
    expect(matrix.map((row) => row[0].from)).toEqual(MEMBERS);
    expect(matrix.every((row) => row.length === MEMBERS.length - 1)).toBe(true);
    const cell = matrix[MEMBERS.indexOf(EDGE_N0)].find((c) => c.to === EDGE_N1)!;
    expect(cell.direct).toBe('down');
    expect(cell.rttMs).toBeNull();
    expect(cell.via).toBe(ow.overlay.choice(EDGE_N0, EDGE_N1)!.via);
    expect(typeof cell.via).toBe('number');
    // A pair untouched by the de-peering: its row's round trip, as measured (to 0.1 ms).
    const other = matrix[MEMBERS.indexOf(EDGE_N0)].find((c) => c.to === 4)!;
    expect(other.direct).toBe('measured');
    expect(other.rttMs).toBeCloseTo(ow.overlay.measured(EDGE_N0, EDGE_N0, 4)!.rttMs, 0);
    const counts = pairCounts(matrix);
    expect(counts.pairs).toBe(30);
    expect(counts.directDown).toBeGreaterThanOrEqual(2);
    expect(counts.relayed).toBeGreaterThanOrEqual(2);
  });

  it('keeps the newest row and choice, and returns the same state for others’ observations', () => {
    const row = (timeNs: number, rtt: number): RowSeen => ({
      type: 'overlay.row',
      timeNs,
      member: 1,
      members: [1, 2],
      rttMs: [null, rtt],
      loss: [0, 0],
    });
    const choice = (timeNs: number, via: number | null): ChoiceChangedSeen => ({
      type: 'overlay.choiceChanged',
      timeNs,
      from: 1,
      to: 2,
      via,
      was: -1,
      rttMs: null,
      loss: null,
    });
    const s = foldOverlay(EMPTY_OVERLAY, [row(20, 5), row(10, 9), choice(20, null), choice(10, 7)]);
    expect(s.rows.get(1)!.rttMs[1]).toBe(5);
    expect(s.choices.get('1>2')!.via).toBeNull();
    expect(foldOverlay(s, [{ type: 'bgp.update', timeNs: 30 }])).toBe(s);
  });

  it('lists the pairs that matter when there are too many for a matrix: down first', () => {
    const members = [1, 2, 3];
    const rows: RowSeen[] = members.map((m) => ({
      type: 'overlay.row',
      timeNs: 10,
      member: m,
      members,
      rttMs: members.map((x) => (x === m ? null : m === 1 && x === 3 ? null : 10 * x)),
      loss: members.map((x) => (m === 1 && x === 3 ? 1 : 0)),
    }));
    const relay = {
      type: 'overlay.choiceChanged',
      timeNs: 10,
      from: 2,
      to: 3,
      via: 1,
      was: -1,
      rttMs: 25,
      loss: 0,
    };
    const s = foldOverlay(EMPTY_OVERLAY, [...rows, relay]);
    const listed = notablePairs(pathMatrix(s)).map((c) => `${c.from}>${c.to}:${c.direct}`);
    expect(listed).toEqual(['1>3:down', '2>3:measured']);
  });
});

describe('the overlay view’s parts, drawn', () => {
  it('names members by place, as labs find them', () => {
    expect(MEMBERS.map(name)).toEqual([
      'origin@new-york',
      'edge@boston',
      'edge@new-york',
      'edge@frankfurt',
      'edge@singapore',
      'edge@tokyo',
    ]);
    for (const m of MEMBERS) expect(findNode(topology, name(m))).toBe(m);
  });

  it('paths: a matrix of every pair, the cut pair down and relayed through the member named', () => {
    const html = plain(render(PathMatrix, { props: { fold: state, name } }).body);
    for (const m of MEMBERS) expect(html).toContain(name(m));
    const via = ow.overlay.choice(EDGE_N0, EDGE_N1)!.via;
    expect(html).toContain(`direct down via ${name(via)}`);
    expect(html).toMatch(/6 members, 30 pairs: \d+ relayed, \d+ with the direct link down/);
    expect(html).toContain('Round trip each member (row) measured directly');
  });

  it('requests: a chart per flow with a summary since the last command, and the failures', () => {
    const cut = {
      t: DEPEER_S,
      label: commandLabel({ type: 'bgp.depeer', networkA: 0, networkB: 1 })!,
    };
    expect(cut.label).toBe('de-peered (net 0–1)');
    expect(commandLabel({ type: 'bgp.cutLink', networkA: 0, networkB: 11 })).toBe(
      'link cut (net 0–11)',
    );
    expect(commandLabel({ type: 'overlay.setMetric', metric: 'loss' })).toBe('overlay by loss');
    const html = plain(
      render(RequestCharts, { props: { fold: state, marks: [cut], since: cut, name } }).body,
    );
    const s = flowSummary(state, 'boston-ny', DEPEER_S);
    expect(html).toContain('Request time, boston-ny: edge@boston → edge@new-york');
    expect(html).toContain(
      `Since de-peered (net 0–1) at 60.0 s: ${s.requests} requests. Failed: ${s.requests} direct, ${s.overlayFailed} over the overlay. Median time: direct none completed`,
    );
    expect(html).toContain(`${s.relays[0].requests} through ${name(s.relays[0].via)}`);
    expect(html).toContain('Failed requests so far');
  });

  it('says what each part will show before the run', () => {
    const paths = plain(render(PathMatrix, { props: { fold: EMPTY_OVERLAY, name } }).body);
    expect(paths).toContain('Once the members report what they measure');
    // Choices without rows (an overlay whose summarySeconds is 0): said, not drawn as zeros.
    const choicesOnly = foldOverlay(EMPTY_OVERLAY, [...state.choices.values()]);
    const drawn = plain(render(PathMatrix, { props: { fold: choicesOnly, name } }).body);
    expect(drawn).toContain('No member has reported what it measures yet');
    // Every direct link unknown (—), none taken for down; the relays keep their own round trip.
    expect(drawn.split('—').length - 1).toBe(30);
    expect(drawn).not.toContain('direct down');
    const requests = plain(
      render(RequestCharts, { props: { fold: EMPTY_OVERLAY, marks: [], since: null, name } }).body,
    );
    expect(requests).toContain('Once the overlay');
  });

  it('draws only the parts a step asks for', () => {
    const page: LabPage = {
      model: { id: 'overlay' },
      theoryShown: true,
      selectedMessage: null,
      selectMessage: () => {},
    };
    const props = { frame: null, topology, step: 's', options: {}, give: () => {}, page };
    const only = plain(render(OverlayPaths, { props: { ...props, parts: ['paths'] } }).body);
    expect(only).toContain('Once the members report');
    expect(only).not.toContain('Once the overlay');
    const both = plain(render(OverlayPaths, { props }).body);
    expect(both).toContain('Once the members report');
    expect(both).toContain('Once the overlay');
  });
});
