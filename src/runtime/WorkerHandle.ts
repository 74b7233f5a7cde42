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
  // Named after a Web Lock it holds while it lives: self.close() or a crash fires no event in
  // the page, but the lock is let go at once (without it, only the call timeout notices).
  const lifeLock = `shard-worker-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const worker = new Worker(new URL('./shard.worker.ts', import.meta.url), {
    type: 'module',
    name: lifeLock,
  });
  let terminated = false;
  return {
    endpoint: worker,
    onFailure(callback) {
      // Ask for the lock only once the worker holds it (it says so; Comlink ignores the message).
      worker.addEventListener('message', (e: MessageEvent) => {
        if ((e.data as { lifeLock?: string } | null)?.lifeLock !== lifeLock) return;
        void navigator.locks.request(lifeLock, () => {
          if (!terminated) callback('the worker exited');
        });
      });
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        callback(`the worker threw: ${e.message || 'unknown error'}`);
      });
      worker.addEventListener('messageerror', () =>
        callback('a message from the worker could not be read'),
      );
    },
    terminate: () => {
      terminated = true;
      worker.terminate();
    },
  };
}
