import { describe, expect, it } from 'vitest';
import { formatClock } from '../../../src/ui/format/simTime';

describe('formatClock', () => {
  it('tells each span of time in the unit that fits', () => {
    expect(formatClock(193_884_000)).toBe('193.884 ms');
    expect(formatClock(25e9)).toBe('25.000 s');
    expect(formatClock(59.5e9)).toBe('59.500 s');
    expect(formatClock(125.25e9)).toBe('2 min 05.3 s');
    expect(formatClock(3605e9)).toBe('1 h 00 min 05.0 s');
    expect(formatClock(4 * 3600e9 + 61e9)).toBe('4 h 01 min 01.0 s');
  });
});
