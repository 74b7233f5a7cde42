/**
 * The TCP model (model id 'tcp'): a few packet-level connections between nodes of the topology
 * (RFC 5681 / 6582 / 6298 sender, delayed-ACK receiver), reporting samples and totals for labs.
 * Its packets cross private paths rather than the network (see tcpRuntime.ts for why).
 */
import { defineModel } from '../../model/SimModel';
import { tcpModelConfigSchema } from './tcpModelConfig';
import { TCP_LOG_KINDS } from './logWords';
import { TCP_COMMANDS } from './commands';

export const tcpModel = defineModel({
  id: 'tcp',
  summary:
    'packet-level TCP connections (slow start, congestion avoidance, fast recovery, timeouts)',
  config: tcpModelConfigSchema,
  commands: TCP_COMMANDS,
  messageTypes: [],
  sendsMessages: false,
  loadInstall: async () => {
    const { installTcpModel } = await import('./tcpRuntime');
    return (world, context, config) =>
      installTcpModel(world, (id) => context.ownsNode(id), config, context.log?.bind(context));
  },
  words: { logKinds: TCP_LOG_KINDS },
});
