/**
 * How the event log words the TCP model's entries (log.ts): apart from the code that makes them,
 * so that a page, which loads the model's words but not its install code, stays light.
 */
import type { LogKindWords, ModelLogFields } from '../../model/SimModel';

const kB = (bytes: unknown) => `${(Number(bytes) / 1000).toFixed(1)} kB`;
const LOST: Record<string, string> = {
  random: ', lost on the path',
  queue: ', dropped: the bottleneck queue is full',
};
const lostText = (f: ModelLogFields) => (f.lost === null ? '' : LOST[String(f.lost)]);

export const TCP_LOG_KINDS: Record<string, LogKindWords> = {
  'tcp.segment': {
    label: 'TCP segment',
    text: (f) =>
      `${f.conn}: segment ${f.seg} sent (${f.bytes} B), cwnd ${kB(f.cwndBytes)}${lostText(f)}`,
  },
  'tcp.retransmit': {
    label: 'TCP retransmission',
    text: (f) => `${f.conn}: segment ${f.seg} sent again${lostText(f)}`,
  },
  'tcp.loss': {
    label: 'TCP loss (fast retransmit)',
    text: (f) =>
      `${f.conn}: loss detected with ${kB(f.flightBytes)} in flight; ssthresh ${kB(f.ssthreshBytes)}, cwnd ${kB(f.cwndBytes)}`,
  },
  'tcp.timeout': {
    label: 'TCP timeout',
    text: (f) =>
      `${f.conn}: retransmission timer (${Number(f.rtoMs).toFixed(0)} ms) ran out; cwnd ${kB(f.cwndBytes)}, ssthresh ${kB(f.ssthreshBytes)}`,
  },
};
