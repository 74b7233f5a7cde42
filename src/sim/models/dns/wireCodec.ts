/**
 * The DNS messages the simulation sends, encoded and decoded directly: the same bytes as
 * @dnsquery/dns-packet writes (RFC 1035 §4, no name compression, which dns-packet does not do
 * either) and the same decoded message as reading its parse, for what the models send (A and
 * NS records, an OPT record carrying EDNS Client Subnet, ASCII names). At 100× load the
 * 2009-scale sandbox sends tens of thousands of DNS messages per simulated second, and going
 * through dns-packet's general objects took about a tenth of the run.
 *
 * Anything outside that subset returns null, and wire.ts falls back to dns-packet, so the bytes
 * and the decoded message never depend on which path ran (tests/sim/dns/wireCodec.test.ts
 * compares both on random messages).
 */
import type { ClientSubnet, DnsMessage, DnsRecord, Rcode, RecordType } from './wire';

const TYPE_A = 1;
const TYPE_NS = 2;
const TYPE_OPT = 41;
const CLASS_IN = 1;
const ECS_OPTION_CODE = 8;
/** dns-packet's header flag bits (RFC 1035 §4.1.1). */
const QR = 1 << 15;
const FLAG_AA = 1 << 10;
const FLAG_RD = 1 << 8;

/** RFC 1035 §4.1.1 RCODE values. */
export const RCODE_VALUES: Record<Rcode, number> = {
  NOERROR: 0,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  REFUSED: 5,
};
export const RCODE_NAMES: Record<number, Rcode> = {
  0: 'NOERROR',
  2: 'SERVFAIL',
  3: 'NXDOMAIN',
  5: 'REFUSED',
};

/** dns-packet's reading of an IPv4 address: digits between dots, each byte modulo 256. */
const V4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

// --- encoding ---

/**
 * Bytes of the name as dns-packet writes it (a leading and a trailing dot dropped, then each
 * label with its length, then 0), or -1 unless its labels are plain ASCII of 1 to 63 bytes.
 */
function nameLength(name: string): number {
  const start = name.charCodeAt(0) === 46 ? 1 : 0;
  let end = name.length;
  if (end > start && name.charCodeAt(end - 1) === 46) end--;
  if (end <= start) return 1;
  let label = 0;
  for (let i = start; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c >= 128) return -1;
    if (c === 46) {
      if (label === 0 || label > 63) return -1;
      label = 0;
    } else label++;
  }
  if (label === 0 || label > 63) return -1;
  return end - start + 2;
}

function writeName(buf: Uint8Array, name: string, offset: number): number {
  const start = name.charCodeAt(0) === 46 ? 1 : 0;
  let end = name.length;
  if (end > start && name.charCodeAt(end - 1) === 46) end--;
  if (end <= start) {
    buf[offset] = 0;
    return offset + 1;
  }
  let lenAt = offset++;
  for (let i = start; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c === 46) {
      buf[lenAt] = offset - lenAt - 1;
      lenAt = offset++;
    } else buf[offset++] = c;
  }
  buf[lenAt] = offset - lenAt - 1;
  buf[offset] = 0;
  return offset + 1;
}

function writeU16(buf: Uint8Array, value: number, offset: number): void {
  buf[offset] = value >> 8;
  buf[offset + 1] = value & 0xff;
}

function writeU32(buf: Uint8Array, value: number, offset: number): void {
  // As dns-packet does: each byte modulo 256 of what is left.
  buf[offset + 3] = value;
  value = value >>> 8;
  buf[offset + 2] = value;
  value = value >>> 8;
  buf[offset + 1] = value;
  value = value >>> 8;
  buf[offset] = value;
}

function writeV4(buf: Uint8Array, ip: string, offset: number): void {
  let n = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      buf[offset++] = n;
      n = 0;
    } else n = n * 10 + (c - 48);
  }
  buf[offset] = n;
}

/** Bytes of one A or NS record, or -1 if the codec does not take it. */
function recordLength(r: DnsRecord): number {
  const name = nameLength(r.name);
  if (name < 0) return -1;
  if (r.type === 'A') return V4.test(r.data) ? name + 14 : -1;
  if (r.type !== 'NS') return -1;
  const data = nameLength(r.data);
  return data < 0 ? -1 : name + 10 + data;
}

function writeRecord(buf: Uint8Array, r: DnsRecord, offset: number): number {
  offset = writeName(buf, r.name, offset);
  writeU16(buf, r.type === 'A' ? TYPE_A : TYPE_NS, offset);
  writeU16(buf, CLASS_IN, offset + 2);
  writeU32(buf, r.ttl || 0, offset + 4);
  offset += 8;
  if (r.type === 'A') {
    writeU16(buf, 4, offset);
    writeV4(buf, r.data, offset + 2);
    return offset + 6;
  }
  const end = writeName(buf, r.data, offset + 2);
  writeU16(buf, end - offset - 2, offset);
  return end;
}

