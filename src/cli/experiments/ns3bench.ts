/**
 * `ns3bench`: the engine against ns-3's event schedulers on the hold model, on this machine, in
 * one run. bench/ns3/hold.cc runs `bench`'s workload (P events pending, each executed event
 * schedules one successor at now + d, d uniform on [1, 2,000,000] ns; a warm-up of
 * max(2P, 300,000) events, then `events` timed) on ns-3's MapScheduler (its default),
 * HeapScheduler, PriorityQueueScheduler, CalendarScheduler and ListScheduler; the experiment
 * builds it with g++ against the installed ns-3 (Debian: `apt-get install libns3-dev`) and
 * alternates it with the engine's own run, repetition by repetition, so that a busy machine
 * slows both alike. Medians of events per second, and the engine's ratio to ns-3's fastest
 * scheduler and to its default. Per CPU second by default (`--clock cpu`, the process's user and
 * system time on both sides): on a shared machine wall time also counts the time a run waited
 * for a core, which lands on one side or the other at random; `--clock wall` times by the clock
 * on the wall. Prints figures; asserts nothing about time. Without ns-3 (or
 * g++) it says so and stops: nothing else needs ns-3.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { hashString } from '@sim/util/hash';
import { choiceFlag, numberFlag, UsageError, type Experiment } from '../experiment';
import { holdDigest, holdRate, median, type Clock } from './bench';

const SOURCE = fileURLToPath(new URL('../../../bench/ns3/hold.cc', import.meta.url));

/** ns-3's schedulers, its default first. */
const SCHEDULERS = [
  ['map', 'ns3::MapScheduler'],
  ['heap', 'ns3::HeapScheduler'],
  ['priorityQueue', 'ns3::PriorityQueueScheduler'],
  ['calendar', 'ns3::CalendarScheduler'],
  ['list', 'ns3::ListScheduler'],
] as const;
/** The list scheduler inserts in O(n): at 100,000 pending its set-up alone would take minutes. */
const LIST_MAX_PENDING = 10_000;

const run = (cmd: string, args: string[]) =>
  execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Where ns-3's headers and libraries are, from pkg-config (Debian's ns3-core.pc), else /usr. */
function ns3Paths(): { include: string; lib: string; version: string } {
  let include = '/usr/include';
  let lib = '';
  let version = 'unknown';
  try {
    include = run('pkg-config', ['--variable=includedir', 'ns3-core']) || include;
    lib = run('pkg-config', ['--variable=libdir', 'ns3-core']);
    version = run('pkg-config', ['--modversion', 'ns3-core']);
  } catch {
    // No pkg-config or no ns3-core.pc: look in /usr.
  }
  if (!existsSync(`${include}/ns3/core-module.h`))
    throw new UsageError(
      'ns-3 not installed (no ns3/core-module.h); on Debian or Ubuntu: apt-get install libns3-dev g++ pkg-config',
    );
  return { include, lib, version };
}

/** Builds hold.cc once per version of the source; returns the program's path. */
function buildHold(): { program: string; version: string } {
  const { include, lib, version } = ns3Paths();
  const source = readFileSync(SOURCE, 'utf8');
  const dir = `${tmpdir()}/edge-lab-ns3`;
  const program = `${dir}/hold-${hashString(source + include + lib).toString(16)}`;
  if (existsSync(program) && statSync(program).mtimeMs >= statSync(SOURCE).mtimeMs)
    return { program, version };
  mkdirSync(dir, { recursive: true });
  const libFlags = lib ? [`-L${lib}`, `-Wl,-rpath,${lib}`] : [];
  try {
    run('g++', [
      '-O2',
      '-std=c++17',
      `-I${include}`,
      SOURCE,
      '-o',
      program,
      ...libFlags,
      '-lns3-core',
    ]);
  } catch (err) {
    const e = err as { code?: string; stderr?: string };
    if (e.code === 'ENOENT') throw new UsageError('g++ not found: apt-get install g++');
    throw new Error(`building ${SOURCE} failed:\n${e.stderr ?? String(err)}`, { cause: err });
  }
  return { program, version };
}

interface HoldOutput {
  /** events per wall second */
  runs: number[];
  /** events per CPU second */
  cpuRuns: number[];
  profile: string;
}

export const ns3BenchExperiment: Experiment = {
  name: 'ns3bench',
  summary: "the hold model on the engine and on ns-3's schedulers, alternately (needs ns-3)",
  flags: {
    events: numberFlag('events per timed run', 3_000_000, { min: 1000, max: 1e9, integer: true }),
    runs: numberFlag('runs per figure (the median is reported)', 5, {
      min: 1,
      max: 100,
      integer: true,
    }),
    budget: numberFlag(
      'wall seconds an ns-3 run may time before it stops early (its slow schedulers)',
      3,
      { min: 0.1, max: 600 },
    ),
    clock: choiceFlag(
      'what a rate is per: cpu (process CPU time) or wall',
      'cpu',
      (raw) => (raw === 'cpu' || raw === 'wall' ? raw : undefined),
      'cpu or wall',
    ),
  },
  run(p, seed) {
    const { program, version } = buildHold();
    const events = Number(p.events);
    const runs = Number(p.runs);
    const clock = p.clock as Clock;
    let profile = '';
    const rows = [];
    for (const pending of [1_000, 10_000, 100_000]) {
      const schedulers = SCHEDULERS.filter(
        ([name]) => name !== 'list' || pending <= LIST_MAX_PENDING,
      );
      const rates: Record<string, number[]> = { engine: [] };
      for (const [name] of schedulers) rates[name] = [];
      for (let r = 0; r < runs; r++) {
        rates.engine.push(holdRate('ladder', pending, events, seed + r, clock));
        for (const [name, typeId] of schedulers) {
          const args = [typeId, pending, events, 1, seed + r, Number(p.budget)].map(String);
          const out = JSON.parse(run(program, args)) as HoldOutput;
          rates[name].push(clock === 'cpu' ? out.cpuRuns[0] : out.runs[0]);
          profile = out.profile;
        }
      }
      const med = Object.fromEntries(
        Object.entries(rates).map(([name, xs]) => [name, Math.round(median(xs))]),
      );
      const [fastest] = schedulers.map(([name]) => name as string).sort((a, b) => med[b] - med[a]);
      rows.push({
        pending,
        ...med,
        ...(pending > LIST_MAX_PENDING ? { list: 'skipped' } : {}),
        fastest,
        engineOverFastest: Math.round((med.engine / med[fastest]) * 100) / 100,
        engineOverDefault: Math.round((med.engine / med.map) * 100) / 100,
      });
    }
    return {
      ns3: `${version} (${profile} build)`,
      clock,
      eventsPerSecond: rows,
      // The engine's runs are the hold model of `bench`: its digest. ns-3's are not traced.
      digest: holdDigest(seed),
    };
  },
};
