/**
 * Nielsen et al., "Network performance effects of HTTP/1.1, CSS1, and PNG" (SIGCOMM 1997), on
 * their Microscape page in their three environments (a LAN, a WAN across the US, a 28.8 kbit/s
 * modem): pipelined HTTP/1.1 on one connection needed at least 2 and up to 10 times fewer
 * packets than HTTP/1.0 with four connections, about half of HTTP/1.0's packets opened and
 * closed connections, and pipelining was faster everywhere.
 */
import { describe, expect, it } from 'vitest';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import { runPageLoad } from '../../../src/sim/models/pageload/runPageLoad';

const microscape = builtInPage('microscape')!;

// The environments' round trips and rates as we assume them (the paper gives the links, not
// every figure): 10 Mbit/s Ethernet, a 1.5 Mbit/s cross-country path, a modem.
const ENVIRONMENTS = [
  { name: 'LAN', rttMs: 1, bandwidthMbps: 10 },
  { name: 'WAN', rttMs: 90, bandwidthMbps: 1.5 },
  { name: 'PPP', rttMs: 150, bandwidthMbps: 0.0288 },
];

describe('page load: Nielsen et al. 1997', () => {
  it.each(ENVIRONMENTS)(
    '$name: pipelining needs 2–10× fewer packets, half of 1.0’s open and close',
    (env) => {
      // The 1997 stacks: an initial window of one segment (RFC 2001) or two, an initial
      // retransmission timeout of 3 s (RFC 1122) and a minimum of about 1 s, no TLS.
      const common = {
        rttMs: env.rttMs,
        bandwidthMbps: env.bandwidthMbps,
        iw: 2,
        initialRtoMs: 3000,
        minRtoMs: 1000,
      };
      const http10 = runPageLoad(microscape, { ...common, http: '1.0', connections: 4 }, 1);
      const pipelined = runPageLoad(
        microscape,
        { ...common, http: 'pipelined', connections: 1 },
        1,
      );
      const a = http10.legs.access;
      const b = pipelined.legs.access;
      expect(a.packets / b.packets).toBeGreaterThanOrEqual(2);
      expect(a.packets / b.packets).toBeLessThanOrEqual(10);
      expect(a.openClosePackets / a.packets).toBeGreaterThan(0.4);
      expect(a.openClosePackets / a.packets).toBeLessThan(0.6);
      expect(pipelined.done!.pageLoadMs).toBeLessThan(http10.done!.pageLoadMs);
    },
  );
});
