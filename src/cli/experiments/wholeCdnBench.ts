/**
 * `wholecdnbench [--scale S] [--seconds T] [--load F] [--warmup W] [--bgp on]`: the sandbox's
 * whole CDN (the delivery
 * model, with and without the DNS model its client groups resolve through), in simulated seconds
 * per wall second, in process on one thread (one shard), with the sandbox page's network and
 * caches; with `--bgp on`, routed by the bgp model (installed first, so every model measures
 * BGP's paths). Also per CPU second of the process. Prints figures; asserts nothing about time.
 */
import { performance } from 'node:perf_hooks';
import { Run } from '@runtime/Run';
import { AGGREGATE_LAST_MILE } from '@sim/models/delivery';
import type { ModelSpec } from '@sim/models/registry';
import { wholeCdnModels } from '@sim/models/wholeCdn';
import { secondsToNs } from '@sim/time';
import { parseScaleArg } from '@sim/topology';
import { choiceFlag, numberFlag, scaleFlag, type Experiment } from '../experiment';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export const wholeCdnBenchExperiment: Experiment = {
  name: 'wholecdnbench',
  summary: 'the whole CDN (delivery with and without DNS) in process: simulated s per wall s',
  flags: {
    scale: scaleFlag('2009'),
    seconds: numberFlag('simulated seconds per run (after the warm-up)', 30, {
      min: 1,
      max: 3_600,
    }),
    // The browser experiment's workload is --load 100 --warmup 10: at 100x load the first
    // simulated seconds are a cold start (every resolver's cache empty) several times slower.
    load: numberFlag('request load, x the usual rate (the sandbox slider)', 1, {
      min: 0.1,
      max: 100,
    }),
    warmup: numberFlag('simulated seconds run before timing', 5, { min: 0, max: 3_600 }),
    bgp: choiceFlag(
      "route by the bgp model's BGP (on) or hot potato (off)",
      'off',
      (raw) => (raw === 'on' || raw === 'off' ? raw : undefined),
      'on or off',
    ),
  },
  async run(p, seed) {
    const scale = parseScaleArg(String(p.scale));
    const seconds = Number(p.seconds);
    const warmup = Number(p.warmup);
    const bgp: ModelSpec[] = p.bgp === 'on' ? [{ id: 'bgp' }] : [];
    const rows = [];
    for (const dns of [false, true]) {
      const t0 = performance.now();
      const run = new Run({
        scenario: {
          seed,
          scale,
          network: { linkClasses: { lastMile: { ...AGGREGATE_LAST_MILE } } },
        },
        // As the sandbox page runs it (sandboxModelFor): warm caches except in the classroom.
        model: [
          ...bgp,
          ...wholeCdnModels({ warmCaches: scale !== 'classroom', observeChanges: true }, dns),
        ],
        shards: 1,
      });
      try {
        await run.start();
        // As the sandbox's load slider sets it (a command, at time 0).
        if (Number(p.load) !== 1)
          run.command({ type: 'delivery.setLoad', loadFactor: Number(p.load) });
        // Warm-up: the first lookups and the JIT, not timed.
        await run.advanceTo(secondsToNs(warmup));
        const t1 = performance.now();
        const cpu1 = process.cpuUsage();
        await run.advanceTo(secondsToNs(warmup + seconds));
        const wallSeconds = (performance.now() - t1) / 1000;
        // The process's CPU time (its shard's worker included): on a machine others share,
        // wall time says as much about their load as about ours.
        const cpu = process.cpuUsage(cpu1);
        const cpuSeconds = (cpu.user + cpu.system) / 1e6;
        const snap = await run.snapshot();
        rows.push({
          dns,
          requests: snap.counters['delivery.requests'],
          responses: snap.counters['delivery.responses'],
          dnsLookups: snap.counters['delivery.dns.lookups'] ?? 0,
          ...(p.bgp === 'on' && {
            bgpUpdates: snap.counters['bgp.updates'],
            noRouteDrops: snap.counters['net.dropped.no-route'],
          }),
          events: snap.executed,
          setupWallSeconds: round((t1 - t0) / 1000, 3),
          wallSeconds: round(wallSeconds, 3),
          simSecondsPerWallSecond: round(seconds / wallSeconds, 2),
          cpuSeconds: round(cpuSeconds, 3),
          simSecondsPerCpuSecond: round(seconds / cpuSeconds, 2),
          digest: snap.digest,
        });
      } finally {
        run.dispose();
      }
    }
    return {
      scale: String(p.scale),
      load: Number(p.load),
      rows,
      digest: rows.map((r) => r.digest).join(','),
    };
  },
};
