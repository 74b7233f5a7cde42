/**
 * The overlay model (model id 'overlay'): the CDN's own servers in many networks probe each
 * other over the world's network, choose for each pair the direct path or one through a relay
 * member (RON), and carry uncacheable requests over it with SureRoute's races (see
 * overlayConfig.ts for the values and their sources, installOverlay.ts for the parts).
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { OVERLAY_COMMANDS } from './commands';
import { overlayInvariants } from './invariants';
import { PROBE_TYPES, REQUEST_TYPES } from './messages';
import { OVERLAY_LOG_KINDS } from './log';

const node = v.pipe(v.number(), v.integer(), v.minValue(0));
const seconds = (min: number, max: number) => v.pipe(v.number(), v.minValue(min), v.maxValue(max));
const fraction = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const count = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const overlayFlowSchema = v.strictObject({
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(60)),
  from: node,
  to: node,
  everySeconds: seconds(0.1, 3600),
  bytes: v.optional(count(1, 100_000_000)),
});

export const overlayConfigSchema = v.strictObject({
  members: v.optional(v.array(node)),
  maxMembers: v.optional(count(2, 200)),
  probeIntervalSeconds: v.optional(seconds(0.1, 3600)),
  probeJitter: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(0.9))),
  probeTimeoutSeconds: v.optional(seconds(0.01, 600)),
  followUpProbes: v.optional(count(0, 20)),
  ewmaAlpha: v.optional(fraction),
  lossWindow: v.optional(count(1, 10_000)),
  metric: v.optional(v.picklist(['latency', 'loss'])),
  latencyMargin: v.optional(fraction),
  lossMargin: v.optional(fraction),
  raceRelays: v.optional(count(0, 8)),
  raceTtlSeconds: v.optional(seconds(0, 86_400)),
  requestTimeoutSeconds: v.optional(seconds(0.01, 600)),
  directHandshake: v.optional(v.boolean()),
  summarySeconds: v.optional(seconds(0, 86_400)),
  flows: v.optional(v.array(overlayFlowSchema)),
});

const MESSAGE_TYPES = [...PROBE_TYPES, ...REQUEST_TYPES];

export const overlayModel = defineModel({
  id: 'overlay',
  summary:
    "the CDN's servers probe each other and route requests directly or through one relay server, around trouble on the direct path",
  config: overlayConfigSchema,
  commands: OVERLAY_COMMANDS,
  messageTypes: MESSAGE_TYPES,
  sendsMessages: true,
  loadInstall: async () => {
    const { installOverlayModel } = await import('./installOverlay');
    return installOverlayModel;
  },
  invariants: overlayInvariants,
  words: {
    logKinds: OVERLAY_LOG_KINDS,
    messageLooks: {
      'overlay.probe': 'other',
      'overlay.probeReply': 'other',
      'overlay.request': 'request',
      'overlay.response': 'response',
    },
    narrated: {
      'overlay.choiceChanged': [
        'an overlay server chose another path',
        '{n} overlay paths changed',
      ],
    },
  },
});
