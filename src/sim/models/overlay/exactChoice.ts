/**
 * The overlay's route choice as it stands once its probes have converged on an idle network:
 * every virtual link known exactly (the route service's round trip for a probe and its answer,
 * and the chance that either is lost), and routeChoice.ts's rule applied to them. For the
 * headless runners, which have no time to let the probes run (`npm run sim -- overlay` compares
 * its measurements with these; `npm run sim -- pageload --overlay` routes a page's middle mile).
 */
import type { RouteService } from '../../net/RouteService';
import type { OverlayChoice, OverlayServices } from './installOverlay';
import { DEFAULT_OVERLAY, PROBE_BYTES, type OverlayMetric } from './overlayConfig';
import { choosePath, workingPaths, type LinkView, type OverlayPath } from './routeChoice';

/** The virtual link a → b as converged probes would know it. */
export function exactLink(routes: RouteService, a: number, b: number): LinkView {
  const there = routes.pathDeliveryProbability(a, b);
  const back = routes.pathDeliveryProbability(b, a);
  return {
    rttNs: routes.rttNs(a, b, PROBE_BYTES),
    loss: 1 - there * back,
    usable: there > 0 && back > 0,
  };
}

/** The path member `from` would choose to `to` with exact links; null when none works. */
export function exactChoice(
  routes: RouteService,
  members: readonly number[],
  from: number,
  to: number,
  metric: OverlayMetric = DEFAULT_OVERLAY.metric,
): OverlayPath | null {
  const margins = { latency: DEFAULT_OVERLAY.latencyMargin, loss: DEFAULT_OVERLAY.lossMargin };
  const paths = workingPaths(from, to, members, (a, b) => exactLink(routes, a, b));
  return choosePath(paths, null, metric, margins);
}

/**
 * The overlay's services (installOverlay.ts) as they would answer with converged probes and no
 * race run yet: what a model that follows the overlay's choices (the delivery model's
 * OverlayFetches, a page load's middle mile) sees, without running the overlay.
 */
export function exactServices(
  routes: RouteService,
  members: readonly number[],
  metric: OverlayMetric = DEFAULT_OVERLAY.metric,
): OverlayServices {
  const asChoice = (p: OverlayPath): OverlayChoice => ({
    via: p.via,
    rttMs: p.rttNs / 1e6,
    loss: p.loss,
  });
  const isMember = (n: number) => members.includes(n);
  const choice = (from: number, to: number) => {
    if (!isMember(from) || !isMember(to)) return undefined;
    const p = exactChoice(routes, members, from, to, metric);
    return p && asChoice(p);
  };
  return {
    members: () => members,
    choice,
    requestPath: (from, to) => {
      const c = choice(from, to);
      return c === undefined ? undefined : (c?.via ?? -1);
    },
    measured(_at, a, b) {
      const l = exactLink(routes, a, b);
      return l.usable ? asChoice({ via: b, rttNs: l.rttNs, loss: l.loss }) : undefined;
    },
  };
}
