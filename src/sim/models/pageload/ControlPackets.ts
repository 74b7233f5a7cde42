/**
 * Packets outside TCP's data stream: handshakes (TCP and TLS), requests, connection closes and
 * DNS. Each crosses a connection's TcpPath (same bottleneck, same loss) and is resent after a
 * timeout, doubled each time, if lost. The loss is known when the packet is sent (TcpPath
 * decides then), so the resend is scheduled at once for when the sender's timer would fire: the
 * same outcome as a timer that finds no answer, with one event instead of two.
 */
import type { Engine } from '../../engine/Engine';
import type { TcpPath } from '../tcp/TcpPath';
import { DATA_DIR } from '../tcp/TcpPath';
import { RECEIVER_NODE, SENDER_NODE } from '../tcp/TcpSender';

export class ControlPackets {
  private readonly kind: number;
  private readonly pending = new Map<number, () => void>();
  private nextToken = 0;

  constructor(
    private readonly engine: Engine,
    name: string,
  ) {
    this.kind = engine.registerKind(`${name}.control`, (_t, token) => {
      const run = this.pending.get(token)!;
      this.pending.delete(token);
      run();
    });
  }

  /**
   * Sends `wireBytes` on `path` in direction `dir` (DATA_DIR: server to client); `onArrive` runs
   * when it gets there. Lost, it goes again after `timeoutNs`, then twice that, and so on.
   */
  send(
    path: TcpPath,
    dir: number,
    wireBytes: number,
    timeoutNs: number,
    onArrive: () => void,
    /** called for every copy sent (a leg counting its handshake packets) */
    onSend?: () => void,
  ): void {
    const from = dir === DATA_DIR ? SENDER_NODE : RECEIVER_NODE;
    const to = dir === DATA_DIR ? RECEIVER_NODE : SENDER_NODE;
    const token = this.nextToken++;
    this.pending.set(token, onArrive);
    onSend?.();
    if (path.send(dir, wireBytes, from, to, this.kind, token)) return;
    this.pending.delete(token);
    this.later(timeoutNs, () => this.send(path, dir, wireBytes, 2 * timeoutNs, onArrive, onSend));
  }

  /** Runs `fn` after `delayNs` (a server's think time, a resend). */
  later(delayNs: number, fn: () => void): void {
    const token = this.nextToken++;
    this.pending.set(token, fn);
    this.engine.schedule(
      Math.max(0, Math.round(delayNs)),
      SENDER_NODE,
      SENDER_NODE,
      this.kind,
      token,
    );
  }
}
