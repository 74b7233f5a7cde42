import { describe, expect, it } from 'vitest';
import {
  DemoPlayer,
  DemoRecorder,
  describeCue,
  MAX_DEMO_BYTES,
  readDemoScript,
  type DemoStage,
} from '@lab/demoScript';
import type { LabDefinition } from '@lab/types';
import type { SimCommand } from '@sim/models/commands';

const lab = {
  id: 'rollout',
  steps: [
    { id: 'intro', title: 'Intro', prose: '' },
    {
      id: 'stats',
      title: 'A hundred releases',
      prose: '',
      controls: [
        { id: 'phases', label: 'Phases', min: 2, max: 6, step: 1, initial: 4 },
        { id: 'soakHours', label: 'Soak', min: 0.25, max: 8, step: 0.25, initial: 1, unit: 'h' },
      ],
    },
  ],
} as unknown as LabDefinition;

function recorded() {
  const r = new DemoRecorder('rollout', 'intro', 1);
  r.add({ do: 'step', step: 'stats', note: 'now the statistics' });
  r.add({ do: 'set', id: 'phases', value: 3, at: 2 });
  r.add({ do: 'command', command: { type: 'rollout.abort' }, at: 5 });
  r.add({ do: 'runTo', seconds: 10 });
  return r.script('Rollouts in four cues');
}

const text = (x: unknown) => JSON.stringify(x);

/** A stage that logs what the player asked of it, with a clock that runTo moves. */
class FakeStage implements DemoStage {
  log: string[] = [];
  now = 0;
  goToStep(id: string, fresh: boolean) {
    this.log.push(`step ${id}${fresh ? ' fresh' : ''}`);
    if (fresh) this.now = 0;
  }
  setControl(id: string, value: number) {
    this.log.push(`set ${id}=${value}`);
    return id !== 'missing';
  }
  command(c: SimCommand) {
    this.log.push(`command ${c.type}`);
    if (this.headNs > this.now) this.forked = true;
  }
  async runTo(ns: number) {
    this.log.push(`runTo ${ns / 1e9}`);
    this.now = ns;
  }
  /** a fork exists once a command is given after going back (the session's rule) */
  headNs = 0;
  forked = false;
  async goTo(ns: number) {
    this.log.push(`goTo ${ns / 1e9}`);
    this.headNs = Math.max(this.headNs, this.now);
    this.now = ns;
  }
  compare() {
    this.log.push(`compare${this.forked ? '' : ' (no fork)'}`);
    return this.forked;
  }
  nowNs() {
    return this.now;
  }
  async settled() {}
}

