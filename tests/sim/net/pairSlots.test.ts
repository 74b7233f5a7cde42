import { describe, expect, it } from 'vitest';
import { pairKey } from '@sim/net/linkIds';
import { PairSlots } from '@sim/net/PairSlots';

describe('PairSlots', () => {
  it('finds every pair kept, through its growth, and no other', () => {
    const slots = new PairSlots();
    const kept = new Map<number, number>();
    // Pairs up to the largest network ids, whose keys pass 2^31 (kept as int32 bits).
    for (let i = 0; i < 5000; i++) {
      const a = (i * 7919) % 65535;
      const b = a + 1 + ((i * 104729) % (65535 - a));
      const key = pairKey(a, b);
      if (kept.has(key)) continue;
      kept.set(key, i);
      slots.set(key, i);
    }
    expect(kept.size).toBeGreaterThan(4000);
    for (const [key, slot] of kept) expect(slots.get(key)).toBe(slot);
    for (let a = 1; a < 200; a++) {
      const key = pairKey(a, a + 65000 - a);
      expect(slots.get(key)).toBe(kept.get(key) ?? -1);
    }
  });

  it('replaces the slot of a pair kept again', () => {
    const slots = new PairSlots();
    slots.set(pairKey(3, 9), 1);
    slots.set(pairKey(9, 3), 2);
    expect(slots.get(pairKey(3, 9))).toBe(2);
    expect(slots.get(pairKey(3, 8))).toBe(-1);
  });
});
