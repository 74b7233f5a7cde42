/**
 * Every lab walked from its first step to its last in-process, with its real models behind its
 * machine (tests/lab/inProcessLab.ts): each question is revealed as a lecturer would, its run
 * plays to its end, and the right answer the lab then reveals is the one its prose teaches,
 * measured by the simulation. The browser walks (tests/e2e/*Lab.test.ts) check the pages; this
 * checks the labs' behaviour, in about a minute for all of them. The fat-file lab's walk is in
 * fatFile.test.ts, whose since-2009 check reads the walk's run rather than running it again.
 */
import { describe, it } from 'vitest';
import type { LabDefinition } from '@lab/types';
import { lab as dns } from '../../labs/dns-resolution/index';
import { lab as crowd } from '../../labs/flash-crowd/index';
import { lab as rollout } from '../../labs/phased-rollout/index';
import { lab as middleMile } from '../../labs/middle-mile/index';
import { lab as acceleration } from '../../labs/acceleration/index';
import { walkTaught, type Taught } from './walkTaught';

const TEACHES: [LabDefinition, Record<string, Taught>][] = [
  [
    dns,
    {
      'cold-count': /^Four: root/,
      // About 70 ms from London: anycast root and .net nearby, the CDN's servers farther.
      'cold-latency': [40, 120],
      'anycast-failure': /^Another instance of the same root/,
      'warm-same': /^No server at all/,
      'warm-sibling': /^One low-level name server/,
      'answer-expiry': /^One low-level name server/,
      'delegation-expiry': /^A top-level server, then a low-level server/,
      'two-tiers': /^A hundred times fewer/,
      'mapping-load': /^No: an overloaded server/,
      // a distant resolver's answer: an ocean away from the client
      'distant-rtt': [40, 120],
      // one resolver timeout (below Unbound's 376 ms for a server met before) and a query
      'failure-latency': [250, 450],
      'memory-forgets': /^Try the silent server again/,
    },
  ],
  [
    crowd,
    {
      'origin-saturation': [360, 440],
      'cdn-origin-share': /^A small share \(2 to 15 %\)/,
      'parents-origin': /stays about the same/,
      'hot-without': /queues them/,
      'uncacheable-origin': /stays about the same/,
      'capacity-servers': [4, 6],
    },
  ],
  [
    rollout,
    {
      'good-world-minute': [80, 100],
      'instant-phase': /^Phase one/,
      'scale-phase': /^The last phase/,
      'rod-quarantine': /^At most the customer/,
      'stats-fast': /^More: bugs/,
    },
  ],
  [
    middleMile,
    {
      // in this small Internet a relay beats BGP's route by 5 ms for 2 of 30 server pairs
      'blind-share': /^A few/,
      // at RFC 4271's 30 s MRAI: path exploration for London's prefix ends within one interval
      'cut-quiet': /^Tens of seconds/,
      'depeer-who': /^New York’s tier-1 and its single-homed customers/,
      'hijack-answer': /^Some to YouTube, some to Pakistan Telecom/,
      // a silent cable: the overlay's race in seconds, BGP at its hold timer (60 to 90 s)
      'overlay-back': /^Over the overlay within 45 s; directly later/,
      // a server's own access link: every path crosses it
      'limits-back': /^Neither/,
    },
  ],
  [
    acceleration,
    {
      // Tokyo from New York: 2.8 s against 0.65 s
      'pipelined-vs-10': /^3 to 10×/,
      // 0.65 s direct, 0.36 s through the warm edge
      'warm-edge': /^1.5 to 3×/,
      // 1.46 s against 0.36 s: the images' long round trips gone
      'prefetch-gain': /^3 to 10×/,
      // the last minute's middle mile: 204 kB whole, 20 kB assembled (the greeting every load)
      'esi-saving': /^80 to 95 %/,
      // the portal's 32 kB of HTML gzip'd to 8 kB
      'gzip-ratio': /^3 to 5×/,
      // one middle-mile round trip (about 110 ms) saved
      'edge-compute-gain': /^50 to 200 ms/,
      // the overlay's relay around the slowed link: 797 ms straight, 611 ms relayed
      'route-gain': /^10 to 50 %/,
      // Tokyo gains 1.9×, Boston and the slow line under 1.1×
      'who-gains': /^Far: in Tokyo/,
    },
  ],
];

describe.each(TEACHES)('$id, walked in-process with the real models', (lab, taught) => {
  it(
    'measures the answer its prose teaches at every question',
    () => walkTaught(lab, taught),
    300_000,
  );
});
