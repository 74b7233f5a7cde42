import { describe, expect, it } from 'vitest';
import { labHash } from '../../src/lab/labRoute';
import { parseRoute, sandboxHash } from '../../src/ui/route';

describe('hash routes', () => {
  it('open the home page by default', () => {
    expect(parseRoute('')).toEqual({ route: { page: 'home' }, problems: [] });
    expect(parseRoute('#/')).toEqual({ route: { page: 'home' }, problems: [] });
  });

  it('read the sandbox’s scale, seed, workers and switches, and write them back', () => {
    const hash = sandboxHash('2002', 42, 3);
    expect(parseRoute(hash)).toEqual({
      route: { page: 'sandbox', scale: '2002', seed: 42, workers: 3, switches: {} },
      problems: [],
    });
    const switches = (h: string) => (parseRoute(h).route as { switches: object }).switches;
    expect(switches(sandboxHash('2009', 1, 2, { dns: false }))).toEqual({ dns: false });
    expect(switches('#/sandbox?dns=on')).toEqual({ dns: true });
    expect(switches(sandboxHash('2009', 1, 2, { parents: true }))).toEqual({ parents: true });
    expect(switches('#/sandbox?parents=off')).toEqual({ parents: false });
    expect(switches(sandboxHash('2009', 1, 2, { bgp: true, overlay: true }))).toEqual({
      bgp: true,
      overlay: true,
    });
    expect(switches('#/sandbox?bgp=off&overlay=off')).toEqual({ bgp: false, overlay: false });
    expect(parseRoute('#/sandbox?scale=5000').route).toEqual({
      page: 'sandbox',
      scale: 5000,
      seed: 1,
      workers: null,
      switches: {},
    });
  });

  it.each([
    ['#/sandbox?scale=huge', /scale “huge”/],
    ['#/sandbox?seed=-2', /seed “-2”/],
    ['#/sandbox?seed=1e400', /seed/],
    ['#/sandbox?workers=99', /workers “99”/],
    ['#/sandbox?dns=maybe', /DNS “maybe” is neither on nor off/],
    ['#/sandbox?parents=yes', /Parent caches “yes” is neither on nor off/],
    ['#/sandbox?bgp=1', /BGP routing “1” is neither on nor off/],
    ['#/sandbox?overlay=yes', /The overlay “yes” is neither on nor off/],
    ['#/nowhere', /no page “\/nowhere”/],
  ])('fall back to defaults with a message for %s', (hash, message) => {
    const parsed = parseRoute(hash);
    expect(parsed.problems.join(' ')).toMatch(message);
  });

  it('keep the good parts of a partly bad link', () => {
    const parsed = parseRoute('#/sandbox?scale=2009&seed=abc&workers=2');
    expect(parsed.route).toEqual({
      page: 'sandbox',
      scale: '2009',
      seed: 1,
      workers: 2,
      switches: {},
    });
    expect(parsed.problems).toHaveLength(1);
  });

  it('open a lab, or one step of it, and write the link back', () => {
    const labs = ['dns-resolution'];
    expect(parseRoute(labHash('dns-resolution'), labs)).toEqual({
      route: { page: 'lab', labId: 'dns-resolution', stepId: null },
      problems: [],
    });
    expect(labHash('dns-resolution', 'coldCache')).toBe('#/lab/dns-resolution/coldCache');
    expect(parseRoute('#/lab/dns-resolution/coldCache', labs).route).toEqual({
      page: 'lab',
      labId: 'dns-resolution',
      stepId: 'coldCache',
    });
    expect(parseRoute('#/lab/dns-resolution/', labs).route).toMatchObject({ stepId: null });
  });

  it.each([
    ['#/lab/no-such-lab', /no lab “no-such-lab”/],
    ['#/lab/dns-resolution/a/b', /no page/],
    ['#/lab', /no page/],
  ])('show the home page with a message for %s', (hash, message) => {
    const parsed = parseRoute(hash, ['dns-resolution']);
    expect(parsed.route).toEqual({ page: 'home' });
    expect(parsed.problems.join(' ')).toMatch(message);
  });
});
