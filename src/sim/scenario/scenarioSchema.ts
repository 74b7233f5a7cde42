/**
 * What a scenario may say, validated with valibot (small, and CSP-safe: no `new Function`).
 * Scenarios come from lab folders, URLs and imported files, so every field is checked and a bad
 * one is rejected with a message that names it.
 */
import * as v from 'valibot';
import { MAX_SERVERS, MIN_SERVERS, SCALE_NAMES } from '../topology/scales';

const linkParamsSchema = v.strictObject({
  lossRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  bandwidthBps: v.optional(v.pipe(v.number(), v.gtValue(0))),
  queueBytes: v.optional(v.pipe(v.number(), v.minValue(0))),
  hopLatencyMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10_000))),
  jitterMeanMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(10_000))),
  queued: v.optional(v.boolean()),
});

export const scenarioSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.maxLength(200)), 'untitled'),
  seed: v.optional(
    v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER)),
    1,
  ),
  scale: v.optional(
    v.union(
      [
        v.picklist(SCALE_NAMES),
        v.pipe(v.number(), v.integer(), v.minValue(MIN_SERVERS), v.maxValue(MAX_SERVERS)),
      ],
      `must be one of ${SCALE_NAMES.join(', ')} or a whole number of servers from ${MIN_SERVERS} to ${MAX_SERVERS}`,
    ),
    'classroom',
  ),
  network: v.optional(
    v.strictObject({
      inflation: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(10)), 1),
      linkClasses: v.optional(
        v.strictObject({
          firstMile: v.optional(linkParamsSchema),
          backbone: v.optional(linkParamsSchema),
          peering: v.optional(linkParamsSchema),
          lastMile: v.optional(linkParamsSchema),
        }),
        {},
      ),
    }),
    {},
  ),
});

export type ScenarioInput = v.InferInput<typeof scenarioSchema>;
export type Scenario = v.InferOutput<typeof scenarioSchema>;

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  constructor(readonly problems: string[]) {
    super(`Invalid scenario: ${problems.join('; ')}`);
  }
}

/** Validates untrusted scenario data; throws a ScenarioError naming every bad field. */
export function parseScenario(input: unknown): Scenario {
  const result = v.safeParse(scenarioSchema, input);
  if (result.success) return result.output;
  throw new ScenarioError(result.issues.map(describeIssue));
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  const where = path === '' ? 'scenario' : `scenario.${path}`;
  if (issue.type === 'strict_object' && issue.expected === 'never')
    return `${where}: unknown field`;
  const got =
    issue.type === 'union' && issue.received !== undefined ? ` (got ${issue.received})` : '';
  return `${where}: ${issue.message}${got}`;
}
