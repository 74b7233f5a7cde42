import { describe, expect, it } from 'vitest';
import { duration } from '@lab/format';
import { lookupTime } from '../../labs/dns-resolution/format';

describe('the DNS lab’s durations', () => {
  it('are given in the unit that fits', () => {
    expect(lookupTime(38.25)).toBe('38.3 ms');
    expect(lookupTime(376)).toBe('376 ms');
    expect(duration(20)).toBe('20 s');
    expect(duration(3605)).toBe('60.1 min');
    expect(duration(3600 * 3)).toBe('3 h');
    expect(duration(172_800)).toBe('2 days');
  });
});
