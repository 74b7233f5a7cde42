/**
 * One HTTP connection: the TCP handshake (1 RTT) and TLS (1.3: 1 RTT, 1.2: 2 RTT) as control
 * packets, requests from the client as control packets, responses on the packet-level TCP
 * sender and receiver of the tcp model (one endless TcpConnection whose supply grows as the
 * server writes), and the close (FIN, FIN-ACK, ACK).
 *
 * Responses map onto TCP segments as a byte stream: a segment may carry the end of one response
 * and the start of the next. Sequentially (HTTP/1.x) a response is queued behind the ones
 * requested before it on this connection: pipelining's in-order rule.
 * Multiplexed, the bytes not yet sent are dealt round robin among the responses that have bytes
 * ready, so streams interleave as HTTP/2's frames do. A short segment is short on the wire too.
 */
import { TcpConnection } from '../tcp/TcpConnection';
import { ACK_DIR, DATA_DIR } from '../tcp/TcpPath';
import type { Exchange, HttpServer } from './Exchange';
import type { Leg } from './Leg';
import type { PageLoadContext } from './PageLoadContext';

interface Stream {
  ex: Exchange;
  writtenBytes: number;
  /** bytes placed in segments */
  plannedBytes: number;
  receivedBytes: number;
}

/** Some bytes of one response inside a segment. */
type Piece = [Stream, number];

/** a TCP/IP header without payload */
const CONTROL_BYTES = 40;
/** a ClientHello with the usual extensions (250–520 bytes in practice) */
const TLS_CLIENT_HELLO_BYTES = 300;

export class HttpConnection {
  readonly tcp: TcpConnection;
  /** exchanges sent or waiting for the handshake, not yet complete */
  readonly active: Exchange[] = [];
  open = false;
  closed = false;
  /** the close's last packet has arrived (or there was nothing to close) */
  private closeDone = false;
  /** requests waiting for the handshake */
  private waiting: Exchange[] = [];
  private readonly streams = new Map<number, Stream>();
  /** responses in request order (sequential: the head is the one being sent) */
  private readonly order: Stream[] = [];
  /** what each segment carries (segment numbers are the TCP sender's) */
  private readonly segments: Piece[][] = [];
  private received = 0;
  private readonly mss: number;
  /** called when an exchange completes or the connection opens (the fetcher may send more) */
  onIdle: (() => void) | null = null;

  constructor(
    private readonly ctx: PageLoadContext,
    readonly leg: Leg,
    readonly name: string,
    private readonly server: HttpServer,
    private readonly multiplexed: boolean,
  ) {
    this.mss = leg.cfg.mssBytes;
    this.tcp = new TcpConnection(ctx.engine, leg.cfg, ctx.seed, undefined, name, leg.link);
    this.tcp.sender.supplySegs = 0;
    this.tcp.receiver.onAdvance = (next) => this.onDelivered(next);
    this.tcp.sender.payloadBytesOf = (seg) => this.segments[seg].reduce((sum, [, b]) => sum + b, 0);
    leg.connectionsOpened++;
  }

  /** A connection already open (an edge's warm connection to the origin): window grown, RTT known. */
  warmUp(windowSegments: number): void {
    this.open = true;
    this.tcp.sender.cc.cwndBytes = windowSegments * this.mss;
    this.tcp.sender.rto.sample(this.leg.cfg.rttNs);
  }

  /** Starts the handshakes; requests given before it ends wait for it. */
  connect(first: Exchange | undefined, tls: 'none' | '1.2' | '1.3'): void {
    const timeout = this.ctx.synTimeoutNs;
    this.openClose(ACK_DIR, timeout, () =>
      this.openClose(DATA_DIR, timeout, () => {
        // The third packet of the handshake (ACK) leaves as the client starts talking.
        this.openClose(ACK_DIR, timeout, () => {});
        const now = this.ctx.engine.now;
        this.waiting.forEach((ex) => (ex.times.connectNs = now));
        if (tls === 'none') return this.established();
        this.tlsHandshake(tls === '1.2' ? 2 : 1);
      }),
    );
    if (first) first.times.opened = true;
  }

