/**
 * The rollout model (model id 'rollout'): a release shipped phase by phase over the edge
 * servers, latent bugs that crash servers or slow them, the checks between phases, aborts,
 * quarantine, and many releases as a Monte Carlo (see rolloutRuntime.ts).
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { ROLLOUT_COMMANDS } from './commands';
import { MonteCarloCombiner } from './monteCarloParts';
import { isPhaseSpec } from './phases';
import { ROLLOUT_LOG_KINDS } from './log';

const seconds = (max: number) => v.pipe(v.number(), v.minValue(1), v.maxValue(max));
/** `phases` as in phases.ts */
const phases = v.pipe(v.string(), v.maxLength(200), v.check(isPhaseSpec, 'bad phases'));

export const rolloutConfigSchema = v.strictObject({
  phases: v.optional(phases),
  soakSeconds: v.optional(seconds(604_800)),
  worldWatchSeconds: v.optional(seconds(604_800)),
  checkIntervalSeconds: v.optional(seconds(86_400)),
  quarantine: v.optional(v.boolean()),
  autoAbort: v.optional(v.boolean()),
  /** servers the release crashes or puts to sleep go out of service for the whole world */
  takesServersOut: v.optional(v.boolean()),
});

export const rolloutModel = defineModel({
  id: 'rollout',
  summary:
    'a software release shipped phase by phase over the edge servers, with latent bugs, checks and aborts',
  config: rolloutConfigSchema,
  commands: ROLLOUT_COMMANDS,
  messageTypes: [],
  // Every shard runs the whole fleet on its world's engine, as every-shard events (see
  // rolloutRuntime.ts); what the controller exchanges with servers is reported, not sent.
  sendsMessages: false,
  loadInstall: async () => {
    const { installRolloutModel } = await import('./rolloutRuntime');
    return (world, context, config) =>
      installRolloutModel(world, (id) => context.ownsNode(id), config, context);
  },
  words: {
    logKinds: ROLLOUT_LOG_KINDS,
    narrated: {
      'sim.serverCrashed': ['a server crashed', '{n} servers crashed'],
      'sim.serverLongSleep': ['a server stopped answering', '{n} servers stopped answering'],
      'sim.serverRestarted': ['a server restarted', '{n} servers restarted'],
      'sim.rolloutPhase': ['a rollout phase began', '{n} rollout phases began'],
      'sim.rolloutCheck': ['a rollout health check ran', '{n} rollout health checks ran'],
      'sim.rolloutAborted': [
        'the rollout was aborted and rolled back',
        '{n} rollouts were aborted',
      ],
      'sim.rolloutShipped': [
        'the release finished rolling out',
        '{n} releases finished rolling out',
      ],
    },
  },
  combiner() {
    const combiner = new MonteCarloCombiner();
    return (observations) => combiner.take(observations);
  },
});
