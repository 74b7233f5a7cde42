/**
 * One page load on an engine: the browser fetches the HTML, discovers the objects it names as
 * its bytes arrive (it parses as they come in) and fetches them under the protocol's rules,
 * from the origin or through an edge server. Reports the page load time and its parts, a
 * waterfall row per request, and packets, bytes and connections per leg.
 */
import type { Engine } from '../../engine/Engine';
import { RandomStream } from '../../random/RandomStream';
import { MS, SECOND } from '../../time';
import { TcpPath, ACK_DIR, DATA_DIR } from '../tcp/TcpPath';
import { tcpConfig } from '../tcp/tcpConfig';
import { ControlPackets } from './ControlPackets';
import { newTimes, type Exchange, type HttpServer } from './Exchange';
import { Fetcher } from './Fetcher';
import { Leg, type LegCounts } from './Leg';
import type { LoadBytesSeen, PageDoneSeen, PageLoadObservation, RequestSeen } from './observations';
import type { PageLoadContext } from './PageLoadContext';
import type { PageLoadConfig } from './pageloadConfig';
import type { Page, PageObject } from './pages';
import { EdgeServer, OriginServer } from './servers';
import { encodedPage } from './htmlEncoding';
import { FragmentCache, type EsiState } from './fragmentCache';

const DNS_PACKET_BYTES = 80;
/** the shortest wait between two checks for the load's last packet (reportWhenSettled) */
const SETTLE_CHECK_NS = 10 * MS;

export interface PageLoadTotals {
  done: PageDoneSeen | null;
  requests: RequestSeen[];
  legs: { access: LegCounts; middle: LegCounts | null };
  originRequests: number;
  originResponseBytes: number;
  edgeHits: number;
  edgePrefetches: number;
  edgeRevalidations: number;
  /** ESI: fragments the edge fetched from the origin, and their response bytes */
  fragmentFetches: number;
  fragmentBytes: number;
  /** edge computing: pages the edge produced without the origin */
  edgeComputed: number;
}

export class PageLoad {
  readonly ctx: PageLoadContext;
  readonly access: Leg;
  readonly middle: Leg | null;
  readonly origin: OriginServer;
  readonly edge: EdgeServer | null;
  readonly browser: Fetcher;
  /** the page as it travels (compressed, or a delta, when the config says so) */
  readonly page: Page;
  private readonly edgeFetcher: Fetcher | null;
  private readonly htmlLabel: string;
  private startNs = 0;
  private dnsDoneNs = 0;
  private html: Exchange | null = null;
  private outstanding = 0;
  private fromCache = 0;
  private discovered = 0;
  private nextId = 0;
  private readonly requests: RequestSeen[] = [];
  private done: PageDoneSeen | null = null;
  /** observations not yet taken by a report */
  readonly fresh: PageLoadObservation[] = [];
  onDone: ((d: PageDoneSeen) => void) | null = null;

