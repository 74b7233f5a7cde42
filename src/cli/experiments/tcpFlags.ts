/**
 * The TCP flags the `tcp` and `fatfile` experiments share: variant, SACK, fast recovery's window,
 * the bottleneck.
 */
import {
  DEFAULT_TCP_CONFIG,
  TCP_RECOVERIES,
  TCP_VARIANTS,
  type TcpConfig,
} from '@sim/models/tcp/tcpConfig';
import { choiceFlag, numberFlag } from '../experiment';

export const onOff = (def: string, help: string) =>
  choiceFlag(help, def, (raw) => (raw === 'on' || raw === 'off' ? raw : undefined), 'on or off');

export const variantFlag = choiceFlag(
  'congestion control: newreno (RFC 6582), reno, cubic (RFC 9438) or bbr (BBR v1)',
  DEFAULT_TCP_CONFIG.variant,
  (raw) => ((TCP_VARIANTS as readonly string[]).includes(raw) ? raw : undefined),
  TCP_VARIANTS.join(', '),
);

export const sackFlag = onOff(
  DEFAULT_TCP_CONFIG.sack ? 'on' : 'off',
  'selective acknowledgements with RFC 6675 recovery and RACK (on), or cumulative ACKs only (off)',
);

export const recoveryFlag = choiceFlag(
  'fast recovery: prr (proportional rate reduction, RFC 9937, as Linux and ns-3), prr-ssrb (RFC 6937) or classic (cwnd = ssthresh at once)',
  DEFAULT_TCP_CONFIG.recovery,
  (raw) => ((TCP_RECOVERIES as readonly string[]).includes(raw) ? raw : undefined),
  TCP_RECOVERIES.join(', '),
);

/** A full packet on the wire with the default MSS and headers. */
const PACKET_BYTES = DEFAULT_TCP_CONFIG.mssBytes + DEFAULT_TCP_CONFIG.headerBytes;

export const bottleneckFlags = {
  'bottleneck-mbps': numberFlag(
    'rate of the bottleneck link, Mbit/s',
    DEFAULT_TCP_CONFIG.bottleneckBps / 1e6,
    { min: 0.01, max: 1e6 },
  ),
  'queue-packets': numberFlag(
    `the bottleneck's drop-tail buffer, in full packets of ${PACKET_BYTES} bytes (0: the default ${DEFAULT_TCP_CONFIG.queueBytes.toLocaleString('en')} bytes)`,
    0,
    { min: 0, max: 1e6, integer: true },
  ),
};

export function bottleneckConfig(
  p: Record<string, unknown>,
  mssBytes = DEFAULT_TCP_CONFIG.mssBytes,
): Pick<TcpConfig, 'bottleneckBps' | 'queueBytes'> {
  return {
    bottleneckBps: Number(p['bottleneck-mbps']) * 1e6,
    queueBytes:
      Number(p['queue-packets']) > 0
        ? Number(p['queue-packets']) * (mssBytes + DEFAULT_TCP_CONFIG.headerBytes)
        : DEFAULT_TCP_CONFIG.queueBytes,
  };
}
