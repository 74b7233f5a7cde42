import { describe, expect, it } from 'vitest';
import { MAX_SERVERS, resolveScale } from '@sim/topology';

describe('resolveScale', () => {
  it('resolves the named scales to the figures of the papers', () => {
    const classroom = resolveScale('classroom');
    expect(classroom.servers).toBeLessThan(30);
    expect(classroom.dataCentres).toBeGreaterThanOrEqual(3);
    expect(classroom.cityPool).not.toBeNull();

    const y2002 = resolveScale('2002');
    expect(y2002.servers).toBeGreaterThan(12_000);
    expect(y2002.hostingNetworks).toBeGreaterThan(1_000);
    expect(y2002.meanServersPerDataCentre).toBeCloseTo(12, 0);

    const y2009 = resolveScale('2009');
    expect(y2009.servers).toBeGreaterThan(35_000);
    expect(y2009.hostingNetworks).toBeGreaterThan(1_000);
    expect(y2009.networks).toBe(13_000);
    expect(y2009.meanServersPerDataCentre).toBeGreaterThan(y2002.meanServersPerDataCentre);
  });

  it('is case-insensitive and ignores surrounding spaces in names', () => {
    expect(resolveScale(' Classroom ').name).toBe('classroom');
  });

  it('reads a JS number, or a string of digits that is not a name, as a server count', () => {
    expect(resolveScale(5000).servers).toBe(5000);
    expect(resolveScale('5000').servers).toBe(5000);
    expect(resolveScale('35,000').servers).toBe(35_000);
    expect(resolveScale(2002).servers).toBe(2002);
    expect(resolveScale('2002').name).toBe('2002');
  });

  it('interpolates between the anchors: more servers never means fewer networks or data centres', () => {
    let prev = resolveScale(1);
    for (const s of [10, 15, 50, 200, 1000, 5000, 12_500, 20_000, 36_000, 100_000, MAX_SERVERS]) {
      const cur = resolveScale(s);
      expect(cur.networks).toBeGreaterThanOrEqual(prev.networks);
      expect(cur.dataCentres).toBeGreaterThanOrEqual(prev.dataCentres);
      expect(cur.hostingNetworks).toBeGreaterThanOrEqual(prev.hostingNetworks);
      expect(cur.hostingNetworks).toBeLessThanOrEqual(Math.min(cur.networks, cur.dataCentres));
      expect(cur.dataCentres).toBeLessThanOrEqual(cur.servers);
      prev = cur;
    }
  });

  it('puts the 2005 point of the hosting-network rule near 15,000 servers in 1,100 networks', () => {
    expect(resolveScale(15_000).hostingNetworks).toBe(1100);
  });

  it.each([['huge'], [-5], [0], [2.5], [''], ['12.5'], [MAX_SERVERS + 1], [Number.NaN]])(
    'rejects %s with a message naming the scales and the allowed range',
    (bad) => {
      expect(() => resolveScale(bad as string | number)).toThrow(Error);
      try {
        resolveScale(bad as string | number);
      } catch (e) {
        const msg = (e as Error).message;
        expect(msg).toContain('classroom, 2002, 2009');
        expect(msg).toContain('from 1 to 250,000');
        expect(msg).toContain(String(bad));
      }
    },
  );
});
