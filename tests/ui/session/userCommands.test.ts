/**
 * The student's commands as a shared moment keeps them: going back on the timeline keeps them
 * (those after the moment are the run's future), a new run forgets them, and a command given at
 * an earlier moment forks, moving the old future's commands to the other run, so that the link
 * (currentMoment) can rebuild both runs of a comparison.
 */
import { describe, expect, it } from 'vitest';
import type { LabDriver } from '@lab/LabDriver';
import type { SimSession } from '@ui/session/SimSession.svelte';
import { UserCommands } from '@ui/share/userCommands.svelte';
import { currentMoment, momentSummary } from '@ui/share/restoreMoment';
import type { SimCommand } from '@sim/models/commands';

/** Just what UserCommands and currentMoment read of a session, with the fork rule of SimSession. */
function fakeSession() {
  const s = {
    seed: 3,
    frame: { timeNs: 0 } as { timeNs: number } | null,
    timeline: { headNs: 0 },
    fork: null as { atNs: number } | null,
    compare: null as object | null,
    given: [] as SimCommand[],
    command(c: SimCommand) {
      s.given.push(c);
      if (s.timeline.headNs > s.frame!.timeNs) s.fork = { atNs: s.frame!.timeNs };
      s.timeline.headNs = Math.min(s.timeline.headNs, s.frame!.timeNs);
    },
    /** a frame at `t`, the timeline's head following it forward */
    at(t: number) {
      s.frame = { timeNs: t };
      s.timeline.headNs = Math.max(s.timeline.headNs, t);
    },
  };
  return s;
}

const abort: SimCommand = { type: 'rollout.abort' };
const down: SimCommand = { type: 'node.setUp', node: 3, up: false };
const driver = { step: { controls: [] } } as unknown as LabDriver;

describe('the student’s commands', () => {
  it('survive going back, fork at an earlier moment, and are forgotten by a new run', () => {
    const session = fakeSession();
    const commands = new UserCommands(session as unknown as SimSession);
    const see = () => commands.sawFrame(session.frame?.timeNs ?? null, session.timeline.headNs);
    session.at(10e9);
    see();
    commands.give(abort);
    session.at(40e9);
    see();
    commands.give(down);
    session.at(60e9);
    see();
    // Back to 20 s: the run's head stays at 60 s, and both commands stay.
    session.frame = { timeNs: 20e9 };
    see();
    expect(commands.log.map((c) => c.atNs)).toEqual([10e9, 40e9]);
    expect(currentMoment(driver, session as unknown as SimSession, commands)).toMatchObject({
      timeNs: 20e9,
      headNs: 60e9,
      fork: null,
    });

    // A change at 20 s forks: the command at 40 s belongs to the other run now.
    commands.give(down);
    expect(session.fork).toEqual({ atNs: 20e9 });
    expect(commands.log.map((c) => c.atNs)).toEqual([10e9, 20e9]);
    expect(commands.other).toEqual({
      atNs: 20e9,
      headNs: 60e9,
      common: 1,
      commands: [{ atNs: 40e9, command: down }],
    });
    session.at(30e9);
    see();
    session.compare = {};
    const moment = currentMoment(driver, session as unknown as SimSession, commands);
    expect(moment).toMatchObject({
      seed: 3,
      timeNs: 30e9,
      headNs: null,
      fork: { atNs: 20e9, headNs: 60e9, common: 1, compare: true },
    });

    expect(momentSummary(moment)).toBe(
      'It opens the run it forked from at 20.000 s, the two compared.',
    );
    expect(momentSummary({ ...moment, headNs: 60e9, fork: null })).toBe(
      'It opens the run at 30.000 s of the 60.000 s it had got to.',
    );
    // A fork the student's commands did not make is not theirs to put in a link.
    session.fork = { atNs: 25e9 };
    expect(currentMoment(driver, session as unknown as SimSession, commands).fork).toBeNull();

    // A new run (the step again): nothing of the old one is kept.
    session.frame = null;
    see();
    expect(commands.log).toEqual([]);
    expect(commands.other).toBeNull();
  });

  it('are forgotten when a new run’s first frame comes before its emptiness is seen', () => {
    const session = fakeSession();
    const commands = new UserCommands(session as unknown as SimSession);
    session.at(10e9);
    commands.give(abort);
    commands.sawFrame(10e9, 10e9);
    // Time went back and so did the head: not the timeline, a run started again.
    commands.sawFrame(1e9, 1e9);
    expect(commands.log).toEqual([]);
  });
});
