import { Engine } from '@sim/engine/Engine';
import { TcpConnection } from '@sim/models/tcp/TcpConnection';
import { tcpConfig, type TcpConfig } from '@sim/models/tcp/tcpConfig';
import { MS } from '@sim/time';

/** A connection on its own engine, not started; a clean 100 ms path unless told otherwise. */
export function connection(config: Partial<TcpConfig> = {}, bytes?: number, seed = 1) {
  const engine = new Engine();
  const conn = new TcpConnection(engine, tcpConfig({ rttNs: 100 * MS, ...config }), seed, bytes);
  return { engine, conn, sender: conn.sender, receiver: conn.receiver, path: conn.path };
}

/** Runs the engine event by event until `stop` holds or time passes `untilNs`. */
export function stepUntil(engine: Engine, stop: () => boolean, untilNs = Infinity): void {
  while (!stop() && engine.nextEventTime() <= untilNs && engine.step()) {
    /* run */
  }
}
