/**
 * IPv4 addresses and prefixes (RFC 4632 CIDR notation), and a binary trie for longest-prefix
 * match: a router forwards on the most specific prefix that covers the destination, which is
 * why a more specific announcement (the 2008 YouTube hijack's /24) wins over a shorter one.
 */

/** An IPv4 prefix: the network address as an unsigned 32-bit number and its length in bits. */
export interface Prefix {
  readonly address: number;
  readonly length: number;
}

/** Input that is not an address or a prefix; the message names it. */
export class PrefixError extends Error {
  override name = 'PrefixError';
}

/** Parses dotted-quad `a.b.c.d` into an unsigned 32-bit number. */
export function parseAddress(text: string): number {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) < 256))
    throw new PrefixError(`'${text}' is not an IPv4 address (a.b.c.d, each 0 to 255)`);
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

export function formatAddress(address: number): string {
  return [24, 16, 8, 0].map((shift) => (address >>> shift) & 255).join('.');
}

/** The mask of a prefix length as an unsigned number (0 for /0). */
function maskOf(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

/** Parses `a.b.c.d/len`; refuses host bits set beyond the length (`10.0.0.1/8`), as routers do. */
export function parsePrefix(text: string): Prefix {
  const slash = text.indexOf('/');
  if (slash < 0) throw new PrefixError(`'${text}' is not a prefix (a.b.c.d/len)`);
  const lenText = text.slice(slash + 1);
  if (!/^(0|[1-9][0-9]?)$/.test(lenText) || Number(lenText) > 32)
    throw new PrefixError(`'${text}' has no prefix length from 0 to 32`);
  let address: number;
  try {
    address = parseAddress(text.slice(0, slash));
  } catch {
    throw new PrefixError(`'${text}' is not a prefix: bad address part`);
  }
  const length = Number(lenText);
  if ((address & ~maskOf(length)) >>> 0 !== 0)
    throw new PrefixError(`'${text}' has bits set beyond its /${length}`);
  return { address, length };
}

export function formatPrefix(p: Prefix): string {
  return `${formatAddress(p.address)}/${p.length}`;
}

/** Whether the prefix covers the address. */
export function covers(p: Prefix, address: number): boolean {
  return (address & maskOf(p.length)) >>> 0 === p.address;
}

interface TrieNode<T> {
  zero: TrieNode<T> | null;
  one: TrieNode<T> | null;
  prefix: Prefix | null;
  value: T | undefined;
}

const bitAt = (address: number, i: number) => (address >>> (31 - i)) & 1;
const emptyNode = <T>(): TrieNode<T> => ({ zero: null, one: null, prefix: null, value: undefined });

/** A map from prefixes to values with longest-prefix match (one node per bit: at most 33 steps). */
export class PrefixTrie<T> {
  private readonly root: TrieNode<T> = emptyNode();
  private count = 0;

  get size(): number {
    return this.count;
  }

  set(p: Prefix, value: T): void {
    let node = this.root;
    for (let i = 0; i < p.length; i++) {
      if (bitAt(p.address, i)) node = node.one ??= emptyNode();
      else node = node.zero ??= emptyNode();
    }
    if (node.prefix === null) this.count++;
    node.prefix = p;
    node.value = value;
  }

  get(p: Prefix): T | undefined {
    return this.nodeOf(p)?.value;
  }

  /** Removes the prefix's entry (empty branches stay: tables here are small and change back). */
  delete(p: Prefix): boolean {
    const node = this.nodeOf(p);
    if (!node || node.prefix === null) return false;
    node.prefix = null;
    node.value = undefined;
    this.count--;
    return true;
  }

  /** The most specific entry covering the address, or undefined. */
  longestMatch(address: number): { prefix: Prefix; value: T } | undefined {
    let node: TrieNode<T> | null = this.root;
    let best: TrieNode<T> | null = null;
    for (let i = 0; node !== null; i++) {
      if (node.prefix !== null) best = node;
      if (i === 32) break;
      node = bitAt(address, i) ? node.one : node.zero;
    }
    return best === null ? undefined : { prefix: best.prefix!, value: best.value as T };
  }

  private nodeOf(p: Prefix): TrieNode<T> | null {
    let node: TrieNode<T> | null = this.root;
    for (let i = 0; i < p.length && node !== null; i++)
      node = bitAt(p.address, i) ? node.one : node.zero;
    return node;
  }
}
