/**
 * A data centre's monitoring application and the low-level name server it publishes to
 * (Dilley et al. 2002, "Network Monitoring"), hosted at the data centre's low-level DNS node.
 * Edge servers report their load and their busiest objects; from the latest reports the monitor
 * answers a client group's query with a load view:
 * - an object whose request rate would put one server above the spread threshold is handed out
 *   on as few servers as keep each under it (the minimum number, ⌈rate / (threshold × capacity)⌉),
 *   and on at least two while any server reporting it is above the threshold;
 * - a server above the withdraw threshold is left out of the answers altogether;
 * - the data centre's mean load travels with the answer, so that clients can move their excess
 *   share to their next data centre (the paper's top-level steering, see LoadView).
 * A report older than three report intervals is ignored: the server is idle, or dead.
 */
import type { LoadReportBody, MapAnswerBody } from './messages';
import type { SandboxContext } from './SandboxContext';

interface Report {
  atNs: number;
  load: number;
  hot: number[];
}

export class LoadMonitor {
  private readonly reports = new Map<number, Report>();
  /** the spread last published per object, to notice changes worth telling the lab about */
  private readonly published = new Map<number, number>();
  private readonly withdrawnNow = new Set<number>();

  constructor(
    private readonly ctx: SandboxContext,
    readonly dc: number,
    private readonly servers: readonly number[],
  ) {}

  onReport(server: number, body: LoadReportBody): void {
    this.reports.set(server, { atNs: this.ctx.engine.now, load: body.load, hot: body.hot });
  }

  /** The view to hand out now. */
  answer(): MapAnswerBody {
    const { ctx } = this;
    const c = ctx.params.config;
    const now = ctx.engine.now;
    const fresh = (r: Report) => now - r.atNs <= 3 * ctx.params.loadReportNs;
    const withdrawn: number[] = [];
    const objRate = new Map<number, number>();
    const objOverloaded = new Set<number>();
    let loadSum = 0;
    for (const [server, r] of this.reports) {
      if (!fresh(r)) continue;
      loadSum += r.load;
      if (r.load > c.withdrawThreshold) withdrawn.push(server);
      for (let i = 0; i < r.hot.length; i += 2) {
        objRate.set(r.hot[i], (objRate.get(r.hot[i]) ?? 0) + r.hot[i + 1]);
        if (r.load > c.spreadThreshold) objOverloaded.add(r.hot[i]);
      }
    }
    const perServer = c.spreadThreshold * c.edgeCapacityRequestsPerSecond;
    const spread: number[] = [];
    for (const [obj, rate] of objRate) {
      let servers = Math.ceil(rate / perServer);
      if (objOverloaded.has(obj)) servers = Math.max(servers, 2);
      servers = Math.min(servers, this.servers.length);
      if (servers > 1) spread.push(obj, servers);
    }
    withdrawn.sort((a, b) => a - b);
    this.noteChanges(withdrawn, spread);
    return { dc: this.dc, withdrawn, spread, dcLoad: loadSum / this.servers.length };
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
        });
    for (const s of this.withdrawnNow)
      if (!now.has(s))
        observations.add({
          type: 'sim.serverWithdrawn',
          timeNs,
          dc: this.dc,
          server: s,
          withdrawn: false,
        });
    this.withdrawnNow.clear();
    for (const s of now) this.withdrawnNow.add(s);
    const seen = new Set<number>();
    for (let i = 0; i < spread.length; i += 2) {
      const [obj, servers] = [spread[i], spread[i + 1]];
      seen.add(obj);
      if (this.published.get(obj) !== servers) {
        this.published.set(obj, servers);
        observations.add({ type: 'sim.contentSpread', timeNs, dc: this.dc, object: obj, servers });
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
        });
      }
  }
}
