/**
 * A client's connections to one server and the protocol's rules for using them: which
 * connection a request goes on, when a new one opens, when one closes. The browser has one
 * (to the origin or the edge); an edge has one to the origin.
 */
import type { Exchange, HttpServer } from './Exchange';
import { HttpConnection } from './HttpConnection';
import type { Leg } from './Leg';
import type { PageLoadContext } from './PageLoadContext';
import type { HttpMode, TlsVersion } from './pageloadConfig';

export class Fetcher {
  readonly connections: HttpConnection[] = [];
  private readonly queue: Exchange[] = [];
  private opened = 0;

  constructor(
    private readonly ctx: PageLoadContext,
    private readonly leg: Leg,
    private readonly server: HttpServer,
    private readonly mode: HttpMode,
    private readonly maxConnections: number,
    private readonly tls: TlsVersion,
    /** who this is, in connection names */
    private readonly who: string,
  ) {}

  /** Opens every connection now, already warm (an edge's pre-warmed connections to the origin). */
  warmAll(windowSegments: number): void {
    while (this.live().length < this.maxConnections) this.newConnection().warmUp(windowSegments);
  }

  /** Asks for `ex`; it goes out when the protocol's rules allow. */
  fetch(ex: Exchange): void {
    this.queue.push(ex);
    this.pump();
  }

  /** Closes every connection still open (at the end of the load). */
  closeAll(): void {
    for (const c of this.connections) c.close();
  }

  private live(): HttpConnection[] {
    return this.connections.filter((c) => !c.closed);
  }

  private newConnection(): HttpConnection {
    const name = `${this.ctx.prefix}.${this.who}${this.opened++}`;
    const c = new HttpConnection(
      this.ctx,
      this.leg,
      name,
      this.server,
      this.mode === 'multiplexed',
    );
    c.onIdle = () => this.afterChange(c);
    this.connections.push(c);
    return c;
  }

  private afterChange(c: HttpConnection): void {
    // HTTP/1.0: the server ends the connection with the response; the client closes its side.
    if (this.mode === '1.0' && c.open && c.active.length === 0) c.close();
    this.pump();
  }

  private open(first: Exchange[]): void {
    const c = this.newConnection();
    c.request(first);
    c.connect(first[0], this.tls);
  }

  /** Sends what the rules allow now. */
  private pump(): void {
    const q = this.queue;
    if (q.length === 0) return;
    const live = this.live();
    if (this.mode === '1.0') {
      // A connection per object, at most N at a time.
      while (q.length > 0 && this.live().length < this.maxConnections) this.open([q.shift()!]);
    } else if (this.mode === '1.1') {
      // One request at a time per connection: idle ones first, then new ones up to N.
      for (const c of live)
        if (q.length > 0 && c.open && c.active.length === 0) c.request([q.shift()!]);
      while (q.length > 0 && this.live().length < this.maxConnections) this.open([q.shift()!]);
    } else {
      // Pipelined: everything goes at once, spread over up to N connections. Multiplexed: one
      // connection to the host (RFC 9113 9.1: clients should not open more), or the N already
      // open (an edge's warm pool).
      const most = this.mode === 'multiplexed' ? 1 : this.maxConnections;
      if (live.length < most) {
        const fresh = most - live.length;
        for (let i = 0; i < fresh && q.length > 0; i++) this.open([q.shift()!]);
      }
      const conns = this.live();
      const batches = new Map<HttpConnection, Exchange[]>();
      while (q.length > 0) {
        // The connection with the fewest outstanding requests (counting this batch's).
        let best = conns[0];
        const load = (c: HttpConnection) => c.active.length + (batches.get(c)?.length ?? 0);
        for (const c of conns) if (load(c) < load(best)) best = c;
        const b = batches.get(best) ?? [];
        b.push(q.shift()!);
        batches.set(best, b);
      }
      for (const [c, b] of batches) c.request(b);
    }
  }
}
