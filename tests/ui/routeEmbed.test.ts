// Embed mode's flag: where it may be given, which values turn it on, and that the hash router
// still opens the lab (and its step) when the flag rides in the hash.
import { describe, expect, it } from 'vitest';
import { labHash } from '../../src/lab/labRoute';
import { parseRoute } from '../../src/ui/route';
import { embedFlag, hashEmbedSuffix } from '../../src/ui/shell/embed';

const labs = ['dns-resolution'];

describe('the embed flag', () => {
  it.each([
    ['?embed', '#/lab/dns-resolution'],
    ['?embed=1', '#/lab/dns-resolution'],
    ['?course=net101&embed=true', '#/lab/dns-resolution'],
    ['', '#/lab/dns-resolution?embed'],
    ['', '#/lab/dns-resolution/coldCache?embed='],
  ])('turns embed mode on for search %j and hash %j', (search, hash) => {
    expect(embedFlag(search, hash)).toBe(true);
  });

  it.each([
    ['', ''],
    ['', '#/lab/dns-resolution'],
    ['?embed=0', '#/lab/dns-resolution'],
    ['?embed=false', '#/lab/dns-resolution?embed=FALSE'],
    ['?embedded', '#/sandbox?seed=4'],
    // The word in a path is not the flag.
    ['', '#/lab/embed'],
  ])('leaves it off for search %j and hash %j', (search, hash) => {
    expect(embedFlag(search, hash)).toBe(false);
  });

  it('does not change which lab and step the router opens', () => {
    expect(parseRoute('#/lab/dns-resolution?embed', labs)).toEqual({
      route: { page: 'lab', labId: 'dns-resolution', stepId: null },
      problems: [],
    });
    expect(parseRoute('#/lab/dns-resolution/coldCache?embed', labs).route).toEqual({
      page: 'lab',
      labId: 'dns-resolution',
      stepId: 'coldCache',
    });
  });

  it('survives the lab rewriting its link for the next step', () => {
    const suffix = hashEmbedSuffix('#/lab/dns-resolution?embed');
    const next = labHash('dns-resolution', 'coldCache') + suffix;
    expect(next).toBe('#/lab/dns-resolution/coldCache?embed');
    expect(embedFlag('', next)).toBe(true);
    expect(parseRoute(next, labs).route).toMatchObject({ stepId: 'coldCache' });
    // A flag given in the page's query needs nothing added to the hash.
    expect(hashEmbedSuffix('#/lab/dns-resolution')).toBe('');
  });
});
