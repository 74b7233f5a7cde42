/** What the DNS model's counters keep at every report (see SimModel.invariants). */
import type { ModelInvariants } from '../../model/SimModel';
import { counter as get, type Counters } from '../../invariants/conservation';

/** Stub lookups: started = answered + failed + timed out + in flight. */
function dnsViolations(c: Counters): string[] {
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

export const dnsInvariants: ModelInvariants = {
  violations: dnsViolations,
  cumulative: /^dns\.lookups(Answered|Failed|TimedOut)?$/,
};
