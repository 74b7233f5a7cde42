/**
 * The bytes of a BGP UPDATE message (RFC 4271 §4.1 and §4.3) for an UPDATE the model sent, and
 * back, for the update log's decoded view. Only what the model's UPDATEs carry:
 *
 * - header: 16 octets of 0xff (the marker), the message's length (2 octets), type 2 (UPDATE);
 * - Withdrawn Routes Length (2 octets) and the withdrawn prefixes, each a length in bits (1 octet)
 *   and as many octets of the address as that length needs;
 * - Total Path Attribute Length (2 octets), then, when the message announces anything, three
 *   well-known transitive attributes (flags 0x40): ORIGIN (type 1) IGP (0); AS_PATH (type 2) as
 *   AS_SEQUENCE segments (segment type 2) of 4-octet ASNs, as two speakers that both support
 *   them exchange it (RFC 6793 §3: no AS4_PATH then); NEXT_HOP (type 3), the sender's address;
 * - the NLRI, encoded as the withdrawn prefixes are.
 *
 * NEXT_HOP: the model's routers have no addresses of their own; a sender is given its network's
 * first host address, 10.x.y.1 (firstHostAddress, networkAddresses.ts). An attribute longer than
 * 255 octets takes the Extended Length flag (0x10) and a 2-octet length. The model does not split
 * an UPDATE that would exceed RFC 4271's 4,096 octets, as a router would; such a message is
 * encoded whole (only a new session's full table in a large Internet comes near).
 */
import { firstHostAddress } from './networkAddresses';
import type { UpdateSeen } from './observations';
import { formatAddress, formatPrefix, parseAddress, parsePrefix } from './prefix';

export const UPDATE_TYPE = 2;
const HEADER = 19;
const ORIGIN = 1;
const AS_PATH = 2;
const NEXT_HOP = 3;
const AS_SEQUENCE = 2;
const WELL_KNOWN_TRANSITIVE = 0x40;
const EXTENDED_LENGTH = 0x10;
const ORIGINS = ['IGP', 'EGP', 'INCOMPLETE'] as const;

/** What an UPDATE's bytes say, field by field. */
export interface DecodedUpdate {
  length: number;
  withdrawn: string[];
  origin: (typeof ORIGINS)[number] | null;
  asPath: number[] | null;
  nextHop: string | null;
  nlri: string[];
  /** attributes this decoder does not know, by type code (left undecoded) */
  unknown: number[];
}

/** Bytes that are not a well-formed UPDATE; the message says what is wrong. */
export class WireError extends Error {
  override name = 'WireError';
}

function prefixBytes(text: string): number[] {
  const p = parsePrefix(text);
  const octets = Math.ceil(p.length / 8);
  return [p.length, ...[24, 16, 8, 0].slice(0, octets).map((s) => (p.address >>> s) & 255)];
}

const u16 = (n: number) => [(n >> 8) & 255, n & 255];
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];

function attribute(type: number, value: number[]): number[] {
  const long = value.length > 255;
  const flags = WELL_KNOWN_TRANSITIVE | (long ? EXTENDED_LENGTH : 0);
  return [flags, type, ...(long ? u16(value.length) : [value.length]), ...value];
}

/** AS_SEQUENCE segments of at most 255 ASNs each (a segment's length is one octet). */
function asPathValue(path: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < path.length; i += 255) {
    const seg = path.slice(i, i + 255);
    out.push(AS_SEQUENCE, seg.length, ...seg.flatMap(u32));
  }
  return out;
}

/** The UPDATE's bytes as they would leave its sender (network `u.from`). */
export function encodeUpdate(
  u: Pick<UpdateSeen, 'from' | 'withdrawn' | 'nlri' | 'asPath'>,
): Uint8Array {
  const withdrawn = u.withdrawn.flatMap(prefixBytes);
  const attrs =
    u.asPath === null
      ? []
      : [
          ...attribute(ORIGIN, [0]),
          ...attribute(AS_PATH, asPathValue(u.asPath)),
          ...attribute(NEXT_HOP, u32(parseAddress(firstHostAddress(u.from)))),
        ];
  const nlri = u.nlri.flatMap(prefixBytes);
  const body = [...u16(withdrawn.length), ...withdrawn, ...u16(attrs.length), ...attrs, ...nlri];
  const length = HEADER + body.length;
  return Uint8Array.from([
    ...new Array<number>(16).fill(0xff),
    ...u16(length),
    UPDATE_TYPE,
    ...body,
  ]);
}

