/**
 * An UPDATE (`bgp.update`) in words for the log: one line for the list, and for the open message
 * its fields as its bytes say them (wire.ts, RFC 4271 §4.3).
 */
import { networkOfAsn } from '@sim/models/bgp/networkAddresses';
import type { UpdateSeen } from '@sim/models/bgp/observations';
import type { DecodedUpdate } from '@sim/models/bgp/wire';

/** RFC 4271 §4.1: the largest BGP message. */
const MAX_MESSAGE = 4096;

const seconds = (ns: number) => `${(ns / 1e9).toFixed(3)} s`;

/** `12.050 s · net-11 → net-0 · withdraws 10.0.12.0/24; announces …, AS path 2 1 12` */
export function updateSummary(u: UpdateSeen, name: (net: number) => string): string {
  const what: string[] = [];
  if (u.withdrawn.length > 0) what.push(`withdraws ${u.withdrawn.join(', ')}`);
  if (u.nlri.length > 0)
    what.push(`announces ${u.nlri.join(', ')}, AS path ${(u.asPath ?? []).join(' ')}`);
  return `${seconds(u.timeNs)} · ${name(u.from)} → ${name(u.to)} · ${what.join('; ')}`;
}

/**
 * The open UPDATE's fields, read back from its bytes (`decoded`, wire.ts), in the order RFC 4271
 * lays them out; who sent it to whom and when come from the log.
 */
export function updateFields(
  u: UpdateSeen,
  decoded: DecodedUpdate,
  name: (net: number) => string,
): { name: string; value: string }[] {
  const none = '(none)';
  const fields = [
    { name: 'Sent at', value: seconds(u.timeNs) },
    { name: 'From → to', value: `${name(u.from)} → ${name(u.to)}` },
    {
      name: 'Length',
      value: `${decoded.length} octets${decoded.length > MAX_MESSAGE ? ` (over RFC 4271's ${MAX_MESSAGE}: a router would send several)` : ''}`,
    },
    { name: 'Withdrawn routes', value: decoded.withdrawn.join(', ') || none },
  ];
  if (decoded.origin !== null) fields.push({ name: 'ORIGIN', value: decoded.origin });
  if (decoded.asPath !== null)
    fields.push({
      name: 'AS_PATH',
      value: `${decoded.asPath.join(' ')} (${decoded.asPath.map((asn) => name(networkOfAsn(asn))).join(', ')})`,
    });
  if (decoded.nextHop !== null)
    fields.push({ name: 'NEXT_HOP', value: `${decoded.nextHop} (${name(u.from)}'s router)` });
  fields.push({ name: 'NLRI', value: decoded.nlri.join(', ') || none });
  return fields;
}
