/**
 * A shard in a worker, supervised. Comlink alone keeps only `resolve` for each call and never
 * listens for a worker's errors, so a worker that dies leaves its callers waiting forever. Here
 * every call has a timeout; the worker's error, messageerror and exit are watched; and on any
 * failure the worker is terminated and every pending call is rejected with a WorkerFailure.
 */
import * as Comlink from 'comlink';
import type { SimCommand } from '@sim/models/commands';
import type { ShardPort } from './Coordinator';
import type { MessageBatch } from './messageBatch';
import type { ChaosKind, ShardApi } from './shardApi';
import type { ShardSpec } from './Shard';
import type { WorkerHandle } from './WorkerHandle';

export class WorkerFailure extends Error {
  override name = 'WorkerFailure';
  constructor(
    readonly shard: number,
    readonly reason: string,
  ) {
    super(`shard ${shard} failed: ${reason}`);
  }
}

export interface SupervisorOptions {
  /** longest wait for any call, ms */
  callTimeoutMs: number;
  /** the first call builds the world (topology generation), which may take longer */
  initTimeoutMs: number;
}

export class SupervisedPort implements ShardPort {
  private readonly handle: WorkerHandle;
  // Strong references: a worker whose proxy is collected can vanish silently.
  private readonly proxy: Comlink.Remote<ShardApi>;
  private readonly rejecters = new Set<(e: WorkerFailure) => void>();
  private failure: WorkerFailure | null = null;

  constructor(
    makeWorker: () => WorkerHandle,
    readonly spec: ShardSpec,
    private readonly options: SupervisorOptions,
    private readonly onFailure: (f: WorkerFailure) => void = () => {},
  ) {
    this.handle = makeWorker();
    this.proxy = Comlink.wrap<ShardApi>(this.handle.endpoint);
    this.handle.onFailure((reason) => this.fail(reason));
  }

  get failed(): WorkerFailure | null {
    return this.failure;
  }

  start(): Promise<void> {
    return this.call('init', (p) => p.init(this.spec), this.options.initTimeoutMs);
  }

  lookaheadNs = () => this.call('lookaheadNs', (p) => p.lookaheadNs());
  nextEventNs = () => this.call('nextEventNs', (p) => p.nextEventNs());
  runWindow = (endNs: number, inbox: MessageBatch[], commands: SimCommand[]) =>
    this.call('runWindow', (p) =>
      p.runWindow(
        endNs,
        Comlink.transfer(
          inbox,
          inbox.map((b) => b.rows.buffer as ArrayBuffer),
        ),
        commands,
      ),
    );
  begin = (inbox: MessageBatch[], commands: SimCommand[]) =>
    this.call('begin', (p) => p.begin(inbox, commands));
  stepEvent = (limitNs: number) => this.call('stepEvent', (p) => p.stepEvent(limitNs));
  snapshot = () => this.call('snapshot', (p) => p.snapshot());
  inspectNode = (id: number) => this.call('inspectNode', (p) => p.inspectNode(id));

  /** For tests of supervision: make the worker fail. */
  chaos(kind: ChaosKind): Promise<void> {
    return this.call('chaos', (p) => p.chaos(kind));
  }

  dispose(): void {
    this.fail('disposed', false);
  }

  private call<T>(
    name: string,
    invoke: (p: Comlink.Remote<ShardApi>) => Promise<T>,
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(`no answer to ${name}() within ${timeoutMs} ms`),
        timeoutMs,
      );
      const settle = () => {
        clearTimeout(timer);
        this.rejecters.delete(rejecter);
      };
      const rejecter = (e: WorkerFailure) => {
        settle();
        reject(e);
      };
      this.rejecters.add(rejecter);
      invoke(this.proxy).then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          settle();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  private fail(reason: string, report = true): void {
    if (this.failure) return;
    this.failure = new WorkerFailure(this.spec.shard, reason);
    this.handle.terminate();
    for (const reject of [...this.rejecters]) reject(this.failure);
    this.rejecters.clear();
    if (report) this.onFailure(this.failure);
  }
}
