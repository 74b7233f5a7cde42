/**
 * What a shard worker exposes through Comlink. Results carry their typed arrays as transfers,
 * so windows and snapshots move between threads without copying the bulk data.
 *
 * `chaos` exists for tests of the supervisor: it makes the worker fail in the ways real
 * workers fail (an uncaught error, a hang, a sudden exit).
 */
import * as Comlink from 'comlink';
import type { SimCommand } from '@sim/commands';
import { batchTransferables, type MessageBatch } from './messageBatch';
import { inFlightTransferables } from './inFlight';
import { linkTrafficTransferables } from './linkTraffic';
import {
  Shard,
  type NodeInspection,
  type ShardSnapshot,
  type ShardSpec,
  type SteppedEvent,
  type WindowResult,
} from './Shard';

export type ChaosKind = 'throw' | 'hang' | 'exit';

export interface ShardApi {
  init(spec: ShardSpec): void;
  lookaheadNs(): number;
  nextEventNs(): number;
  runWindow(endNs: number, inbox: MessageBatch[], commands: SimCommand[]): WindowResult;
  begin(inbox: MessageBatch[], commands: SimCommand[]): void;
  stepEvent(limitNs: number): SteppedEvent | null;
  snapshot(): ShardSnapshot;
  inspectNode(id: number): NodeInspection | null;
  chaos(kind: ChaosKind): void;
}

/** `exit` ends the worker the way its host allows (process.exit in Node, close() in a browser). */
export function createShardApi(exit: () => void): ShardApi {
  let shard: Shard | null = null;
  const get = () => {
    if (!shard) throw new Error('shard used before init()');
    return shard;
  };
  return {
    init(spec) {
      shard = new Shard(spec);
    },
    lookaheadNs: () => get().lookaheadNs(),
    nextEventNs: () => get().nextEventNs(),
    runWindow(endNs, inbox, commands) {
      const result = get().runWindow(endNs, inbox, commands);
      return Comlink.transfer(result, batchTransferables(result.outboxes));
    },
    begin: (inbox, commands) => get().begin(inbox, commands),
    stepEvent(limitNs) {
      const shard = get();
      return shard.stepEvent(limitNs);
    },
    snapshot() {
      const s = get().snapshot();
      return Comlink.transfer(s, [
        s.nodeLoad.buffer as ArrayBuffer,
        s.nodeUpOwned.buffer as ArrayBuffer,
        s.version.buffer as ArrayBuffer,
        ...linkTrafficTransferables(s.links),
        ...inFlightTransferables(s.inFlight),
      ]);
    },
    inspectNode: (id) => get().inspectNode(id),
    chaos(kind) {
      if (kind === 'throw') {
        // Uncaught, outside Comlink's call handling: the worker's error event fires.
        setTimeout(() => {
          throw new Error('chaos: shard worker threw');
        }, 0);
      } else if (kind === 'hang') {
        setTimeout(() => {
          for (;;) {
            /* never returns: the supervisor's timeout must notice */
          }
        }, 0);
      } else {
        setTimeout(exit, 0);
      }
    },
  };
}
