/**
 * A data centre's monitoring application and the low-level name server it publishes to
 * (Dilley et al. 2002, "Network Monitoring"), hosted at the data centre's low-level DNS node.
 * Edge servers report their load and their busiest objects in messages; the mapping system's
 * load table (src/sim/models/mapping/LoadTable.ts) keeps the latest and decides the view a
 * client group's query is answered with: withdrawn servers, spread objects, the data centre's
 * mean load. A report older than three report intervals is ignored: the server is idle, or dead.
 */
import type { SpreadSeen, WithdrawnSeen } from './observations';
import type { LoadReportBody, MapAnswerBody } from './messages';
import type { SandboxContext } from './SandboxContext';
import { LoadTable, type PublishedLoad } from '../mapping';

export class LoadMonitor {
  private readonly table: LoadTable;
  /** the spread last published per object, to notice changes worth telling the lab about */
  private readonly published = new Map<number, number>();
  private readonly withdrawnNow = new Set<number>();

  constructor(
    private readonly ctx: SandboxContext,
    readonly dc: number,
    servers: readonly number[],
  ) {
    const c = ctx.params.config;
    this.table = new LoadTable(servers, {
      thresholds: () => ({
        spread: c.spreadThreshold,
        withdraw: c.withdrawThreshold,
        dataCentre: c.dataCentreThreshold,
      }),
      capacityRps: c.edgeCapacityRequestsPerSecond,
      freshNs: 3 * ctx.params.loadReportNs,
    });
  }

  onReport(server: number, body: LoadReportBody): void {
    this.table.report(server, this.ctx.engine.now, body.load, body.hot);
  }

  /** The view to hand out now. */
  answer(): MapAnswerBody {
    return { dc: this.dc, ...this.view() };
  }

  /** The view as published now (to a client group's query, or to the DNS low level's answer). */
  view(): PublishedLoad {
    const view = this.table.publish(this.ctx.engine.now);
    this.noteChanges(view.withdrawn, view.spread);
    return view;
  }

  /** Records what changed since the last answer, for the lab's log. */
  private noteChanges(withdrawn: number[], spread: number[]): void {
    const { observations, engine } = this.ctx;
    const timeNs = engine.now;
    const now = new Set(withdrawn);
    for (const s of now)
      if (!this.withdrawnNow.has(s))
        observations.add({
          type: 'sim.serverWithdrawn',
          timeNs,
          dc: this.dc,
          server: s,
          withdrawn: true,
        } satisfies WithdrawnSeen);
    for (const s of this.withdrawnNow)
      if (!now.has(s))
        observations.add({
          type: 'sim.serverWithdrawn',
          timeNs,
          dc: this.dc,
          server: s,
          withdrawn: false,
        } satisfies WithdrawnSeen);
    this.withdrawnNow.clear();
    for (const s of now) this.withdrawnNow.add(s);
    const seen = new Set<number>();
    for (let i = 0; i < spread.length; i += 2) {
      const [obj, servers] = [spread[i], spread[i + 1]];
      seen.add(obj);
      if (this.published.get(obj) !== servers) {
        this.published.set(obj, servers);
        observations.add({
          type: 'sim.contentSpread',
          timeNs,
          dc: this.dc,
          object: obj,
          servers,
        } satisfies SpreadSeen);
      }
    }
    for (const obj of [...this.published.keys()])
      if (!seen.has(obj)) {
        this.published.delete(obj);
        observations.add({
          type: 'sim.contentSpread',
          timeNs,
          dc: this.dc,
          object: obj,
          servers: 1,
        } satisfies SpreadSeen);
      }
  }
}
