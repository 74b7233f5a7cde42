/**
 * What a shard worker exposes through Comlink. Results carry their typed arrays as transfers,
 * so windows and snapshots move between threads without copying the bulk data.
 *
 * `chaos` exists for tests of the supervisor: it makes the worker fail in the ways real
 * workers fail (an uncaught error, a hang, a sudden exit, running out of memory).
 */
import * as Comlink from 'comlink';
import type { SimCommand } from '@sim/models/commands';
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

export type ChaosKind = 'throw' | 'hang' | 'exit' | 'oom';

/** Live memory an `oom` failure holds before it asks for the impossible (see exhaustMemory). */
export const OOM_HELD_BYTES = 128 * 2 ** 20;

/**
 * Runs out of memory in a way the page survives. Exhausting a dedicated worker's V8 heap for
 * real crashes the whole renderer in Chromium (the page and every worker: measured with
 * Chromium 150, with and without --max-old-space-size), which no supervisor in the page can
 * recover from. So the allocation is bounded: the worker fills OOM_HELD_BYTES with live arrays
 * (real heap pressure and garbage collection), then asks for a buffer larger than any engine
 * gives, and the engine's RangeError ends it as an out-of-memory error.
 */
export function exhaustMemory(): never {
  const held: Float64Array[] = [];
  for (let bytes = 0; bytes < OOM_HELD_BYTES; bytes += 8 * 2 ** 20)
    held.push(new Float64Array(2 ** 20).fill(held.length));
  try {
    held.push(new Float64Array(new ArrayBuffer(2 ** 45)));
  } catch (e) {
    throw new Error(
      `out of memory: ${held.length * 8} MB held and the engine refused more (${(e as Error).message})`,
      { cause: e },
    );
  }
  throw new Error('out of memory: the engine gave 32 TiB, so this chaos could not fail');
}

export interface ShardApi {
  init(spec: ShardSpec): Promise<void>;
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
    async init(spec) {
      shard = await Shard.create(spec);
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
      } else if (kind === 'oom') {
        // Outside Comlink's call handling, like 'throw': the worker's error event fires.
        setTimeout(exhaustMemory, 0);
      } else {
        setTimeout(exit, 0);
      }
    },
  };
}
