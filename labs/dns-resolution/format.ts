/**
 * Times and names as the DNS lab's findings show them: a duration in the unit that fits (a
 * lookup in milliseconds, a TTL of two days in days, not "172800000 ms"), an address with the
 * server it belongs to. Pure.
 */
import { addressNode } from '@sim/models/dns/names';
import { nameOf } from './places';

/** A duration given in seconds, in the largest unit that keeps it readable. */
export function duration(seconds: number): string {
  const trim = (x: number, unit: string) => `${Number(x.toPrecision(3))} ${unit}`;
  if (seconds < 1) return `${Number((seconds * 1000).toPrecision(3))} ms`;
  if (seconds < 120) return trim(seconds, 's');
  if (seconds < 2 * 3600) return trim(seconds / 60, 'min');
  if (seconds < 2 * 86_400) return trim(seconds / 3600, 'h');
  return trim(seconds / 86_400, 'days');
}

/** A lookup's time, measured in milliseconds. */
export const lookupTime = (ms: number) => duration(ms / 1000);

/** An edge server's address with the server's name, so an answer can be found on the map. */
export function addressOf(address: string): string {
  const node = addressNode(address);
  return node >= 0 ? `${address} (${nameOf(node)})` : address;
}

export const addressList = (addresses: readonly string[]) =>
  addresses.length === 0 ? 'none' : addresses.map(addressOf).join(', ');
