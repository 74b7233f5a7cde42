/**
 * The overlay's estimators and route choice against RON (Andersen et al., SOSP 2001, §4): the
 * latency EWMA with weight 0.9 on the old value, loss over the last 100 probes, a link deemed down
 * after 4 probes lost in a row, a switch only for a path 5 % better, never a link deemed down.
 */
import { describe, expect, it } from 'vitest';
import { LinkEstimate } from '@sim/models/overlay/LinkEstimate';
import { DEFAULT_OVERLAY } from '@sim/models/overlay/overlayConfig';
import {
  choosePath,
  workingPaths,
  type LinkView,
  type OverlayPath,
} from '@sim/models/overlay/routeChoice';

const margins = { latency: DEFAULT_OVERLAY.latencyMargin, loss: DEFAULT_OVERLAY.lossMargin };
const direct = (rttNs: number, loss = 0): OverlayPath => ({ via: -1, rttNs, loss });
const relay = (via: number, rttNs: number, loss = 0): OverlayPath => ({ via, rttNs, loss });

describe('RON estimators', () => {
  it('smooths latency with weight 0.9 on the old estimate', () => {
    const l = new LinkEstimate(100);
    l.answered(100, 0.9);
    expect(l.rttNs).toBe(100);
    l.answered(200, 0.9);
    expect(l.rttNs).toBeCloseTo(110, 9);
    l.answered(200, 0.9);
    expect(l.rttNs).toBeCloseTo(119, 9);
  });

  it('averages loss over the last N probes only', () => {
    const l = new LinkEstimate(4);
    for (let i = 0; i < 4; i++) l.lost(99);
    expect(l.loss).toBe(1);
    l.answered(10, 0.9);
    l.answered(10, 0.9);
    expect(l.loss).toBe(0.5);
    l.answered(10, 0.9);
    l.answered(10, 0.9);
    expect(l.loss).toBe(0);
  });

  it('deems a link down after 1 + 3 follow-up probes lost in a row, up at the next answer', () => {
    const l = new LinkEstimate(100);
    l.answered(10, 0.9);
    for (let i = 0; i < 3; i++) l.lost(1 + DEFAULT_OVERLAY.followUpProbes);
    expect(l.down).toBe(false);
    l.lost(1 + DEFAULT_OVERLAY.followUpProbes);
    expect(l.down).toBe(true);
    expect(l.usable).toBe(false);
    l.answered(10, 0.9);
    expect(l.usable).toBe(true);
  });
});

describe('route choice', () => {
  it('keeps the current path unless another is at least 5 % faster', () => {
    const now = [direct(100), relay(7, 96)];
    expect(choosePath(now, -1, 'latency', margins)?.via).toBe(-1);
    const better = [direct(100), relay(7, 95)];
    expect(choosePath(better, -1, 'latency', margins)?.via).toBe(7);
  });

  it('by loss, switches for 0.05 less loss, not for less', () => {
    expect(choosePath([direct(10, 0.2), relay(3, 50, 0.16)], -1, 'loss', margins)?.via).toBe(-1);
    expect(choosePath([direct(10, 0.2), relay(3, 50, 0.15)], -1, 'loss', margins)?.via).toBe(3);
  });

  it('leaves a relay once the direct path is as good (hysteresis never holds a worse relay)', () => {
    // The relay was chosen before the direct path had been measured; now direct is 1 % faster.
    expect(choosePath([direct(99), relay(7, 100)], 7, 'latency', margins)?.via).toBe(-1);
  });

  it('never routes through a link deemed down, and has no path when all are down', () => {
    const links = new Map<string, LinkView>([
      ['1>2', { rttNs: 10, loss: 0, usable: false }],
      ['1>3', { rttNs: 5, loss: 0, usable: true }],
      ['3>2', { rttNs: 5, loss: 0, usable: false }],
      ['1>4', { rttNs: 50, loss: 0, usable: true }],
      ['4>2', { rttNs: 50, loss: 0, usable: true }],
    ]);
    const paths = workingPaths(1, 2, [1, 2, 3, 4], (a, b) => links.get(`${a}>${b}`));
    expect(paths.map((p) => p.via)).toEqual([4]);
    expect(paths[0].rttNs).toBe(100);
    links.set('4>2', { rttNs: 50, loss: 0, usable: false });
    const none = workingPaths(1, 2, [1, 2, 3, 4], (a, b) => links.get(`${a}>${b}`));
    expect(choosePath(none, 4, 'latency', margins)).toBeNull();
  });
});
