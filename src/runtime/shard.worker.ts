/// <reference lib="webworker" />
/** A shard in a Web Worker. */
import * as Comlink from 'comlink';
import { createShardApi } from './shardApi';

Comlink.expose(createShardApi(() => self.close()));

// Hold the lock the page named this worker after until the worker is gone (WorkerHandle.ts).
// Web Locks need a secure context; without them the page falls back on its call timeout.
if (self.name && 'locks' in navigator)
  void navigator.locks.request(self.name, () => {
    self.postMessage({ lifeLock: self.name });
    return new Promise<never>(() => {});
  });
