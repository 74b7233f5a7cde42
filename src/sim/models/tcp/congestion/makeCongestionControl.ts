/** The congestion control a connection's variant names. */
import type { RandomStream } from '../../../random/RandomStream';
import type { TcpConfig } from '../tcpConfig';
import { Bbr } from './Bbr';
import type { CongestionControl } from './CongestionControl';
import { Cubic } from './Cubic';
import { RenoWindow } from './Reno';

export function makeCongestionControl(
  cfg: Readonly<TcpConfig>,
  random: RandomStream,
): CongestionControl {
  switch (cfg.variant) {
    case 'reno':
    case 'newreno':
      return new RenoWindow(cfg.mssBytes, cfg.initialWindowSegments, cfg.abcLimitSegments);
    case 'cubic':
      return new Cubic(cfg.mssBytes, cfg.initialWindowSegments, cfg.abcLimitSegments);
    case 'bbr':
      return new Bbr(cfg.mssBytes, cfg.headerBytes, cfg.initialWindowSegments, random);
  }
}
