import { describe, expect, it } from 'vitest';
import { releaseOf } from '@sim/models/rollout/bugs';
import { parseBugSpec } from '@sim/models/rollout/bugSpec';
import { canTalk, formatsOf } from '@sim/models/rollout/compatibility';
import { HOUR } from '@sim/time';
import { config, ship } from './helpers';

describe('two versions live at once', () => {
  it('a careful release talks to the old version; one that breaks the format does not', () => {
    const careful = formatsOf(releaseOf([]));
    expect(canTalk(careful.old, careful.next)).toBe(true);
    const bugs = parseBugSpec('mixed:incompatible');
    if (bugs === 'random') throw new Error('unexpected');
    const breaking = formatsOf(releaseOf(bugs));
    expect(canTalk(breaking.old, breaking.next)).toBe(false);
    expect(canTalk(breaking.next, breaking.next)).toBe(true);
  });

  it('a broken format shows while versions are mixed, so the single machine catches it', () => {
    const { outcome } = ship('mixed:incompatible:rate=20', config('1,world'));
    expect(outcome).toMatchObject({ aborted: true, phaseReached: 1, reason: 'errors' });
    expect(outcome.serversAffected).toBe(1);
  });

  it('installed everywhere at once, nobody is left to disagree with', () => {
    const { outcome } = ship('mixed:incompatible:rate=20', config('world', { worldWatchNs: HOUR }));
    expect(outcome).toMatchObject({ aborted: false, serversAffected: 0 });
  });
});
