import { describe, expect, it } from 'vitest';
import { LABS, labEntries } from '@ui/labsList';
import type { LabDefinition } from '@lab/types';

const outline = { goals: ['g'], stepIds: ['intro', 'done'], questions: 0 };
const about = (id: string, order: number) => ({
  about: { id, title: id, summary: '', minutes: 1, order },
  outline,
});
const loader = (id: string) => async () => ({ lab: { id } as LabDefinition });

describe('the lab list', () => {
  it('lists every lab folder in the suggested order', () => {
    expect(LABS.map((l) => l.id)).toEqual([
      'dns-resolution',
      'flash-crowd',
      'fat-file',
      'phased-rollout',
      'middle-mile',
      'acceleration',
    ]);
  });

  it('sorts by each about.ts’s order and loads the lab from its folder', async () => {
    const entries = labEntries(
      { '../../labs/b/about.ts': about('b', 2), '../../labs/a/about.ts': about('a', 1) },
      { '../../labs/a/index.ts': loader('a'), '../../labs/b/index.ts': loader('b') },
    );
    expect(entries.map((e) => e.id)).toEqual(['a', 'b']);
    expect((await entries[1].load()).id).toBe('b');
  });

  it('refuses a folder whose about.ts names another lab, or that has no index.ts', () => {
    expect(() =>
      labEntries(
        { '../../labs/a/about.ts': about('x', 1) },
        { '../../labs/a/index.ts': loader('a') },
      ),
    ).toThrow(/labs\/a\/about.ts names its lab 'x'/);
    expect(() => labEntries({ '../../labs/a/about.ts': about('a', 1) }, {})).toThrow(
      /has an about.ts but no index.ts/,
    );
  });
});
