import { describe, expect, it } from 'vitest';
import { clearProgress, loadProgress, progressKey, saveProgress } from '@lab/progressStore';
import { fixtureLab } from './fixtures/fixtureLab';
import { MemoryStorage } from './fakeSim';

const lab = fixtureLab();

describe('saved progress', () => {
  it('comes back as it was saved', () => {
    const storage = new MemoryStorage();
    expect(loadProgress(storage, lab)).toEqual({ progress: null, problem: '' });
    saveProgress(storage, lab.id, { stepId: 'experiment', answers: { latency: 40 } });
    expect(loadProgress(storage, lab)).toEqual({
      progress: { stepId: 'experiment', answers: { latency: 40 } },
      problem: '',
    });
    clearProgress(storage, lab.id);
    expect(loadProgress(storage, lab).progress).toBeNull();
  });

  it('keeps the measurement that judged each answer, and loads progress saved without any', () => {
    const storage = new MemoryStorage();
    saveProgress(storage, lab.id, {
      stepId: 'done',
      answers: { latency: 40 },
      measured: { latency: 38.5 },
    });
    expect(loadProgress(storage, lab).progress).toEqual({
      stepId: 'done',
      answers: { latency: 40 },
      measured: { latency: 38.5 },
    });
    // Saved before measurements were kept: the answers load, with no measurement.
    storage.setItem(progressKey(lab.id), '{"format":1,"stepId":"done","answers":{"latency":40}}');
    expect(loadProgress(storage, lab)).toEqual({
      progress: { stepId: 'done', answers: { latency: 40 } },
      problem: '',
    });
  });

  it.each([
    ['not a record', '"38.5"'],
    ['a value that is not a number or a word', '{"latency":[38.5]}'],
    ['a word where the question wants a number', '{"latency":"38.5"}'],
    ['a question the lab no longer asks', '{"old":38.5}'],
    ['null', 'null'],
  ])('leaves out a saved measurement holding %s, and keeps the answers', (_, measured) => {
    const storage = new MemoryStorage();
    storage.setItem(
      progressKey(lab.id),
      `{"format":1,"stepId":"done","answers":{"latency":40},"measured":${measured}}`,
    );
    expect(loadProgress(storage, lab)).toEqual({
      progress: { stepId: 'done', answers: { latency: 40 } },
      problem: '',
    });
  });

  it.each([
    ['not JSON', '{"format":1,', /could not be read/],
    ['the wrong shape', '{"format":1,"stepId":3,"answers":{}}', /could not be read/],
    ['an older format', '{"format":0,"stepId":"intro","answers":{}}', /could not be read/],
    ['a step the lab dropped', '{"format":1,"stepId":"gone","answers":{}}', /earlier version/],
    [
      'an answer to a question the lab no longer asks',
      '{"format":1,"stepId":"intro","answers":{"old":1}}',
      /earlier version/,
    ],
    [
      'a word where the lab now wants a number',
      '{"format":1,"stepId":"intro","answers":{"latency":"forty"}}',
      /earlier version/,
    ],
  ])('holding %s is dropped with a message and a fresh start', (_, raw, message) => {
    const storage = new MemoryStorage();
    storage.setItem(progressKey(lab.id), raw);
    const loaded = loadProgress(storage, lab);
    expect(loaded.progress).toBeNull();
    expect(loaded.problem).toMatch(message);
    expect(loaded.problem).toMatch(/starts from the beginning/);
    expect(storage.getItem(progressKey(lab.id))).toBeNull();
  });

  it('survives a browser that refuses storage', () => {
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {},
    };
    expect(loadProgress(refusing, lab).problem).toMatch(/does not let/);
    expect(saveProgress(refusing, lab.id, { stepId: 'intro', answers: {} })).toBe(false);
  });
});
