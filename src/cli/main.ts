/**
 * The headless runner: `npm run sim -- <experiment> [--flag value ...] [--seed N] [--json]`.
 * Prints a table, or one JSON object with --json. Bad input exits with status 2 and says what is
 * wrong and what is allowed.
 */
import { benchExperiment } from './experiments/bench';
import { bgpExperiment } from './experiments/bgp';
import { bgpBenchExperiment } from './experiments/bgpbench';
import { overlayExperiment } from './experiments/overlay';
import { pageloadExperiment } from './experiments/pageload';
import { browserExperiment } from './experiments/browser';
import { crowdBenchExperiment } from './experiments/crowdBench';
import { wholeCdnBenchExperiment } from './experiments/wholeCdnBench';
import { dnsExperiment } from './experiments/dns';
import { fatfileExperiment } from './experiments/fatfile';
import { fuzzExperiment } from './experiments/fuzz';
import { flashcrowdExperiment } from './experiments/flashcrowd';
import { hashExperiment } from './experiments/hash';
import { lighthouseExperiment } from './experiments/lighthouse';
import { netExperiment } from './experiments/net';
import { ns3BenchExperiment } from './experiments/ns3bench';
import { queueExperiment } from './experiments/queue';
import { rolloutExperiment } from './experiments/rollout';
import { rewindExperiment } from './experiments/rewind';
import { sandboxExperiment } from './experiments/sandbox';
import { soakExperiment } from './experiments/soak';
import { tcpExperiment } from './experiments/tcp';
import { topologyExperiment } from './experiments/topology';
import { numberFlag, UsageError, type Experiment, type FlagValue } from './experiment';
import { formatTable } from './formatTable';

const EXPERIMENTS: Experiment[] = [
  benchExperiment,
  netExperiment,
  topologyExperiment,
  sandboxExperiment,
  browserExperiment,
  lighthouseExperiment,
  dnsExperiment,
  tcpExperiment,
  fatfileExperiment,
  queueExperiment,
  hashExperiment,
  flashcrowdExperiment,
  crowdBenchExperiment,
  wholeCdnBenchExperiment,
  ns3BenchExperiment,
  rolloutExperiment,
  bgpExperiment,
  bgpBenchExperiment,
  overlayExperiment,
  pageloadExperiment,
  fuzzExperiment,
  soakExperiment,
  rewindExperiment,
];
const SEED_FLAG = numberFlag('run seed', 1, {
  min: 0,
  max: Number.MAX_SAFE_INTEGER,
  integer: true,
});

export interface CliOutcome {
  status: number;
  stdout: string;
  stderr: string;
}

function usage(): string {
  const lines = [
    'usage: npm run sim -- <experiment> [--flag value ...] [--seed N] [--json]',
    '',
    'experiments:',
  ];
  for (const e of EXPERIMENTS) lines.push(`  ${e.name.padEnd(10)} ${e.summary}`);
  return lines.join('\n');
}

function flagList(e: Experiment): string {
  return Object.entries(e.flags)
    .map(([name, f]) =>
      f.repeatable
        ? `  --${name} (repeatable): ${f.help}`
        : `  --${name} (default ${f.default}): ${f.help}`,
    )
    .concat(['  --seed (default 1): run seed', '  --json: print one JSON object'])
    .join('\n');
}

/** Parses argv (without node and script) into experiment, parameters, seed and output mode. */
export function parseCommandLine(argv: string[]) {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h')
    throw new UsageError(`no experiment given\n${usage()}`);
  const experiment = EXPERIMENTS.find((e) => e.name === name);
  if (!experiment)
    throw new UsageError(
      `unknown experiment '${name}'; choose one of: ${EXPERIMENTS.map((e) => e.name).join(', ')}\n${usage()}`,
    );
  const params: Record<string, FlagValue> = {};
  for (const [flag, spec] of Object.entries(experiment.flags)) params[flag] = spec.default;
  let seed = 1;
  let json = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') {
      json = true;
      continue;
    }
    const m = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!m)
      throw new UsageError(
        `unexpected argument '${arg}' for ${name}; flags are:\n${flagList(experiment)}`,
      );
    const flag = m[1];
    const spec = flag === 'seed' ? SEED_FLAG : experiment.flags[flag];
    if (!spec)
      throw new UsageError(
        `unknown flag --${flag} for ${name}; flags are:\n${flagList(experiment)}`,
      );
    const next = rest[i + 1];
    const bare =
      spec.isSwitch && m[2] === undefined && (next === undefined || next.startsWith('--'));
    const raw = bare ? 'on' : (m[2] ?? rest[++i]);
    if (raw === undefined) throw new UsageError(`--${flag} needs a value: ${spec.help}`);
    let value: FlagValue;
    try {
      value = spec.parse(raw);
    } catch (err) {
      throw new UsageError(`--${flag}: ${(err as Error).message}`);
    }
    if (flag === 'seed') seed = Number(value);
    else if (spec.repeatable) params[flag] = [...(params[flag] as string[]), String(value)];
    else params[flag] = value;
  }
  return { experiment, params, seed, json };
}

/** Runs one command line and returns what to print and the exit status (no process access: testable). */
export async function runCli(argv: string[]): Promise<CliOutcome> {
  let parsed;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    if (err instanceof UsageError)
      return { status: 2, stdout: '', stderr: `error: ${err.message}\n` };
    throw err;
  }
  const { experiment, params, seed, json } = parsed;
  let result;
  try {
    result = await experiment.run(params, seed);
  } catch (err) {
    // Some input can only be checked against the built world (e.g. a city without clients).
    if (err instanceof UsageError)
      return { status: 2, stdout: '', stderr: `error: ${err.message}\n` };
    throw err;
  }
  const out = { experiment: experiment.name, seed, params, ...result };
  return { status: 0, stdout: json ? `${JSON.stringify(out)}\n` : formatTable(out), stderr: '' };
}

// Run when executed directly (tsx src/cli/main.ts ...), not when imported by tests.
if (process.argv[1] && /main\.[tj]s$/.test(process.argv[1])) {
  void runCli(process.argv.slice(2)).then(
    (outcome) => {
      process.stdout.write(outcome.stdout);
      process.stderr.write(outcome.stderr);
      process.exitCode = outcome.status;
    },
    (err: unknown) => {
      // A run that found a problem (fuzz, soak) says what it found, without a stack trace.
      process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
