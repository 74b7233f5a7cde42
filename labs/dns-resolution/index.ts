/**
 * The DNS resolution lab (Dilley et al. 2002, sidebar "DNS Resolution"): one name followed
 * through root, .net, the CDN's top-level and low-level name servers; caching and TTLs; why two
 * tiers; how the low-level server picks edge servers; what failures cost.
 */
import type { LabDefinition, LabStep, Measurements } from '@lab/types';
import { about } from './about';
import { simulation } from './scenario';
import { machine, type LabContext, type Measured } from './machine';
import { CLIENT_CITY, NAME, OTHER_CITY, SIBLING } from './places';
import intro from './content/intro.md';
import cold from './content/cold.md';
import warmSame from './content/warm-same.md';
import warmSibling from './content/warm-sibling.md';
import answerExpiry from './content/answer-expiry.md';
import delegationExpiry from './content/delegation-expiry.md';
import twoTiers from './content/two-tiers.md';
import mapping from './content/mapping.md';
import failure from './content/failure.md';
import done from './content/done.md';

const result = (m: Measurements, step: string): Measured | undefined =>
  (m.context as unknown as LabContext).results?.[step];

/** The choice id naming which servers a lookup asked, from what the resolver reported. */
function whoWasAsked(m: Measurements, step: string): string | undefined {
  const r = result(m, step);
  if (!r) return undefined;
  const roles = r.asked.map((a) => a.split(':')[0]);
  if (roles.length === 0) return 'none';
  if (roles.join() === 'lowlevel') return 'low';
  if (roles.join() === 'toplevel,lowlevel') return 'top-low';
  if (roles.join() === 'root,tld,toplevel,lowlevel') return 'all';
  return 'other';
}

const WHO_CHOICES = [
  { id: 'none', label: 'No server at all: the resolver answers from its cache' },
  { id: 'low', label: 'One low-level name server' },
  { id: 'top-low', label: 'A top-level server, then a low-level server' },
  { id: 'all', label: 'Root, .net, top-level and low-level servers, as the first time' },
];

