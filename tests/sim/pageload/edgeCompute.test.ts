import { describe, expect, it } from 'vitest';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import type { PageLoadConfig } from '../../../src/sim/models/pageload/pageloadConfig';
import { runLoadSeries } from '../../../src/sim/models/pageload/runLoadSeries';
import { load } from './helpers';

const locator = builtInPage('locator')!;
const EDGE: Partial<PageLoadConfig> = {
  edge: true,
  warm: true,
  http: 'multiplexed',
  rttMs: 150,
  edgeRttMs: 10,
};

const htmlWait = (r: ReturnType<typeof load>) => {
  const row = r.requests.find((q) => q.object === 'locator.html')!;
  return row.firstByteMs - row.sentMs;
};

describe('edge computing', () => {
  it('the answer waits one short round trip and the think time, not the long round trip', () => {
    const atOrigin = load(locator, EDGE);
    const atEdge = load(locator, { ...EDGE, edgeCompute: true });
    // 40 ms of the application either way; 10 ms to the edge, or 150 ms to the origin through it.
    expect(htmlWait(atEdge)).toBeCloseTo(10 + 40, 0);
    expect(htmlWait(atOrigin)).toBeCloseTo(150 + 40, 0);
    expect(atEdge.edgeComputed).toBe(1);
    expect(atEdge.done!.pageLoadMs).toBeLessThan(atOrigin.done!.pageLoadMs - 100);
  });

  it('takes the origin out: only the static objects’ first fetches reach it, then nothing', () => {
    const one = load(locator, { ...EDGE, edgeCompute: true });
    expect(one.originRequests).toBe(locator.objects.length);
    const computed = runLoadSeries(locator, { ...EDGE, edgeCompute: true }, 1, 3, 10).minutes;
    const relayed = runLoadSeries(locator, EDGE, 1, 3, 10).minutes;
    for (const m of [1, 2]) {
      expect(computed[m].originRequests).toBe(0);
      expect(computed[m].middleBytes).toBe(0);
      // Six loads a minute, each the 12,000-byte answer with 250 bytes of headers.
      expect(relayed[m].originRequests).toBe(6);
      expect(relayed[m].originResponseBytes).toBe(6 * (12_000 + 250));
    }
  });
});
