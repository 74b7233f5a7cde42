import { describe, expect, it } from 'vitest';
import { assign, createActor, setup } from 'xstate';
import { experimentStep, labGuards, noteAnswered } from '@lab/experiment';
import { simActions } from '@lab/simActions';
import { SECOND } from '@sim/time';

interface Ctx {
  answered: Record<string, boolean>;
  results: Partial<Record<string, number>>;
  seen: number;
}
type Ev =
  | { type: 'user.answered' }
  | { type: 'user.next' }
  | { type: 'sim.started' }
  | { type: 'sim.tick'; timeNs: number }
  | { type: 'sim.sample' };

function machine() {
  const calls: string[] = [];
  const m = setup({
    types: { context: {} as Ctx, events: {} as Ev },
    actions: {
      ...simActions,
      noteAnswer: assign({ answered: (args, p: { step: string }) => noteAnswered(args, p) }),
      clearRun: assign({ seen: 0 }),
      count: assign({ seen: ({ context }) => context.seen + 1 }),
      recordRun: assign({
        results: ({ context }, p: { name: string }) => ({
          ...context.results,
          [p.name]: context.seen,
        }),
      }),
    },
    guards: labGuards,
  }).createMachine({
    initial: 'step',
    context: { answered: {}, results: {}, seen: 0 },
    states: {
      step: experimentStep<Ctx>('step', 'done', [
        {
          name: 'a',
          config: { x: 1 },
          speed: SECOND,
          stop: { seconds: 2 },
          collect: { 'sim.sample': 'count' },
        },
        {
          name: 'b',
          config: { x: 2 },
          commands: [{ type: 'node.setUp', node: 1, up: false }],
          speed: SECOND,
          stop: { seconds: 1 },
        },
      ]),
      done: { type: 'final' },
    },
  });
  const spy = (name: string) => (_: unknown, p: unknown) =>
    calls.push(p === undefined ? name : `${name} ${JSON.stringify(p)}`);
  const actor = createActor(
    m.provide({
      actions: {
        resetSimWith: spy('reset'),
        sendSimCommand: spy('command'),
        setSimSpeed: spy('speed'),
        playSim: spy('play'),
        pauseSim: spy('pause'),
      },
    }),
  ).start();
  return { actor, calls };
}

describe('the experiment step', () => {
  it('waits for the answer, then builds, plays, collects and records each run, and only then lets Next go', () => {
    const { actor, calls } = machine();
    actor.send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toEqual({ step: 'ready' });
    actor.send({ type: 'user.answered' });
    expect(actor.getSnapshot().value).toEqual({ step: 'build0' });
    expect(calls).toContain('reset {"modelConfig":{"x":1}}');
    actor.send({ type: 'sim.started' });
    actor.send({ type: 'sim.sample' });
    actor.send({ type: 'sim.sample' });
    actor.send({ type: 'sim.tick', timeNs: SECOND });
    expect(actor.getSnapshot().value).toEqual({ step: 'run0' });
    actor.send({ type: 'sim.tick', timeNs: 2 * SECOND });
    expect(actor.getSnapshot().context.results.a).toBe(2);
    expect(actor.getSnapshot().value).toEqual({ step: 'build1' });
    actor.send({ type: 'user.next' });
    expect(actor.getSnapshot().value).toEqual({ step: 'build1' });
    actor.send({ type: 'sim.started' });
    expect(calls).toContain('command {"command":{"type":"node.setUp","node":1,"up":false}}');
    actor.send({ type: 'sim.tick', timeNs: SECOND });
    expect(actor.getSnapshot().value).toEqual({ step: 'measured' });
    expect(actor.getSnapshot().context.results.b).toBe(0);
    actor.send({ type: 'user.next' });
    expect(actor.getSnapshot().status).toBe('done');
  });

  it('refuses a fast-forward that ends at an observation', () => {
    expect(() =>
      experimentStep('s', 'n', [{ name: 'a', config: {}, speed: 'fast', stop: { on: ['sim.x'] } }]),
    ).toThrow(/fast-forward needs an end time/);
  });
});
