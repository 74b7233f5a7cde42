/**
 * A client group's stub resolver and browsers, when the delivery model resolves through the DNS
 * model (config `dns`): each object belongs to one customer host name, a<k>.g.akamai.net; the
 * group looks the name up through its recursive resolver and the two-tier DNS (DnsServices),
 * keeps the answer for its TTL, as a browser or stub cache does, and sends requests to the
 * answer's first address. After a request to an address times out, later requests under the
 * same answer go to the next address ("the DNS resolution can return multiple IP addresses, so
 * that the client can try another address", Dilley et al. 2002). Requests made while the name
 * is being looked up wait for the answer.
 */
import type { DnsServices } from '../dns/services';
import { hashString } from '../../util/hash';
import type { SandboxContext } from './SandboxContext';

/** One answer a client group holds. */
export interface HeldAnswer {
  readonly name: string;
  readonly addresses: readonly number[];
  readonly expiresNs: number;
  /** the address requests go to now (moves on after a timeout) */
  index: number;
}

interface NameState {
  answer: HeldAnswer | undefined;
  /** requests waiting for a lookup in flight; null when none is */
  waiting: ((answer: HeldAnswer | undefined) => void)[] | null;
}

/** The host name of an object: one of `names` customers. */
export function hostNameOf(obj: number, names: number): string {
  return `a${(obj % names) + 1}.g.akamai.net`;
}

/**
 * The mapping key of each object with DNS on: its host name's hash, the key the low-level name
 * servers hash a name by (Akamai maps content by the name it is served under, so a hot name, not
 * one object, is what gets spread over more servers).
 */
export function nameKeyOf(names: number): (obj: number) => number {
  const keys = Array.from({ length: names }, (_, k) => hashString(hostNameOf(k, names)));
  return (obj) => keys[obj % names];
}

/**
 * Every host name of `names` customers, made once: a request finds its name's state by the
 * name's index, without building the name's text (35,000 requests a simulated second at 100×
 * load made and hashed one string each).
 */
function hostNamesOf(names: number): readonly string[] {
  let list = HOST_NAMES.get(names);
  if (list === undefined) {
    list = Array.from({ length: names }, (_, k) => hostNameOf(k, names));
    HOST_NAMES.set(names, list);
  }
  return list;
}
const HOST_NAMES = new Map<number, readonly string[]>();

export class DnsStub {
  /** each host name's state, by the name's index (obj % names) */
  private readonly names: (NameState | undefined)[] = [];
  private readonly hostNames: readonly string[];

  constructor(
    private readonly ctx: SandboxContext,
    private readonly client: number,
    private readonly dns: () => DnsServices,
  ) {
    this.hostNames = hostNamesOf(ctx.params.config.dnsNames);
  }

  /**
   * The live answer for the object's name, if one is held (counted as a request under a held
   * answer); else undefined, and the caller waits for `whenAnswered`. Most requests find one:
   * they go on at once, without a callback made for them.
   */
  heldAnswer(obj: number): HeldAnswer | undefined {
    const answer = this.stateOf(obj).answer;
    if (answer === undefined || this.ctx.engine.now >= answer.expiresNs) return undefined;
    this.ctx.dnsCounts.cacheHits++;
    return answer;
  }

  /**
   * When no live answer is held (heldAnswer said so): calls `use` with the answer once the
   * lookup for the object's name (started now, unless one is under way) ends, or with
   * undefined if it failed.
   */
  whenAnswered(obj: number, use: (answer: HeldAnswer | undefined) => void): void {
    const { ctx } = this;
    const k = obj % this.hostNames.length;
    const state = this.stateOf(obj);
    if (state.waiting !== null) {
      state.waiting.push(use);
      return;
    }
    state.waiting = [use];
    ctx.dnsCounts.lookups++;
    const s = state;
    const name = this.hostNames[k];
    this.dns().resolve(this.client, name, (addresses, ttlNs) => {
      const at = ctx.engine.now;
      const waiting = s.waiting ?? [];
      s.waiting = null;
      if (addresses.length === 0) {
        ctx.dnsCounts.failed++;
        s.answer = undefined;
      } else {
        ctx.dnsCounts.answered++;
        s.answer = { name, addresses, expiresNs: at + ttlNs, index: 0 };
      }
      if (ctx.params.config.observeDns)
        ctx.observations.add({
          type: 'sim.clientResolved',
          timeNs: at,
          client: this.client,
          name,
          addresses: [...addresses],
          ttlNs,
        });
      for (const w of waiting) w(s.answer);
    });
  }

  private stateOf(obj: number): NameState {
    const k = obj % this.hostNames.length;
    let state = this.names[k];
    if (state === undefined) {
      state = { answer: undefined, waiting: null };
      this.names[k] = state;
    }
    return state;
  }
}
