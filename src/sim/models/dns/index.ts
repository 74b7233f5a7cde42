/** The DNS resolution model (Dilley et al. 2002, sidebar "DNS Resolution") and its mapping. */
export { installDns } from './installDns';
export { DnsModel } from './DnsModel';
export { parseDnsConfig, type DnsConfig, type DnsConfigInput } from './dnsConfig';
export { DnsMapping } from './DnsMapping';
export { encodeDns, decodeDns, type DnsMessage, type DnsRecord } from './wire';
export { RESOLVER_TIMEOUT_NS, type ResolutionStep } from './Resolver';
export { CONNECT_TIMEOUT_NS, STUB_TIMEOUT_NS } from './DnsClient';
export { PARENT_DELEGATION_TTL } from './authorities';
export { nodeAddress, addressNode, type DnsRole } from './names';
export type { DnsServices, SharedLoad } from './services';
export type { Observation } from '../../observations';
export { runDnsScript, type DnsScript, type DnsRunResult, type ScriptedLookup } from './runDns';
