/**
 * Route pins (RouteProvider.pin): a provider whose paths change length while messages are on
 * their way has each message finish the path it was sent on, and new messages take the new one.
 * The provider here sends network 0's traffic to network 1 directly, or through network 2.
 */
import { describe, expect, it } from 'vitest';
import { linkIds, linkNumbers } from '@sim/net/Network';
import type { RouteContext, RouteProvider } from '@sim/net/RouteProvider';
import { Engine } from '@sim/engine/Engine';
import { Network } from '@sim/net/Network';

class Detour implements RouteProvider {
  readonly name = 'detour';
  hopDir = 0;
  /** whether new messages go through network 2 */
  through2 = false;
  constructor(private readonly ctx: RouteContext) {}

  private nets(route: number | undefined): number[] {
    const through = route === undefined || route < 0 ? this.through2 : route >= 256;
    return through ? [0, 2, 1] : [0, 1];
  }

  pin(): number {
    return (this.through2 ? 256 : 0) + this.nets(undefined).length * 2 + 1;
  }

  hopCount(_from: number, _to: number, route?: number): number {
    return this.nets(route).length * 2 + 1;
  }

  hopSlot(from: number, to: number, hop: number, route?: number): number {
    const nets = this.nets(route);
    const t = this.ctx.linkTable;
    this.hopDir = hop === nets.length * 2 ? 1 : 0;
    if (hop === 0) return t.accessSlot(from);
    if (hop === nets.length * 2) return t.accessSlot(to);
    const i = (hop - 1) >> 1;
    return hop % 2 === 1 ? t.backboneSlot(nets[i]) : t.peeringSlot(nets[i], nets[i + 1]);
  }

  hopNumber(from: number, to: number, hop: number): number {
    const n = this.ctx.nodes.count;
    const nets = this.nets(undefined);
    if (hop === 0) return linkNumbers.access(from);
    if (hop === nets.length * 2) return linkNumbers.access(to);
    const i = (hop - 1) >> 1;
    return hop % 2 === 1
      ? linkNumbers.backbone(n, nets[i])
      : linkNumbers.peering(n, nets[i], nets[i + 1], 0);
  }

  propagationNs(): number {
    return 1_000_000;
  }

  noRouteAt(): string | null {
    return null;
  }
}

describe('route pins', () => {
  it('a message finishes the path it was sent on; the next takes the new one', () => {
    const engine = new Engine();
    const at = { lat: 0, lon: 0 };
    const network = new Network(
      engine,
      [
        { ...at, network: 0, access: 'firstMile' },
        { ...at, network: 1, access: 'firstMile' },
        { ...at, network: 2, access: 'firstMile' },
      ],
      { seed: 1, inflation: 1 },
    );
    const detour = network.routes.use((ctx) => new Detour(ctx)) as Detour;
    const delivered: number[] = [];
    network.onDeliver((msg) => delivered.push(msg.seq));
    network.send(0, 1, 1000, 'x');
    // It waits at the peering point; the route grows by an AS meanwhile.
    detour.through2 = true;
    network.routes.use(detour);
    engine.run();
    const carried = (id: string) => {
      const m = network.linkById(id)!.messages;
      return m[0] + m[1];
    };
    expect(delivered).toEqual([0]);
    expect(carried(linkIds.peering(0, 1))).toBe(1);
    expect(carried(linkIds.peering(0, 2))).toBe(0);
    network.send(0, 1, 1000, 'x');
    engine.run();
    expect(delivered).toEqual([0, 1]);
    expect(carried(linkIds.peering(0, 2))).toBe(1);
    expect(carried(linkIds.peering(1, 2))).toBe(1);
    expect(carried(linkIds.backbone(2))).toBe(1);
  });
});
