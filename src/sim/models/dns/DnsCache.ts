/**
 * A resolver's cache: record sets keyed by (name, type) with an absolute expiry (RFC 1035 §7.4:
 * TTLs count down from when the data was received). Delegations are the NS sets of zone cuts
 * with their glue A records; answers are the A sets of looked-up names. Expired entries are
 * removed when next looked at, and every change is reported to `onChange` for the lab.
 * An answer tailored to a client subnet (RFC 7871 §7.3.1: a reply whose scope prefix is not 0)
 * is kept under that subnet as well, and given only to clients in it.
 */
import type { DnsRecord, RecordType } from './wire';

export type CacheEntryKind = 'delegation' | 'glue' | 'answer';

export interface CacheEntry {
  name: string;
  type: RecordType;
  kind: CacheEntryKind;
  records: DnsRecord[];
  /** the TTL it was stored with, s */
  ttl: number;
  storedAtNs: number;
  expiresAtNs: number;
  /** the client subnet an answer was tailored to ('' or absent: good for every client) */
  subnet?: string;
}

export type CacheChange = 'added' | 'replaced' | 'expired';

/** A cache entry as inspectors see it: plain data, with the seconds it has left. */
export type ResolverCacheEntry = CacheEntry & { ttlLeftSeconds: number };

export class DnsCache {
  private readonly entries = new Map<string, CacheEntry>();

  constructor(private readonly onChange: (change: CacheChange, entry: CacheEntry) => void) {}

  /**
   * The live entry for (name, type), for clients in `subnet` if one was tailored to it, or
   * undefined (dropping it if it has expired).
   */
  get(name: string, type: RecordType, nowNs: number, subnet = ''): CacheEntry | undefined {
    const tailored = subnet === '' ? undefined : this.live(cacheKey(name, type, subnet), nowNs);
    return tailored ?? this.live(cacheKey(name, type, ''), nowNs);
  }

  private live(key: string, nowNs: number): CacheEntry | undefined {
    const e = this.entries.get(key);
    if (e === undefined) return undefined;
    if (nowNs < e.expiresAtNs) return e;
    this.entries.delete(key);
    this.onChange('expired', e);
    return undefined;
  }

  put(entry: CacheEntry): void {
    const key = cacheKey(entry.name, entry.type, entry.subnet ?? '');
    const had = this.entries.has(key);
    this.entries.set(key, entry);
    this.onChange(had ? 'replaced' : 'added', entry);
  }

  /** Live entries as plain data, sorted by name then type, without touching the cache. */
  view(nowNs: number): ResolverCacheEntry[] {
    return [...this.entries.values()]
      .filter((e) => nowNs < e.expiresAtNs)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.type < b.type ? -1 : 1))
      .map((e) => ({
        ...e,
        records: e.records.map((r) => ({ ...r })),
        ttlLeftSeconds: Math.ceil((e.expiresAtNs - nowNs) / 1e9),
      }));
  }
}

function cacheKey(name: string, type: RecordType, subnet: string): string {
  return subnet === '' ? `${name}|${type}` : `${name}|${type}|${subnet}`;
}
