import { describe, expect, it } from 'vitest';
import { setup } from 'xstate';
import { defineLab, kebab } from '@lab/defineLab';

const base = {
  id: 'x',
  title: 'X',
  summary: '',
  minutes: 1,
  order: 1,
  scenario: { scale: 'classroom' as const, seed: 1 },
  model: { id: 'probe' as const },
  workers: 1,
  machine: setup({}).createMachine({}),
};

describe('a lab’s prose found by file name', () => {
  it('gives each step its content/<kebab id>.md', () => {
    const lab = defineLab({
      ...base,
      steps: [
        { id: 'intro', title: 'I' },
        { id: 'warmSame', title: 'W' },
      ],
      content: { './content/intro.md': '<p>i</p>', './content/warm-same.md': '<p>w</p>' },
    });
    expect(lab.steps.map((s) => s.prose)).toEqual(['<p>i</p>', '<p>w</p>']);
    expect(kebab('delegationExpiry')).toBe('delegation-expiry');
  });

  it('refuses a step without prose, and prose without a step', () => {
    expect(() => defineLab({ ...base, steps: [{ id: 'intro', title: 'I' }], content: {} })).toThrow(
      /step intro has no prose \(content\/intro.md\)/,
    );
    expect(() =>
      defineLab({
        ...base,
        steps: [{ id: 'intro', title: 'I', prose: '<p>given</p>' }],
        content: { './content/old.md': '<p>o</p>' },
      }),
    ).toThrow(/content\/old.md belongs to no step/);
  });
});
