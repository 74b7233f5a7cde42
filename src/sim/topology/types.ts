/**
 * The shape of a generated topology: plain arrays of plain objects and numbers only, so that it
 * can be structured-cloned to a worker or written out as JSON. Everything refers to everything
 * else by dense integer index (node id, network id, data-centre id, city index).
 */
import type { City } from './cities';
import type { Region } from './regions';
import type { Scale } from './scales';

export const NODE_KINDS = [
  'client',
  'resolver',
  'dnsRoot',
  'dnsTld',
  'dnsCdnTop',
  'dnsCdnLow',
  'edge',
  'origin',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

export interface TopologyNode {
  /** dense from 0; equal to the node's index in `Topology.nodes` */
  id: number;
  kind: NodeKind;
  /** stable 'kind:label' id, e.g. 'edge:frankfurt-n12-3', 'dns:root-a', 'client:boston-n3' */
  name: string;
  /** index into `Topology.cities` */
  city: number;
  lat: number;
  lon: number;
  /** index into `Topology.networks` */
  network: number;
  /** index into `Topology.dataCentres`, or -1 */
  dataCentre: number;
  /** client groups only: the end users this group stands for */
  users?: number;
  /** client groups only: node id of the group's recursive resolver (same network and city) */
  resolver?: number;
  /**
   * Anycast name servers only (every instance, the home one included): node id of the service's
   * home instance, whose address every instance announces. Absent on every other node.
   */
  anycastOf?: number;
}

/**
 * 'access': a network with end users (an ISP), ranked by user share, id = rank − 1.
 * 'infrastructure': the few networks of the DNS root operators, the .net registry, the CDN's own
 * name servers and the content provider's origin hosting; they have no end users.
 */
export type NetworkRole = 'access' | 'infrastructure';

export interface TopologyNetwork {
  id: number;
  /** 'n<id>' for access networks, a descriptive name for infrastructure networks */
  name: string;
  role: NetworkRole;
  /** fraction of all end users (0 for infrastructure); access shares sum to 1 */
  userShare: number;
  /** cities where the network is present (home city first), indices into `Topology.cities` */
  cities: number[];
  /** true when at least one of the CDN's data centres sits in this network */
  hostsServers: boolean;
  /** ids of its data centres */
  dataCentres: number[];
}

export interface TopologyDataCentre {
  id: number;
  /** '<city>-n<network>', with '-dc<k>' when a network has k > 1 data centres in one city */
  name: string;
  city: number;
  network: number;
  /** node ids of its edge servers */
  servers: number[];
  /** node id of the low-level DNS server that sits with these edge servers */
  lowLevelDns: number;
}

export interface Topology {
  scale: Scale;
  seed: number;
  /** the regions in which the topology has at least one node */
  regions: Region[];
  /** the whole city catalogue, so city indices equal `findCityIndex` results at every scale */
  cities: City[];
  networks: TopologyNetwork[];
  dataCentres: TopologyDataCentre[];
  nodes: TopologyNode[];
}
