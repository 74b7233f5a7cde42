/**
 * An UPDATE (`bgp.update`) in words for the log: one line for the list, and its fields as
 * RFC 4271 §4.3 lays them out for the open message (NEXT_HOP: the sender's first host address,
 * the address the model gives its border router, networkAddresses.ts).
 */
import { firstHostAddress, networkOfAsn } from '@sim/models/bgp/networkAddresses';
import type { UpdateSeen } from '@sim/models/bgp/observations';

const seconds = (ns: number) => `${(ns / 1e9).toFixed(3)} s`;

/** `12.050 s · net-11 → net-0 · withdraws 10.0.12.0/24; announces …, AS path 2 1 12` */
export function updateSummary(u: UpdateSeen, name: (net: number) => string): string {
  const what: string[] = [];
  if (u.withdrawn.length > 0) what.push(`withdraws ${u.withdrawn.join(', ')}`);
  if (u.nlri.length > 0)
    what.push(`announces ${u.nlri.join(', ')}, AS path ${(u.asPath ?? []).join(' ')}`);
  return `${seconds(u.timeNs)} · ${name(u.from)} → ${name(u.to)} · ${what.join('; ')}`;
}

export function updateFields(
  u: UpdateSeen,
  name: (net: number) => string,
): { name: string; value: string }[] {
  const none = '(none)';
  const fields = [
    { name: 'Sent at', value: seconds(u.timeNs) },
    { name: 'From → to', value: `${name(u.from)} → ${name(u.to)}` },
    { name: 'Withdrawn routes', value: u.withdrawn.join(', ') || none },
  ];
  if (u.asPath !== null)
    fields.push(
      { name: 'ORIGIN', value: 'IGP' },
      {
        name: 'AS_PATH',
        value: `${u.asPath.join(' ')} (${u.asPath.map((asn) => name(networkOfAsn(asn))).join(', ')})`,
      },
      { name: 'NEXT_HOP', value: firstHostAddress(u.from) },
    );
  fields.push({ name: 'NLRI', value: u.nlri.join(', ') || none });
  return fields;
}
