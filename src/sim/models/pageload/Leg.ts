/**
 * One leg of the page's path (client–origin, client–edge or edge–origin): its TCP settings and
 * the bottleneck all its connections share, whose counters are the leg's packets and bytes.
 * Direction 0 is server to client (TcpPath's data direction), 1 client to server.
 */
import { Link } from '../../net/Link';
import { MS } from '../../time';
import { tcpConfig, type TcpConfig } from '../tcp/tcpConfig';
import type { PageLoadConfig } from './pageloadConfig';

export type LegName = 'access' | 'middle';

/** A leg's totals: every packet on the wire, both ways, lost ones and resent ones included. */
export interface LegCounts {
  packets: number;
  bytes: number;
  /** packets sent from the server's end / the client's end */
  down: number;
  up: number;
  /** packets that open or close connections (SYN, SYN-ACK, ACK; FIN and its ACKs), resent ones too */
  openClosePackets: number;
  connectionsOpened: number;
}

export class Leg {
  readonly cfg: TcpConfig;
  readonly link: Link;
  openClosePackets = 0;
  connectionsOpened = 0;

  constructor(
    readonly name: LegName,
    rttMs: number,
    lossRate: number,
    bandwidthMbps: number,
    tcp: Pick<PageLoadConfig, 'iw' | 'mssBytes' | 'delayedAck' | 'initialRtoMs' | 'minRtoMs'>,
  ) {
    this.cfg = tcpConfig({
      rttNs: Math.max(1, Math.round(rttMs * MS)),
      lossRate,
      bottleneckBps: bandwidthMbps * 1e6,
      initialWindowSegments: tcp.iw,
      mssBytes: tcp.mssBytes,
      delayedAck: tcp.delayedAck,
      initialRtoNs: Math.round(tcp.initialRtoMs * MS),
      minRtoNs: Math.round(tcp.minRtoMs * MS),
    });
    this.link = new Link(`pageload:${name}`, 'lastMile', {
      lossRate: 0,
      bandwidthBps: this.cfg.bottleneckBps,
      queueBytes: this.cfg.queueBytes,
      hopLatencyNs: 0,
      jitterMeanNs: 0,
      queued: true,
    });
  }

  counts(): LegCounts {
    const m = this.link.messages;
    return {
      packets: m[0] + m[1],
      bytes: this.link.bytes[0] + this.link.bytes[1],
      down: m[0],
      up: m[1],
      openClosePackets: this.openClosePackets,
      connectionsOpened: this.connectionsOpened,
    };
  }
}
