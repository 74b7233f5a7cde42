/**
 * One TCP connection wired onto an engine: its event kinds, its path (with the path's named
 * random streams) and its two endpoints. The engine may be shared with other models; the
 * connection only adds four event kinds (five when paced).
 */
import type { Engine } from '../../engine/Engine';
import type { Link } from '../../net/Link';
import { RandomStream } from '../../random/RandomStream';
import { TcpPath } from './TcpPath';
import { TcpReceiver } from './TcpReceiver';
import { TcpSender, type TcpKinds } from './TcpSender';
import type { TcpConfig } from './tcpConfig';
import { makeCongestionControl } from './congestion/makeCongestionControl';
import { SackBlockQueue } from './SackBlocks';

export class TcpConnection {
  readonly path: TcpPath;
  readonly sender: TcpSender;
  readonly receiver: TcpReceiver;
  readonly kinds: TcpKinds;
  /** segments to send, Infinity for an endless transfer */
  readonly totalSegs: number;

  /**
   * @param bytes bytes to send; undefined for an endless supply
   * @param name distinguishes the random streams of several connections in one run
   * @param sharedLink a bottleneck this connection shares with others (TcpPath.ts)
   */
  constructor(
    readonly engine: Engine,
    readonly config: Readonly<TcpConfig>,
    seed: number,
    bytes?: number,
    name = 'tcp',
    sharedLink?: Link,
  ) {
    this.totalSegs = bytes === undefined ? Infinity : Math.ceil(bytes / config.mssBytes);
    // Order matters: kind numbers are part of the trace digest.
    this.kinds = {
      data: engine.registerKind(`${name}.data`, (_t, seg) => this.receiver.onData(seg)),
      ack: engine.registerKind(`${name}.ack`, (_t, ack) => this.sender.onAck(ack)),
      rto: engine.registerKind(`${name}.rto`, () => this.sender.onRtoTimer()),
      delayedAck: engine.registerKind(`${name}.delayedAck`, () =>
        this.receiver.onDelayedAckTimer(),
      ),
      // Registered only when used, so unpaced runs keep their kind numbers and traces.
      pace: -1,
    };
    const cc = makeCongestionControl(config, new RandomStream(seed, `${name}/cc`));
    if (cc.pacingRateBps !== Infinity || config.variant === 'bbr')
      this.kinds.pace = engine.registerKind(`${name}.pace`, () => this.sender.onPaceTimer());
    const sack = config.sack ? new SackBlockQueue() : null;
    this.path = new TcpPath(
      engine,
      config,
      [
        new RandomStream(seed, `${name}/path/data-loss`),
        new RandomStream(seed, `${name}/path/ack-loss`),
      ],
      sharedLink,
    );
    this.sender = new TcpSender(
      engine,
      config,
      this.path,
      this.kinds,
      this.totalSegs,
      bytes ?? 0,
      cc,
      sack,
    );
    this.receiver = new TcpReceiver(engine, config, this.path, this.kinds, this.totalSegs, sack);
  }

  start(): void {
    this.sender.start();
  }
}