function listLength(list: readonly DnsRecord[]): number {
  let total = 0;
  for (const r of list) {
    const n = recordLength(r);
    if (n < 0) return -1;
    total += n;
  }
  return total;
}

/** The OPT record's bytes with its ECS option, or -1 if the codec does not take it. */
function optLength(ecs: ClientSubnet): number {
  if (!V4.test(ecs.address) || !(ecs.sourcePrefix >= 0 && ecs.sourcePrefix <= 32)) return -1;
  return 1 + 10 + 8 + Math.ceil(ecs.sourcePrefix / 8);
}

function writeOpt(buf: Uint8Array, ecs: ClientSubnet, payloadSize: number, offset: number): number {
  const ipLen = Math.ceil(ecs.sourcePrefix / 8);
  buf[offset++] = 0; // the root name
  writeU16(buf, TYPE_OPT, offset);
  writeU16(buf, payloadSize, offset + 2);
  buf[offset + 4] = 0; // extended RCODE
  buf[offset + 5] = 0; // EDNS version
  writeU16(buf, 0, offset + 6); // flags
  writeU16(buf, ipLen + 8, offset + 8); // RDLENGTH: the one option
  writeU16(buf, ECS_OPTION_CODE, offset + 10);
  writeU16(buf, ipLen + 4, offset + 12);
  writeU16(buf, 1, offset + 14); // family: IPv4
  buf[offset + 16] = ecs.sourcePrefix;
  buf[offset + 17] = ecs.scopePrefix || 0;
  const ip = new Uint8Array(4);
  writeV4(ip, ecs.address, 0);
  for (let i = 0; i < ipLen; i++) buf[offset + 18 + i] = ip[i];
  return offset + 18 + ipLen;
}

/**
 * The message's bytes exactly as dns-packet encodes it (see wire.ts's encodeDns), or null
 * when it lies outside what this codec takes.
 */
export function encodeFast(m: DnsMessage, flags: number, payloadSize: number): Uint8Array | null {
  const q = nameLength(m.question.name);
  if (q < 0 || (m.question.type !== 'A' && m.question.type !== 'NS')) return null;
  const answers = listLength(m.answers);
  const authorities = listLength(m.authorities);
  const additionals = listLength(m.additionals);
  const opt = m.clientSubnet ? optLength(m.clientSubnet) : 0;
  if (answers < 0 || authorities < 0 || additionals < 0 || opt < 0) return null;
  const buf = new Uint8Array(12 + q + 4 + answers + authorities + additionals + opt);
  writeU16(buf, m.id & 0xffff, 0);
  writeU16(buf, (flags & 32767) | (m.response ? QR : 0), 2);
  writeU16(buf, 1, 4);
  writeU16(buf, m.answers.length, 6);
  writeU16(buf, m.authorities.length, 8);
  writeU16(buf, m.additionals.length + (m.clientSubnet ? 1 : 0), 10);
  let offset = writeName(buf, m.question.name, 12);
  writeU16(buf, m.question.type === 'A' ? TYPE_A : TYPE_NS, offset);
  writeU16(buf, CLASS_IN, offset + 2);
  offset += 4;
  for (const r of m.answers) offset = writeRecord(buf, r, offset);
  for (const r of m.authorities) offset = writeRecord(buf, r, offset);
  for (const r of m.additionals) offset = writeRecord(buf, r, offset);
  if (m.clientSubnet) writeOpt(buf, m.clientSubnet, payloadSize, offset);
  return buf;
}

// --- decoding ---

/** Thrown inside decodeFast when the bytes need dns-packet's general reading. */
const NOT_MINE = new Error('outside the fast codec');

/** Reads a name of plain ASCII labels (no compression pointer), normalized as wire.ts does. */
function readName(buf: Uint8Array, at: { o: number }): string {
  let o = at.o;
  let out = '';
  let total = 0;
  for (;;) {
    if (o >= buf.length) throw NOT_MINE;
    const len = buf[o++];
    if (len === 0) break;
    total += len + 1;
    // dns-packet refuses names over 254 bytes: let it.
    if (len > 63 || o + len > buf.length || total > 254) throw NOT_MINE;
    if (out.length > 0) out += '.';
    for (let i = 0; i < len; i++) {
      const c = buf[o + i];
      if (c >= 128) throw NOT_MINE;
      // Lower case, as wire.ts's normalize (ASCII only here).
      out += String.fromCharCode(c >= 65 && c <= 90 ? c + 32 : c);
    }
    o += len;
  }
  at.o = o;
  // A name of one empty label is the root, "." before normalizing: "" after.
  return out.endsWith('.') ? out.slice(0, -1) : out;
}