/** Reads an UPDATE's bytes; throws WireError naming what is malformed. */
export function decodeUpdate(bytes: Uint8Array): DecodedUpdate {
  let at = 0;
  const need = (n: number, what: string) => {
    if (at + n > bytes.length) throw new WireError(`the message ends inside ${what}`);
  };
  const read16 = (what: string) => {
    need(2, what);
    const v = (bytes[at] << 8) | bytes[at + 1];
    at += 2;
    return v;
  };
  need(HEADER, 'the header');
  if (!bytes.subarray(0, 16).every((b) => b === 0xff))
    throw new WireError('the marker is not 16 octets of 0xff');
  at = 16;
  const length = read16('the header');
  const type = bytes[at++];
  if (length !== bytes.length)
    throw new WireError(`the header says ${length} octets, the message has ${bytes.length}`);
  if (type !== UPDATE_TYPE) throw new WireError(`type ${type} is not an UPDATE (2)`);

  const prefixes = (end: number, what: string) => {
    const out: string[] = [];
    while (at < end) {
      const len = bytes[at++];
      if (len > 32) throw new WireError(`a prefix length of ${len} in ${what}`);
      const octets = Math.ceil(len / 8);
      if (at + octets > end) throw new WireError(`${what} ends inside a prefix`);
      let address = 0;
      for (let i = 0; i < 4; i++) address = address * 256 + (i < octets ? bytes[at + i] : 0);
      at += octets;
      out.push(formatPrefix({ address, length: len }));
    }
    return out;
  };

  const withdrawnLength = read16('the withdrawn routes length');
  const withdrawnEnd = at + withdrawnLength;
  need(withdrawnEnd - at, 'the withdrawn routes');
  const withdrawn = prefixes(withdrawnEnd, 'the withdrawn routes');
  const attrsLength = read16('the total path attribute length');
  const attrsEnd = at + attrsLength;
  need(attrsEnd - at, 'the path attributes');
  const decoded: DecodedUpdate = {
    length,
    withdrawn,
    origin: null,
    asPath: null,
    nextHop: null,
    nlri: [],
    unknown: [],
  };
  while (at < attrsEnd) {
    need(3, 'a path attribute');
    const flags = bytes[at++];
    const code = bytes[at++];
    let len: number;
    if (flags & EXTENDED_LENGTH) len = read16('a path attribute');
    else len = bytes[at++];
    if (at + len > attrsEnd) throw new WireError(`path attribute ${code} runs past the attributes`);
    const value = bytes.subarray(at, at + len);
    at += len;
    if (code === ORIGIN) decoded.origin = ORIGINS[value[0]] ?? null;
    else if (code === AS_PATH) decoded.asPath = readAsPath(value);
    else if (code === NEXT_HOP) {
      if (len !== 4) throw new WireError(`a NEXT_HOP of ${len} octets`);
      decoded.nextHop = formatAddress(
        ((value[0] << 24) | (value[1] << 16) | (value[2] << 8) | value[3]) >>> 0,
      );
    } else decoded.unknown.push(code);
  }
  decoded.nlri = prefixes(bytes.length, 'the NLRI');
  return decoded;
}

/** AS_SEQUENCE segments of 4-octet ASNs, joined (this decoder reads no AS_SET). */
function readAsPath(value: Uint8Array): number[] {
  const path: number[] = [];
  let at = 0;
  while (at < value.length) {
    const [type, count] = [value[at], value[at + 1]];
    if (type !== AS_SEQUENCE)
      throw new WireError(`an AS_PATH segment of type ${type}, not AS_SEQUENCE`);
    at += 2;
    if (at + 4 * count > value.length) throw new WireError('the AS_PATH ends inside a segment');
    for (let i = 0; i < count; i++, at += 4)
      path.push(
        ((value[at] << 24) | (value[at + 1] << 16) | (value[at + 2] << 8) | value[at + 3]) >>> 0,
      );
  }
  return path;
}
