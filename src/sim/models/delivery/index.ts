/** The sandbox CDN model: client groups, edge caches, origins; see installSandbox. */
export { installSandbox } from './installSandbox';
export { Sandbox } from './Sandbox';
export type { OriginJob } from './Origin';
export {
  mergeSeconds,
  sumSeconds,
  summarizeSecond,
  type SecondStats,
  type SecondSummary,
} from './secondStats';
export { crowdFactor } from './crowdCurve';
export {
  parseSandboxConfig,
  SandboxConfigError,
  sandboxConfigSchema,
  type SandboxConfig,
  type SandboxConfigInput,
} from './sandboxConfig';
export {
  FAILURE_REASONS,
  flattenCounts,
  mergeStatsSnapshots,
  unflattenCounts,
  summarizeStats,
  type FailureReason,
  type SandboxStats,
  type SandboxStatsSnapshot,
} from './sandboxStats';
export {
  AGGREGATE_LAST_MILE,
  buildSandboxWorld,
  createSandboxRun,
  runSandbox,
  type SandboxRun,
  type SandboxRunParams,
  type SandboxRunResult,
} from './runSandbox';
