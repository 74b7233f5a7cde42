/**
 * All at once: three users load the portal plain, with every optimisation on, and with each
 * but one. Judged on who gains most (plain's time ÷ everything's); the findings name, per user,
 * the optimisation whose absence cost most.
 */
import type { Finding, Measurements } from '@lab/types';
import type { LabStepInput } from '@lab/defineLab';
import type { LabContext, RunSeen } from '../machine';
import { runOf } from '../measure';
import { ALL_USERS, LEFT_OUT, type AllUser } from '../scenario';
import { ms, runNow, WATERFALL } from './common';

/** The question's choice for each user, and how the findings name them. */
const USER_CHOICE: Record<AllUser, { id: string; label: string }> = {
  allNear: { id: 'near', label: 'Near: in Boston' },
  allFar: { id: 'far', label: 'Far: in Tokyo' },
  allSlow: { id: 'slow', label: 'Far, on a 1 Mbit/s line' },
};

/** What each load of `LEFT_OUT` lacks. */
const LACKS: Record<(typeof LEFT_OUT)[number], string> = {
  'no-mux': 'multiplexing',
  'no-edge': 'the warm edge',
  'no-prefetch': 'prefetch',
  'no-gzip': 'gzip',
};

const pageMs = (r: RunSeen, load: string) => r.done[load]?.pageLoadMs ?? NaN;

/** The optimisation whose absence slowed `r`'s load most, and by how much (ms). */
export function mattered(r: RunSeen): { lacks: string; ms: number } {
  const all = pageMs(r, 'all-on');
  const worst = LEFT_OUT.reduce((a, b) => (pageMs(r, b) > pageMs(r, a) ? b : a));
  return { lacks: LACKS[worst], ms: pageMs(r, worst) - all };
}

/** The user who gained most from everything at once, once every user's run has ended. */
function gainedMost(m: Measurements<LabContext>): string | undefined {
  const gain = (u: AllUser) => {
    const r = runOf(m, u);
    return r ? pageMs(r, 'plain') / pageMs(r, 'all-on') : undefined;
  };
  const gains = ALL_USERS.map((u) => ({ u, g: gain(u) }));
  if (gains.some((x) => x.g === undefined || Number.isNaN(x.g))) return undefined;
  return USER_CHOICE[gains.reduce((a, b) => (b.g! > a.g! ? b : a)).u].id;
}

function findings(m: Measurements<LabContext>): Finding[] {
  const out: Finding[] = [];
  for (const u of ALL_USERS) {
    const r = runOf(m, u);
    if (!r) continue;
    const most = mattered(r);
    out.push({
      label: USER_CHOICE[u].label,
      value: `${Math.round(pageMs(r, 'plain')).toLocaleString('en')} → ${ms(pageMs(r, 'all-on'))}; without ${most.lacks} +${ms(most.ms)}`,
    });
  }
  return out.length === ALL_USERS.length
    ? out
    : [...out, ...runNow(m, 'all', 'the three users load the page')];
}

export const allStep: LabStepInput<LabContext> = {
  id: 'all',
  title: 'All at once',
  stage: [WATERFALL],
  question: {
    id: 'who-gains',
    kind: 'choice',
    purpose: 'predict',
    prompt: 'With every optimisation on, whose page loads the most times faster than plain?',
    choices: ALL_USERS.map((u) => USER_CHOICE[u]),
    correct: gainedMost,
    explanation:
      'The edge saves round trips, and the far user pays most for each. Near the origin there are few to save; on a slow line the bytes take the time.',
  },
  findings,
};
