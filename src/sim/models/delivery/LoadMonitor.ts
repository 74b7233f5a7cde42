/**
 * A data centre's monitoring application and the low-level name server it publishes to
 * (Dilley et al. 2002, "Network Monitoring"), hosted at the data centre's low-level DNS node.
 * Edge servers report their load and their busiest objects in messages; the mapping system's
 * load table (src/sim/models/mapping/LoadTable.ts) keeps the latest and decides the view a
 * client group's query is answered with: withdrawn servers, spread objects, the data centre's
 * mean load. A report older than three report intervals is ignored: the server is idle, or dead.
 * With DNS on, the monitor also sends the data centre's load summary to every top-level name
 * server, so that the top level hands out data centres by their load as the paper describes:
 * on a report, when the mean load has moved by more than SUMMARY_STEP or the withdrawn servers
 * have changed since the last summary, or the last one is two report intervals old (the top
 * level forgets a summary after three); never twice in one interval.
 */
import type { SpreadSeen, WithdrawnSeen } from './observations';
import { MSG_DC_LOAD, type DcLoadBody, type LoadReportBody, type MapAnswerBody } from './messages';
import type { SandboxContext } from './SandboxContext';
import { LoadTable, type PublishedLoad } from '../mapping';

/** a change in a data centre's mean load worth telling the top level at once */
const SUMMARY_STEP = 0.05;
/** a load summary's size before its list of withdrawn servers (headers, data centre, load) */
const SUMMARY_BYTES = 100;

export class LoadMonitor {
  private readonly table: LoadTable;
  /** the spread last published per object, to notice changes worth telling the lab about */
  private readonly published = new Map<number, number>();
  private readonly withdrawnNow = new Set<number>();
  private lastSummary: { atNs: number; dcLoad: number; withdrawn: number[] } = {
    atNs: -Infinity,
    dcLoad: 0,
    withdrawn: [],
  };

  constructor(
    private readonly ctx: SandboxContext,
    readonly dc: number,
    servers: readonly number[],
    /** the node it runs on (the data centre's low-level name server) */
    private readonly node: number,
    /** where its summaries go: the top-level name servers, with DNS on; else none */
    private readonly topLevels: readonly number[],
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
    const now = this.ctx.engine.now;
    this.table.report(server, now, body.load, body.hot);
    const interval = this.ctx.params.loadReportNs;
    if (this.topLevels.length > 0 && now - this.lastSummary.atNs >= interval)
      this.maybeSummarise(now, interval);
  }

  private maybeSummarise(now: number, interval: number): void {
    const { withdrawn, dcLoad } = this.table.publish(now);
    const last = this.lastSummary;
    const changed =
      Math.abs(dcLoad - last.dcLoad) > SUMMARY_STEP ||
      withdrawn.length !== last.withdrawn.length ||
      withdrawn.some((s, i) => s !== last.withdrawn[i]);
    if (!changed && now - last.atNs < 2 * interval) return;
    this.lastSummary = { atNs: now, dcLoad, withdrawn };
    const body: DcLoadBody = { dc: this.dc, dcLoad, withdrawn };
    const bytes = SUMMARY_BYTES + 4 * withdrawn.length;
    for (const top of this.topLevels)
      this.ctx.network.send(this.node, top, bytes, MSG_DC_LOAD, body);
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
