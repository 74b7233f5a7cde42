import { describe, expect, it } from 'vitest';
import { formatRate } from '../../../src/ui/topology/PacketOverlay';

describe("a flow arc's rate label", () => {
  it('gives two significant figures below 1, and a bound for a flow all but gone', () => {
    expect(formatRate({ rate: 1830.4, unit: 'msg/s' })).toBe('1,830 msg/s');
    expect(formatRate({ rate: 0.0123, unit: 'msg/s' })).toBe('0.012 msg/s');
    expect(formatRate({ rate: 0.0012, unit: 'msg/s' })).toBe('0.0012 msg/s');
    expect(formatRate({ rate: 1.8e-17, unit: 'msg/s' })).toBe('< 0.001 msg/s');
    expect(formatRate({ rate: 0, unit: 'Mbit/s' })).toBe('0 Mbit/s');
  });
});
