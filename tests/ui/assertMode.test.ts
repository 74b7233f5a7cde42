import { describe, expect, it } from 'vitest';
import { assertFlag } from '../../src/ui/fuzz/assertMode';

describe('assert mode', () => {
  it.each(['?assert', '?assert=1', '?embed&assert', 'assert=true'])('is on for %s', (q) => {
    expect(assertFlag(q)).toBe(true);
  });

  it.each(['', '?embed', '?assert=0', '?assert=false', '?asserts'])('is off for “%s”', (q) => {
    expect(assertFlag(q)).toBe(false);
  });
});
