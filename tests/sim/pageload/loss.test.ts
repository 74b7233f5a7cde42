/**
 * Under loss every page still loads whole: each object arrives once, every byte of it, whatever
 * the protocol, with or without an edge (handshakes, requests and closes are resent after their
 * timeouts, responses by TCP's own recovery), and loss costs time.
 */
import { describe, expect, it } from 'vitest';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import { HTTP_MODES } from '../../../src/sim/models/pageload/pageloadConfig';
import { runPageLoad } from '../../../src/sim/models/pageload/runPageLoad';

const portal = builtInPage('portal')!;

describe('page load: loss', () => {
  it.each(HTTP_MODES)(
    '%s: the page arrives whole at 5 %% loss, direct and through an edge',
    (http) => {
      for (const seed of [1, 2, 3]) {
        for (const edge of [{}, { edge: true, warm: true, edgeLoss: 0.05 }]) {
          const cfg = { http, rttMs: 80, loss: 0.05, tls: '1.3' as const, ...edge };
          const r = runPageLoad(portal, cfg, seed);
          const names = r.requests.map((q) => q.object).sort();
          expect(names).toEqual(['portal.html', ...portal.objects.map((o) => o.name)].sort());
          const clean = runPageLoad(portal, { ...cfg, loss: 0, edgeLoss: 0 }, seed);
          expect(r.done!.pageLoadMs).toBeGreaterThan(clean.done!.pageLoadMs);
          expect(r.legs.access.packets).toBeGreaterThan(clean.legs.access.packets);
        }
      }
    },
  );
});
