import { describe, expect, it } from 'vitest';
import { Engine } from '@sim/engine/Engine';
import { runTransfer } from '@sim/models/tcp/runTransfer';
import { SackBlockQueue } from '@sim/models/tcp/SackBlocks';
import { TcpReceiver } from '@sim/models/tcp/TcpReceiver';
import { DATA_DIR, type TcpPath } from '@sim/models/tcp/TcpPath';
import { mathisBps } from '@sim/models/tcp/closedForms';
import { tcpConfig } from '@sim/models/tcp/tcpConfig';
import { MS, SECOND } from '@sim/time';
import { connection, stepUntil } from './helpers';

const MSS = 1460;

/** A receiver whose ACKs are caught: [cumulative ACK, its SACK blocks]. */
function receiverAlone() {
  const engine = new Engine();
  const sent: number[] = [];
  const path = {
    send: (_d: number, _b: number, _o: number, _t: number, _k: number, ack: number) => (
      sent.push(ack),
      true
    ),
  };
  const queue = new SackBlockQueue();
  const kinds = { data: 0, ack: 0, rto: 0, delayedAck: 0, pace: -1 };
  const cfg = tcpConfig({ delayedAck: false });
  const r = new TcpReceiver(engine, cfg, path as unknown as TcpPath, kinds, Infinity, queue);
  const acks: [number, (readonly [number, number])[]][] = [];
  const deliver = (seg: number) => {
    r.onData(seg);
    acks.push([sent[sent.length - 1], [...queue.take()]]);
  };
  return { deliver, acks };
}

