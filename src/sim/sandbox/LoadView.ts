/**
 * What one client group knows about the load of the data centres it uses: the last answer of each
 * data centre's low-level name server, kept for the answer's TTL. A client group stands for many
 * resolvers, and most of its users still hold the previous answer while one of them refreshes
 * it, so a stale view keeps being used until the new one arrives; a query that gets no answer
 * (the name server is down) is repeated after QUERY_RETRY_NS.
 */
import { MSG_MAP_QUERY, type MapAnswerBody } from './messages';
import type { SandboxContext } from './SandboxContext';

const QUERY_RETRY_NS = 2e9;
const QUERY_BYTES = 100;

export interface LoadView {
  withdrawn: ReadonlySet<number>;
  /** object → number of servers it is handed out on (absent: one) */
  spread: ReadonlyMap<number, number>;
  dcLoad: number;
}

interface HeldView extends LoadView {
  expiresNs: number;
}

export class LoadViews {
  private readonly views = new Map<number, HeldView>();
  private readonly asked = new Map<number, number>();

  constructor(
    private readonly ctx: SandboxContext,
    private readonly client: number,
  ) {}

  /** The view of a data centre, possibly stale; asks for a fresh one when it is due. */
  get(dc: number): LoadView | undefined {
    const now = this.ctx.engine.now;
    const view = this.views.get(dc);
    if (view === undefined || now >= view.expiresNs) {
      const askedAt = this.asked.get(dc);
      if (askedAt === undefined || now - askedAt >= QUERY_RETRY_NS) {
        this.asked.set(dc, now);
        const nameServer = this.ctx.mapping.lowLevelDnsOf(dc);
        this.ctx.network.send(this.client, nameServer, QUERY_BYTES, MSG_MAP_QUERY, { dc });
      }
    }
    return view;
  }

  onAnswer(body: MapAnswerBody): void {
    this.asked.delete(body.dc);
    const spread = new Map<number, number>();
    for (let i = 0; i < body.spread.length; i += 2) spread.set(body.spread[i], body.spread[i + 1]);
    this.views.set(body.dc, {
      withdrawn: new Set(body.withdrawn),
      spread,
      dcLoad: body.dcLoad,
      expiresNs: this.ctx.engine.now + this.ctx.params.lowLevelTtlNs,
    });
  }
}

/** Size of a low-level answer on the wire: a DNS header and question, and the view's records. */
export function mapAnswerBytes(body: MapAnswerBody): number {
  return 60 + 16 * body.withdrawn.length + 8 * body.spread.length;
}
