/**
 * The bgp model (model id 'bgp'): BGP in simulated time over the world's networks, and a route
 * provider that sends the world's messages where BGP's forwarding tables send them (see
 * worldBgp.ts and BgpRoutes.ts). Without it the world routes by hot potato.
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { BGP_COMMANDS } from './commands';
import { parseAddress } from './prefix';
import { BGP_LOG_KINDS } from './log';

/** The most addresses a world may watch (watchRoutes.ts: each is a tree per route change). */
const MAX_WATCHED = 8;

const isAddress = (text: string) => {
  try {
    parseAddress(text);
    return true;
  } catch {
    return false;
  }
};

const address = v.pipe(
  v.string(),
  v.check(isAddress, (issue) => `'${String(issue.input)}' is not an IPv4 address (a.b.c.d)`),
);

const seconds = (max: number) => v.pipe(v.number(), v.minValue(0), v.maxValue(max));

export const bgpConfigSchema = v.strictObject({
  /** route choice by relationships (default) or every link alike */
  policy: v.optional(v.picklist(['gao-rexford', 'shortest-path'])),
  mraiSeconds: v.optional(seconds(600)),
  keepaliveSeconds: v.optional(seconds(3600)),
  holdSeconds: v.optional(seconds(3600)),
  bfd: v.optional(v.boolean()),
  /**
   * 'messages': BGP's UPDATEs in simulated time (up to 1,000 networks); 'policy': the tables
   * they converge to, computed at once (Gao-Rexford only). Default: messages up to 1,000
   * networks, policy above.
   */
  routes: v.optional(v.picklist(['messages', 'policy'])),
  /**
   * Addresses whose routing tree the model reports (`bgp.tree` observations, observations.ts):
   * where every network's forwarding sends a packet for each, at the start and at each change.
   * At most 1,000 networks (a tree has an entry per network).
   */
  watch: v.optional(
    v.pipe(
      v.array(address),
      v.maxLength(MAX_WATCHED, `at most ${MAX_WATCHED} addresses may be watched`),
    ),
  ),
  /** Report each UPDATE sent after the warm-up (`bgp.update`); message-level BGP only. */
  logUpdates: v.optional(v.boolean()),
});

export const bgpModel = defineModel({
  id: 'bgp',
  summary:
    "BGP between the world's networks in simulated time, whose forwarding tables route the world's messages",
  config: bgpConfigSchema,
  commands: BGP_COMMANDS,
  messageTypes: [],
  // Every shard runs the whole of BGP on a private engine; its UPDATEs cross no shard.
  sendsMessages: false,
  // UPDATEs are too many to narrate; a watched address's routes changing is worth a sentence.
  words: {
    logKinds: BGP_LOG_KINDS,
    narrated: {
      'bgp.tree': ["a watched address's routes changed", "{n} watched addresses' routes changed"],
    },
  },
  loadInstall: async () => {
    const { installBgpModel } = await import('./worldBgp');
    return installBgpModel;
  },
});