export const steps: LabStep[] = [
  {
    id: 'intro',
    title: 'Following one name',
    prose: intro,
    question: {
      id: 'cold-count',
      kind: 'choice',
      purpose: 'predict',
      prompt: `The resolver's cache is empty. How many name servers will it ask before it can give the client the addresses for ${NAME}?`,
      choices: [
        { id: '1', label: 'One: a name server for the whole Internet' },
        { id: '2', label: 'Two: a root server, then the CDN' },
        { id: '4', label: 'Four: root, .net, the CDN’s top level, a low-level server' },
        { id: '13', label: 'Thirteen: every root server' },
      ],
      correct: '4',
      explanation:
        'Names are resolved from the right: the root knows who runs net., .net knows who runs akamai.net., the CDN’s top level hands g.akamai.net. to low-level servers near you, and one of those finally answers. The next step shows all four.',
    },
  },
  {
    id: 'cold',
    title: 'A cold cache',
    prose: cold,
    question: {
      id: 'cold-latency',
      kind: 'number',
      purpose: 'predict',
      prompt: `The client group is in ${CLIENT_CITY}. How long will the whole lookup take, in milliseconds, from the client's question to its answer?`,
      unit: 'ms',
      expected: (m) => result(m, 'cold')?.latencyMs,
      tolerance: { relative: 0.5 },
      explanation:
        'Each of the four questions is a round trip from the resolver to a server somewhere on the map, at about 200 km per millisecond in fibre, plus the hops in between. A server across an ocean costs tens of milliseconds on its own.',
    },
  },
  {
    id: 'warmSame',
    title: 'The same name again',
    prose: warmSame,
    question: {
      id: 'warm-same',
      kind: 'choice',
      purpose: 'predict',
      prompt: `Seconds after the first lookup, the client asks for ${NAME} again. Which name servers will the resolver ask?`,
      choices: WHO_CHOICES,
      correct: (m) => whoWasAsked(m, 'warmSame'),
      explanation:
        'The answer is still within its TTL, so the resolver replies from its cache: no message leaves it, and the lookup costs only the trip between client and resolver.',
    },
  },
  {
    id: 'warmSibling',
    title: 'Another name in the same zone',
    prose: warmSibling,
    question: {
      id: 'warm-sibling',
      kind: 'choice',
      purpose: 'predict',
      prompt: `Now the client asks for ${SIBLING}. Which name servers will the resolver ask?`,
      choices: WHO_CHOICES,
      correct: (m) => whoWasAsked(m, 'warmSibling'),
      explanation:
        'The resolver has no answer for this name, but it still holds the delegation of g.akamai.net to low-level servers, so it starts there: one query.',
    },
  },
  {
    id: 'answerExpiry',
    title: 'When the answer runs out',
    prose: answerExpiry,
    question: {
      id: 'answer-expiry',
      kind: 'choice',
      purpose: 'predict',
      prompt: `25 simulated seconds after the first lookup (the answer's TTL was 20 s), the client asks for ${NAME} again. Which name servers will the resolver ask?`,
      choices: WHO_CHOICES,
      correct: (m) => whoWasAsked(m, 'answerExpiry'),
      explanation:
        'Only the answer expired. The delegation to the low-level servers lasts an hour, so one low-level query brings a fresh answer.',
    },
  },
  {
    id: 'delegationExpiry',
    title: 'When the delegation runs out',
    prose: delegationExpiry,
    question: {
      id: 'delegation-expiry',
      kind: 'choice',
      purpose: 'predict',
      prompt: `An hour and a few seconds after the first lookup, the client asks for ${NAME} again. Which name servers will the resolver ask?`,
      choices: WHO_CHOICES,
      correct: (m) => whoWasAsked(m, 'delegationExpiry'),
      explanation:
        'The g.akamai.net delegation lived exactly its one-hour TTL, so the resolver goes back to the top level; the delegations of net. and akamai.net. last two days, so the root and .net are not asked.',
    },
  },
  {
    id: 'twoTiers',
    title: 'Why two tiers?',
    prose: twoTiers,
    question: {
      id: 'two-tiers',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'Over an hour of lookups from every client group, how many times fewer queries will reach the top-level servers with two tiers than with one?',
      choices: [
        { id: 'same', label: 'About the same' },
        { id: 'x2', label: 'About half as many' },
        { id: 'x10', label: 'About ten times fewer' },
        { id: 'x100', label: 'A hundred times fewer or more' },
      ],
      correct: (m) => {
        const t = (m.context as unknown as LabContext).tiers;
        if (!t?.one || !t.two || t.two.lookups === 0) return undefined;
        const ratio = t.one.topLevelQueries / Math.max(1, t.two.topLevelQueries);
        return ratio >= 50 ? 'x100' : ratio >= 5 ? 'x10' : ratio >= 1.5 ? 'x2' : 'same';
      },
      explanation:
        'With one tier, every lookup the resolver cannot answer from its cache (one per name every 20 seconds) goes to the top level. With two, the top level is asked once per resolver per hour; the short-lived answers come from nearby low-level servers, which also makes lookups faster.',
    },
  },
  {
    id: 'mapping',
    title: 'How the low-level server picks',
    prose: mapping,
    question: {
      id: 'mapping-load',
      kind: 'choice',
      purpose: 'predict',
      prompt:
        'Monitoring now reports the first edge server of the last answer loaded past the second threshold. After the answer expires, will the next answer still name it?',
      choices: [
        { id: 'yes', label: 'Yes: it is still the nearest and likely to hold the content' },
        { id: 'no', label: 'No: an overloaded server is not handed out' },
      ],
      correct: (m) => {
        const c = m.context as unknown as LabContext;
        const r = c.results?.mapping;
        if (!r || !c.target) return undefined;
        return r.addresses.includes(c.target) ? 'yes' : 'no';
      },
      explanation: `Above the second load threshold a server's address is no longer given out, and the next server the name hashes to takes its place. Compare the answer for ${CLIENT_CITY} with the one a client in ${OTHER_CITY} got: a different data centre, near that client.`,
    },
  },
  {
    id: 'failure',
    title: 'When something fails',
    prose: failure,
    question: {
      id: 'failure-latency',
      kind: 'number',
      purpose: 'predict',
      prompt:
        'The low-level name server that answered before has stopped answering, and the answer has expired. How long will the next lookup take, in milliseconds?',
      unit: 'ms',
      expected: (m) => result(m, 'failure')?.latencyMs,
      tolerance: { relative: 0.3 },
      explanation:
        'The resolver waits for its timeout (376 ms for a server it has no round-trip estimate for, as Unbound does) before asking the next low-level server of the same set, which answers in a few milliseconds: the failure costs a delay, not the lookup.',
    },
  },
  { id: 'done', title: 'What you saw', prose: done },
];

export const lab: LabDefinition = {
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['dns-messages'],
};
