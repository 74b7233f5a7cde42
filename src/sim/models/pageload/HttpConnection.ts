/**
 * One HTTP connection: the TCP handshake (1 RTT) and TLS (1.3: 1 RTT, 1.2: 2 RTT) as control
 * packets, requests from the client as control packets, responses on the packet-level TCP
 * sender and receiver of the tcp model (one endless TcpConnection whose supply grows as the
 * server writes), and the close (FIN, FIN-ACK, ACK).
 *
 * Responses map onto TCP segments: each segment belongs to one response (a response's last
 * segment is not filled up with the next one's first bytes). Sequentially (HTTP/1.x) a response
 * is queued behind the ones requested before it on this connection: pipelining's in-order rule.
 * Multiplexed, the segments not yet sent are dealt round robin among the responses that have
 * bytes ready, so streams interleave as HTTP/2's frames do.
 */
import { TcpConnection } from '../tcp/TcpConnection';
import { ACK_DIR, DATA_DIR } from '../tcp/TcpPath';
import type { Exchange, HttpServer } from './Exchange';
import type { Leg } from './Leg';
import type { PageLoadContext } from './PageLoadContext';

interface Stream {
  ex: Exchange;
  totalSegs: number;
  writtenBytes: number;
  /** segments placed in the sending plan */
  plannedSegs: number;
  receivedSegs: number;
}

const SYN_BYTES = 40;
const CLOSE_BYTES = 40;

