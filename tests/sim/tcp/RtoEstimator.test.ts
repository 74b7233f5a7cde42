import { describe, expect, it } from 'vitest';
import { RtoEstimator, steadyRtoNs } from '@sim/models/tcp/RtoEstimator';
import { MS, SECOND } from '@sim/time';

describe('RtoEstimator (RFC 6298)', () => {
  it('starts at the initial RTO, then SRTT = R, RTTVAR = R/2 from the first sample', () => {
    const e = new RtoEstimator(200 * MS, 60 * SECOND, SECOND, 'rfc6298');
    expect(e.rtoNs).toBe(SECOND);
    e.sample(100 * MS);
    expect(e.srttNs).toBe(100 * MS);
    expect(e.rttvarNs).toBe(50 * MS);
    expect(e.rtoNs).toBe(300 * MS);
  });

  it('smooths with α = 1/8, β = 1/4, RTTVAR first', () => {
    const e = new RtoEstimator(1, 60 * SECOND, SECOND, 'rfc6298');
    e.sample(100 * MS);
    e.sample(200 * MS);
    expect(e.rttvarNs).toBeCloseTo(0.75 * 50 * MS + 0.25 * 100 * MS, 6);
    expect(e.srttNs).toBeCloseTo(0.875 * 100 * MS + 0.125 * 200 * MS, 6);
  });

  it('rfc6298 clamps the whole RTO at the minimum; linux adds the minimum to SRTT', () => {
    const rfc = new RtoEstimator(200 * MS, 60 * SECOND, SECOND, 'rfc6298');
    const linux = new RtoEstimator(200 * MS, 60 * SECOND, SECOND, 'linux');
    for (let i = 0; i < 200; i++) {
      rfc.sample(10 * MS);
      linux.sample(10 * MS);
    }
    expect(rfc.rtoNs).toBe(200 * MS);
    expect(linux.rtoNs).toBe(210 * MS);
    expect(steadyRtoNs(10 * MS, 200 * MS, 'linux')).toBe(210 * MS);
    expect(steadyRtoNs(10 * MS, 200 * MS, 'rfc6298')).toBe(200 * MS);
  });

  it('backs off exponentially up to the maximum, and a new sample undoes the back-off', () => {
    const e = new RtoEstimator(200 * MS, 2 * SECOND, SECOND, 'linux');
    e.sample(100 * MS);
    const base = e.rtoNs;
    e.backOff();
    expect(e.rtoNs).toBe(2 * base);
    e.backOff();
    e.backOff();
    expect(e.rtoNs).toBe(2 * SECOND);
    e.sample(100 * MS);
    expect(e.rtoNs).toBe(300 * MS);
  });
});
