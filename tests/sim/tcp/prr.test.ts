import { describe, expect, it } from 'vitest';
import { Prr, type PrrBound } from '@sim/models/tcp/Prr';
import { DATA_DIR } from '@sim/models/tcp/TcpPath';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import type { TcpConfig } from '@sim/models/tcp/tcpConfig';
import { parseTcpModelConfig } from '@sim/models/tcp/tcpModelConfig';
import { MS } from '@sim/time';
import { connection, stepUntil } from './helpers';

const MSS = 1460;

/**
 * RFC 6937's own examples (section 4) at the level of the algorithm: a window of 20 segments,
 * ssthresh 10 (β = 0.5), one ACK per segment delivered; after every ACK the sender sends
 * what PRR allows and pipe moves accordingly. Returns the segments sent on each ACK.
 */
function playRecovery(bound: PrrBound, lost: number, acks: number, safe = false): number[] {
  const prr = new Prr(bound);
  prr.enter(20);
  let pipe = 20 - lost;
  const sent: number[] = [];
  for (let i = 0; i < acks; i++) {
    pipe -= 1;
    const n = Math.max(0, Math.floor(prr.sendCount(1, pipe, 10, safe)));
    for (let k = 0; k < n; k++) prr.onSent();
    pipe += n;
    sent.push(n);
  }
  return sent;
}

/**
 * One transfer with the given segments dropped once, delayed ACKs off and a receive window
 * that never limits: for every ACK during recovery (and the one that ends it), the segments it
 * delivered, the segments sent in response, cwnd after it and whether recovery is still on.
 */
function traceRecovery(config: Partial<TcpConfig>, lost: Iterable<number>) {
  const { engine, conn, sender, receiver, path } = connection(
    { delayedAck: false, rwndBytes: 4000 * MSS, ...config },
    1000 * MSS,
  );
  const drop = new Set(lost);
  path.scriptedLoss = (dir, seg) => dir === DATA_DIR && drop.delete(seg);
  let sentNow = 0;
  const send = path.send.bind(path);
  path.send = (dir, bytes, from, to, kind, arg) => {
    if (dir === DATA_DIR) sentNow++;
    return send(dir, bytes, from, to, kind, arg);
  };
  const acks: { ack: number; sent: number; cwnd: number; ssthresh: number; inRecovery: boolean }[] =
    [];
  const onAck = sender.onAck.bind(sender);
  sender.onAck = (ack) => {
    const before = sender.inRecovery;
    sentNow = 0;
    onAck(ack);
    if (before || sender.inRecovery)
      acks.push({
        ack,
        sent: sentNow,
        cwnd: sender.cwndBytes / MSS,
        ssthresh: sender.ssthreshBytes / MSS,
        inRecovery: sender.inRecovery,
      });
  };
  conn.start();
  stepUntil(engine, () => receiver.doneAtNs >= 0);
  return { acks, sender };
}

