/** A Node worker thread running shardThread.ts (through a bootstrap that registers tsx). */
import { Worker } from 'node:worker_threads';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { WorkerHandle } from '../WorkerHandle';

export function nodeShardWorker(): WorkerHandle {
  const worker = new Worker(new URL('./shardThread.bootstrap.mjs', import.meta.url));
  let exited = false;
  return {
    endpoint: nodeEndpoint(worker),
    onFailure(callback) {
      worker.on('error', (e) => callback(`the worker threw: ${e.message}`));
      worker.on('messageerror', () => callback('a message from the worker could not be read'));
      worker.on('exit', (code) => {
        if (!exited) callback(`the worker exited (code ${code})`);
      });
    },
    terminate: () => {
      exited = true;
      void worker.terminate();
    },
  };
}
