/** What the overlay model's counters keep at every report (see SimModel.invariants). */
import type { ModelInvariants } from '../../model/SimModel';
import { counter as get, type Counters } from '../../invariants/conservation';

/** Every probe sent is answered, lost (its timeout passed) or still waiting, exactly one of them. */
function overlayViolations(c: Counters): string[] {
  if (!('overlay.probes' in c)) return [];
  const sent = get(c, 'overlay.probes');
  const answered = get(c, 'overlay.probesAnswered');
  const lost = get(c, 'overlay.probesLost');
  const waiting = get(c, 'overlay.probesOutstanding');
  return sent === answered + lost + waiting
    ? []
    : [`overlay: ${sent} probes ≠ ${answered} answered + ${lost} lost + ${waiting} waiting`];
}

export const overlayInvariants: ModelInvariants = {
  violations: overlayViolations,
  cumulative: /^overlay\.(probes|probesAnswered|probesLost|flowRequests|races|choiceChanges)$/,
};
