/**
 * Times and names as the DNS lab's findings show them: a lookup's time in the unit that fits
 * (the shared `duration`, which the sequence diagram writes TTLs with too), an address with the
 * server it belongs to. Pure.
 */
import { duration } from '@lab/format';
import { addressNode } from '@sim/models/dns/names';
import { nameOf } from './places';

/** A lookup's time, measured in milliseconds. */
export const lookupTime = (ms: number) => duration(ms / 1000);

/** An edge server's address with the server's name, so an answer can be found on the map. */
export function addressOf(address: string): string {
  const node = addressNode(address);
  return node >= 0 ? `${address} (${nameOf(node)})` : address;
}

export const addressList = (addresses: readonly string[]) =>
  addresses.length === 0 ? 'none' : addresses.map(addressOf).join(', ');
