/**
 * Where the network's nodes are and how they attach: place, network (autonomous system), site,
 * access-link class, name, and whether each is up. Plain typed arrays, read on every hop.
 */
import { assert } from '../util/assert';
import { greatCircleKm } from './geo';
import { MAX_NETWORKS, MAX_SITES } from './linkIds';
import type { LinkClassName } from './linkClasses';

export interface NetNodeSpec {
  lat: number;
  lon: number;
  /** index of the network (autonomous system) the node sits in */
  network: number;
  /** class of the node's access link: `firstMile` for servers, `lastMile` for users */
  access: LinkClassName;
  /** stable name used for the access link's id */
  name?: string;
  /** the interconnection site (region) the node's network hands its traffic over at; default 0 */
  site?: number;
}

export class NetNodes {
  readonly lat: Float64Array;
  readonly lon: Float64Array;
  /** per node: its network */
  readonly net: Int32Array;
  /** per node: its interconnection site */
  readonly site: Int32Array;
  readonly accessClass: LinkClassName[];
  readonly names: string[];
  /** per node: 1 up, 0 failed */
  readonly up: Uint8Array;
  private byName: Map<string, number> | null = null;

  constructor(nodes: readonly NetNodeSpec[]) {
    const n = nodes.length;
    this.lat = new Float64Array(n);
    this.lon = new Float64Array(n);
    this.net = new Int32Array(n);
    this.site = new Int32Array(n);
    this.up = new Uint8Array(n).fill(1);
    this.accessClass = new Array<LinkClassName>(n);
    this.names = new Array<string>(n);
    nodes.forEach((node, i) => {
      assert(
        Number.isInteger(node.network) && node.network >= 0 && node.network < MAX_NETWORKS,
        `node ${i}: network must be an integer in [0, ${MAX_NETWORKS}), got ${node.network}`,
      );
      this.lat[i] = node.lat;
      this.lon[i] = node.lon;
      this.net[i] = node.network;
      const site = node.site ?? 0;
      assert(
        Number.isInteger(site) && site >= 0 && site < MAX_SITES,
        `node ${i}: site must be an integer in [0, ${MAX_SITES}), got ${node.site}`,
      );
      this.site[i] = site;
      this.accessClass[i] = node.access;
      this.names[i] = node.name ?? `node:${i}`;
    });
  }

  get count(): number {
    return this.lat.length;
  }

  distanceKm(from: number, to: number): number {
    return greatCircleKm(
      { lat: this.lat[from], lon: this.lon[from] },
      { lat: this.lat[to], lon: this.lon[to] },
    );
  }

  /** The node with this name, or undefined. */
  byNameOf(name: string): number | undefined {
    this.byName ??= new Map(this.names.map((n, i) => [n, i]));
    return this.byName.get(name);
  }
}
