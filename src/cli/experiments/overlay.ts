/**
 * `overlay --scale S --margin-ms M --margin-loss L --event cut:A-B@T ...`: the CDN's overlay
 * (RON's probes and one-relay routes) over BGP in a scenario's Internet. Prints the share of
 * member pairs whose best one-relay path beats the direct route by a margin (measured by the
 * overlay's probes after the warm-up, and by the network's own figures), and for each event the
 * time until BGP and until the overlay give the pairs it cut off a working path again.
 */
import { BgpInputError } from '@sim/models/bgp';
import {
  followEvent,
  OverlayInputError,
  parseOverlayEvent,
  relayShare,
} from '@sim/models/overlay/measureOverlay';
import { overlayWorld } from '@sim/models/overlay/overlayWorld';
import { SECOND } from '@sim/time';
import { parseScaleArg } from '@sim/topology/scales';
import { numberFlag, repeatableFlag, scaleFlag, UsageError, type Experiment } from '../experiment';

const parseEvent = (raw: string) => {
  try {
    return parseOverlayEvent(raw);
  } catch (err) {
    if (err instanceof OverlayInputError) throw new UsageError(err.message);
    throw err;
  }
};

export const overlayExperiment: Experiment = {
  name: 'overlay',
  summary: "the CDN's overlay over BGP: pairs a relay makes faster, and recovery after a cut",
  flags: {
    scale: scaleFlag('classroom'),
    mrai: numberFlag('BGP MinRouteAdvertisementInterval, s', 30, { min: 0, max: 600 }),
    warmup: numberFlag('seconds of probing before the share of better relayed paths is taken', 60, {
      min: 1,
      max: 3600,
    }),
    'margin-ms': numberFlag(
      'a relayed path counts as faster if its round trip is this much shorter, ms',
      10,
      {
        min: 0,
        max: 10_000,
      },
    ),
    'margin-loss': numberFlag('…or as less lossy if it loses this much less (0 to 1)', 0.01, {
      min: 0,
      max: 1,
    }),
    event: repeatableFlag(
      'cut:A-B@T (the cable between networks A and B, as bgp.cutLink) or depeer:A-B@T (A ends its session with B, as bgp.depeer); networks by id (3 or net-3), T in s from the start, at or after --warmup',
      (raw) => (parseEvent(raw), raw),
    ),
    window: numberFlag('seconds to follow each event for (or until the next one)', 300, {
      min: 1,
      max: 86_400,
    }),
    'max-members': numberFlag(
      'overlay members: one edge server per network, then origins, up to',
      32,
      {
        min: 2,
        max: 200,
        integer: true,
      },
    ),
  },
  run(p, seed) {
    const events = (p.event as string[]).map(parseEvent).sort((a, b) => a.atSeconds - b.atSeconds);
    const warmup = Number(p.warmup);
    const early = events.find((e) => e.atSeconds < warmup);
    if (early) throw new UsageError(`'${early.text}' is before the end of --warmup (${warmup} s)`);
    const started = performance.now();
    const ow = overlayWorld({
      scenario: { seed, scale: parseScaleArg(String(p.scale)) },
      bgp: { mraiSeconds: Number(p.mrai) },
      overlay: { maxMembers: Number(p['max-members']) },
    });
    ow.world.engine.runUntil(warmup * SECOND);
    const share = relayShare(ow, Number(p['margin-ms']), Number(p['margin-loss']));
    const recoveries = events.map((e, i) => {
      ow.world.engine.runUntil(e.atSeconds * SECOND);
      const next = events[i + 1]?.atSeconds ?? Infinity;
      const window = Math.min(Number(p.window), next - e.atSeconds);
      try {
        return followEvent(ow, e, window);
      } catch (err) {
        if (err instanceof BgpInputError || /^bad command/.test((err as Error).message))
          throw new UsageError(`'${e.text}': ${(err as Error).message}`);
        throw err;
      }
    });
    const report = ow.report();
    return {
      networks: ow.world.topology.networks.length,
      members: ow.overlay.members().length,
      relayShare: {
        ...share,
        marginMs: Number(p['margin-ms']),
        marginLoss: Number(p['margin-loss']),
        measuredFasterShare: share.pairs ? share.measured.fasterByMargin / share.pairs : null,
        truthFasterShare: share.pairs ? share.truth.fasterByMargin / share.pairs : null,
      },
      // Flat records, so the table prints them; per pair in a list of their own.
      events: recoveries.map((r) => ({
        event: r.event,
        at: r.at,
        affectedPairs: r.affectedPairs,
        overlayRestored: r.overlay.restored,
        overlayMeanSeconds: r.overlay.meanSeconds,
        overlayMaxSeconds: r.overlay.maxSeconds,
        bgpRestored: r.bgp.restored,
        bgpMeanSeconds: r.bgp.meanSeconds,
        bgpMaxSeconds: r.bgp.maxSeconds,
      })),
      pairs: recoveries.flatMap((r) =>
        Object.keys(r.overlay.perPair).map((pair) => ({
          event: r.event,
          pair,
          overlaySeconds: r.overlay.perPair[pair],
          bgpSeconds: r.bgp.perPair[pair],
        })),
      ),
      counters: report.counters,
      wallSeconds: Math.round(performance.now() - started) / 1000,
      digest: ow.digest(),
    };
  },
};