  /** A packet that opens or closes the connection (SYN, SYN-ACK, ACK, FIN), counted per copy sent. */
  private openClose(dir: number, timeoutNs: number, then: () => void): void {
    this.ctx.control.send(this.tcp.path, dir, CONTROL_BYTES, timeoutNs, then, () => {
      this.leg.openClosePackets++;
    });
  }

  /** TLS: each round trip is a client flight, answered by the server's (its first: the certificate chain). */
  private tlsHandshake(roundTrips: number): void {
    const timeout = this.ctx.synTimeoutNs;
    const flight = (i: number) =>
      i === 0 ? this.ctx.config.tlsServerFlightBytes : 2 * this.leg.cfg.headerBytes;
    const round = (i: number) => {
      if (i === roundTrips) {
        const now = this.ctx.engine.now;
        this.waiting.forEach((ex) => (ex.times.tlsNs = now));
        return this.established();
      }
      const client = i === 0 ? TLS_CLIENT_HELLO_BYTES : 2 * this.leg.cfg.headerBytes;
      this.sendPackets(ACK_DIR, client, timeout, () =>
        this.sendPackets(DATA_DIR, flight(i), timeout, () => round(i + 1)),
      );
    };
    round(0);
  }

  /**
   * `bytes` outside the response stream (a TLS flight, requests) as back-to-back packets of at
   * most a segment each; `done` once the last has arrived.
   */
  private sendPackets(dir: number, bytes: number, timeoutNs: number, done: () => void): void {
    const packets = Math.max(1, Math.ceil(bytes / this.mss));
    let left = packets;
    for (let i = 0; i < packets; i++) {
      const size = Math.min(this.mss, bytes - i * this.mss) + this.leg.cfg.headerBytes;
      this.ctx.control.send(this.tcp.path, dir, size, timeoutNs, () => {
        if (--left === 0) done();
      });
    }
  }

  private established(): void {
    this.open = true;
    const batch = this.waiting;
    this.waiting = [];
    this.sendRequests(batch);
    this.onIdle?.();
  }

  /**
   * The client asks for `batch` now: sent back to back, packed into full segments (pipelining's
   * saving), or held until the handshake is done.
   */
  request(batch: Exchange[]): void {
    if (batch.length === 0) return;
    const now = this.ctx.engine.now;
    for (const ex of batch) {
      ex.times.startNs = now;
      ex.times.conn = this.name;
      this.active.push(ex);
    }
    if (!this.open) this.waiting.push(...batch);
    else this.sendRequests(batch);
  }

  private sendRequests(batch: Exchange[]): void {
    if (batch.length === 0) return;
    const now = this.ctx.engine.now;
    for (const ex of batch) ex.times.sentNs = now;
    // The server's stream order is the request order, fixed now (the packets travel in order).
    for (const ex of batch) this.addStream(ex);
    const total = batch.reduce((s, ex) => s + ex.requestBytes, 0);
    this.sendPackets(ACK_DIR, total, this.requestTimeoutNs(), () => {
      for (const ex of batch) this.server.serve(ex, { write: (b) => this.write(ex.id, b) });
    });
  }

  /** The client's retransmission timeout for a request: its TCP's, once it has measured the path. */
  private requestTimeoutNs(): number {
    return this.tcp.sender.rto.rtoNs;
  }

  private addStream(ex: Exchange): void {
    const s: Stream = { ex, writtenBytes: 0, plannedBytes: 0, receivedBytes: 0 };
    this.streams.set(ex.id, s);
    this.order.push(s);
  }