export class HttpConnection {
  readonly tcp: TcpConnection;
  /** exchanges sent or waiting for the handshake, not yet complete */
  readonly active: Exchange[] = [];
  open = false;
  closed = false;
  /** requests waiting for the handshake */
  private waiting: Exchange[] = [];
  private readonly streams = new Map<number, Stream>();
  /** responses in request order (sequential: the head is the one being sent) */
  private readonly order: Stream[] = [];
  /** the response each segment belongs to */
  private readonly plan: Stream[] = [];
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
    const path = this.tcp.path;
    const ctl = this.ctx.control;
    const synTimeout = this.ctx.synTimeoutNs;
    const stamp = (f: (ex: Exchange) => void) => this.waiting.forEach(f);
    this.leg.openClosePackets += 3;
    ctl.send(path, ACK_DIR, SYN_BYTES, synTimeout, () =>
      ctl.send(path, DATA_DIR, SYN_BYTES, synTimeout, () => {
        // The third packet of the handshake (ACK) leaves as the client starts talking.
        ctl.send(path, ACK_DIR, SYN_BYTES, synTimeout, () => {});
        const now = this.ctx.engine.now;
        stamp((ex) => (ex.times.connectNs = now));
        if (tls === 'none') return this.established();
        this.tlsHandshake(tls === '1.2' ? 2 : 1);
      }),
    );
    if (first) first.times.opened = true;
  }

  /** TLS: each round trip is a client flight, answered by the server's (its first: the certificate chain). */
  private tlsHandshake(roundTrips: number): void {
    const path = this.tcp.path;
    const ctl = this.ctx.control;
    const timeout = this.ctx.synTimeoutNs;
    const flight = (i: number) =>
      i === 0 ? this.ctx.config.tlsServerFlightBytes : 2 * this.leg.cfg.headerBytes;
    const round = (i: number) => {
      if (i === roundTrips) {
        const now = this.ctx.engine.now;
        this.waiting.forEach((ex) => (ex.times.tlsNs = now));
        return this.established();
      }
      ctl.send(path, ACK_DIR, 300, timeout, () => this.sendFlight(flight(i), () => round(i + 1)));
    };
    round(0);
  }

  /** A server flight of `bytes` as back-to-back packets; `done` when the last has arrived. */
  private sendFlight(bytes: number, done: () => void): void {
    const packets = Math.max(1, Math.ceil(bytes / this.mss));
    let left = packets;
    for (let i = 0; i < packets; i++) {
      const size = Math.min(this.mss, bytes - i * this.mss) + this.leg.cfg.headerBytes;
      this.ctx.control.send(this.tcp.path, DATA_DIR, size, this.ctx.synTimeoutNs, () => {
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
    const total = batch.reduce((s, ex) => s + ex.requestBytes, 0);
    const packets = Math.ceil(total / this.mss);
    let left = packets;
    for (const ex of batch) ex.times.sentNs = now;
    // The server's stream order is the request order, fixed now (the packets travel in order).
    for (const ex of batch) this.addStream(ex);
    for (let i = 0; i < packets; i++) {
      const size = Math.min(this.mss, total - i * this.mss) + this.leg.cfg.headerBytes;
      this.ctx.control.send(this.tcp.path, ACK_DIR, size, this.requestTimeoutNs(), () => {
        if (--left > 0) return;
        for (const ex of batch) this.server.serve(ex, { write: (b) => this.write(ex.id, b) });
      });
    }
  }

  /** The client's retransmission timeout for a request: its TCP's, once it has measured the path. */
  private requestTimeoutNs(): number {
    return this.tcp.sender.rto.rtoNs;
  }

  private addStream(ex: Exchange): void {
    const s: Stream = {
      ex,
      totalSegs: Math.max(1, Math.ceil(ex.responseBytes / this.mss)),
      writtenBytes: 0,
      plannedSegs: 0,
      receivedSegs: 0,
    };
    this.streams.set(ex.id, s);
    this.order.push(s);
  }

  /** The server has `bytes` more of exchange `id`'s response ready. */
  private write(id: number, bytes: number): void {
    const s = this.streams.get(id)!;
    s.writtenBytes = Math.min(s.ex.responseBytes, s.writtenBytes + bytes);
    if (this.multiplexed) this.replan();
    else this.planInOrder();
    const sender = this.tcp.sender;
    if (this.plan.length > sender.supplySegs) {
      sender.supplySegs = this.plan.length;
      sender.wake();
    }
  }

  private readySegs(s: Stream): number {
    return s.writtenBytes >= s.ex.responseBytes
      ? s.totalSegs
      : Math.floor(s.writtenBytes / this.mss);
  }

  /** HTTP/1.x: the responses leave in request order, each whole before the next begins. */
  private planInOrder(): void {
    for (const s of this.order) {
      const ready = this.readySegs(s);
      for (; s.plannedSegs < ready; s.plannedSegs++) this.plan.push(s);
      if (s.plannedSegs < s.totalSegs) return;
    }
  }

  /** Multiplexed: the unsent tail of the plan is dealt again, one segment per ready stream in turn. */
  private replan(): void {
    const sent = this.tcp.sender.max;
    for (const s of this.plan.splice(sent)) s.plannedSegs--;
    for (;;) {
      let placed = false;
      for (const s of this.order) {
        if (s.plannedSegs < this.readySegs(s)) {
          this.plan.push(s);
          s.plannedSegs++;
          placed = true;
        }
      }
      if (!placed) return;
    }
  }

  /** In-order segments reached the client: whose they are, and which responses are complete. */
  private onDelivered(next: number): void {
    const touched = new Set<Stream>();
    for (; this.received < next; this.received++) {
      const s = this.plan[this.received];
      s.receivedSegs++;
      touched.add(s);
    }
    const now = this.ctx.engine.now;
    for (const s of touched) {
      const ex = s.ex;
      if (ex.times.firstByteNs < 0) ex.times.firstByteNs = now;
      ex.onProgress?.(Math.min(ex.responseBytes, s.receivedSegs * this.mss));
      if (s.receivedSegs === s.totalSegs) this.complete(s);
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
    if (!this.open) return;
    const path = this.tcp.path;
    const ctl = this.ctx.control;
    const timeout = this.requestTimeoutNs();
    this.leg.openClosePackets += 3;
    ctl.send(path, ACK_DIR, CLOSE_BYTES, timeout, () =>
      ctl.send(path, DATA_DIR, CLOSE_BYTES, timeout, () =>
        ctl.send(path, ACK_DIR, CLOSE_BYTES, timeout, () => {}),
      ),
    );
  }
}
