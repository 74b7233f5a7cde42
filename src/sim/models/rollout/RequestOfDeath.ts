/**
 * Requests of death (Leighton 2009, principle 6): a rare object with a rare configuration whose
 * request crashes any server running the buggy release. Failing the server is not enough: the
 * mapping sends the next request for that object to another server, which crashes too.
 *
 * The mapping here is the simplest that shows it: an object is served by the first server on its
 * candidate list that the mapping has not taken out. The list starts at the server the object
 * first hit and follows server order (mostly the same data centre first, then the next ones).
 * Without quarantine the list is the whole network; with quarantine it is the customer's bounded
 * set, the `quarantineSetSize` servers from that first one, and when all of them are out the
 * object fails but no other server is touched.
 */
import type { RolloutEngine } from './rolloutEngine';
import type { Fleet } from './Fleet';
import { UP } from './Fleet';
import type { RolloutConfig } from './rolloutConfig';

/** Concurrent requests of death tracked at most; more add nothing a student could see. */
const MAX_LIVE = 64;

export class RequestsOfDeath {
  private readonly firstServer: number[] = [];
  private live = false;
  /** distinct servers a request of death has crashed */
  readonly crashed = new Set<number>();
  /** requests for such an object that failed (sent to a dead server, or none left in its set) */
  failedRequests = 0;
  private readonly kRequest: number;

  constructor(
    private readonly engine: RolloutEngine,
    private readonly fleet: Fleet,
    private readonly config: RolloutConfig,
    private readonly origin: number,
  ) {
    this.kRequest = engine.registerKind('rollout.requestOfDeath', (_t, i) => this.request(i));
  }

  get count(): number {
    return this.firstServer.length;
  }

  /** A rare request has just reached server `s`, which runs the buggy release. */
  start(s: number): void {
    this.live = true;
    this.crashed.add(s);
    this.fleet.crash(s, 'requestOfDeath');
    if (this.firstServer.length >= MAX_LIVE) return;
    this.firstServer.push(s);
    this.next(this.firstServer.length - 1);
  }

  /** The release is gone (rolled back or over): its objects are served fine again. */
  stop(): void {
    this.live = false;
  }

  reset(): void {
    this.live = false;
    this.firstServer.length = 0;
    this.crashed.clear();
    this.failedRequests = 0;
  }

  private next(i: number): void {
    this.engine.schedule(
      this.config.requestOfDeathIntervalNs,
      this.origin,
      this.origin,
      this.kRequest,
      i,
    );
  }

  private request(i: number): void {
    if (!this.live) return;
    const fleet = this.fleet;
    const n = fleet.n;
    const size = this.config.quarantine ? Math.min(n, this.config.quarantineSetSize) : n;
    const first = this.firstServer[i];
    let target = -1;
    for (let k = 0; k < size; k++) {
      const s = (first + k) % n;
      if (!fleet.mappedOut[s]) {
        target = s;
        break;
      }
    }
    if (target < 0 || fleet.status[target] !== UP) this.failedRequests++;
    else if (fleet.isNew(target)) {
      this.crashed.add(target);
      fleet.crash(target, 'requestOfDeath');
    }
    this.next(i);
  }
}
