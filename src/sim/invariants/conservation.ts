/**
 * Conservation identities over a run's merged counters, as any report carries them: nothing is
 * created or lost without being counted. Each returns the identities that do not hold, in words
 * (empty when all hold). Gauges of what is still in flight exist only with assertions on
 * (src/sim/assert.ts); without them an identity is checked as an inequality.
 */
import { FAILURE_REASONS } from '../models/delivery/sandboxStats';
import { DROP_REASONS } from '../net/Message';

export type Counters = Readonly<Record<string, number>>;

const get = (c: Counters, key: string) => c[key] ?? 0;

/**
 * Messages: sent + taken over from other shards = delivered + dropped + handed to other shards
 * + in flight; drops add up over their reasons; no more messages arrive from other shards
 * than were handed over.
 */
export function networkViolations(c: Counters): string[] {
  if (!('net.sent' in c)) return [];
  const out: string[] = [];
  const sent = get(c, 'net.sent');
  const delivered = get(c, 'net.delivered');
  const dropped = get(c, 'net.dropped');
  const byReason = DROP_REASONS.reduce((sum, r) => sum + get(c, `net.dropped.${r}`), 0);
  if (byReason !== dropped)
    out.push(`net: ${dropped} dropped, but the reasons add up to ${byReason}`);
  if ('net.inFlight' in c) {
    const handedOff = get(c, 'net.handedOff');
    const takenOver = get(c, 'net.takenOver');
    const inFlight = get(c, 'net.inFlight');
    if (sent + takenOver !== delivered + dropped + handedOff + inFlight)
      out.push(
        `net: sent ${sent} + taken over ${takenOver} ≠ delivered ${delivered} + dropped ${dropped}` +
          ` + handed off ${handedOff} + in flight ${inFlight}`,
      );
    if (takenOver > handedOff)
      out.push(`net: ${takenOver} messages taken over, but only ${handedOff} handed off`);
  } else if (delivered + dropped > sent) {
    out.push(`net: delivered ${delivered} + dropped ${dropped} > sent ${sent}`);
  }
  return out;
}

/** Requests: issued = served + failed (by reason) + still outstanding. */
export function sandboxViolations(c: Counters): string[] {
  if (!('sandbox.requests' in c)) return [];
  const requests = get(c, 'sandbox.requests');
  const responses = get(c, 'sandbox.responses');
  const failed = FAILURE_REASONS.reduce((sum, r) => sum + get(c, `sandbox.failures.${r}`), 0);
  const outstanding = get(c, 'sandbox.outstanding');
  return requests === responses + failed + outstanding
    ? []
    : [
        `sandbox: ${requests} requests ≠ ${responses} served + ${failed} failed` +
          ` + ${outstanding} outstanding`,
      ];
}

/** Stub lookups: started = answered + failed + timed out + in flight. */
export function dnsViolations(c: Counters): string[] {
  if (!('dns.lookups' in c)) return [];
  const lookups = get(c, 'dns.lookups');
  const ended =
    get(c, 'dns.lookupsAnswered') + get(c, 'dns.lookupsFailed') + get(c, 'dns.lookupsTimedOut');
  if ('dns.lookupsInFlight' in c) {
    const inFlight = get(c, 'dns.lookupsInFlight');
    return lookups === ended + inFlight
      ? []
      : [`dns: ${lookups} lookups ≠ ${ended} ended + ${inFlight} in flight`];
  }
  return ended <= lookups ? [] : [`dns: ${ended} lookups ended, only ${lookups} started`];
}

/** Every identity above, and no counter negative or fractional where it counts things. */
export function conservationViolations(c: Counters): string[] {
  const out = [...networkViolations(c), ...sandboxViolations(c), ...dnsViolations(c)];
  for (const [k, v] of Object.entries(c))
    if (!Number.isFinite(v) || v < 0) out.push(`${k} is ${v}`);
  return out;
}
