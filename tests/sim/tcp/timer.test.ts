/**
 * The sender's one timer event serves the retransmission timeout, RACK's reordering timer and
 * the tail-loss probe. It must stay one pending event: a re-arm that schedules without
 * cancelling the pending event starts a second chain of firings that re-arms itself for good,
 * and with SACK on a lossy path such chains multiply (once 2.4 timer events per segment sent).
 */
import { describe, expect, it } from 'vitest';
import { FIGURE2_ROWS, PATH_INFLATION } from '@sim/models/tcp/figure2';
import { MS, SECOND } from '@sim/time';
import { connection } from './helpers';

const DURATION_NS = 60 * SECOND;

/** A transfer on Figure 2's multi-continent row, its timer events counted as they run. */
function longLossyTransfer(sack: boolean) {
  const row = FIGURE2_ROWS[FIGURE2_ROWS.length - 1];
  const rttNs = Math.round(row.latencyMs * PATH_INFLATION * MS);
  const t = connection({
    sack,
    ...(sack ? {} : { recovery: 'classic' as const }),
    rttNs,
    lossRate: row.loss,
  });
  const rto = t.conn.kinds.rto;
  let timers = 0;
  let atSameInstant = 0;
  let lastAt = -1;
  t.engine.observe((time, _o, _s, _target, kind) => {
    if (kind !== rto) return;
    timers++;
    if (time === lastAt) atSameInstant++;
    lastAt = time;
  });
  t.conn.start();
  t.engine.runUntil(DURATION_NS);
  return { ...t, timers, atSameInstant, roundTrips: DURATION_NS / rttNs };
}

describe('the sender’s timer event', () => {
  it('with SACK on a long lossy path, fires less than once per round trip, never twice at one instant', () => {
    const r = longLossyTransfer(true);
    // Losses that RACK found, i.e. its reordering timer was armed, not only the RTO.
    expect(r.sender.fastRetransmits).toBeGreaterThan(10);
    // Every deadline is set later than now, so one pending event never fires twice at once.
    expect(r.atSameInstant).toBe(0);
    // A deadline moved later costs one early firing that re-arms, about one per two round trips.
    expect(r.timers).toBeLessThan(r.roundTrips);
    expect(r.timers / r.sender.segmentsSent).toBeLessThan(0.2);
  });

  it('fires about as often with SACK as without, where it only has the retransmission timeout', () => {
    const sack = longLossyTransfer(true);
    const plain = longLossyTransfer(false);
    expect(plain.atSameInstant).toBe(0);
    expect(sack.timers / sack.sender.segmentsSent).toBeLessThan(
      2 * (plain.timers / plain.sender.segmentsSent),
    );
  });
});
