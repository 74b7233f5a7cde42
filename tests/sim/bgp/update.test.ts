import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { BgpNetwork, DEFAULT_BGP, parseAsTopology, type UpdateMessage } from '@sim/models/bgp';
import { as, transit } from './support';

/** AS 1 (three prefixes) and AS 4 (one) are customers of AS 2, itself a customer of AS 3. */
function updatesTo3() {
  const engine = new Engine();
  const sent: UpdateMessage[] = [];
  const net = new BgpNetwork(
    engine,
    parseAsTopology({
      ases: [
        as(1, ['192.0.2.0/25', '192.0.2.128/25', '198.51.100.0/24']),
        as(2),
        as(3),
        as(4, ['203.0.113.0/24']),
      ],
      links: [transit(1, 2), transit(4, 2), transit(2, 3)],
    }),
    DEFAULT_BGP,
    1,
    {
      updateSent(_t, from, to, update) {
        if (from === 2 && to === 3) sent.push(update);
      },
    },
  );
  return { engine, net, sent };
}

describe('UPDATE messages (RFC 4271 §4.3)', () => {
  it('pack the prefixes that share an AS_PATH into one message, one message per path', () => {
    const { engine, sent } = updatesTo3();
    engine.runUntil(10e9);
    expect(sent).toHaveLength(2);
    const byPath = Object.fromEntries(sent.map((u) => [u.path!.join(' '), [...u.nlri].sort()]));
    expect(byPath).toEqual({
      '2 1': ['192.0.2.0/25', '192.0.2.128/25', '198.51.100.0/24'],
      '2 4': ['203.0.113.0/24'],
    });
    expect(sent.every((u) => u.withdrawn.length === 0)).toBe(true);
  });

  it('carry withdrawals: losing a customer withdraws all its prefixes in one message', () => {
    const { engine, net, sent } = updatesTo3();
    engine.runUntil(60e9);
    sent.length = 0;
    net.linkDown(net.link(1, 2));
    engine.runUntil(120e9);
    expect(sent).toHaveLength(1);
    expect([...sent[0].withdrawn].sort()).toEqual([
      '192.0.2.0/25',
      '192.0.2.128/25',
      '198.51.100.0/24',
    ]);
    expect(sent[0].nlri).toEqual([]);
  });
});
