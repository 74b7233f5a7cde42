import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@runtime/eventLog';
import type { RuntimeFrame } from '@runtime/frame';
import { Narrator, seconds } from '@ui/a11y/narration';

const NAMES = ['edge fra-1', 'edge fra-2', 'origin iad', 'edge lhr-1', 'edge lhr-2'];

function frame(
  timeNs: number,
  opts: {
    up?: number[];
    delivered?: number;
    dropped?: string[];
    skipped?: number;
    observations?: unknown[];
  } = {},
): RuntimeFrame {
  const entry = (outcome: string): LogEntry => ({
    timeNs,
    from: 0,
    to: 1,
    type: 'delivery.request',
    outcome,
    where: '',
  });
  return {
    timeNs,
    nodeUp: Uint8Array.from(opts.up ?? [1, 1, 1, 1, 1]),
    log: {
      entries: [
        ...Array.from({ length: opts.delivered ?? 0 }, () => entry('delivered')),
        ...(opts.dropped ?? []).map(entry),
      ],
      skipped: opts.skipped ?? 0,
    },
    observations: opts.observations,
  } as unknown as RuntimeFrame;
}

const narrator = () => new Narrator((id) => NAMES[id], 5_000);

describe('the live narrator', () => {
  it('summarises a window of frames in one sentence: messages, drops by main reason', () => {
    const n = narrator();
    n.add(frame(0, { delivered: 10 }));
    n.add(frame(2e9, { delivered: 5, dropped: ['queue-full', 'queue-full', 'loss'] }));
    expect(n.speak(0, true)).toBe('0 s to 2.0 s: 18 messages, 3 dropped (mostly queue full).');
  });

  it('says “at” a time when the window is shorter than the millisecond it shows', () => {
    const n = narrator();
    n.add(frame(0.0301e9, { delivered: 1 }));
    n.add(frame(0.0302e9, { delivered: 1 }));
    expect(n.speak(0, true)).toBe(
      'At 30 ms: 2 messages (delivery request from edge fra-1 to edge fra-2 and delivery request from edge fra-1 to edge fra-2).',
    );
  });

  it('tells simulated times in ms below a second, and long ones in minutes and hours', () => {
    expect([0, 0.0326e9, 0.9994e9, 2.5e9, 45e9, 720e9, 9012e9].map(seconds)).toEqual([
      '0 s',
      '33 ms',
      '999 ms',
      '2.5 s',
      '45 s',
      '12 min',
      '2 h 30 min',
    ]);
  });

  it('speaks at most once per interval, and only when something happened', () => {
    const n = narrator();
    n.add(frame(0, { delivered: 1 }));
    expect(n.speak(1_000, true)).not.toBeNull();
    n.add(frame(1e9, { delivered: 1 }));
    expect(n.speak(3_000, true)).toBeNull(); // too soon: gathered for later
    expect(n.speak(5_999, true)).toBeNull();
    expect(n.speak(6_000, true)).toBe(
      '0 s to 1.0 s: 1 message (delivery request from edge fra-1 to edge fra-2), 2 since the start.',
    );
    n.add(frame(2e9));
    expect(n.speak(20_000, true)).toBeNull(); // nothing happened
  });

  it('names the servers that went down or came back, and counts them when there are many', () => {
    const n = narrator();
    n.add(frame(0));
    n.add(frame(1e9, { up: [0, 1, 1, 1, 1] }));
    expect(n.speak(0, true)).toBe('0 s to 1.0 s: edge fra-1 went down.');
    n.add(frame(2e9, { up: [1, 0, 0, 0, 0] }));
    expect(n.speak(10_000, true)).toBe(
      '1.0 s to 2.0 s: 4 servers went down; edge fra-1 came back up.',
    );
  });

  it('tells notable observations in words, the most frequent first, and skips the rest', () => {
    const n = narrator();
    n.add(
      frame(0, {
        observations: [
          { type: 'sim.serverCrashed' },
          { type: 'sim.serverCrashed' },
          { type: 'sim.rolloutPhase' },
          { type: 'sim.tcpSample' },
          { type: 'sim.serverWithdrawn', withdrawn: false },
        ],
      }),
    );
    expect(n.speak(0, true)).toBe(
      'At 0 s: 2 servers crashed; a rollout phase began; a server was put back into the mapping.',
    );
  });

  it('says the student’s changes first, in the simulation’s words', () => {
    const n = narrator();
    n.add(frame(0, { delivered: 40 }));
    n.add(
      frame(1e9, {
        up: [0, 0, 1, 1, 1],
        observations: [
          { type: 'sim.change', timeNs: 1e9, command: 'dataCentre.setUp', label: 'fra failed' },
          {
            type: 'sim.change',
            timeNs: 1e9,
            command: 'linkClass.set',
            label: 'last mile loss 2 %',
          },
        ],
      }),
    );
    expect(n.speak(0, true)).toBe(
      '0 s to 1.0 s: fra failed and last mile loss 2 %; 40 messages; edge fra-1, edge fra-2 went down.',
    );
  });

  it('is quiet while paused, after one last summary with the time it paused at', () => {
    const n = narrator();
    n.add(frame(0, { delivered: 2 }));
    expect(n.speak(0, true)).not.toBeNull();
    n.add(frame(3e9, { observations: [{ type: 'sim.rolloutShipped' }] }));
    // Pausing speaks at once, without waiting for the interval.
    expect(n.speak(1_000, false)).toBe(
      '0 s to 3.0 s: the release finished rolling out. Paused at 3.0 s.',
    );
    n.add(frame(3e9, { delivered: 4 }));
    expect(n.speak(60_000, false)).toBeNull();
    expect(n.speak(120_000, false)).toBeNull();
  });

  it('in slow motion names the few messages of each window and counts those since the start', () => {
    // A lookup of ten messages watched slowly: five summaries of two messages each.
    const n = narrator();
    const hop = (timeNs: number, from: number, to: number): RuntimeFrame =>
      ({
        timeNs,
        nodeUp: Uint8Array.from([1, 1, 1, 1, 1]),
        log: {
          entries: [
            { timeNs, from, to, type: 'dns.message', outcome: 'delivered', where: '' },
            { timeNs, from: to, to: from, type: 'dns.message', outcome: 'delivered', where: '' },
          ],
          skipped: 0,
        },
      }) as unknown as RuntimeFrame;
    const said: string[] = [];
    for (let i = 0; i < 5; i++) {
      n.add(hop(i * 0.03e9, 3, i % 3));
      said.push(n.speak(i * 5_000, true) ?? '');
    }
    expect(said[0]).toBe(
      'At 0 s: 2 messages (dns message from edge lhr-1 to edge fra-1 and dns message from edge fra-1 to edge lhr-1).',
    );
    expect(said[4]).toMatch(
      /^90 ms to 120 ms: 2 messages \(dns message from edge lhr-1 to edge fra-2 .*\), 10 since the start\.$/,
    );
    // Pausing and playing again keeps counting the same run.
    expect(n.speak(21_000, false)).toBe('Paused at 120 ms.');
    n.add(hop(0.2e9, 3, 4));
    expect(n.speak(30_000, true)).toMatch(/, 12 since the start\.$/);
  });

  it('counts, without naming, messages of a window the log sampled or that are many', () => {
    const n = narrator();
    n.add(frame(0, { delivered: 1, skipped: 1 }));
    expect(n.speak(0, true)).toBe('At 0 s: 2 messages.');
    n.add(frame(1e9, { delivered: 3, dropped: ['loss'] }));
    expect(n.speak(10_000, true)).toBe(
      '0 s to 1.0 s: 4 messages, 1 dropped (mostly loss), 6 since the start.',
    );
    n.add(frame(2e9, { dropped: ['node-down'] }));
    expect(n.speak(20_000, true)).toBe(
      '1.0 s to 2.0 s: 1 message (delivery request from edge fra-1 to edge fra-2, dropped (node down)), 7 since the start.',
    );
  });

  it('starts over quietly when time goes back (a new run)', () => {
    const n = narrator();
    n.add(frame(0));
    n.add(frame(5e9, { up: [0, 1, 1, 1, 1], delivered: 3 }));
    n.add(frame(0, { up: [1, 1, 1, 1, 1] }));
    // Not "edge fra-1 came back up": the new run starts with every node up.
    expect(n.speak(0, true)).toBeNull();
  });
});
