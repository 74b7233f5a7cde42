import { gunzipSync, inflateSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  deltaEncode,
  GZIP_LEVEL,
  gzipBytes,
  measureHtml,
  utf8,
} from '../../../src/sim/models/pageload/htmlEncoding';
import { builtInPage } from '../../../src/sim/models/pageload/pages';
import { fragmentText, pageText } from '../../../src/sim/models/pageload/pageText';
import { RandomStream } from '../../../src/sim/random/RandomStream';
import { gzipSync } from 'fflate';
import { load } from './helpers';

const portal = builtInPage('portal')!;
const whole = (parts: { text: string }[]) => parts.map((p) => p.text).join('');

/** Text no compressor can shrink: random letters (log2(26) bits each, 8 stored). */
function noise(n: number, seed: number): string {
  const r = new RandomStream(seed, 'noise');
  return Array.from({ length: n }, () => String.fromCharCode(97 + r.int(0, 25))).join('');
}

describe('the page text', () => {
  it('has each fragment’s byte length exactly, the same for a seed, another for another seed', () => {
    const parts = pageText(portal, 3);
    for (const f of portal.html.fragments!)
      expect(utf8(parts.find((p) => p.name === f.name)!.text).length).toBe(f.bytes);
    expect(whole(pageText(portal, 3))).toBe(whole(parts));
    expect(whole(pageText(portal, 4))).not.toBe(whole(parts));
    expect(whole(parts).startsWith('<!DOCTYPE html>')).toBe(true);
    expect(whole(parts)).toContain('<article class="story">');
  });

  it('a new version changes the headlines, quotes and greeting, not the template (a day’s lifetime)', () => {
    const [v0, v1] = [pageText(portal, 1, 0), pageText(portal, 1, 1)];
    for (const name of ['headlines', 'quotes', 'greeting'])
      expect(v1.find((p) => p.name === name)!.text).not.toBe(v0.find((p) => p.name === name)!.text);
    expect(v1[0].text).toBe(v0[0].text);
  });
});

describe('compression, measured (gzip level 6)', () => {
  it('restores the text exactly, and cannot shrink random letters much below 8/log2(26) of them', () => {
    const text = whole(pageText(portal, 1));
    const gz = gzipSync(utf8(text), { level: GZIP_LEVEL });
    expect(strFromU8(gunzipSync(gz))).toBe(text);
    // Entropy bound: 26 equally likely letters need log2(26) = 4.70 bits; Huffman codes need ≥ that.
    const n = noise(20_000, 1);
    expect(n.length / gzipBytes(n)).toBeLessThan(8 / Math.log2(26));
    expect(n.length / gzipBytes(n)).toBeGreaterThan(1.5);
  });

  it('shrinks the portal’s HTML 3–8 times for several seeds (Souders 2007: gzip cuts about 70 %, 3.3×)', () => {
    for (const seed of [1, 2, 3]) {
      const m = measureHtml(portal, seed);
      expect(m.plainBytes).toBe(32_000);
      expect(m.ratio).toBeGreaterThanOrEqual(3);
      expect(m.ratio).toBeLessThanOrEqual(8);
    }
  });

  it('puts the measured size on the wire: the HTML response is headers plus the gzip’d bytes', () => {
    const m = measureHtml(portal, 1);
    const plain = load(portal, { http: 'multiplexed' });
    const gz = load(portal, { http: 'multiplexed', compress: true });
    const html = (r: typeof plain) => r.requests.find((q) => q.object === 'portal.html')!.bytes;
    expect(html(plain)).toBe(32_000);
    expect(html(gz)).toBe(m.gzipBytes);
    expect(gz.requests).toHaveLength(plain.requests.length);
    // The access leg carries about the bytes saved less (a few headers of segments fewer).
    const saved = plain.legs.access.bytes - gz.legs.access.bytes;
    expect(saved).toBeGreaterThan(32_000 - m.gzipBytes);
    expect(saved).toBeLessThan((32_000 - m.gzipBytes) * 1.1);
  });
});

describe('delta encoding (deflate with the previous version as dictionary)', () => {
  const base = fragmentText('headlines', 20_000, 7);

  it('restores the new version from the old exactly', () => {
    const next = base.replace('<article', `<p>${noise(500, 2)}</p><article`);
    const d = deltaEncode(base, next);
    expect(strFromU8(inflateSync(d, { dictionary: utf8(base) }))).toBe(next);
  });

  it('sends next to nothing for an unchanged page, and about the insertion for an insertion', () => {
    // Unchanged: one back-reference per 258 bytes (deflate's longest match), each a few bytes.
    const unchanged = deltaEncode(base, base).length;
    expect(unchanged).toBeLessThan((base.length / 258) * 4);
    const insert = noise(1_000, 3);
    const at = base.length / 2;
    const next = base.slice(0, at) + insert + base.slice(at);
    const d = deltaEncode(base, next).length;
    expect(d).toBeGreaterThanOrEqual(gzipBytes(insert) - 30);
    expect(d).toBeLessThanOrEqual(gzipBytes(insert) + unchanged + 50);
  });

  it('the portal’s delta costs what changed: no more than the page gzip’d less its template', () => {
    const m = measureHtml(portal, 1);
    const template = gzipBytes(pageText(portal, 1, 1)[0].text);
    expect(m.deltaBytes).toBeLessThanOrEqual(m.gzipBytes - template);
    expect(m.deltaBytes).toBeGreaterThan((m.gzipBytes - template) / 2);
    const r = load(portal, { http: 'multiplexed', delta: true });
    expect(r.requests.find((q) => q.object === 'portal.html')!.bytes).toBe(m.deltaBytes);
  });
});