  constructor(
    engine: Engine,
    seed: number,
    plainPage: Page,
    readonly config: Readonly<PageLoadConfig>,
    readonly name = 'pageload',
    /** the fragments an ESI edge keeps across loads (config.esi); a load of its own starts empty */
    esi: EsiState | null = null,
  ) {
    const c = config;
    const page = encodedPage(plainPage, seed, c.compress, c.delta);
    this.page = page;
    this.ctx = {
      engine,
      seed,
      config,
      control: new ControlPackets(engine, name),
      synTimeoutNs: Math.round(config.initialRtoMs * MS),
      prefix: name,
    };
    const leg = (n: 'access' | 'middle', rttMs: number, loss: number, mbps: number) =>
      new Leg(n, rttMs, loss, mbps, c);
    this.htmlLabel = `${page.name}.html`;
    // A fragment costs the origin the page's think time: each is a page of its own to produce.
    const think = (label: string) =>
      label === this.htmlLabel || label.startsWith(`${this.htmlLabel}#`)
        ? page.html.thinkMs
        : (page.objects.find((o) => o.name === label)?.thinkMs ?? 0);
    this.origin = new OriginServer(this.ctx, think);
    let server: HttpServer = this.origin;
    if (c.edge) {
      this.access = leg('access', Math.min(c.edgeRttMs, c.rttMs), c.edgeLoss, c.bandwidthMbps);
      this.middle = leg('middle', Math.max(c.rttMs - c.edgeRttMs, 0.001), c.loss, c.middleMbps);
      const fragments = c.esi ? (esi ?? { cache: new FragmentCache(), nowS: 0 }) : null;
      this.edge = new EdgeServer(this.ctx, page, (o) => this.responseBytes(o, false), fragments);
      this.edgeFetcher = new Fetcher(
        this.ctx,
        this.middle,
        this.origin,
        c.originHttp,
        c.originConnections,
        c.tls,
        'origin',
      );
      this.edge.upstream = this.edgeFetcher;
      if (c.warm) this.edgeFetcher.warmAll(c.warmWindowSegments);
      server = this.edge;
    } else {
      this.access = leg('access', c.rttMs, c.loss, c.bandwidthMbps);
      this.middle = null;
      this.edge = null;
      this.edgeFetcher = null;
    }
    this.browser = new Fetcher(this.ctx, this.access, server, c.http, c.connections, c.tls, 'b');
  }

  private responseBytes(o: PageObject, conditional: boolean): number {
    // At least a byte: a response the client can see arrive (a 304 without headers still has a status line).
    return Math.max(1, this.config.responseHeaderBytes + (conditional ? 0 : o.bytes));
  }

  /** Starts the load now: the DNS lookup (if the name is not cached), then the HTML. */
  start(): void {
    const engine = this.ctx.engine;
    this.startNs = engine.now;
    if (this.config.dnsRttMs <= 0) return this.fetchHtml();
    // One query and its answer to the resolver, on a path of their own.
    const path = new TcpPath(engine, tcpConfig({ rttNs: Math.round(this.config.dnsRttMs * MS) }), [
      new RandomStream(this.ctx.seed, `${this.name}/dns/up`),
      new RandomStream(this.ctx.seed, `${this.name}/dns/down`),
    ]);
    this.ctx.control.send(path, ACK_DIR, DNS_PACKET_BYTES, SECOND, () =>
      this.ctx.control.send(path, DATA_DIR, DNS_PACKET_BYTES, SECOND, () => this.fetchHtml()),
    );
  }

  private fetchHtml(): void {
    this.dnsDoneNs = this.ctx.engine.now;
    const header = this.config.responseHeaderBytes;
    const ex = this.exchange(this.htmlLabel, header + this.page.html.bytes, false, true);
    ex.onProgress = (bytes) => this.discover(bytes - header);
    this.html = ex;
    this.browser.fetch(ex);
  }

  private exchange(label: string, bytes: number, conditional: boolean, isHtml: boolean): Exchange {
    const ex: Exchange = {
      id: this.nextId++,
      label,
      requestBytes: this.config.requestBytes,
      responseBytes: bytes,
      conditional,
      isHtml,
      times: newTimes(this.ctx.engine.now),
    };
    this.outstanding++;
    ex.onDone = () => this.finished(ex);
    return ex;
  }

  /** The parser has `htmlBytes` of the body: it asks for every object named so far. */
  private discover(htmlBytes: number): void {
    const objects = this.page.objects;
    while (this.discovered < objects.length && objects[this.discovered].at <= htmlBytes) {
      const o = objects[this.discovered++];
      const state = this.config.browserCache === 'warm' ? 'stale' : o.browserCache;
      if (state === 'fresh') {
        this.fromCache++;
        continue;
      }
      const conditional = state === 'stale';
      this.browser.fetch(
        this.exchange(o.name, this.responseBytes(o, conditional), conditional, false),
      );
    }
  }

