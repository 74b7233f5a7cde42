/**
 * What one client group knows about the load of the data centres it uses: the answers of each
 * data centre's low-level name server. A client group stands for many users behind many
 * resolvers whose cached answers expire at different times, modelled as COHORTS cohorts of equal
 * size: each cohort asks again once its answer's TTL has run out, the cohorts a TTL / COHORTS
 * apart, and each request is mapped with the answer its (random) cohort holds. So a change in the
 * published view reaches the group's traffic in steps of a quarter, over one TTL, as it does
 * when many resolvers refresh independently. A query that gets no answer (the name server is
 * down) is repeated after QUERY_RETRY_NS; until then the cohort keeps its old answer.
 */
import type { RandomStream } from '../../random/RandomStream';
import { toLoadView, type LoadView } from '../mapping';
import { MSG_MAP_QUERY, type MapAnswerBody } from './messages';
import type { SandboxContext } from './SandboxContext';

const COHORTS = 4;
const QUERY_RETRY_NS = 2e9;
const QUERY_BYTES = 100;

export type { LoadView } from '../mapping';

interface DataCentreAnswers {
  /** the cohorts' answers, filled round-robin as answers arrive */
  cohorts: LoadView[];
  nextCohort: number;
  /** when the next cohort's answer runs out (and it asks again) */
  nextQueryNs: number;
  /** when the outstanding query was sent, or −1 */
  askedNs: number;
}

export class LoadViews {
  private readonly dcs = new Map<number, DataCentreAnswers>();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly client: number,
    private readonly rng: RandomStream,
  ) {}

  /** The answer a random user of the group holds for a data centre (none before the first). */
  get(dc: number): LoadView | undefined {
    const now = this.ctx.engine.now;
    let state = this.dcs.get(dc);
    if (state === undefined) {
      state = { cohorts: [], nextCohort: 0, nextQueryNs: now, askedNs: -1 };
      this.dcs.set(dc, state);
    }
    const waiting = state.askedNs >= 0 && now - state.askedNs < QUERY_RETRY_NS;
    if (now >= state.nextQueryNs && !waiting) {
      state.askedNs = now;
      const nameServer = this.ctx.mapping.lowLevelDnsOf(dc);
      this.ctx.network.send(this.client, nameServer, QUERY_BYTES, MSG_MAP_QUERY, { dc });
    }
    const { cohorts } = state;
    if (cohorts.length === 0) return undefined;
    return cohorts.length === 1
      ? cohorts[0]
      : cohorts[Math.floor(this.rng.uniform() * cohorts.length)];
  }

  onAnswer(body: MapAnswerBody): void {
    const state = this.dcs.get(body.dc);
    if (state === undefined) return;
    state.cohorts[state.nextCohort] = toLoadView(body);
    state.nextCohort = (state.nextCohort + 1) % COHORTS;
    state.askedNs = -1;
    state.nextQueryNs = this.ctx.engine.now + this.ctx.params.lowLevelTtlNs / COHORTS;
  }
}

/** Size of a low-level answer on the wire: a DNS header and question, and the view's records. */
export function mapAnswerBytes(body: MapAnswerBody): number {
  return 60 + 16 * (body.withdrawn.length + body.spreading.length) + 8 * body.spread.length;
}
