/**
 * "Available" (Dilley et al. 2002, "Network Monitoring"): the load reports of one data centre's
 * edge servers, as its monitoring application holds them, and the view it publishes to the
 * low-level DNS from them:
 * - a server above the withdraw threshold is no longer handed out;
 * - above the spread threshold, "some of the server's allocated content" goes to additional
 *   servers: each object the server reports among its busiest goes to at least one more server,
 *   and to as many as keep each under the spread threshold (⌈rate / (threshold × capacity)⌉);
 *   a report that names no objects (a load set by hand) spreads all of the server's content,
 *   every key it holds getting one more server;
 * - the data centre's mean load goes with the view, for the top level's choice of data centres.
 * A report older than `freshNs` is ignored: the server is idle, or dead.
 */
export interface Thresholds {
  /** above this load a server's hot content is handed out on more servers */
  spread: number;
  /** above this load a server's address is no longer handed out */
  withdraw: number;
  /** above this mean load a data centre sheds the excess share of its clients */
  dataCentre: number;
}

/** The paper gives no numbers; these are the sandbox's (1 = capacity). */
export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = {
  spread: 0.6,
  withdraw: 0.9,
  dataCentre: 0.8,
};

/** What the mapping decides from, for one data centre. */
export interface LoadView {
  withdrawn: ReadonlySet<number>;
  /** object (key) → number of servers it is handed out on (absent: the usual number) */
  spread: ReadonlyMap<number, number>;
  /** servers above the spread threshold whose busiest content is not known: all of it spreads */
  spreading: ReadonlySet<number>;
  dcLoad: number;
}

export const EMPTY_VIEW: LoadView = {
  withdrawn: new Set(),
  spread: new Map(),
  spreading: new Set(),
  dcLoad: 0,
};

/** The view as plain data, to travel in a message. */
export interface PublishedLoad {
  withdrawn: number[];
  /** object, number of servers, … */
  spread: number[];
  spreading: number[];
  dcLoad: number;
}

interface Report {
  atNs: number;
  load: number;
  /** object, requests/s, …; null: not known */
  hot: number[] | null;
}

export interface LoadTableSpec {
  thresholds: () => Thresholds;
  /** requests per second one server handles (to size a hot object's spread) */
  capacityRps: number;
  /** reports older than this are ignored */
  freshNs: number;
}

export class LoadTable {
  private readonly reports = new Map<number, Report>();

  constructor(
    readonly servers: readonly number[],
    private readonly spec: LoadTableSpec,
  ) {}

  report(server: number, atNs: number, load: number, hot: number[] | null): void {
    this.reports.set(server, { atNs, load, hot });
  }

  /** A server's last fresh reported load (0 if none). */
  loadOf(server: number, nowNs: number): number {
    const r = this.reports.get(server);
    return r !== undefined && nowNs - r.atNs <= this.spec.freshNs ? r.load : 0;
  }

  publish(nowNs: number): PublishedLoad {
    const t = this.spec.thresholds();
    const withdrawn: number[] = [];
    const spreading: number[] = [];
    const objRate = new Map<number, number>();
    const objOverloaded = new Set<number>();
    let loadSum = 0;
    for (const [server, r] of this.reports) {
      if (nowNs - r.atNs > this.spec.freshNs) continue;
      loadSum += r.load;
      if (r.load > t.withdraw) withdrawn.push(server);
      if (r.hot === null) {
        if (r.load > t.spread) spreading.push(server);
        continue;
      }
      for (let i = 0; i < r.hot.length; i += 2) {
        objRate.set(r.hot[i], (objRate.get(r.hot[i]) ?? 0) + r.hot[i + 1]);
        if (r.load > t.spread) objOverloaded.add(r.hot[i]);
      }
    }
    const perServer = t.spread * this.spec.capacityRps;
    const spread: number[] = [];
    for (const [obj, rate] of objRate) {
      let servers = Math.ceil(rate / perServer);
      if (objOverloaded.has(obj)) servers = Math.max(servers, 2);
      servers = Math.min(servers, this.servers.length);
      if (servers > 1) spread.push(obj, servers);
    }
    withdrawn.sort((a, b) => a - b);
    spreading.sort((a, b) => a - b);
    return { withdrawn, spread, spreading, dcLoad: loadSum / this.servers.length };
  }
}

/** The published view, ready to decide from. */
export function toLoadView(p: PublishedLoad): LoadView {
  const spread = new Map<number, number>();
  for (let i = 0; i < p.spread.length; i += 2) spread.set(p.spread[i], p.spread[i + 1]);
  return {
    withdrawn: new Set(p.withdrawn),
    spread,
    spreading: new Set(p.spreading),
    dcLoad: p.dcLoad,
  };
}

/**
 * The top level's data-centre rule: a data centre above its threshold keeps only the share of
 * its clients it can take (threshold / load), drawn from `rng` (only when it is above).
 */
export function keepsShare(dcLoad: number, threshold: number, rng: { uniform(): number }): boolean {
  return !(dcLoad > threshold) || rng.uniform() < threshold / dcLoad;
}
