import { describe, expect, it } from 'vitest';
import type { RuntimeFrame } from '@runtime/frame';
import type { TcpConnTotals } from '@sim/models/tcp/tcpRuntime';
import { TcpHistory } from '../../../src/ui/charts/tcpHistory.svelte';

const totals = (timeNs: number, timeouts: number) =>
  ({
    timeNs,
    observations: [
      {
        type: 'sim.tcpTotals',
        timeNs,
        conns: [{ name: 'washington', index: 0, timeouts } as unknown as TcpConnTotals],
      },
    ],
  }) as unknown as RuntimeFrame;

describe('the TCP charts’ marks', () => {
  it('marks a retransmission timeout where the totals first report it, and forget it on a new run', () => {
    const h = new TcpHistory();
    h.add(totals(1e9, 0));
    h.add(totals(2e9, 1));
    h.add(totals(3e9, 1));
    expect(h.events.marks).toEqual([{ t: 2, label: 'timeout reported' }]);
    h.add(totals(0.5e9, 0));
    expect(h.events.marks).toEqual([]);
  });
});
