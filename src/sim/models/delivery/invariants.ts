/** What the delivery model's counters keep at every report (see SimModel.invariants). */
import type { ModelInvariants } from '../../model/SimModel';
import { counter as get, type Counters } from '../../invariants/conservation';
import { FAILURE_REASONS } from './sandboxStats';

/** Requests: issued = served + failed (by reason) + still outstanding. */
function sandboxViolations(c: Counters): string[] {
  if (!('delivery.requests' in c)) return [];
  const requests = get(c, 'delivery.requests');
  const responses = get(c, 'delivery.responses');
  const failed = FAILURE_REASONS.reduce((sum, r) => sum + get(c, `delivery.failures.${r}`), 0);
  const outstanding = get(c, 'delivery.outstanding');
  return requests === responses + failed + outstanding
    ? []
    : [
        `delivery: ${requests} requests ≠ ${responses} served + ${failed} failed` +
          ` + ${outstanding} outstanding`,
      ];
}

export const deliveryInvariants: ModelInvariants = {
  violations: sandboxViolations,
  cumulative: /^sandbox\.(requests|responses|failures\..*)$/,
};
