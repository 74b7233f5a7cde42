/// <reference lib="webworker" />
/** A shard in a Web Worker. */
import * as Comlink from 'comlink';
import { createShardApi, type ShardApi } from './shardApi';

const api = createShardApi(() => self.close());
Comlink.expose(api);

// The chaos switch, reachable from outside the page's code (Playwright's or a debugger's handle
// on this worker: tests/e2e/chaos.test.ts), so the page itself needs no test-only controls.
(self as unknown as { edgeLabChaos: ShardApi['chaos'] }).edgeLabChaos = (kind) => api.chaos(kind);

// Hold the lock the page named this worker after until the worker is gone (WorkerHandle.ts).
// Web Locks need a secure context; without them the page falls back on its call timeout.
if (self.name && 'locks' in navigator)
  void navigator.locks.request(self.name, () => {
    self.postMessage({ lifeLock: self.name });
    return new Promise<never>(() => {});
  });
