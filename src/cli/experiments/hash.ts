/**
 * `hash --servers n --objects m --add k --vnodes v`: how many objects change server when k
 * servers join n, with consistent hashing and with naive modulo hashing, and how evenly the
 * objects spread afterwards. The computation is src/sim/models/delivery/hashComparison (the lab runs it
 * in the browser too).
 */
import { compareHashing } from '@sim/models/delivery/hashComparison';
import { digestString } from '@sim/util/hash';
import { numberFlag, UsageError, type Experiment } from '../experiment';

/** Ring points built at most (each costs a few bytes and a sort pass). */
const MAX_POINTS = 10_000_000;

const sig = (x: number) => Number(x.toPrecision(6));

export const hashExperiment: Experiment = {
  name: 'hash',
  summary: 'objects moved when servers are added: consistent hashing vs modulo hashing',
  flags: {
    servers: numberFlag('n, servers before', 10, { min: 1, max: 10_000, integer: true }),
    objects: numberFlag('m, objects placed', 100_000, { min: 1, max: 10_000_000, integer: true }),
    add: numberFlag('k, servers added', 1, { min: 1, max: 10_000, integer: true }),
    vnodes: numberFlag('points per server on the ring', 128, { min: 1, max: 4096, integer: true }),
  },
  run(p, seed) {
    const params = {
      servers: Number(p.servers),
      objects: Number(p.objects),
      add: Number(p.add),
      vnodes: Number(p.vnodes),
    };
    const points = (params.servers + params.add) * params.vnodes;
    if (points > MAX_POINTS)
      throw new UsageError(
        `--vnodes: (servers + add) × vnodes = ${points.toLocaleString('en-US')} ring points; at most ${MAX_POINTS.toLocaleString('en-US')} are allowed`,
      );
    const r = compareHashing(params, seed);
    const result = {
      movedShare: sig(r.movedShare),
      expectedMovedShare: sig(params.add / (params.servers + params.add)),
      movedBetweenSurvivors: r.movedBetweenSurvivors,
      maxOverMean: sig(r.maxOverMean),
      modulo: {
        movedShare: sig(r.modulo.movedShare),
        expectedMovedShare: sig(
          1 - gcd(params.servers, params.add) / (params.servers + params.add),
        ),
        movedBetweenSurvivors: r.modulo.movedBetweenSurvivors,
        maxOverMean: sig(r.modulo.maxOverMean),
      },
    };
    // No event trace here: the digest covers the results, which depend on every placement.
    return { ...result, digest: digestString(JSON.stringify(result)) };
  },
};

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