  private finished(ex: Exchange): void {
    this.outstanding--;
    const t = ex.times;
    const ms = (ns: number) => (ns < 0 ? null : (ns - this.startNs) / MS);
    const row: RequestSeen = {
      type: 'pageload.request',
      timeNs: t.lastByteNs,
      load: this.name,
      object: ex.label,
      conditional: ex.conditional,
      bytes: ex.responseBytes,
      queuedMs: ms(t.queuedNs)!,
      startMs: ms(t.startNs)!,
      connectMs: t.opened ? ms(t.connectNs) : null,
      tlsMs: t.opened ? ms(t.tlsNs) : null,
      sentMs: ms(t.sentNs)!,
      firstByteMs: ms(t.firstByteNs)!,
      lastByteMs: ms(t.lastByteNs)!,
      connection: t.conn,
      opened: t.opened,
    };
    this.requests.push(row);
    this.fresh.push(row);
    if (this.outstanding === 0 && this.discovered === this.page.objects.length) this.complete();
  }

  private complete(): void {
    const now = this.ctx.engine.now;
    const h = this.html!.times;
    const ms = (ns: number) => ns / MS;
    const connectEnd = h.connectNs >= 0 ? h.connectNs : this.dnsDoneNs;
    const tlsEnd = h.tlsNs >= 0 ? h.tlsNs : connectEnd;
    this.done = {
      type: 'pageload.done',
      timeNs: now,
      load: this.name,
      pageLoadMs: ms(now - this.startNs),
      dnsMs: ms(this.dnsDoneNs - this.startNs),
      connectMs: ms(connectEnd - this.dnsDoneNs),
      tlsMs: ms(tlsEnd - connectEnd),
      firstByteMs: ms(h.firstByteNs - tlsEnd),
      contentMs: ms(now - h.firstByteNs),
      requests: this.requests.length,
      fromCache: this.fromCache,
    };
    this.fresh.push(this.done);
    // The browser leaves its connections open until it leaves the page; counted as closed then.
    this.browser.closeAll();
    this.reportWhenSettled(now);
    this.onDone?.(this.done);
  }

  /**
   * The load's packets and bytes once no more can come: the closes done, the last delayed ACKs
   * and any retransmission sent and arrived, on both legs (the edge's connections to the origin
   * stay open, idle). Checked after a tenth of the time since the load completed, at least
   * 10 ms: the report comes within 10 % of that wait (a lost close packet's timeout backs off).
   */
  private reportWhenSettled(doneNs: number): void {
    const conns = [...this.browser.connections, ...(this.edgeFetcher?.connections ?? [])];
    const check = () => {
      const now = this.ctx.engine.now;
      if (conns.every((c) => c.settled())) return this.fresh.push(this.bytesSeen(now));
      this.ctx.control.later(Math.max(SETTLE_CHECK_NS, (now - doneNs) / 10), check);
    };
    check();
  }

  private bytesSeen(now: number): LoadBytesSeen {
    const access = this.access.counts();
    return {
      type: 'pageload.bytes',
      timeNs: now,
      load: this.name,
      startNs: this.startNs,
      accessBytes: access.bytes,
      accessPackets: access.packets,
      openClosePackets: access.openClosePackets,
      middleBytes: this.middle?.counts().bytes ?? 0,
      middlePackets: this.middle?.counts().packets ?? 0,
      originRequests: this.origin.requests,
      originResponseBytes: this.origin.responseBytes,
      fragmentFetches: this.edge?.fragmentFetches ?? 0,
      edgeComputed: this.edge?.computed ?? 0,
    };
  }

  totals(): PageLoadTotals {
    return {
      done: this.done,
      requests: this.requests,
      legs: { access: this.access.counts(), middle: this.middle?.counts() ?? null },
      originRequests: this.origin.requests,
      originResponseBytes: this.origin.responseBytes,
      edgeHits: this.edge?.hits ?? 0,
      edgePrefetches: this.edge?.prefetches ?? 0,
      edgeRevalidations: this.edge?.revalidations ?? 0,
      fragmentFetches: this.edge?.fragmentFetches ?? 0,
      fragmentBytes: this.edge?.fragmentBytes ?? 0,
      edgeComputed: this.edge?.computed ?? 0,
    };
  }
}
