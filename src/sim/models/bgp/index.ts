/** BGP in simulated time: the public API of the model folder (see BgpNetwork.ts). */
export {
  checkTopology,
  cliqueTopology,
  parseAsTopology,
  ringTopology,
  TopologyError,
  type AsLinkSpec,
  type AsSpec,
  type AsTopology,
} from './asTopology';
export { DEFAULT_BGP, LOCAL_PREF, type BgpConfig, type BgpPolicy } from './bgpConfig';
export { parseBgpEvent, type BgpEvent } from './bgpEvents';
export {
  BgpInputError,
  BgpNetwork,
  DELIVERED,
  NO_ROUTE,
  type ForwardingResult,
  type UpdateMessage,
} from './BgpNetwork';
export { chooseBest, mayExport, type Candidate, type Relationship } from './decision';
export {
  asTopologyOf,
  generatedAsTopology,
  MAX_MESSAGE_LEVEL_NETWORKS,
  tierOneCount,
} from './generatedAsTopology';
export {
  covers,
  formatAddress,
  formatPrefix,
  parseAddress,
  parsePrefix,
  PrefixError,
  PrefixTrie,
  type Prefix,
} from './prefix';
export { runBgp, type BgpEventResult, type BgpRunResult } from './runBgp';
