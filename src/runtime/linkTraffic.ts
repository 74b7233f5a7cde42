/**
 * Per-link traffic in snapshots, compact: only the links that carried or dropped anything, as
 * parallel typed arrays keyed by the stable link numbers every shard agrees on (linkNumbers in
 * Network.ts). Shards' parts of one link (a backbone crossed in several regions) are summed.
 */
import type { Network } from '@sim/net/Network';

export interface LinkTraffic {
  /** stable link numbers, ascending (see Network.forEachLink) */
  numbers: Float64Array;
  /** bytes and messages carried, both directions together */
  bytes: Float64Array;
  messages: Float64Array;
  drops: Float64Array;
}

export function collectLinkTraffic(network: Network): LinkTraffic {
  return network.linkTraffic();
}

/** Sums shards' traffic link by link; each part is ascending by number, so one merge pass. */
export function mergeLinkTraffic(parts: readonly LinkTraffic[]): LinkTraffic {
  if (parts.length === 1) return parts[0];
  let cap = 0;
  for (const p of parts) cap += p.numbers.length;
  const out = emptyTraffic(cap);
  const at = new Int32Array(parts.length);
  let n = 0;
  for (;;) {
    let num = Infinity;
    for (let k = 0; k < parts.length; k++) {
      const nums = parts[k].numbers;
      if (at[k] < nums.length && nums[at[k]] < num) num = nums[at[k]];
    }
    if (num === Infinity) break;
    out.numbers[n] = num;
    for (let k = 0; k < parts.length; k++) {
      const p = parts[k];
      const i = at[k];
      if (i < p.numbers.length && p.numbers[i] === num) {
        out.bytes[n] += p.bytes[i];
        out.messages[n] += p.messages[i];
        out.drops[n] += p.drops[i];
        at[k]++;
      }
    }
    n++;
  }
  return trimmed(out, n);
}

function trimmed(t: LinkTraffic, n: number): LinkTraffic {
  return {
    numbers: t.numbers.slice(0, n),
    bytes: t.bytes.slice(0, n),
    messages: t.messages.slice(0, n),
    drops: t.drops.slice(0, n),
  };
}

/** The traffic of one link by number, or undefined if it carried nothing (binary search). */
export function trafficOf(
  t: LinkTraffic,
  num: number,
): { bytes: number; messages: number; drops: number } | undefined {
  let lo = 0;
  let hi = t.numbers.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t.numbers[mid] === num)
      return { bytes: t.bytes[mid], messages: t.messages[mid], drops: t.drops[mid] };
    if (t.numbers[mid] < num) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

export function linkTrafficTransferables(t: LinkTraffic): ArrayBuffer[] {
  return [t.numbers, t.bytes, t.messages, t.drops].map((a) => a.buffer as ArrayBuffer);
}

function emptyTraffic(n: number): LinkTraffic {
  return {
    numbers: new Float64Array(n),
    bytes: new Float64Array(n),
    messages: new Float64Array(n),
    drops: new Float64Array(n),
  };
}
