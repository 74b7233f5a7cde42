/**
 * The DNS model with the edge servers its clients connect to, installed straight on one world
 * (the headless runner and tests; a lab or the sandbox composes the same two models through
 * the runtime): the delivery model's edge servers, idle (no client group requests), answer the
 * clients' handshakes, so a DNS client reaches the same kind of server a crowd loads.
 */
import type { World } from '../scenario/buildWorld';
import { installSandbox } from './delivery/installSandbox';
import { installDns, type DnsConfigInput, type DnsModel } from './dns';
import { IDLE_DELIVERY } from './wholeCdn';

export function installDnsWithEdges(
  world: World,
  config: DnsConfigInput,
  ownsNode: (id: number) => boolean = () => true,
): DnsModel {
  const delivery = installSandbox(world, IDLE_DELIVERY, ownsNode);
  return installDns(world, { ...config, connect: true }, ownsNode, () => delivery.connections);
}
