/**
 * The TCP model's event-log entries (ModelContext.log) for one connection: every loss the sender
 * reacts to (fast retransmit or timeout) with its window after the cut, every retransmitted
 * segment, every data segment the path drops (at random or at the bottleneck's full queue), and
 * one new segment in SAMPLE_EVERY as it leaves, with the window then (worded in logWords.ts).
 *
 * It listens by wrapping the path's `send` and the congestion control's loss responses (as the
 * packet trace does, tcpRuntime.ts), calling the originals first: what it reads it never changes,
 * so a run is the same with or without it.
 */
import type { ModelLogEntry, ModelLogFields } from '../../model/SimModel';
import type { TcpConnection } from './TcpConnection';
import { DATA_DIR } from './TcpPath';

/** One new data segment in this many is logged as it leaves (lost ones always are). */
export const SAMPLE_EVERY = 100;

export function logConnection(
  conn: TcpConnection,
  name: string,
  /** the server, then the client */
  nodes: readonly number[],
  log: (entry: ModelLogEntry) => void,
): void {
  const { engine, path, sender } = conn;
  const cc = sender.cc;
  const entry = (kind: string, fields: ModelLogFields) =>
    log({ timeNs: engine.now, kind, nodes, fields: { conn: name, ...fields } });
  const window = () => ({ cwndBytes: cc.cwndBytes, ssthreshBytes: cc.ssthreshBytes });

  const onLoss = cc.onLossDetected.bind(cc);
  cc.onLossDetected = (inflightBytes, nowNs) => {
    onLoss(inflightBytes, nowNs);
    entry('tcp.loss', { flightBytes: inflightBytes, ...window() });
  };
  const onRto = cc.onRto.bind(cc);
  cc.onRto = (inflightBytes, first, nowNs) => {
    onRto(inflightBytes, first, nowNs);
    entry('tcp.timeout', {
      flightBytes: inflightBytes,
      rtoMs: sender.rto.rtoNs / 1e6,
      ...window(),
    });
  };

  const send = path.send.bind(path);
  let highest = -1;
  path.send = (dir, wireBytes, origin, target, kind, arg) => {
    const queueDrops = path.queueDrops[DATA_DIR];
    const ok = send(dir, wireBytes, origin, target, kind, arg);
    if (dir !== DATA_DIR) return ok;
    const lost = ok ? null : path.queueDrops[DATA_DIR] > queueDrops ? 'queue' : 'random';
    if (arg <= highest) entry('tcp.retransmit', { seg: arg, lost });
    else {
      highest = arg;
      if (lost !== null || arg % SAMPLE_EVERY === 0)
        entry('tcp.segment', { seg: arg, bytes: wireBytes, lost, ...window() });
    }
    return ok;
  };
}
