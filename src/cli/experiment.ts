/**
 * The headless runner's contract: an experiment declares its flags (with defaults and a check)
 * and returns one plain object. The runner adds the seed, the parameters and prints a table or
 * JSON. Every result carries a `digest` so two runs can be compared exactly.
 */
import { MAX_SERVERS, MIN_SERVERS, parseScaleArg, SCALE_NAMES } from '@sim/topology/scales';

/** A repeatable flag's value is the list of its parsed occurrences, in command-line order. */
export type FlagValue = string | number | readonly string[];

export interface FlagSpec {
  /** what the flag means, shown in help and error messages */
  help: string;
  default: FlagValue;
  /** parses and checks a raw string; throws UsageError with a helpful message */
  parse: (raw: string) => FlagValue;
  /** may be given more than once; the value is then a list (default: empty) */
  repeatable?: boolean;
  /** a switch: given without a value it means 'on' (`--edge`, same as `--edge on`) */
  isSwitch?: boolean;
}

export interface ExperimentResult {
  digest: string;
  [key: string]: unknown;
}

export interface Experiment {
  name: string;
  summary: string;
  flags: Record<string, FlagSpec>;
  run: (
    params: Record<string, FlagValue>,
    seed: number,
  ) => ExperimentResult | Promise<ExperimentResult>;
}

/** Bad command-line input: the runner prints the message and exits with status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function numberFlag(
  help: string,
  def: number,
  check: { min?: number; max?: number; integer?: boolean } = {},
): FlagSpec {
  return {
    help,
    default: def,
    parse(raw) {
      const x = Number(raw);
      const range = `${check.min ?? '-∞'} to ${check.max ?? '∞'}`;
      if (raw.trim() === '' || !Number.isFinite(x))
        throw new UsageError(`expected a number, got '${raw}'`);
      if (check.integer && !Number.isInteger(x))
        throw new UsageError(`expected a whole number, got '${raw}'`);
      if (
        (check.min !== undefined && x < check.min) ||
        (check.max !== undefined && x > check.max)
      ) {
        throw new UsageError(`expected a value from ${range}, got ${raw}`);
      }
      return x;
    },
  };
}

export function choiceFlag(
  help: string,
  def: string,
  allowed: (raw: string) => string | undefined,
  describe: string,
): FlagSpec {
  return {
    help,
    default: def,
    parse(raw) {
      const v = allowed(raw);
      if (v === undefined) throw new UsageError(`'${raw}' is not allowed; expected ${describe}`);
      return v;
    },
  };
}

/**
 * A flag that may be given any number of times (`--lookup 1:a.example --lookup 5:b.example`):
 * each occurrence is checked by `check` (which returns it normalised or throws UsageError).
 */
export function repeatableFlag(help: string, check: (raw: string) => string): FlagSpec {
  return { help, default: [], parse: check, repeatable: true };
}

/** `--scale`: classroom, 2002, 2009 or a number of edge servers; read with parseScaleArg. */
export function scaleFlag(fallback = 'classroom'): FlagSpec {
  return choiceFlag(
    'classroom, 2002, 2009 or a number of edge servers',
    fallback,
    (raw) => {
      try {
        parseScaleArg(raw);
        return raw;
      } catch {
        return undefined;
      }
    },
    `${SCALE_NAMES.join(', ')} or a whole number of servers from ${MIN_SERVERS} to ${MAX_SERVERS}`,
  );
}

/** A switch, off unless given: `--edge` or `--edge on`; `--edge off` to say so. */
export function switchFlag(help: string): FlagSpec {
  return {
    ...choiceFlag(
      help,
      'off',
      (raw) => (raw === 'on' || raw === 'off' ? raw : undefined),
      'on or off',
    ),
    isSwitch: true,
  };
}
