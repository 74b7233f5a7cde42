/**
 * TCP takes its loss from the route: a connection that states no loss of its own loses what its
 * path through the network loses, and follows a change at once. A loss slider on a link class
 * slows a long transfer over that path as the Mathis formula says it should, and a failed link
 * stops it; a connection with an explicit loss (the fat-file lab's table rows) is unaffected.
 * The model's own command (tcp.setLoss) turns one connection's path lossy, whatever its loss
 * came from.
 */
import { describe, expect, it } from 'vitest';
import { Run } from '@runtime/Run';
import type { WorldCommand } from '@sim/worldCommands';
import type { SimCommand } from '@sim/models/commands';
import type { TcpConnTotals, TcpTotals } from '@sim/models/tcp/tcpRuntime';
import { generateTopology } from '@sim/topology';
import { SECOND } from '@sim/time';

const topology = generateTopology('classroom', 1);
const node = (name: string) => topology.nodes.find((n) => n.name === name)!.id;
const USER = node('client:boston-n4');
const SERVER = node('edge:washington-n3-1');

const config = {
  reportEveryMs: 1000,
  sampleEveryMs: 0,
  connections: [
    // No lossRate: the route's, each way.
    { name: 'route', client: USER, server: SERVER, durationMs: 60_000 },
    { name: 'fixed', client: USER, server: SERVER, lossRate: 0.01, durationMs: 60_000 },
  ],
};

/** Each connection's totals at the given times (s), after the commands due at each time. */
async function transfer(
  commands: { atS: number; cmd: SimCommand }[],
  atS: number[],
): Promise<Map<number, Map<string, TcpConnTotals>>> {
  const run = new Run({
    scenario: { scale: 'classroom', seed: 1 },
    model: { id: 'tcp', config },
    shards: 1,
  });
  const out = new Map<number, Map<string, TcpConnTotals>>();
  try {
    await run.start();
    let latest = new Map<string, TcpConnTotals>();
    const take = async () => {
      for (const o of (await run.snapshot()).observations as TcpTotals[])
        if (o.type === 'sim.tcpTotals') latest = new Map(o.conns.map((c) => [c.name, c]));
    };
    for (const s of atS) {
      await run.advanceTo(s * SECOND);
      await take();
      out.set(s, latest);
      for (const c of commands) if (c.atS === s) run.command(c.cmd);
    }
  } finally {
    run.dispose();
  }
  return out;
}

const lossy = (lossRate: number): WorldCommand => ({
  type: 'linkClass.set',
  linkClass: 'lastMile',
  lossRate,
});

/** Mbit/s a connection delivered between two of the times. */
function rateMbps(
  t: Map<number, Map<string, TcpConnTotals>>,
  conn: string,
  from: number,
  to: number,
) {
  const bytes = t.get(to)!.get(conn)!.bytesDelivered - t.get(from)!.get(conn)!.bytesDelivered;
  return (bytes * 8) / (to - from) / 1e6;
}

