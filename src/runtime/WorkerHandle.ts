/** The little a supervisor needs from a worker, whether a Web Worker or a Node worker thread. */
import type { Endpoint } from 'comlink';

export interface WorkerHandle {
  endpoint: Endpoint;
  /** calls back once, with a reason, when the worker errors, fails to deserialize a message or exits */
  onFailure(callback: (reason: string) => void): void;
  terminate(): void;
}

/** A Web Worker running src/runtime/shard.worker.ts. */
export function browserShardWorker(): WorkerHandle {
  const worker = new Worker(new URL('./shard.worker.ts', import.meta.url), { type: 'module' });
  return {
    endpoint: worker,
    onFailure(callback) {
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        callback(`the worker threw: ${e.message || 'unknown error'}`);
      });
      worker.addEventListener('messageerror', () =>
        callback('a message from the worker could not be read'),
      );
    },
    terminate: () => worker.terminate(),
  };
}
