/**
 * The DNS model (model id 'dns'): stub resolvers in the client groups, recursive resolvers, the
 * root and .net servers, and the CDN's two tiers of name servers, exchanging real DNS wire
 * format; the low level answers with edge servers the mapping chooses (see installDns).
 */
import { defineModel } from '../../model/SimModel';
import { DNS_COMMANDS } from './commands';
import { dnsConfigSchema } from './dnsConfig';
import { MSG_DNS } from './messageTypes';
import type { DeliveryServices } from '../delivery/services';
import { dnsInvariants } from './invariants';
import { DNS_LOG_KINDS } from './log';

export const dnsModel = defineModel({
  id: 'dns',
  summary:
    'client groups resolve names through recursive resolvers, the root, .net and the CDN’s two tiers of name servers',
  config: dnsConfigSchema,
  commands: DNS_COMMANDS,
  messageTypes: [MSG_DNS],
  sendsMessages: true,
  loadInstall: async () => {
    const { installDnsModel } = await import('./dnsRuntime');
    return (world, context, config) =>
      installDnsModel(
        world,
        (id) => context.ownsNode(id),
        config,
        () => context.peer<DeliveryServices>('delivery'),
        context.log?.bind(context),
      );
  },
  invariants: dnsInvariants,
  words: {
    logKinds: DNS_LOG_KINDS,
    narrated: {
      'sim.resolution': ['a DNS lookup finished', '{n} DNS lookups finished'],
      'sim.queryTimeout': ['a DNS query timed out', '{n} DNS queries timed out'],
      'sim.queryTimedOut': ['a DNS lookup timed out', '{n} DNS lookups timed out'],
      'sim.connected': ['a client connected', '{n} clients connected'],
      'sim.connectFailed': ['a connection failed', '{n} connections failed'],
      'sim.connectTimedOut': ['a connection timed out', '{n} connections timed out'],
    },
    messageLooks: {
      [MSG_DNS]: 'dnsMessage',
    },
  },
});
