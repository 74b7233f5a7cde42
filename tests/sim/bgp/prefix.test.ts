import { describe, expect, it } from 'vitest';
import {
  covers,
  formatAddress,
  formatPrefix,
  parseAddress,
  parsePrefix,
  PrefixError,
  PrefixTrie,
  type Prefix,
} from '@sim/models/bgp';
import { RandomStream } from '@sim/random/RandomStream';

describe('IPv4 prefixes', () => {
  it('parses and prints addresses and prefixes', () => {
    expect(parseAddress('208.65.153.238')).toBe(0xd04199ee);
    expect(formatAddress(0xd04199ee)).toBe('208.65.153.238');
    expect(parsePrefix('208.65.152.0/22')).toEqual({ address: 0xd0419800, length: 22 });
    expect(formatPrefix(parsePrefix('0.0.0.0/0'))).toBe('0.0.0.0/0');
    expect(formatPrefix(parsePrefix('255.255.255.255/32'))).toBe('255.255.255.255/32');
  });

  it.each([
    '10.0.0.1/8',
    '10.0.0/8',
    '10.0.0.0',
    '10.0.0.0/33',
    '256.0.0.0/8',
    '10.0.0.0/-1',
    '01.0.0.0/8',
  ])('refuses %s', (text) => {
    expect(() => parsePrefix(text)).toThrow(PrefixError);
  });

  it('covers: the YouTube /22 holds the /24 Pakistan Telecom announced, not the next /22', () => {
    const yt = parsePrefix('208.65.152.0/22');
    expect(covers(yt, parseAddress('208.65.153.238'))).toBe(true);
    expect(covers(yt, parseAddress('208.65.155.255'))).toBe(true);
    expect(covers(yt, parseAddress('208.65.156.0'))).toBe(false);
  });
});

describe('PrefixTrie', () => {
  it('answers the most specific covering entry', () => {
    const t = new PrefixTrie<string>();
    t.set(parsePrefix('208.65.152.0/22'), 'youtube');
    t.set(parsePrefix('208.65.153.0/24'), 'pakistan');
    expect(t.longestMatch(parseAddress('208.65.153.238'))?.value).toBe('pakistan');
    expect(t.longestMatch(parseAddress('208.65.152.1'))?.value).toBe('youtube');
    t.set(parsePrefix('208.65.153.128/25'), 'youtube /25');
    expect(t.longestMatch(parseAddress('208.65.153.238'))?.value).toBe('youtube /25');
    expect(t.delete(parsePrefix('208.65.153.128/25'))).toBe(true);
    expect(t.longestMatch(parseAddress('208.65.153.238'))?.value).toBe('pakistan');
    expect(t.longestMatch(parseAddress('8.8.8.8'))).toBeUndefined();
    t.set(parsePrefix('0.0.0.0/0'), 'default');
    expect(t.longestMatch(parseAddress('8.8.8.8'))?.value).toBe('default');
    expect(t.size).toBe(3);
  });

  it('agrees with a brute-force search over random prefixes and addresses', () => {
    const rng = new RandomStream(7, 'prefix-test');
    const entries: Prefix[] = [];
    const t = new PrefixTrie<number>();
    for (let i = 0; i < 300; i++) {
      const length = rng.int(0, 32);
      // few distinct high bits, so that prefixes nest often
      const raw = ((rng.int(0, 3) << 30) | rng.int(0, 0x3fffffff)) >>> 0;
      const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
      const p = { address: (raw & mask) >>> 0, length };
      entries.push(p);
      t.set(p, i);
    }
    for (let k = 0; k < 2000; k++) {
      const a = entries[rng.int(0, entries.length - 1)];
      const address = k % 2 ? (a.address | rng.int(0, 255)) >>> 0 : rng.nextUint32();
      // the last set wins for a repeated prefix, as in the trie
      let best = -1;
      entries.forEach((p, i) => {
        if (
          covers(p, address) &&
          (best < 0 || p.length > entries[best].length || p.length === entries[best].length)
        )
          best = i;
      });
      const got = t.longestMatch(address);
      if (best < 0) expect(got).toBeUndefined();
      else expect(got?.prefix).toEqual(entries[best]);
    }
  });
});
