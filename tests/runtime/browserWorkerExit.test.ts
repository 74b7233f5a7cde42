/**
 * A browser shard worker that ends itself (self.close(), or a crash) fires no event in the page;
 * browserShardWorker notices it through the Web Lock the worker holds while it lives. Here the
 * Worker and the lock manager are stand-ins; tests/e2e/supervision.test.ts shows it in Chromium.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browserShardWorker } from '@runtime/WorkerHandle';

class FakeWorker extends EventTarget {
  static last: FakeWorker;
  terminated = false;
  constructor(
    readonly url: URL,
    readonly options: WorkerOptions,
  ) {
    super();
    FakeWorker.last = this;
  }
  say(data: unknown) {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }
  terminate() {
    this.terminated = true;
  }
}

/** Lock requests by name; `release` grants the waiting ones, as when the holder is gone. */
const waiting = new Map<string, (() => void)[]>();
const locks = {
  request(name: string, grant: () => void) {
    waiting.set(name, [...(waiting.get(name) ?? []), grant]);
    return Promise.resolve();
  },
};
const release = (name: string) => {
  for (const grant of waiting.get(name) ?? []) grant();
  waiting.delete(name);
};

describe('a browser shard worker', () => {
  beforeEach(() => {
    waiting.clear();
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('navigator', { locks });
  });
  afterEach(() => vi.unstubAllGlobals());

  function start() {
    const handle = browserShardWorker();
    const worker = FakeWorker.last;
    const failures: string[] = [];
    handle.onFailure((reason) => failures.push(reason));
    return { handle, worker, name: worker.options.name!, failures };
  }

  it('is named after its own lock, and reported as exited when the lock is let go', () => {
    const { worker, name, failures } = start();
    expect(worker.options.type).toBe('module');
    expect(name).toMatch(/^shard-worker-/);
    expect(start().name).not.toBe(name); // locks are shared by every tab of the site
    // Not before the worker holds it: the page would get the lock at once.
    expect(waiting.has(name)).toBe(false);
    worker.say({ lifeLock: 'another' });
    worker.say({ id: 'comlink-reply' });
    expect(waiting.has(name)).toBe(false);
    worker.say({ lifeLock: name });
    expect(failures).toEqual([]);
    release(name);
    expect(failures).toEqual(['the worker exited']);
  });

  it('is not reported when the supervisor itself ended it', () => {
    const { handle, worker, name, failures } = start();
    worker.say({ lifeLock: name });
    handle.terminate();
    expect(worker.terminated).toBe(true);
    release(name);
    expect(failures).toEqual([]);
  });
});
