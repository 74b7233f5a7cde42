/**
 * What every protocol node of one sandbox installation shares: read-only data (parameters,
 * catalogue, mapping, event kinds) and the statistics sink. No node reads another node's state
 * through it; nodes talk only by `network.send`.
 */
import type { Engine } from '../../engine/Engine';
import type { Network } from '../../net/Network';
import type { StreamRegistry } from '../../random/streams';
import type { Histogram } from '../../stats/Histogram';
import type { Observations } from '../../observations';
import type { Catalogue } from './Catalogue';
import type { SecondRecorder } from './secondStats';
import type { Mapping } from './Mapping';
import type { OverlayFetches } from './overlayFetches';
import type { SandboxParams } from './sandboxConfig';
import type { WarmCaches } from './warmCaches';
import type { DnsServices } from '../dns/services';
import type { FailureReason, SandboxCounts } from './sandboxStats';

export interface SandboxKinds {
  /** at a client group: time to send its next request */
  clientRequest: number;
  /** at a client group, arg = request id: the request has waited too long */
  clientTimeout: number;
  /** at an edge server, arg = fetch id: the origin has not answered in time */
  fetchTimeout: number;
  /** at an origin, payload = the job: a worker has finished it */
  originDone: number;
  /** at an edge server, payload = the request: a worker has processed it */
  edgeDone: number;
  /** at an edge server: time to report its load to the data centre's monitor */
  loadReport: number;
  /** at an origin, each whole second: record the second's busy time and queue */
  originSample: number;
  /** at a client group, each second of a flash crowd: follow the crowd's curve */
  crowdTick: number;
  /** at a client group, payload = the request: its new connection is open, send it */
  connected: number;
  /** at a sender, payload = a lost message: its retransmission timeout has passed, send again */
  resend: number;
  /** at a receiver, payload = a message lost on its own access link: the retransmission arrives */
  redeliver: number;
}

/** What the client groups' stub resolvers did (config `dns`), summable across shards. */
export interface DnsCounts {
  /** lookups made (an answer held and live is not looked up again) */
  lookups: number;
  answered: number;
  /** lookups with no address (failed or timed out) */
  failed: number;
  /** requests that used an answer the group held */
  cacheHits: number;
  /** requests sent again to the answer's next address after a timeout */
  failovers: number;
}

export function emptyDnsCounts(): DnsCounts {
  return { lookups: 0, answered: 0, failed: 0, cacheHits: 0, failovers: 0 };
}

export interface SandboxContext {
  readonly engine: Engine;
  readonly network: Network;
  readonly streams: StreamRegistry;
  readonly params: SandboxParams;
  readonly catalogue: Catalogue;
  readonly mapping: Mapping;
  readonly kinds: SandboxKinds;
  /** fills each new edge cache when the caches start warm; null when they start empty */
  readonly warmCaches: WarmCaches | null;
  /** statistics only: written by nodes, never read by the model */
  readonly counts: SandboxCounts;
  readonly failures: Record<FailureReason, number>;
  /** statistics of the stub resolvers (only reported with config `dns`) */
  readonly dnsCounts: DnsCounts;
  /** the DNS model's services in this shard (config `dns`; throws otherwise) */
  readonly dns: () => DnsServices;
  /** the overlay's way for uncacheable origin fetches (config `overlay`; null without it) */
  readonly overlay: OverlayFetches | null;
  readonly latencyNs: Histogram;
  /** the run second by second (statistics only) */
  readonly seconds: SecondRecorder;
  /** what happened, for labs: servers withdrawn, content spread (statistics only) */
  readonly observations: Observations;
  /** index into topology.regions of each node's region */
  readonly regionOf: (node: number) => number;
  /**
   * The key the mapping hashes an object by (MappingKeys): the object itself, or with DNS on its
   * host name's, which is what the name servers hand out servers for.
   */
  readonly mappingKey: (obj: number) => number;
}