describe('a TCP transfer over a route whose loss changes', () => {
  it('slows as Mathis says when the last mile turns lossier, and an explicit loss stays put', async () => {
    const times = [0, 10, 40];
    // Both start at 0.1 % on the last mile; at 10 s one of them goes to 2 %.
    const low = await transfer([{ atS: 0, cmd: lossy(0.001) }], times);
    const high = await transfer(
      [
        { atS: 0, cmd: lossy(0.001) },
        { atS: 10, cmd: lossy(0.02) },
      ],
      times,
    );
    // One last-mile link each way (the server sits behind a first mile, which is lossless).
    expect(low.get(40)!.get('route')!.lossRate).toBeCloseTo(0.001, 12);
    expect(high.get(10)!.get('route')!.lossRate).toBeCloseTo(0.001, 12);
    const after = high.get(40)!.get('route')!;
    expect(after.lossRate).toBeCloseTo(0.02, 12);

    const lowRate = rateMbps(low, 'route', 10, 40);
    const highRate = rateMbps(high, 'route', 10, 40);
    // Mathis: rate ∝ 1/√p, so 20 × the loss is ~4.5 × slower.
    expect(highRate).toBeLessThan(lowRate / 2.5);
    expect(highRate).toBeLessThan(1.3 * after.mathisMbps!);
    expect(highRate).toBeGreaterThan(0.5 * after.mathisMbps!);
    // Before the change the two runs are the same run.
    expect(high.get(10)!.get('route')!.bytesDelivered).toBe(
      low.get(10)!.get('route')!.bytesDelivered,
    );

    // The connection with its own loss runs exactly the same in both.
    expect(high.get(40)!.get('fixed')!.lossRate).toBe(0.01);
    expect(high.get(40)!.get('fixed')!.bytesDelivered).toBe(
      low.get(40)!.get('fixed')!.bytesDelivered,
    );
  });

  it('stops when a link on its path fails, and resumes when it is back', async () => {
    const link = 'access:client:boston-n4';
    const t = await transfer(
      [
        { atS: 5, cmd: { type: 'link.set', link, up: false } },
        { atS: 20, cmd: { type: 'link.set', link, up: true } },
      ],
      [5, 10, 20, 40],
    );
    expect(t.get(10)!.get('route')!.lossRate).toBe(1);
    // Nothing gets through while the link is down (what was already on its way arrived by 10 s).
    expect(t.get(20)!.get('route')!.bytesDelivered).toBe(t.get(10)!.get('route')!.bytesDelivered);
    expect(t.get(40)!.get('route')!.lossRate).toBe(0);
    expect(t.get(40)!.get('route')!.bytesDelivered).toBeGreaterThan(
      t.get(20)!.get('route')!.bytesDelivered,
    );
    // The explicit-loss connection never noticed.
    expect(rateMbps(t, 'fixed', 10, 20)).toBeGreaterThan(1);
  });

  it('tcp.setLoss changes the named connection’s loss from then on, and no other’s', async () => {
    const times = [0, 10, 25];
    const setLoss = (lossRate: number): SimCommand => ({
      type: 'tcp.setLoss',
      connection: 'fixed',
      lossRate,
    });
    const same = await transfer([], times);
    const lossier = await transfer([{ atS: 10, cmd: setLoss(0.04) }], times);
    // Before the command the runs are one run; after it only 'fixed' changed.
    expect(lossier.get(10)!.get('fixed')!.bytesDelivered).toBe(
      same.get(10)!.get('fixed')!.bytesDelivered,
    );
    const after = lossier.get(25)!.get('fixed')!;
    expect(after.lossRate).toBe(0.04);
    expect(lossier.get(25)!.get('route')!.bytesDelivered).toBe(
      same.get(25)!.get('route')!.bytesDelivered,
    );
    // Four times the loss: about half the rate (Mathis, 1/√p), within the formula's band.
    const before = rateMbps(same, 'fixed', 10, 25);
    const now = rateMbps(lossier, 'fixed', 10, 25);
    expect(now).toBeLessThan(before / 1.5);
    expect(now).toBeLessThan(1.3 * after.mathisMbps!);
    expect(now).toBeGreaterThan(0.5 * after.mathisMbps!);
    // A route-following connection given a loss of its own keeps it when the route changes.
    const held = await transfer(
      [
        { atS: 0, cmd: { type: 'tcp.setLoss', connection: 'route', lossRate: 0.01 } },
        { atS: 10, cmd: lossy(0.02) },
      ],
      times,
    );
    expect(held.get(25)!.get('route')!.lossRate).toBe(0.01);
  });

  it('refuses tcp.setLoss for a connection that does not exist', async () => {
    await expect(
      transfer(
        [{ atS: 0, cmd: { type: 'tcp.setLoss', connection: 'nowhere', lossRate: 0.01 } }],
        [0, 1],
      ),
    ).rejects.toThrow(/no connection named nowhere/);
  });
});
