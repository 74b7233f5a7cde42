/**
 * The bgp model (model id 'bgp'): BGP in simulated time over the world's networks, and a route
 * provider that sends the world's messages where BGP's forwarding tables send them (see
 * worldBgp.ts and BgpRoutes.ts). Without it the world routes by hot potato.
 */
import * as v from 'valibot';
import { defineModel } from '../../model/SimModel';
import { BGP_COMMANDS } from './commands';

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
  loadInstall: async () => {
    const { installBgpModel } = await import('./worldBgp');
    return installBgpModel;
  },
});