describe('proportional rate reduction (RFC 6937, RFC 9937)', () => {
  it('one loss in a window of 20, ssthresh 10: one segment per two ACKs, ending at ssthresh', () => {
    const sent = playRecovery('safe', 1, 19);
    // The fast retransmit on the first ACK, then one new segment on every second ACK until pipe
    // is down to ssthresh; from there one segment per ACK holds it there.
    expect(sent).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 1]);
    // 19 delivered, 10 sent: pipe is exactly ssthresh when recovery ends.
    expect(sent.reduce((a, b) => a + b, 0)).toBe(10);
    expect(playRecovery('ssrb', 1, 19)).toEqual(sent);
  });

  it('more loss than the reduction: SSRB climbs back to ssthresh by slow start, CRB holds', () => {
    // 16 of 20 lost: pipe (4) is far below ssthresh (10) from the start.
    const ssrb = playRecovery('ssrb', 16, 8);
    // Two segments per ACK (delivered + 1) until pipe reaches ssthresh, then one per ACK.
    expect(ssrb).toEqual([2, 2, 2, 2, 2, 2, 1, 1]);
    // RFC 9937's conservative bound sends only what is delivered on ACKs that show more loss,
    expect(playRecovery('safe', 16, 8)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // and slow-starts like SSRB on ACKs that advance SND.UNA without new loss.
    expect(playRecovery('safe', 16, 8, true)).toEqual(ssrb);
  });

  it('with SACK, a single loss: one segment per two delivered for Reno, no silence, no burst', () => {
    const prr = traceRecovery({ variant: 'newreno' }, [100]);
    const inside = prr.acks.filter((a) => a.inRecovery);
    const sentInside = inside.reduce((n, a) => n + a.sent, 0);
    // One ACK per delivered segment: sent ÷ delivered is ssthresh ÷ RecoverFS, about 0.5.
    expect(sentInside / inside.length).toBeGreaterThan(0.45);
    expect(sentInside / inside.length).toBeLessThan(0.55);
    // Never more than one segment per ACK, and the second ACK of recovery already sends.
    expect(Math.max(...inside.map((a) => a.sent))).toBeLessThanOrEqual(2);
    expect(inside.slice(0, 3).some((a, i) => i > 0 && a.sent > 0)).toBe(true);
    const exit = prr.acks.find((a) => !a.inRecovery)!;
    expect(exit.cwnd).toBe(exit.ssthresh);
    expect(exit.sent).toBeLessThanOrEqual(2);
    expect(prr.sender.timeouts).toBe(0);
    expect(prr.sender.retransmits).toBe(1);

    // Classic RFC 6675 recovery is silent until pipe has fallen below ssthresh: half the ACKs.
    const classic = traceRecovery({ variant: 'newreno', recovery: 'classic' }, [100]);
    const firstSend = classic.acks.findIndex((a, i) => i > 0 && a.sent > 0);
    expect(firstSend).toBeGreaterThan(0.4 * classic.acks.length);
  });

  it('with SACK, CUBIC sends seven segments per ten delivered (β = 0.7)', () => {
    const { acks } = traceRecovery({ variant: 'cubic' }, [100]);
    const inside = acks.filter((a) => a.inRecovery);
    const ratio = inside.reduce((n, a) => n + a.sent, 0) / inside.length;
    expect(ratio).toBeGreaterThan(0.65);
    expect(ratio).toBeLessThan(0.75);
    const exit = acks.find((a) => !a.inRecovery)!;
    expect(exit.cwnd).toBeCloseTo(exit.ssthresh, 9);
  });

  it('without SACK, duplicate ACKs count as delivered: the same halving, ending at ssthresh', () => {
    const { acks, sender } = traceRecovery({ variant: 'newreno', sack: false }, [100]);
    const inside = acks.filter((a) => a.inRecovery);
    const ratio = inside.reduce((n, a) => n + a.sent, 0) / inside.length;
    expect(ratio).toBeGreaterThan(0.45);
    expect(ratio).toBeLessThan(0.55);
    // No inflation by duplicates: cwnd only falls during recovery.
    for (let i = 1; i < inside.length; i++)
      expect(inside[i].cwnd).toBeLessThanOrEqual(inside[i - 1].cwnd);
    const exit = acks.find((a) => !a.inRecovery)!;
    expect(exit.cwnd).toBe(exit.ssthresh);
    expect(exit.sent).toBeLessThanOrEqual(2);
    expect(sender.timeouts).toBe(0);
    expect(sender.retransmits).toBe(1);
  });

  it('without SACK, NewReno still repairs several holes in one recovery, each within the window', () => {
    const { acks, sender } = traceRecovery({ variant: 'newreno', sack: false }, [100, 110, 120]);
    expect(sender.fastRetransmits).toBe(1);
    expect(sender.retransmits).toBe(3);
    expect(sender.timeouts).toBe(0);
    expect(Math.max(...acks.map((a) => a.sent))).toBeLessThanOrEqual(2);
  });

  it('a burst bigger than the reduction: SSRB regrows to ssthresh, RFC 9937 conserves, classic bursts', () => {
    // 60 of the about 107 segments in flight: pipe falls far below ssthresh (about 53).
    const lost = Array.from({ length: 60 }, (_, i) => 100 + i);
    const ssrb = traceRecovery({ recovery: 'prr-ssrb' }, lost).acks.filter((a) => a.inRecovery);
    const ss = ssrb[0].ssthresh;
    // Slow start inside recovery: two segments per ACK until cwnd reaches ssthresh.
    expect(ssrb.slice(0, 5).every((a) => a.sent === 2)).toBe(true);
    expect(Math.max(...ssrb.map((a) => a.cwnd))).toBeCloseTo(ss, 9);
    // RFC 9937: until the first retransmission is acknowledged SND.UNA stands still, no ACK is
    // "safe", and the sender sends one segment per segment delivered (packet conservation);
    // once SND.UNA moves it slow-starts to ssthresh as SSRB does.
    const safe = traceRecovery({}, lost).acks.filter((a) => a.inRecovery);
    const moved = safe.findIndex((a) => a.ack > safe[0].ack);
    expect(moved).toBeGreaterThan(30);
    expect(safe.slice(0, moved).every((a) => a.sent === 1)).toBe(true);
    expect(safe.slice(0, moved).every((a) => a.cwnd < ss - 5)).toBe(true);
    expect(safe.slice(moved, moved + 5).every((a) => a.sent === 2)).toBe(true);
    expect(Math.max(...safe.map((a) => a.cwnd))).toBeCloseTo(ss, 9);
    // Classic recovery sends the whole gap between pipe and ssthresh at once.
    const classic = traceRecovery({ recovery: 'classic' }, lost).acks;
    expect(Math.max(...classic.map((a) => a.sent))).toBeGreaterThanOrEqual(8);
  });

  it('leaves BBR alone: it keeps its own recovery window, so the trace is the same', () => {
    const run = (recovery: TcpConfig['recovery']) =>
      runTransfer({
        config: { variant: 'bbr', rttNs: 50 * MS, lossRate: 0.01, recovery, bottleneckBps: 50e6 },
        durationNs: 5_000 * MS,
        seed: 3,
      });
    expect(run('prr').digest).toBe(run('classic').digest);
  });

  it('is the default, and a config names it or classic', () => {
    const c = parseTcpModelConfig({ connections: [{ name: 'a', client: 0, server: 1 }] });
    expect(c.recovery).toBe('prr');
    expect(() =>
      parseTcpModelConfig({
        recovery: 'halving',
        connections: [{ name: 'a', client: 0, server: 1 }],
      }),
    ).toThrow(/tcp\.recovery: must be one of prr, prr-ssrb, classic/);
  });
});