describe('SACK (RFC 2018) and recovery by RFC 6675 with RACK (RFC 8985)', () => {
  it('the receiver reports the block of the latest arrival first, then the others, at most three', () => {
    const { deliver, acks } = receiverAlone();
    for (const s of [0, 1, 3, 4, 6, 9, 10, 12]) deliver(s);
    // After 0, 1: no gaps, no blocks.
    expect(acks[1]).toEqual([2, []]);
    expect(acks[3]).toEqual([2, [[3, 5]]]);
    expect(acks[4]).toEqual([
      2,
      [
        [6, 7],
        [3, 5],
      ],
    ]);
    expect(acks[6]).toEqual([
      2,
      [
        [9, 11],
        [6, 7],
        [3, 5],
      ],
    ]);
    // A fourth block pushes the oldest out.
    expect(acks[7]).toEqual([
      2,
      [
        [12, 13],
        [9, 11],
        [6, 7],
      ],
    ]);
    // Filling the first gap moves the cumulative ACK past the first block, which is no longer reported.
    deliver(2);
    expect(acks[8]).toEqual([
      5,
      [
        [12, 13],
        [9, 11],
        [6, 7],
      ],
    ]);
    deliver(5);
    expect(acks[9]).toEqual([
      7,
      [
        [12, 13],
        [9, 11],
      ],
    ]);
  });

  it('repairs three losses in one window in one round trip, where NewReno takes one per round trip', () => {
    const run = (sack: boolean) => {
      const { engine, conn, sender, receiver, path } = connection(
        { rwndBytes: 40 * MSS, sack },
        2000 * MSS,
      );
      const lost = new Set([400, 405, 410]);
      path.scriptedLoss = (dir, seg) => dir === DATA_DIR && lost.delete(seg);
      conn.start();
      stepUntil(engine, () => receiver.doneAtNs >= 0);
      return { sender, doneNs: receiver.doneAtNs };
    };
    const withSack = run(true);
    const newReno = run(false);
    for (const s of [withSack.sender, newReno.sender]) {
      expect(s.fastRetransmits).toBe(1);
      expect(s.timeouts).toBe(0);
      expect(s.retransmits).toBe(3);
    }
    // NewReno learns of the second and third hole one partial ACK (one RTT) after the other.
    expect(newReno.doneNs - withSack.doneNs).toBeGreaterThan(1.5 * 100 * MS);
  });

  it('RACK finds a lost retransmission without waiting for the retransmission timer', () => {
    const run = (sack: boolean) => {
      // The receive window must leave room for new data during recovery: RACK learns that a
      // retransmission is lost from segments sent after it arriving (else only the timer can).
      const { engine, conn, sender, receiver, path } = connection({ sack }, 3000 * MSS);
      let copies = 0;
      // Segment 500 and its first retransmission are both lost.
      path.scriptedLoss = (dir, seg) => dir === DATA_DIR && seg === 500 && copies++ < 2;
      conn.start();
      stepUntil(engine, () => receiver.doneAtNs >= 0);
      return sender;
    };
    const sack = run(true);
    expect(sack.timeouts).toBe(0);
    expect(sack.retransmits).toBe(2);
    // Without SACK the lost retransmission is only found by the timer.
    expect(run(false).timeouts).toBe(1);
  });

  it('with random loss, SACK recovers nearly every loss without a timeout and follows Mathis', () => {
    const rttNs = 50 * MS;
    const p = 0.005;
    const spec = { durationNs: 300 * SECOND, seed: 7, digest: false };
    const sack = runTransfer({ ...spec, config: { rttNs, lossRate: p, sack: true } });
    const classic = runTransfer({ ...spec, config: { rttNs, lossRate: p, sack: false } });
    expect(sack.timeouts / sack.randomLosses).toBeLessThan(0.01);
    expect(classic.timeouts / classic.randomLosses).toBeGreaterThan(
      3 * (sack.timeouts / sack.randomLosses),
    );
    const mathis = mathisBps({ mssBytes: MSS, rttNs, lossRate: p, segmentsPerAck: 2 }) / 1e6;
    expect(Math.abs(sack.goodputMbps / mathis - 1)).toBeLessThan(0.1);
    expect(sack.goodputMbps).toBeGreaterThan(classic.goodputMbps);
  });

  it('never resends a segment the receiver has SACKed, even after a timeout', () => {
    const { engine, conn, sender, receiver, path } = connection(
      { rwndBytes: 30 * MSS, rttNs: 40 * MS },
      400 * MSS,
    );
    const sentData = new Map<number, number>();
    const send = path.send.bind(path);
    path.send = (dir, bytes, o, t, k, seg) => {
      if (dir === DATA_DIR) sentData.set(seg, (sentData.get(seg) ?? 0) + 1);
      return send(dir, bytes, o, t, k, seg);
    };
    // Everything from 200 to 204 is lost, and every copy of 200 for a while: only the timer helps.
    path.scriptedLoss = (dir, seg) =>
      dir === DATA_DIR &&
      ((seg >= 200 && seg < 205 && (sentData.get(seg) ?? 0) <= 1) ||
        (seg === 200 && engine.now < 2 * SECOND));
    conn.start();
    stepUntil(engine, () => receiver.doneAtNs >= 0);
    expect(sender.timeouts).toBeGreaterThan(0);
    for (let s = 205; s < 230; s++) expect(sentData.get(s)).toBe(1);
  });

  it('a tail-loss probe repairs the loss of a transfer’s last segments without the timer', () => {
    const total = 200;
    const { engine, conn, sender, receiver, path } = connection({ rttNs: 50 * MS }, total * MSS);
    // The last two segments are lost the first time they are sent: no later data will arrive
    // to make the receiver send duplicate ACKs or SACKs.
    const lost = new Set([total - 2, total - 1]);
    path.scriptedLoss = (dir, seg) => dir === DATA_DIR && lost.delete(seg);
    conn.start();
    stepUntil(engine, () => receiver.doneAtNs >= 0);
    expect(sender.tailProbes).toBe(1);
    expect(sender.timeouts).toBe(0);
    expect(sender.retransmits).toBe(2);
    // The probe leaves two smoothed RTTs after the last ACK; its SACK lets RACK find the other
    // hole a quarter of min_rtt later, and one round trip repairs it.
    const clean = connection({ rttNs: 50 * MS }, total * MSS);
    clean.conn.start();
    stepUntil(clean.engine, () => clean.receiver.doneAtNs >= 0);
    const extraNs = receiver.doneAtNs - clean.receiver.doneAtNs;
    const srttNs = sender.rto.srttNs;
    expect(extraNs).toBeGreaterThan(2 * srttNs);
    expect(extraNs).toBeLessThan(2 * srttNs + 2.5 * 50 * MS);
  });
});
