/** What the delivery model's counters keep at every report (see SimModel.invariants). */
import type { ModelInvariants } from '../../model/SimModel';
import { counter as get, type Counters } from '../../invariants/conservation';
import { FAILURE_REASONS } from './sandboxStats';

/** Requests: issued = served + failed (by reason) + still outstanding. */
function sandboxViolations(c: Counters): string[] {
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

export const deliveryInvariants: ModelInvariants = {
  violations: sandboxViolations,
  cumulative: /^sandbox\.(requests|responses|failures\..*)$/,
};
