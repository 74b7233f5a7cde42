/**
 * The delivery model (model id 'delivery'): client groups that request
 * objects, the mapping system that sends them to edge servers, edge caches with request queues,
 * and origins (see install.ts and installSandbox.ts).
 */
import type { CacheSummary } from './EdgeServer';
import { defineModel } from '../../model/SimModel';
import { DELIVERY_COMMANDS } from './commands';
import { deliveryInvariants } from './invariants';
import {
  MSG_FETCH,
  MSG_MAP_ANSWER,
  MSG_MAP_QUERY,
  MSG_OBJECT,
  MSG_REQUEST,
  MSG_RESPONSE,
  MSG_SYN,
  MSG_SYN_ACK,
  SANDBOX_MESSAGE_TYPES,
} from './messages';
import { sandboxConfigSchema } from './sandboxConfig';
import { DELIVERY_LOG_KINDS } from './log';

/** What the delivery model tells the node inspector about a node (by model id `delivery`). */
export interface DeliveryNodeInfo {
  /** an edge server's cache */
  cache?: CacheSummary;
  /** with parent caches: the region whose parent data centre this edge server is in */
  parentFor?: string;
}

export const deliveryModel = defineModel({
  id: 'delivery',
  summary:
    'client groups request objects; the mapping system sends them to edge servers, whose caches fetch misses from the origins',
  config: sandboxConfigSchema,
  commands: DELIVERY_COMMANDS,
  messageTypes: SANDBOX_MESSAGE_TYPES,
  sendsMessages: true,
  loadInstall: () => import('./install').then((m) => m.installDelivery),
  invariants: deliveryInvariants,
  words: {
    logKinds: DELIVERY_LOG_KINDS,
    narrated: {
      'sim.serverWithdrawn': [
        'a busy server was taken out of the mapping',
        '{n} busy servers were taken out of the mapping',
      ],
      // A withdrawal is reported again, with withdrawn: false, when the server comes back.
      'sim.serverReturned': [
        'a server was put back into the mapping',
        '{n} servers were put back into the mapping',
      ],
      'sim.contentSpread': [
        'a hot object was spread to more servers',
        'hot objects were spread {n} times',
      ],
    },
    messageLooks: {
      [MSG_REQUEST]: 'request',
      [MSG_RESPONSE]: 'response',
      [MSG_FETCH]: 'fetch',
      [MSG_OBJECT]: 'object',
      [MSG_MAP_QUERY]: 'dnsQuery',
      [MSG_MAP_ANSWER]: 'dnsAnswer',
      [MSG_SYN]: 'connect',
      [MSG_SYN_ACK]: 'connect',
    },
  },
});