function u16(buf: Uint8Array, o: number): number {
  if (o + 2 > buf.length) throw NOT_MINE;
  return (buf[o] << 8) | buf[o + 1];
}

function u32(buf: Uint8Array, o: number): number {
  if (o + 4 > buf.length) throw NOT_MINE;
  return buf[o] * 16777216 + buf[o + 1] * 65536 + buf[o + 2] * 256 + buf[o + 3];
}

function readRecords(
  buf: Uint8Array,
  at: { o: number },
  count: number,
  out: DnsRecord[],
  ecs: { found?: ClientSubnet },
): void {
  for (let k = 0; k < count; k++) {
    const name = readName(buf, at);
    const type = u16(buf, at.o);
    if (type === TYPE_OPT) {
      if (name !== '') throw NOT_MINE;
      readOpt(buf, at.o + 8, ecs);
      at.o += 10 + u16(buf, at.o + 8);
      continue;
    }
    if (type !== TYPE_A && type !== TYPE_NS) throw NOT_MINE;
    const ttl = u32(buf, at.o + 4);
    const rdlength = u16(buf, at.o + 8);
    const rdata = at.o + 10;
    if (rdata + rdlength > buf.length) throw NOT_MINE;
    let data: string;
    if (type === TYPE_A) {
      if (rdlength !== 4) throw NOT_MINE;
      data = `${buf[rdata]}.${buf[rdata + 1]}.${buf[rdata + 2]}.${buf[rdata + 3]}`;
    } else {
      const inner = { o: rdata };
      data = readName(buf, inner);
      if (inner.o !== rdata + rdlength) throw NOT_MINE;
    }
    at.o = rdata + rdlength;
    out.push({ name, type: type === TYPE_A ? 'A' : 'NS', ttl, data });
  }
}

/** The OPT record's options from its RDLENGTH on: the first ECS for IPv4, as wire.ts reads it. */
function readOpt(buf: Uint8Array, o: number, ecs: { found?: ClientSubnet }): void {
  let left = u16(buf, o);
  o += 2;
  while (left > 0) {
    const code = u16(buf, o);
    const len = u16(buf, o + 2);
    if (len < 4 && code === ECS_OPTION_CODE) throw NOT_MINE;
    if (code === ECS_OPTION_CODE && ecs.found === undefined) {
      if (u16(buf, o + 4) !== 1 || len - 4 > 4) throw NOT_MINE;
      const ip = [0, 0, 0, 0];
      for (let i = 0; i < len - 4; i++) ip[i] = buf[o + 8 + i];
      ecs.found = {
        address: ip.join('.'),
        sourcePrefix: buf[o + 6],
        scopePrefix: buf[o + 7],
      };
    }
    o += 4 + len;
    left -= 4 + len;
  }
  if (left !== 0) throw NOT_MINE;
}

/** The message as wire.ts's decodeDns reads it, or null when the bytes need dns-packet. */
export function decodeFast(bytes: Uint8Array): DnsMessage | null {
  try {
    if (bytes.length < 12) return null;
    const flags = u16(bytes, 2) & 32767;
    const qd = u16(bytes, 4);
    const counts = [u16(bytes, 6), u16(bytes, 8), u16(bytes, 10)];
    const at = { o: 12 };
    let question: { name: string; type: RecordType } | undefined;
    for (let k = 0; k < qd; k++) {
      const name = readName(bytes, at);
      const type = u16(bytes, at.o);
      u16(bytes, at.o + 2);
      if (type !== TYPE_A && type !== TYPE_NS) throw NOT_MINE;
      at.o += 4;
      question ??= { name, type: type === TYPE_A ? 'A' : 'NS' };
    }
    const ecs: { found?: ClientSubnet } = {};
    const answers: DnsRecord[] = [];
    const authorities: DnsRecord[] = [];
    const additionals: DnsRecord[] = [];
    // An OPT record is read only among the additionals, as wire.ts's clientSubnetOf does.
    const ignored: { found?: ClientSubnet } = {};
    readRecords(bytes, at, counts[0], answers, ignored);
    readRecords(bytes, at, counts[1], authorities, ignored);
    readRecords(bytes, at, counts[2], additionals, ecs);
    return {
      id: u16(bytes, 0),
      response: (u16(bytes, 2) & QR) !== 0,
      recursionDesired: (flags & FLAG_RD) !== 0,
      authoritative: (flags & FLAG_AA) !== 0,
      rcode: RCODE_NAMES[flags & 15] ?? 'SERVFAIL',
      question: question ?? { name: '', type: 'A' },
      answers,
      authorities,
      additionals,
      ...(ecs.found === undefined ? {} : { clientSubnet: ecs.found }),
    };
  } catch (e) {
    if (e === NOT_MINE) return null;
    throw e;
  }
}