describe('demo scripts', () => {
  it('survive export and import unchanged', () => {
    const script = recorded();
    expect(readDemoScript(text(script), lab)).toEqual({ script, problem: '' });
  });

  it.each([
    ['a file too large', 'x'.repeat(MAX_DEMO_BYTES + 1), /100,001 bytes, more than the 100,000/],
    ['not JSON', '{"format":', /not a JSON file/],
    ['another kind of JSON', '{"cues":[]}', /not an Edge Lab demo script/],
    [
      'a wrong version',
      text({ ...recorded(), version: 2 }),
      /version 2; this Edge Lab reads version 1/,
    ],
    [
      'an unknown action',
      text({ ...recorded(), cues: [{ do: 'step', step: 'stats' }, { do: 'explode' }] }),
      /cue 2 has an unknown action "explode" \(known: step, set, command, runTo, goTo, compare\)/,
    ],
    [
      'a value out of range',
      text({ ...recorded(), cues: [{ do: 'set', id: 'phases', value: 60 }] }),
      /cue 1: “Phases” must be from 2 to 6, not 60/,
    ],
    [
      'a negative time',
      text({ ...recorded(), cues: [{ do: 'runTo', seconds: -1 }] }),
      /cue 1, seconds: a time must not be negative/,
    ],
    [
      'a bad command',
      text({ ...recorded(), cues: [{ do: 'command', command: { type: 'node.setUp', node: -2 } }] }),
      /cue 1, command/,
    ],
    [
      'a step the lab lacks',
      text({ ...recorded(), cues: [{ do: 'step', step: 'nowhere' }] }),
      /cue 1: this lab has no step “nowhere”/,
    ],
    ['another lab', text({ ...recorded(), lab: 'dns' }), /recorded in the lab “dns”/],
    [
      'a note with markup that is too long',
      text({ ...recorded(), cues: [{ do: 'runTo', seconds: 1, note: '<b>'.repeat(100) }] }),
      /cue 1, note: a note may have 200 characters/,
    ],
  ])('are refused for %s, with a message naming the problem', (_, file, why) => {
    const read = readDemoScript(file, lab);
    expect(read.script).toBeNull();
    expect(read.problem).toMatch(/^This demo script cannot be used: /);
    expect(read.problem).toMatch(why);
  });

  it('keep markup in notes as plain text (the page renders it as text)', () => {
    const file = text({ ...recorded(), cues: [{ do: 'runTo', seconds: 1, note: '<img src=x>' }] });
    const cue = readDemoScript(file, lab).script!.cues[0];
    expect(describeCue(cue, lab)).toBe('Run to t = 1 s — <img src=x>');
  });

  it('describe each cue in words', () => {
    const [step, set, command, runTo] = recorded().cues;
    expect(describeCue(step, lab)).toBe('Open the step “A hundred releases” — now the statistics');
    expect(describeCue(set, lab)).toBe('Set “Phases” to 3 at t = 2 s');
    expect(describeCue(command, lab)).toBe('Send rollout.abort at t = 5 s');
    expect(describeCue(runTo, lab)).toBe('Run to t = 10 s');
  });

  it('replay cue by cue, stopping before each, catching up to each cue’s time', async () => {
    const stage = new FakeStage();
    const player = new DemoPlayer(recorded());
    await player.begin(stage);
    expect(stage.log).toEqual(['step intro fresh']);
    expect(player.index).toBe(0);

    expect(await player.next(stage)).toBe(true);
    expect(stage.log.slice(1)).toEqual(['step stats']);
    expect(await player.next(stage)).toBe(true);
    expect(stage.log.slice(2)).toEqual(['runTo 2', 'set phases=3']);
    expect(await player.next(stage)).toBe(true);
    expect(stage.log.slice(4)).toEqual(['runTo 5', 'command rollout.abort']);
    // Already past a cue's time: no fast-forward backwards.
    stage.now = 20e9;
    expect(await player.next(stage)).toBe(true);
    expect(stage.log).toHaveLength(6);
    expect(player.done).toBe(true);
    expect(await player.next(stage)).toBe(false);
  });

  it('go back on the timeline, fork with a command there, and compare the two runs', async () => {
    const r = new DemoRecorder('rollout', 'stats', 1);
    r.add({ do: 'runTo', seconds: 60 });
    r.add({ do: 'goTo', seconds: 20 });
    r.add({ do: 'command', command: { type: 'rollout.abort' }, at: 20 });
    r.add({ do: 'compare', note: 'both runs' });
    const script = r.script('A fork');
    expect(readDemoScript(text(script), lab)).toEqual({ script, problem: '' });
    expect(script.cues.slice(1).map((c) => describeCue(c, lab))).toEqual([
      'Go to t = 20 s on the timeline',
      'Send rollout.abort at t = 20 s',
      'Compare the two runs — both runs',
    ]);
    const stage = new FakeStage();
    const player = new DemoPlayer(script);
    while (!player.done) await player.next(stage);
    // Going back is not a fast-forward: the command acts at the moment gone back to.
    expect(stage.log).toEqual(['runTo 60', 'goTo 20', 'command rollout.abort', 'compare']);
  });

  it('stop with a message when there is no fork to compare', async () => {
    const r = new DemoRecorder('rollout', 'stats', 1);
    r.add({ do: 'compare' });
    const player = new DemoPlayer(r.script('x'));
    await expect(player.next(new FakeStage())).rejects.toThrow(/no fork to compare/);
  });

  it('stop with a message when a setting is not in the open step', async () => {
    const stage = new FakeStage();
    const r = new DemoRecorder('rollout', 'stats', 1);
    r.add({ do: 'set', id: 'missing', value: 1 });
    const player = new DemoPlayer(r.script('x'));
    await expect(player.next(stage)).rejects.toThrow(/has no setting “missing”/);
    expect(player.index).toBe(0);
  });

  it('run one cue at a time even when "next cue" is pressed twice quickly', async () => {
    const stage = new FakeStage();
    const player = new DemoPlayer(recorded());
    await player.begin(stage);
    await player.next(stage);
    const [a, b] = await Promise.all([player.next(stage), player.next(stage)]);
    expect([a, b]).toEqual([true, false]);
    expect(player.index).toBe(2);
  });
});
