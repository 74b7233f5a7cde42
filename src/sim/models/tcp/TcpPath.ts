/**
 * The two-way path one TCP connection crosses: a bottleneck link (serialization at a stated
 * rate, a drop-tail queue per direction), then propagation, then random loss.
 *
 * Why not the Network model: Network.send allocates a Message per packet, makes a keyed hash
 * draw per hop and schedules an event per queued hop, about three times the work of the TCP
 * logic itself, and it places endpoints by geography while this lab is given an effective RTT.
 * What the two share is the queue: the bottleneck is a net `Link`, so its drop-tail and
 * serialization arithmetic is the same code. A packet therefore costs exactly one event, its
 * arrival.
 *
 * The bottleneck sits at the sending end of each direction: for one flow, where on the path the
 * queue sits only shifts every arrival by the same constant, and placing it first lets a packet's
 * whole crossing be decided the moment it is sent, in time order, which Link requires.
 *
 * Loss is Bernoulli per packet, drawn as the geometric gap to the next lost packet: the same
 * distribution as one draw per packet, with one draw per loss instead.
 */
import type { Engine } from '../../engine/Engine';
import { Link } from '../../net/Link';
import type { RandomStream } from '../../random/RandomStream';
import type { TcpConfig } from './tcpConfig';

export const DATA_DIR = 0;
export const ACK_DIR = 1;

export class TcpPath {
  readonly link: Link;
  private readonly forwardNs: number;
  private readonly reverseNs: number;
  private readonly lossRate = new Float64Array(2);
  /** per direction: packets that pass before the next random loss */
  private readonly untilLoss = new Float64Array(2);
  /** per direction: packets lost on the path (at random or scripted), dropped by the full queue */
  readonly randomDrops = new Float64Array(2);
  readonly queueDrops = new Float64Array(2);
  /** per direction: packets the bottleneck took, and their total and largest wait in its queue */
  readonly queued = new Float64Array(2);
  readonly queueWaitNs = new Float64Array(2);
  readonly maxQueueWaitNs = new Float64Array(2);
  private readonly serializationNsPerByte: number;
  /** when the last packet sent arrives (queueing and serialization included), or −1 if lost */
  lastArriveNs = -1;
  /** when every packet sent so far that was not lost has arrived (nothing is in flight after it) */
  inFlightUntilNs = 0;
  /**
   * Scripted loss, on top of the random loss: drops a packet when it returns true (`arg` is the
   * segment number for data, the cumulative ACK for ACKs). For lab steps and tests that need a
   * particular packet lost.
   */
  scriptedLoss: ((dir: number, arg: number) => boolean) | null = null;

  constructor(
    private readonly engine: Engine,
    cfg: Readonly<TcpConfig>,
    private readonly loss: readonly [RandomStream, RandomStream],
    /** a bottleneck shared with other connections (a browser's parallel connections), made with the same rate */
    shared?: Link,
  ) {
    this.link =
      shared ??
      new Link('tcp:bottleneck', 'lastMile', {
        lossRate: 0,
        bandwidthBps: cfg.bottleneckBps,
        queueBytes: cfg.queueBytes,
        hopLatencyNs: 0,
        jitterMeanNs: 0,
        queued: true,
      });
    this.serializationNsPerByte = (8 * 1e9) / cfg.bottleneckBps;
    this.forwardNs = Math.floor(cfg.rttNs / 2);
    this.reverseNs = cfg.rttNs - this.forwardNs;
    this.setLossRate(DATA_DIR, cfg.lossRate);
    this.setLossRate(ACK_DIR, cfg.ackLossRate);
  }

  /** The mean wait in the bottleneck's queue of the packets it took in direction `dir`, ns. */
  meanQueueWaitNs(dir: number): number {
    return this.queued[dir] > 0 ? this.queueWaitNs[dir] / this.queued[dir] : 0;
  }

  /** Changes a direction's loss rate from the next packet on (a lab may turn the path lossy). */
  setLossRate(dir: number, p: number): void {
    this.lossRate[dir] = p;
    this.untilLoss[dir] = this.drawGap(dir);
  }

  /**
   * Sends a packet of `wireBytes` now from `origin`; if it survives, `kind` happens at `target`
   * with `arg` when its last bit arrives. Returns false if it was dropped.
   */
  send(
    dir: number,
    wireBytes: number,
    origin: number,
    target: number,
    kind: number,
    arg: number,
  ): boolean {
    const now = this.engine.now;
    this.lastArriveNs = -1;
    const leave = this.link.transmit(dir, now, wireBytes);
    if (leave < 0) {
      this.queueDrops[dir]++;
      return false;
    }
    const wait = Math.max(0, leave - now - wireBytes * this.serializationNsPerByte);
    this.queued[dir]++;
    this.queueWaitNs[dir] += wait;
    if (wait > this.maxQueueWaitNs[dir]) this.maxQueueWaitNs[dir] = wait;
    if (this.scriptedLoss !== null && this.scriptedLoss(dir, arg)) {
      this.randomDrops[dir]++;
      return false;
    }
    if (this.untilLoss[dir]-- <= 0) {
      this.untilLoss[dir] = this.drawGap(dir);
      this.randomDrops[dir]++;
      return false;
    }
    const delay = leave - now + (dir === DATA_DIR ? this.forwardNs : this.reverseNs);
    this.lastArriveNs = now + delay;
    if (this.lastArriveNs > this.inFlightUntilNs) this.inFlightUntilNs = this.lastArriveNs;
    this.engine.schedule(delay, origin, target, kind, arg);
    return true;
  }

  private drawGap(dir: number): number {
    const p = this.lossRate[dir];
    if (p <= 0) return Infinity;
    return Math.floor(Math.log(this.loss[dir].uniformPositive()) / Math.log1p(-p));
  }
}
