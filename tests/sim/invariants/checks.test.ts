/** The invariant checks themselves: each catches the fault it is there for. */
import { MODELS } from '@sim/models/registry';
import { describe, expect, it } from 'vitest';
import { AssertionError } from '@sim/assert';
import { conservationViolations } from '@sim/invariants/conservation';
import { MessageLedger } from '@sim/invariants/MessageLedger';
import { ReportChecker } from '@sim/invariants/ReportChecker';
import type { Message } from '@sim/net/Message';

const msg = (over: Partial<Message> = {}): Message => ({
  from: 1,
  to: 2,
  seq: 7,
  sizeBytes: 100,
  type: 'test.ping',
  body: null,
  sentAt: 1000,
  propagationNs: 500,
  hop: 0,
  ...over,
});

describe('the message ledger', () => {
  it('accepts a message sent, then delivered after its propagation', () => {
    const ledger = new MessageLedger();
    ledger.sent(msg());
    expect(ledger.inFlight).toBe(1);
    ledger.delivered(msg(), 1500);
    expect(ledger.inFlight).toBe(0);
  });

  it('rejects a delivery before send time plus propagation', () => {
    const ledger = new MessageLedger();
    ledger.sent(msg());
    expect(() => ledger.delivered(msg(), 1499)).toThrow(/before it was sent/);
  });

  it('rejects a message delivered twice, or dropped after delivery', () => {
    const ledger = new MessageLedger();
    ledger.sent(msg());
    ledger.delivered(msg(), 2000);
    expect(() => ledger.delivered(msg(), 2000)).toThrow(AssertionError);
    expect(() => ledger.dropped(msg())).toThrow(/not on its way/);
  });

  it('follows a message handed to another shard and taken over there', () => {
    const here = new MessageLedger();
    const there = new MessageLedger();
    here.sent(msg());
    here.handOff(msg());
    there.takeOver(msg());
    there.delivered(msg(), 3000);
    expect([here.inFlight, here.handedOff, there.takenOver, there.inFlight]).toEqual([0, 1, 1, 0]);
  });
});

describe('the conservation identities', () => {
  const sound = {
    'net.sent': 10,
    'net.delivered': 6,
    'net.dropped': 3,
    'net.dropped.loss': 2,
    'net.dropped.node-down': 1,
    'net.inFlight': 1,
    'delivery.requests': 5,
    'delivery.responses': 3,
    'delivery.failures.timeout': 1,
    'delivery.outstanding': 1,
    'dns.lookups': 4,
    'dns.lookupsAnswered': 2,
    'dns.lookupsTimedOut': 1,
    'dns.lookupsInFlight': 1,
  };

  it('hold for counts that add up', () => {
    expect(conservationViolations(sound, MODELS)).toEqual([]);
  });

  it.each([
    ['a request lost without a reason', { 'delivery.responses': 2 }, /delivery: 5 requests/],
    ['a message that vanished', { 'net.delivered': 5 }, /net: sent 10/],
    ['a drop without a reason', { 'net.dropped.loss': 1 }, /reasons add up to 2/],
    ['a lookup that vanished', { 'dns.lookupsInFlight': 0 }, /dns: 4 lookups/],
    ['a negative count', { 'delivery.outstanding': -1 }, /outstanding is -1/],
  ])('catch %s', (_, change, message) => {
    expect(conservationViolations({ ...sound, ...change }, MODELS).join('; ')).toMatch(message);
  });

  it('without in-flight gauges, still catch more ended than started', () => {
    const { ['dns.lookupsInFlight']: _, ['net.inFlight']: __, ...plain } = sound;
    expect(conservationViolations(plain, MODELS)).toEqual([]);
    expect(conservationViolations({ ...plain, 'dns.lookupsAnswered': 9 }, MODELS)).toHaveLength(1);
  });
});

describe('the report checker', () => {
  it('rejects time or counts that go back between reports', () => {
    const checker = new ReportChecker(MODELS);
    checker.check({
      timeNs: 100,
      executed: 5,
      counters: { 'net.sent': 3, 'net.delivered': 3, 'net.dropped': 0 },
    });
    expect(() =>
      checker.check({
        timeNs: 50,
        executed: 5,
        counters: { 'net.sent': 3, 'net.delivered': 3, 'net.dropped': 0 },
      }),
    ).toThrow(/time went back/);
    expect(() =>
      checker.check({
        timeNs: 200,
        executed: 6,
        counters: { 'net.sent': 2, 'net.delivered': 2, 'net.dropped': 0 },
      }),
    ).toThrow(/net.sent went back/);
  });
});
