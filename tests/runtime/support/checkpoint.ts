/**
 * Checkpoints of a run: plain, versioned, JSON-serialisable data that a fresh Run (with fresh
 * workers) restores and continues to the same trace digest as the run that never stopped.
 *
 * A checkpoint holds the run's definition (scenario with its seed, model, shards), its timed
 * command log, the position reached (time of the last complete window plus single steps since)
 * and the trace digest there; restoring replays to that position and refuses to go on unless
 * the digest matches. We replay rather than serialise engine state because that state is not
 * plain data (pending events carry closures' payloads, models keep Maps of live objects in
 * every shard), a replay is what worker recovery already does and tests, and a checkpoint stays
 * a few kilobytes whatever the run's size. The cost is replay time, proportional to the time
 * reached; the digest check turns any drift (e.g. a checkpoint from another build) into a clear
 * error instead of a silently different run.
 *
 * It lives with the tests because nothing in the site saves runs yet: the tests use it to check
 * that a Run's position (Run.position, resume) replays to the same trace. The timeline and
 * replay work (saving a run, comparing two) is where it would move back into src/runtime.
 */
import * as v from 'valibot';
import { commandSchema } from '@sim/models/commands';
import { scenarioSchema } from '@sim/scenario/scenarioSchema';
import { digestString } from '@sim/util/hash';
import { MODELS } from '@sim/models/registry';
import type { MergedSnapshot } from '@runtime/Coordinator';
import { Run, type RunOptions } from '@runtime/Run';

export const CHECKPOINT_FORMAT = 'edge-lab/run-checkpoint';
export const CHECKPOINT_VERSION = 1;

const time = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

const modelSchema = v.strictObject({
  id: v.picklist(MODELS.map((m) => m.id)),
  config: v.optional(v.unknown()),
});

const checkpointSchema = v.pipe(
  v.strictObject({
    format: v.literal(CHECKPOINT_FORMAT),
    version: v.literal(CHECKPOINT_VERSION),
    scenario: scenarioSchema,
    /** one model or a list; read as a list */
    model: v.pipe(
      v.unknown(),
      v.transform((m) => (Array.isArray(m) ? m : [m])),
      v.array(modelSchema),
    ),
    shards: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
    /** the time shown when it was saved: the latest shard's clock */
    timeNs: time,
    reachedNs: time,
    stepsSinceReached: time,
    commands: v.array(v.strictObject({ atNs: time, cmd: commandSchema })),
    /** TraceDigest.toString() at the checkpoint: 16 hex digits and the event count */
    digest: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}-\d+$/, 'must be a trace digest')),
    /** a fingerprint of the merged counters there (see countersFingerprint) */
    counters: v.pipe(v.string(), v.maxLength(100)),
  }),
  v.check(
    (c) =>
      c.commands.every(
        (e, i, all) => e.atNs <= c.reachedNs && (i === 0 || all[i - 1].atNs <= e.atNs),
      ),
    'commands must be in time order and not after reachedNs',
  ),
);

export type RunCheckpoint = v.InferOutput<typeof checkpointSchema>;

/**
 * The merged counters in one short string. The trace digest sees only the shards' engines; a
 * model that runs a private engine (BGP's speakers) shows its progress in its counters.
 */
export function countersFingerprint(counters: Record<string, number>): string {
  const keys = Object.keys(counters).sort();
  return `${digestString(keys.map((k) => `${k}=${counters[k]}`).join('\n'))}-${keys.length}`;
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/**
 * Saves where a run stands. It takes a snapshot to read the digest (which, like any snapshot,
 * hands over the log entries and observations since the previous one: use the one returned).
 */
export async function saveCheckpoint(
  run: Run,
): Promise<{ checkpoint: RunCheckpoint; snapshot: MergedSnapshot }> {
  const snapshot = await run.snapshot();
  const { scenario, model, shards } = run.definition;
  const position = run.position();
  const checkpoint = {
    format: CHECKPOINT_FORMAT,
    version: CHECKPOINT_VERSION,
    scenario,
    model,
    shards,
    timeNs: snapshot.timeNs,
    reachedNs: position.reachedNs,
    stepsSinceReached: position.stepsSinceReached,
    commands: position.commands,
    digest: snapshot.digest,
    counters: countersFingerprint(snapshot.counters),
  };
  // Through JSON and the schema: what is returned is exactly what a restore will read back.
  return { checkpoint: parseCheckpoint(JSON.parse(JSON.stringify(checkpoint))), snapshot };
}

/** Validates untrusted checkpoint data; throws a CheckpointError that says what is wrong. */
export function parseCheckpoint(input: unknown): RunCheckpoint {
  const head = input as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== CHECKPOINT_FORMAT)
    throw new CheckpointError(
      `not an Edge Lab run checkpoint (format must be '${CHECKPOINT_FORMAT}')`,
    );
  if (head.version !== CHECKPOINT_VERSION)
    throw new CheckpointError(
      `checkpoint version ${String(head.version)} cannot be read by this version of Edge Lab (it reads version ${CHECKPOINT_VERSION})`,
    );
  const result = v.safeParse(checkpointSchema, input);
  if (result.success) return result.output;
  const problems = result.issues.slice(0, 5).map((issue) => {
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'checkpoint';
    return `${path}: ${issue.message}`;
  });
  throw new CheckpointError(`bad run checkpoint: ${problems.join('; ')}`);
}

/**
 * Starts a fresh run from a checkpoint (validated here), replays it to the saved position and
 * checks the digest there; the run returned carries on exactly as the saved one would have.
 * `options` may give the workers, supervision and failure handler (not what the run is).
 */
export async function restoreCheckpoint(
  input: unknown,
  options: Omit<RunOptions, 'scenario' | 'model' | 'shards' | 'resume'> = {},
): Promise<Run> {
  const cp = parseCheckpoint(input);
  const run = new Run({
    ...options,
    scenario: cp.scenario,
    model: cp.model,
    shards: cp.shards,
    resume: {
      reachedNs: cp.reachedNs,
      stepsSinceReached: cp.stepsSinceReached,
      commands: cp.commands,
    },
  });
  try {
    await run.start();
    const snapshot = await run.snapshot();
    const counters = countersFingerprint(snapshot.counters);
    if (snapshot.digest !== cp.digest || snapshot.timeNs !== cp.timeNs || counters !== cp.counters)
      throw new CheckpointError(
        `the restored run does not match its checkpoint: at ${snapshot.timeNs} ns its trace ` +
          `digest is ${snapshot.digest} (counters ${counters}), the checkpoint says ` +
          `${cp.digest} (counters ${cp.counters}) at ${cp.timeNs} ns ` +
          `(was it saved by a different version of the simulation?)`,
      );
    return run;
  } catch (error) {
    run.dispose();
    throw error;
  }
}