  /** The server has `bytes` more of exchange `id`'s response ready. */
  private write(id: number, bytes: number): void {
    const s = this.streams.get(id)!;
    s.writtenBytes = Math.min(s.ex.responseBytes, s.writtenBytes + bytes);
    this.replan();
    const sender = this.tcp.sender;
    if (this.segments.length > sender.supplySegs) {
      sender.supplySegs = this.segments.length;
      sender.wake();
    }
  }

  /**
   * The segments not yet sent are cut again from every response's ready bytes: a segment is
   * filled from the next response when one ends (as a byte stream is), and a short last segment
   * still waiting for the window takes the bytes written since. Sequentially the responses
   * follow one another in request order; multiplexed, they take turns a frame (a segment's
   * worth) at a time.
   */
  private replan(): void {
    const sent = this.tcp.sender.max;
    for (const seg of this.segments.splice(sent)) for (const [s, b] of seg) s.plannedBytes -= b;
    const pieces: Piece[] = [];
    const take = (s: Stream, most: number) => {
      const b = Math.min(most, s.writtenBytes - s.plannedBytes);
      if (b <= 0) return false;
      pieces.push([s, b]);
      s.plannedBytes += b;
      return true;
    };
    if (!this.multiplexed) {
      for (const s of this.order) {
        take(s, Infinity);
        if (s.plannedBytes < s.ex.responseBytes) break;
      }
    } else {
      let placed = true;
      while (placed) {
        placed = false;
        for (const s of this.order) placed = take(s, this.mss) || placed;
      }
    }
    let seg: Piece[] = [];
    let room = this.mss;
    for (const [s, bytes] of pieces) {
      let b = bytes;
      while (b > 0) {
        const n = Math.min(b, room);
        seg.push([s, n]);
        b -= n;
        room -= n;
        if (room === 0) {
          this.segments.push(seg);
          seg = [];
          room = this.mss;
        }
      }
    }
    if (seg.length > 0) this.segments.push(seg);
  }

  /** In-order segments reached the client: whose bytes they carry, which responses are complete. */
  private onDelivered(next: number): void {
    const touched = new Set<Stream>();
    for (; this.received < next; this.received++)
      for (const [s, b] of this.segments[this.received]) {
        s.receivedBytes += b;
        touched.add(s);
      }
    const now = this.ctx.engine.now;
    for (const s of touched) {
      const ex = s.ex;
      if (ex.times.firstByteNs < 0) ex.times.firstByteNs = now;
      ex.onProgress?.(s.receivedBytes);
      if (s.receivedBytes === ex.responseBytes) this.complete(s);
    }
  }

  private complete(s: Stream): void {
    const ex = s.ex;
    ex.times.lastByteNs = this.ctx.engine.now;
    this.streams.delete(ex.id);
    this.order.splice(this.order.indexOf(s), 1);
    this.active.splice(this.active.indexOf(ex), 1);
    ex.onDone?.();
    this.onIdle?.();
  }

  /** The client closes: FIN, the server's FIN with its ACK, the last ACK. Costs the page no time. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (!this.open) {
      this.closeDone = true;
      return;
    }
    const timeout = this.requestTimeoutNs();
    this.openClose(ACK_DIR, timeout, () =>
      this.openClose(DATA_DIR, timeout, () =>
        this.openClose(ACK_DIR, timeout, () => (this.closeDone = true)),
      ),
    );
  }

  /**
   * Nothing more crosses this connection's path unless the application asks: no packet in
   * flight, no data unacknowledged, and its close, if begun, finished (a lost close packet waits
   * for its timeout with nothing in flight).
   */
  settled(): boolean {
    const { sender, path } = this.tcp;
    return (
      (!this.closed || this.closeDone) &&
      // every segment acknowledged: no retransmission to come, and no delayed ACK owed either
      sender.una >= sender.max &&
      // An arrival due at this very instant may not have run yet: only earlier ones count.
      path.inFlightUntilNs < this.ctx.engine.now
    );
  }
}
