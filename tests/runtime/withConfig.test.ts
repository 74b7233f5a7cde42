/** A lab run's configuration put in place of the lab's own, for one model and for several. */
import { describe, expect, it } from 'vitest';
import { withConfig } from '@runtime/models';

describe('withConfig', () => {
  it('gives one model the configuration as it is', () => {
    expect(withConfig({ id: 'bgp', config: { a: 1 } }, { b: 2 })).toEqual({
      id: 'bgp',
      config: { b: 2 },
    });
  });

  it('gives several models theirs by id, keeping the others', () => {
    const lab = [
      { id: 'bgp', config: { a: 1 } },
      { id: 'overlay', config: { c: 3 } },
    ];
    expect(withConfig(lab, { bgp: { b: 2 } })).toEqual([
      { id: 'bgp', config: { b: 2 } },
      { id: 'overlay', config: { c: 3 } },
    ]);
    // the lab's own list is left as it was, for its next run
    expect(lab[0].config).toEqual({ a: 1 });
  });

  it('refuses a model the run does not have, and a bare configuration for several', () => {
    const lab = [{ id: 'bgp' }, { id: 'overlay' }];
    expect(() => withConfig(lab, { dns: {} })).toThrow(/model dns/);
    expect(() => withConfig(lab, [{}])).toThrow(/by model id/);
  });
});
