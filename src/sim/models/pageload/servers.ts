/**
 * The servers of a page load. The origin produces each response after its think time. An edge
 * server answers from what it holds, or fetches from the origin over its own connections and
 * relays the response as it arrives (split TCP: two connections, each with its own window and
 * round trip); with prefetching it reads the HTML as it relays it and fetches the objects it
 * names before the browser asks. With ESI it assembles the HTML from the fragments it holds and
 * those it fetches.
 */
import { MS } from '../../time';
import { newTimes, type Exchange, type HttpServer, type ResponseWriter } from './Exchange';
import type { Fetcher } from './Fetcher';
import type { EsiState, Fragment } from './fragmentCache';
import type { PageLoadContext } from './PageLoadContext';
import type { Page, PageObject } from './pages';

export class OriginServer implements HttpServer {
  requests = 0;
  /** the bytes of every response it has sent (status lines and headers included) */
  responseBytes = 0;

  constructor(
    private readonly ctx: PageLoadContext,
    private readonly thinkMsOf: (label: string) => number,
  ) {}

  serve(ex: Exchange, out: ResponseWriter): void {
    this.requests++;
    this.responseBytes += ex.responseBytes;
    this.ctx.control.later(this.thinkMsOf(ex.label) * MS, () => out.write(ex.responseBytes));
  }
}

/** An object the edge holds or is fetching: bytes so far, and the writers waiting for more. */
interface EdgeCopy {
  bytes: number;
  total: number;
  readers: { out: ResponseWriter; sent: number; limit: number }[];
  /** held but stale: it is served once the origin has answered a conditional request (304) */
  stale: boolean;
}

export class EdgeServer implements HttpServer {
  hits = 0;
  prefetches = 0;
  revalidations = 0;
  /** ESI: fragments fetched from the origin, and their response bytes (headers included) */
  fragmentFetches = 0;
  fragmentBytes = 0;
  /** edge computing: pages the edge produced itself */
  computed = 0;
  /** each prefetch: the object and how much of the HTML body the edge had read then */
  readonly prefetchLog: { object: string; htmlBodyBytes: number }[] = [];
  private readonly copies = new Map<string, EdgeCopy>();
  private nextId = 1_000_000;
  /** the edge's connections to the origin; set once both exist */
  upstream!: Fetcher;

  constructor(
    private readonly ctx: PageLoadContext,
    private readonly page: Page,
    private readonly responseBytesOf: (o: PageObject) => number,
    private readonly esi: EsiState | null = null,
  ) {
    for (const o of page.objects)
      if (o.atEdge !== 'none') {
        const total = this.responseBytesOf(o);
        const stale = o.atEdge === 'stale';
        this.copies.set(o.name, { bytes: stale ? 0 : total, total, readers: [], stale });
      }
  }

  serve(ex: Exchange, out: ResponseWriter): void {
    const copy = this.copies.get(ex.label);
    if (copy !== undefined) {
      // Held or on its way: a conditional request is answered 304 from it, else the body.
      this.hits++;
      const reader = { out, sent: 0, limit: ex.responseBytes };
      copy.readers.push(reader);
      if (copy.stale) this.revalidate(ex.label, copy);
      this.feed(copy, reader);
      return;
    }
    if (ex.isHtml && this.ctx.config.edgeCompute) return this.compute(ex, out);
    const fragments = this.page.html.fragments;
    if (ex.isHtml && this.esi && fragments) return this.assemble(ex, out, fragments);
    // A miss (the personalised HTML always): the request goes to the origin and back.
    const up = this.upstreamExchange(ex.label, ex.responseBytes, ex.conditional, ex.isHtml);
    let sent = 0;
    up.onProgress = (bytes) => {
      out.write(bytes - sent);
      sent = bytes;
      if (ex.isHtml && this.ctx.config.prefetch) this.prefetchNamedBy(bytes);
    };
    this.upstream.fetch(up);
  }

  private upstreamExchange(
    label: string,
    bytes: number,
    conditional: boolean,
    isHtml: boolean,
  ): Exchange {
    return {
      id: this.nextId++,
      label,
      requestBytes: this.ctx.config.requestBytes,
      responseBytes: bytes,
      conditional,
      isHtml,
      times: newTimes(this.ctx.engine.now),
    };
  }

  /**
   * Edge computing: the application runs at the edge (a store locator, a catalogue query on data
   * the edge holds) and answers after the same think time the origin would take, without the
   * middle mile's round trip and without any load on the origin.
   */
  private compute(ex: Exchange, out: ResponseWriter): void {
    this.computed++;
    this.ctx.control.later(this.page.html.thinkMs * MS, () => {
      out.write(ex.responseBytes);
      if (this.ctx.config.prefetch) this.prefetchNamedBy(ex.responseBytes);
    });
  }

  /**
   * ESI: fetches the fragments not held fresh, all at once (each its own request to the origin,
   * each costing the origin the page's think time), and sends the page once every fragment is
   * in (the edge assembles it whole; it does not stream the part before a missing fragment).
   */
  private assemble(ex: Exchange, out: ResponseWriter, fragments: readonly Fragment[]): void {
    const due = this.esi!.cache.due(fragments, this.esi!.nowS);
    let waiting = due.length;
    const send = () => {
      out.write(ex.responseBytes);
      if (this.ctx.config.prefetch) this.prefetchNamedBy(ex.responseBytes);
    };
    if (waiting === 0) {
      this.hits++;
      return send();
    }
    for (const f of due) {
      const bytes = this.ctx.config.responseHeaderBytes + f.bytes;
      this.fragmentFetches++;
      this.fragmentBytes += bytes;
      const up = this.upstreamExchange(`${ex.label}#${f.name}`, bytes, false, false);
      up.onDone = () => {
        if (--waiting === 0) send();
      };
      this.upstream.fetch(up);
    }
  }

  /** Prefetching: the objects the HTML names within its first `htmlBytes` (body offsets). */
  private prefetchNamedBy(htmlBytes: number): void {
    const body = htmlBytes - this.ctx.config.responseHeaderBytes;
    for (const o of this.page.objects) {
      if (o.at > body) continue;
      const held = this.copies.get(o.name);
      if (held?.stale) this.revalidate(o.name, held);
      if (held) continue;
      const total = this.responseBytesOf(o);
      const copy: EdgeCopy = { bytes: 0, total, readers: [], stale: false };
      this.copies.set(o.name, copy);
      this.prefetches++;
      this.prefetchLog.push({ object: o.name, htmlBodyBytes: body });
      const up = this.upstreamExchange(o.name, total, false, false);
      up.onProgress = (bytes) => {
        copy.bytes = bytes;
        for (const r of copy.readers) this.feed(copy, r);
      };
      this.upstream.fetch(up);
    }
  }

  /** Asks the origin whether a stale copy is still good (it is: a 304), then serves it. */
  private revalidate(name: string, copy: EdgeCopy): void {
    copy.stale = false;
    this.revalidations++;
    const headers = Math.max(1, this.ctx.config.responseHeaderBytes);
    const up = this.upstreamExchange(name, headers, true, false);
    up.onDone = () => {
      copy.bytes = copy.total;
      for (const r of copy.readers) this.feed(copy, r);
    };
    this.upstream.fetch(up);
  }

  /** Hands a reader what the copy has that it has not had (a 304 needs only the headers). */
  private feed(copy: EdgeCopy, r: EdgeCopy['readers'][number]): void {
    const have = r.limit < copy.total ? (copy.bytes >= copy.total ? r.limit : 0) : copy.bytes;
    if (have > r.sent) {
      r.out.write(have - r.sent);
      r.sent = have;
    }
  }
}
