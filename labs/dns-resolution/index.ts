/**
 * The DNS resolution lab (Dilley et al. 2002, sidebar "DNS Resolution"): one name followed
 * through root, .net, the CDN's top-level and low-level name servers; anycast; caching and TTLs;
 * why two tiers; how the low-level server picks edge servers, and what a distant resolver does
 * to that (client subnet); what failures cost, and what the resolver remembers of them.
 */
import type { Finding, Measurements } from '@lab/types';
import { defineLab, type LabStepInput } from '@lab/defineLab';
import { RESOLVER_TIMEOUT_NS } from '@sim/models/dns/Resolver';
import { about } from './about';
import { simulation } from './scenario';
import {
  ASK_AGAIN_S,
  FORGOTTEN_S,
  machine,
  type Distant,
  type LabContext,
  type Measured,
  type TierTotals,
} from './machine';
import { CLIENT, CLIENT_CITY, NAME, OTHER_CITY, SIBLING, nameOf } from './places';
import { duration } from '@lab/format';
import { addressList, lookupTime } from './format';

const ctx = (m: Measurements<LabContext>) => m.context;
const result = (m: Measurements<LabContext>, step: string): Measured | undefined =>
  ctx(m).results?.[step];

/** The resolver's wait for a server it does not know yet, from the model (Unbound's first). */
const TIMEOUT_MS = RESOLVER_TIMEOUT_NS / 1e6;

const ROLE_NAMES: Record<string, string> = {
  root: 'root',
  tld: '.net',
  toplevel: 'top-level',
  lowlevel: 'low-level',
};

/** What one lookup measured: who was asked (with each reply's TTL), how long it took, the answer. */
function lookupFindings(r: Measured | undefined | null, prefix = ''): Finding[] {
  if (!r) return [];
  const asked = r.asked.map((a, i) => {
    const [role, kind] = a.split(':');
    const ttl = r.ttls[i];
    const name = ROLE_NAMES[role] ?? role;
    // A timeout shows how long the resolver waited: its estimate for that server.
    const detail =
      kind === 'timeout' ? `after ${r.timeouts[i]} ms` : ttl === null ? '' : `TTL ${duration(ttl)}`;
    return `${name} (${kind}${detail === '' ? '' : `, ${detail}`})`;
  });
  return [
    {
      label: `${prefix}servers asked`,
      value: asked.length === 0 ? 'none: answered from the cache' : asked.join(' → '),
    },
    { label: `${prefix}lookup took`, value: lookupTime(r.latencyMs) },
    { label: `${prefix}answer`, value: addressList(r.addresses) },
  ];
}

/** What the run is doing while the student waits, so a closed Next always has a reason. */
const now = (value: string): Finding => ({ label: 'the run now', value });

/** A one-lookup step: the lookup under way in slow motion, then what it measured. */
const lookupStep = (step: string) => (m: Measurements<LabContext>) =>
  result(m, step)
    ? lookupFindings(result(m, step))
    : ctx(m).answered?.[step]
      ? [now('the lookup, in slow motion; the verdict comes with its answer')]
      : [];

function tierFindings(t: TierTotals | null, design: string): Finding[] {
  if (!t) return [];
  return [
    { label: `${design}: lookups`, value: t.lookups.toLocaleString('en-US') },
    {
      label: `${design}: queries reaching the top level`,
      value: t.topLevelQueries.toLocaleString('en-US'),
    },
    {
      label: `${design}: mean lookup time`,
      value: t.latencyMeanMs === null ? '–' : lookupTime(t.latencyMeanMs),
    },
  ];
}

