/**
 * Conservation identities over a run's merged counters, as any report carries them: nothing is
 * created or lost without being counted. Each returns the identities that do not hold, in words
 * (empty when all hold). Gauges of what is still in flight exist only with assertions on
 * (src/sim/assert.ts); without them an identity is checked as an inequality.
 */
import type { ModelInvariants } from '../model/SimModel';
import { DROP_REASONS } from '../net/Message';

export type Counters = Readonly<Record<string, number>>;

/** A counter, 0 if absent. */
export const counter = (c: Counters, key: string) => c[key] ?? 0;
const get = counter;

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

/**
 * The network's identities, each model's (SimModel.invariants), and no counter negative or
 * not finite.
 */
export function conservationViolations(
  c: Counters,
  models: readonly { invariants?: ModelInvariants }[] = [],
): string[] {
  const out = [
    ...networkViolations(c),
    ...models.flatMap((m) => m.invariants?.violations(c) ?? []),
  ];
  for (const [k, v] of Object.entries(c))
    if (!Number.isFinite(v) || v < 0) out.push(`${k} is ${v}`);
  return out;
}