/** The choice id naming which servers a lookup asked, from what the resolver reported. */
function whoWasAsked(m: Measurements<LabContext>, step: string): string | undefined {
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

/** Which server answered first, and how, for the memory step's question. */
function firstTry(r: Measured | undefined): string | undefined {
  if (!r) return undefined;
  if (r.asked.length === 0) return undefined;
  if (r.addresses.length === 0) return 'fail';
  return r.asked[0] === 'lowlevel:timeout' ? 'retry' : 'skip';
}

function distantFindings(d: Distant | null, label: string): Finding[] {
  if (!d) return [];
  return [
    { label: `${label}: answer`, value: addressList(d.lookup.addresses) },
    {
      label: `${label}: round trip to that edge server`,
      value: d.connectMs === null ? '…' : lookupTime(d.connectMs),
    },
  ];
}

export const steps: LabStepInput<LabContext>[] = [
  {
    id: 'intro',
    title: 'Following one name',
    stage: ['map'],
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
    stage: ['map', 'sequence'],
    question: {
      id: 'cold-latency',
      kind: 'number',
      purpose: 'predict',
      prompt: `The client group is in ${CLIENT_CITY}. How long will the whole lookup take, in milliseconds, from the client's question to its answer?`,
      unit: 'ms',
      expected: (m) => result(m, 'cold')?.latencyMs,
      tolerance: { relative: 0.5 },
      explanation:
        'Each of the four questions is a round trip from the resolver to a server somewhere on the map, at about 200 km per millisecond in fibre, plus the hops in between. The root and .net answered from instances in the resolver’s own city, a couple of milliseconds away; the CDN’s top-level server it happened to ask first is across the Atlantic, and that one trip costs more than all the others together.',
    },
    findings: lookupStep('cold'),
  },
  {
    id: 'anycast',
    title: 'One address, many servers',
    stage: ['map', 'sequence'],
    question: {
      id: 'anycast-failure',
      kind: 'choice',
      purpose: 'predict',
      prompt: `The root server instance that answered ${CLIENT_CITY}'s resolver has failed. The resolver, its cache empty again, looks ${NAME} up. What happens?`,
      choices: [
        {
          id: 'servfail',
          label: 'The lookup fails: the resolver knows only one root address',
        },
        {
          id: 'timeout',
          label: 'The resolver waits out a timeout, then asks another root server',
        },
        {
          id: 'next',
          label: 'Another instance of the same root answers at once, from farther away',
        },
      ],
      correct: (m) => {
        const r = result(m, 'anycast');
        if (!r) return undefined;
        if (r.addresses.length === 0) return 'servfail';
        return r.asked[0] === 'root:timeout' ? 'timeout' : 'next';
      },
      explanation:
        'Every instance announces the same address, and the routing system carries each query to the nearest instance it has a route to. A failed instance stops announcing, so its queries go to the next nearest: the resolver never notices, and the lookup costs only the longer trip.',
    },
    findings: (m) => {
      const c = ctx(m);
      const r = result(m, 'anycast');
      const list: Finding[] = [];
      if (c.failedInstance !== null && c.failedInstance >= 0)
        list.push({ label: 'root instance that failed', value: nameOf(c.failedInstance) });
      if (r && r.servers.length > 0)
        list.push({ label: 'root instance that answered now', value: nameOf(r.servers[0]) });
      if (c.primed)
        list.push({ label: 'lookup before the failure', value: lookupTime(c.primed.latencyMs) });
      list.push(...lookupFindings(r, 'with it failed: '));
      return list;
    },
  },
  {
    id: 'warmSame',
    title: 'The same name again',
    stage: ['sequence', 'map'],
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
    findings: lookupStep('warmSame'),
  },
  {
    id: 'warmSibling',
    title: 'Another name in the same zone',
    stage: ['sequence', 'map'],
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
    findings: lookupStep('warmSibling'),
  },
  {
    id: 'answerExpiry',
    title: 'When the answer runs out',
    stage: ['sequence', 'map'],
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
    findings: lookupStep('answerExpiry'),
  },
  {
    id: 'delegationExpiry',
    title: 'When the delegation runs out',
    stage: ['sequence', 'map'],
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
    findings: lookupStep('delegationExpiry'),
  },
  {
    id: 'twoTiers',
    title: 'Why two tiers?',
    stage: ['map'],
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
        const t = m.context.tiers;
        if (!t?.one || !t.two || t.two.lookups === 0) return undefined;
        const ratio = t.one.topLevelQueries / Math.max(1, t.two.topLevelQueries);
        return ratio >= 50 ? 'x100' : ratio >= 5 ? 'x10' : ratio >= 1.5 ? 'x2' : 'same';
      },
      explanation:
        'With one tier, every lookup the resolver cannot answer from its cache (one per name every 20 seconds) goes to the top level. With two, the top level is asked once per resolver per hour; the short-lived answers come from nearby low-level servers, which also makes lookups faster.',
    },
    findings: (m) => {
      const c = ctx(m);
      const { one, two } = c.tiers ?? { one: null, two: null };
      const list: Finding[] = [];
      if (c.answered?.twoTiers && !one)
        list.push(now('an hour of lookups with one tier, fast-forwarded; two tiers follow'));
      else if (one && !two) list.push(now('the same hour of lookups again, with two tiers'));
      list.push(...tierFindings(one, 'one tier'), ...tierFindings(two, 'two tiers'));
      if (one && two)
        list.push({
          label: 'top-level queries, one tier ÷ two tiers',
          value: `${(one.topLevelQueries / Math.max(1, two.topLevelQueries)).toFixed(0)} times`,
        });
      return list;
    },
    whatIfs: [
      {
        id: 'lowlevel-down',
        label: 'Take a low-level name server down',
        command: { type: 'dns.setServerUp', role: 'lowlevel', index: 0, up: false },
        atS: 1_800,
      },
    ],
  },
  {
    id: 'mapping',
    title: 'How the low-level server picks',
    stage: ['map', 'sequence'],
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
      // Judged when the whole experiment has run, Tokyo's lookup and the lossy link included,
      // because the explanation points at all of it.
      correct: (m) => {
        const c = ctx(m);
        const r = c.results?.mapping;
        if (!r || !c.target || c.otherAddresses === null || c.afterLoss === null) return undefined;
        return r.addresses.includes(c.target) ? 'yes' : 'no';
      },
      explanation: `Above the second load threshold a server's address is no longer given out, and the next server the name hashes to takes its place. The answer ${OTHER_CITY} got names a different data centre, near that client. And a lossy path counts against a data centre as distance does: once the delegation had expired, another low-level server answered.`,
    },
    findings: (m) => {
      const c = ctx(m);
      const r = c.results?.mapping;
      const list: Finding[] = [];
      if (c.answered?.mapping && r && c.otherAddresses === null)
        list.push(now(`a client group in ${OTHER_CITY} looks up the same name`));
      else if (c.otherAddresses !== null && c.afterLoss === null)
        list.push(
          now(
            `the path to the data centre that answered ${CLIENT_CITY} loses 30 % of packets; the run fast-forwards an hour, until the resolver's delegation expires, then looks the name up again`,
          ),
        );
      if (c.primed)
        list.push({
          label: `${CLIENT_CITY}'s first answer`,
          value: addressList(c.primed.addresses),
        });
      if (c.target)
        list.push({
          label: 'reported loaded past the second threshold',
          value: addressList([c.target]),
        });
      if (r)
        list.push({
          label: `${CLIENT_CITY}'s answer after it expired`,
          value: addressList(r.addresses),
        });
      if (c.otherAddresses)
        list.push({ label: `${OTHER_CITY}'s answer`, value: addressList(c.otherAddresses) });
      if (c.lossyServer !== null && c.lossyServer >= 0)
        list.push({
          label: 'low-level server whose path turned lossy',
          value: nameOf(c.lossyServer),
        });
      if (c.afterLoss !== null && c.afterLoss >= 0)
        list.push({
          label: 'low-level server that answered an hour later',
          value: nameOf(c.afterLoss),
        });
      return list;
    },
  },
  {
    id: 'clientSubnet',
    title: 'A resolver far away',
    stage: ['map', 'sequence'],
    question: {
      id: 'distant-rtt',
      kind: 'number',
      purpose: 'predict',
      prompt: `${CLIENT_CITY}'s client group now uses a public resolver in Washington, and the CDN maps by the resolver's address. What round trip, in milliseconds, will the client have to the edge server it is given?`,
      unit: 'ms',
      expected: (m) => ctx(m).distant?.without?.connectMs ?? undefined,
      tolerance: { relative: 0.5 },
      explanation: `The top level referred the resolver to low-level servers near Washington, and they answered with edge servers near Washington: right for the resolver, an ocean away from the users. With EDNS Client Subnet the resolver tells the CDN's name servers the client's network, the low level maps the client instead, and the round trip falls to a few milliseconds. The answer is then cached for that client's network only.`,
    },
    findings: (m) => {
      const c = ctx(m);
      const { without, with: withEcs } = c.distant ?? { without: null, with: null };
      const list: Finding[] = [];
      if (without && !withEcs)
        list.push(
          now(
            'the resolver starts sending the client’s subnet; once the answer has expired the client looks the name up again',
          ),
        );
      list.push(...distantFindings(without, 'without client subnet'));
      list.push(...distantFindings(withEcs, 'with client subnet'));
      return list;
    },
  },
  {
    id: 'failure',
    title: 'When something fails',
    stage: ['sequence', 'map'],
    question: {
      id: 'failure-latency',
      kind: 'number',
      purpose: 'predict',
      prompt: `The low-level server that answered has gone silent, and the answer has expired. The resolver waits ${TIMEOUT_MS} ms for a server it has never asked, less for one that answered quickly. How long will the next lookup take, in milliseconds?`,
      unit: 'ms',
      // Judged when the step's experiment is over (the dead edge server and the lookup after
      // it), so the verdict does not come while the run still has a minute to go.
      expected: (m) => (ctx(m).afterFailure === null ? undefined : result(m, 'failure')?.latencyMs),
      tolerance: { relative: 0.3 },
      explanation: `The resolver waits out its timeout for the silent server (it had met it once, so less than the ${TIMEOUT_MS} ms it gives a stranger), then asks the next low-level server of the same set, which answers in a few milliseconds: the failure costs a delay, not the lookup. The dead edge server cost the client one connection timeout, then it used the other address; once the answer expired, the next answer no longer named it, and the resolver went straight to the server that answers: it remembers (the next step).`,
    },
    findings: (m) => {
      const c = ctx(m);
      const r = result(m, 'failure');
      const list: Finding[] = [];
      if (r && c.fallbackTries === null)
        list.push(
          now(
            'an edge server named in that answer dies; the client tries it while the answer is cached',
          ),
        );
      else if (c.fallbackTries !== null && c.afterFailure === null)
        list.push(
          now(
            (m.frame?.timeNs ?? 0) < ASK_AGAIN_S * 1e9
              ? 'fast-forwards until the answer has expired'
              : 'looks the name up again, now that the answer has expired',
          ),
        );
      list.push(...lookupFindings(r, 'with a silent name server: '));
      if (c.target) list.push({ label: 'edge server that died', value: addressList([c.target]) });
      if (c.fallbackTries !== null)
        list.push({
          label: 'connection attempts the client needed',
          value: String(c.fallbackTries),
        });
      list.push(...lookupFindings(c.afterFailure, 'the next lookup: '));
      return list;
    },
  },
  {
    id: 'memory',
    title: 'A resolver that remembers',
    stage: ['sequence', 'map'],
    question: {
      id: 'memory-forgets',
      kind: 'choice',
      purpose: 'predict',
      prompt: `At ${FORGOTTEN_S} s, a quarter of an hour after the resolver first met the still-silent server, the client looks ${NAME} up again. What will the resolver do?`,
      choices: [
        { id: 'skip', label: 'Go straight to the other: it remembers for ever' },
        { id: 'retry', label: 'Try the silent server again, wait, then ask the other' },
        { id: 'fail', label: 'Give up: the lookup fails' },
      ],
      correct: (m) => firstTry(result(m, 'memory')),
      explanation:
        'A real resolver remembers each server’s round-trip times and timeouts; Unbound, whose defaults the model follows, doubles a server’s timeout each time it stays silent and then prefers the others, which is why the lookup at 50 s went straight to the server that answers. But it forgets a server 15 minutes (900 s) after it first met it, so a server that has come back is used again: here it has not, and the resolver pays one timeout to find out.',
    },
    findings: (m) => {
      const c = ctx(m);
      const list: Finding[] = [];
      const [first, second] = c.remembered ?? [];
      list.push(...lookupFindings(first, 'at 25 s: '));
      list.push(...lookupFindings(second, 'at 50 s: '));
      if (c.answered?.memory && !result(m, 'memory'))
        list.push(now(`fast-forwards to ${FORGOTTEN_S} s, then looks the name up again`));
      list.push(...lookupFindings(result(m, 'memory'), `at ${FORGOTTEN_S} s: `));
      return list;
    },
  },
  { id: 'done', title: 'What you saw', stage: ['map'] },
];

export const lab = defineLab<LabContext>({
  content: import.meta.glob<string>('./content/*.md', { eager: true, import: 'default' }),
  ...about,
  ...simulation,
  machine,
  steps,
  views: ['dns-messages'],
  // The sequence diagram follows the student's client group, not Tokyo's comparison lookup.
  follow: { client: CLIENT },
});
