/**
 * BBR v1 (Cardwell, Cheng, Gunn, Hassas Yeganeh, Jacobson, "BBR: Congestion-Based Congestion
 * Control", ACM Queue 2016; draft-cardwell-iccrg-bbr-congestion-control-00; Linux tcp_bbr.c).
 * BBR does not read loss as congestion. It models the path by two numbers, the bottleneck rate
 * BtlBw (the largest delivery rate of the last 10 round trips) and the round-trip propagation
 * time RTprop (the smallest RTT of the last 10 seconds), sends at pacing_gain × BtlBw and keeps
 * at most cwnd_gain × BtlBw × RTprop in flight. Its phases:
 * - STARTUP: gain 2/ln 2 doubles the rate each round trip until BtlBw grows by less than 25 %
 *   for three rounds (the pipe is full);
 * - DRAIN: the inverse gain empties the queue STARTUP built, down to one BDP in flight;
 * - PROBE_BW: cycles the pacing gain through 1.25, 0.75 and six 1s, one RTprop each: probe for
 *   more bandwidth, drain what the probe queued, cruise; cwnd = 2 × BDP;
 * - PROBE_RTT: when RTprop has not been re-measured for 10 s, 4 segments in flight for 200 ms
 *   and a round trip, so the queue empties and the true propagation time shows.
 * In loss recovery the window follows packet conservation for a round trip, then is restored.
 */
import type { RandomStream } from '../../../random/RandomStream';
import type { AckEvent, CongestionControl } from './CongestionControl';
import { WindowedMax } from './WindowedMax';
import { MS, SECOND } from '../../../time';

export type BbrMode = 'startup' | 'drain' | 'probe_bw' | 'probe_rtt';

export const BBR_HIGH_GAIN = 2 / Math.LN2;
export const BBR_GAIN_CYCLE: readonly number[] = [1.25, 0.75, 1, 1, 1, 1, 1, 1];
const BTLBW_WINDOW_ROUNDS = 10;
const RTPROP_WINDOW_NS = 10 * SECOND;
const PROBE_RTT_NS = 200 * MS;
const MIN_CWND_SEGS = 4;
const CWND_GAIN = 2;
/** Linux's allowance for delayed and stretched ACKs: 3 segments above cwnd_gain × BDP */
const QUANTA_SEGS = 3;
const FULL_BW_GROWTH = 1.25;
const FULL_BW_ROUNDS = 3;

export class Bbr implements CongestionControl {
  cwndBytes: number;
  ssthreshBytes = Infinity;
  pacingRateBps: number;
  readonly wantsRateSamples = true;
  readonly ownsRecoveryWindow = true;
  mode: BbrMode = 'startup';
  pacingGain = BBR_HIGH_GAIN;
  cwndGain = BBR_HIGH_GAIN;
  private readonly btlBwFilter = new WindowedMax(BTLBW_WINDOW_ROUNDS);
  /** RTprop, ns (Infinity before the first sample) */
  rtPropNs = Infinity;
  private rtPropStampNs = 0;
  roundCount = 0;
  private nextRoundDelivered = 0;
  private roundStart = false;
  private fullBw = 0;
  private fullBwCount = 0;
  filledPipe = false;
  cycleIndex = 0;
  private cycleStampNs = 0;
  private probeRttDoneNs = -1;
  private probeRttRoundDone = false;
  private priorCwndBytes = 0;
  private packetConservation = false;
  private conservationEndRound = 0;
  /** time spent per mode, ns (for tests and the lab) */
  readonly nsIn: Record<BbrMode, number> = { startup: 0, drain: 0, probe_bw: 0, probe_rtt: 0 };
  private lastNs = 0;
  private readonly wirePerPayload: number;
  private readonly initialCwndBytes: number;

  constructor(
    private readonly mss: number,
    headerBytes: number,
    initialWindowSegments: number,
    private readonly random: RandomStream,
  ) {
    this.initialCwndBytes = initialWindowSegments * mss;
    this.cwndBytes = this.initialCwndBytes;
    this.wirePerPayload = (mss + headerBytes) / mss;
    // Before any RTT sample: the initial window over a nominal 1 ms, as Linux does.
    this.pacingRateBps =
      ((this.pacingGain * this.initialCwndBytes * 8) / 1e-3) * this.wirePerPayload;
  }

  /** BtlBw, payload bits per second */
  get btlBwBps(): number {
    return this.btlBwFilter.max;
  }

  /** BtlBw × RTprop, bytes */
  bdpBytes(gain = 1): number {
    if (this.rtPropNs === Infinity || this.btlBwBps === 0) return this.initialCwndBytes;
    return (gain * this.btlBwBps * this.rtPropNs) / 8e9;
  }

  onAck(ev: AckEvent): void {
    this.nsIn[this.mode] += ev.nowNs - this.lastNs;
    this.lastNs = ev.nowNs;
    const rs = ev.rate;
    // Round trips are counted by delivered data: a round ends when a segment sent after the
    // previous round's end is acknowledged.
    this.roundStart = false;
    if (rs !== null && rs.priorDelivered >= this.nextRoundDelivered) {
      this.nextRoundDelivered = ev.deliveredBytes;
      this.roundCount++;
      this.roundStart = true;
    }
    if (rs !== null && (!rs.isAppLimited || rs.deliveryRateBps >= this.btlBwBps))
      this.btlBwFilter.update(this.roundCount, rs.deliveryRateBps);
    else this.btlBwFilter.expire(this.roundCount);
    this.checkCyclePhase(ev);
    this.checkFullPipe(rs?.isAppLimited ?? true);
    this.checkDrain(ev);
    this.updateRtProp(ev);
    this.setPacingRate();
    this.setCwnd(ev);
  }

  onLossDetected(inflightBytes: number): void {
    this.priorCwndBytes = Math.max(this.priorCwndBytes, this.cwndBytes);
    // Packet conservation for one round trip: send one segment per segment delivered.
    this.cwndBytes = Math.max(inflightBytes + this.mss, MIN_CWND_SEGS * this.mss);
    this.packetConservation = true;
    this.conservationEndRound = this.roundCount + 1;
  }

  onRecoveryExit(): void {
    this.cwndBytes = Math.max(this.cwndBytes, this.priorCwndBytes);
    this.priorCwndBytes = 0;
    this.packetConservation = false;
  }

  onRto(): void {
    this.priorCwndBytes = Math.max(this.priorCwndBytes, this.cwndBytes);
    this.cwndBytes = this.mss;
    this.packetConservation = false;
  }

  private enterProbeBw(nowNs: number): void {
    this.mode = 'probe_bw';
    this.cwndGain = CWND_GAIN;
    // Start at a random phase other than the draining one (Linux: never 0.75 first).
    this.cycleIndex =
      (BBR_GAIN_CYCLE.length - this.random.int(0, BBR_GAIN_CYCLE.length - 2)) %
      BBR_GAIN_CYCLE.length;
    this.cycleStampNs = nowNs;
    this.pacingGain = BBR_GAIN_CYCLE[this.cycleIndex];
  }

  private checkCyclePhase(ev: AckEvent): void {
    if (this.mode !== 'probe_bw') return;
    const fullLength = ev.nowNs - this.cycleStampNs > this.rtPropNs;
    const g = this.pacingGain;
    let advance: boolean;
    // Probing lasts until the extra data is in flight; draining ends early once it is gone.
    if (g > 1) advance = fullLength && ev.inflightBytes >= this.bdpBytes(g);
    else if (g < 1) advance = fullLength || ev.inflightBytes <= this.bdpBytes(1);
    else advance = fullLength;
    if (!advance) return;
    this.cycleIndex = (this.cycleIndex + 1) % BBR_GAIN_CYCLE.length;
    this.cycleStampNs = ev.nowNs;
    this.pacingGain = BBR_GAIN_CYCLE[this.cycleIndex];
  }

  private checkFullPipe(appLimited: boolean): void {
    if (this.filledPipe || !this.roundStart || appLimited) return;
    if (this.btlBwBps >= this.fullBw * FULL_BW_GROWTH) {
      this.fullBw = this.btlBwBps;
      this.fullBwCount = 0;
      return;
    }
    if (++this.fullBwCount >= FULL_BW_ROUNDS) this.filledPipe = true;
  }

  private checkDrain(ev: AckEvent): void {
    if (this.mode === 'startup' && this.filledPipe) {
      this.mode = 'drain';
      this.pacingGain = 1 / BBR_HIGH_GAIN;
      this.cwndGain = BBR_HIGH_GAIN;
    }
    if (this.mode === 'drain' && ev.inflightBytes <= this.bdpBytes(1)) this.enterProbeBw(ev.nowNs);
  }

  private updateRtProp(ev: AckEvent): void {
    const now = ev.nowNs;
    const expired = now > this.rtPropStampNs + RTPROP_WINDOW_NS;
    const rtt = ev.rate?.rttNs ?? -1;
    // Strictly lower, as Linux: an equal sample does not postpone PROBE_RTT (the draft's ≤
    // would, forever, on a path as steady as a simulated one).
    if (rtt >= 0 && (rtt < this.rtPropNs || expired)) {
      this.rtPropNs = rtt;
      this.rtPropStampNs = now;
    }
    if (this.mode !== 'probe_rtt' && expired) {
      this.mode = 'probe_rtt';
      this.pacingGain = 1;
      this.cwndGain = 1;
      this.priorCwndBytes = Math.max(this.priorCwndBytes, this.cwndBytes);
      this.probeRttDoneNs = -1;
    }
    if (this.mode !== 'probe_rtt') return;
    if (this.probeRttDoneNs < 0 && ev.inflightBytes <= MIN_CWND_SEGS * this.mss) {
      this.probeRttDoneNs = now + PROBE_RTT_NS;
      this.probeRttRoundDone = false;
      this.nextRoundDelivered = ev.deliveredBytes;
    } else if (this.probeRttDoneNs >= 0) {
      if (this.roundStart) this.probeRttRoundDone = true;
      if (this.probeRttRoundDone && now >= this.probeRttDoneNs) {
        this.rtPropStampNs = now;
        this.cwndBytes = Math.max(this.cwndBytes, this.priorCwndBytes);
        this.priorCwndBytes = 0;
        if (this.filledPipe) this.enterProbeBw(now);
        else {
          this.mode = 'startup';
          this.pacingGain = BBR_HIGH_GAIN;
          this.cwndGain = BBR_HIGH_GAIN;
        }
      }
    }
  }

  private setPacingRate(): void {
    if (this.btlBwBps === 0) return;
    const rate = this.pacingGain * this.btlBwBps * this.wirePerPayload;
    // In STARTUP the rate only rises: one low sample must not slow the doubling.
    if (this.filledPipe || rate > this.pacingRateBps) this.pacingRateBps = rate;
  }

  private setCwnd(ev: AckEvent): void {
    const mss = this.mss;
    if (this.packetConservation && this.roundCount >= this.conservationEndRound)
      this.packetConservation = false;
    const target = this.bdpBytes(this.cwndGain) + QUANTA_SEGS * mss;
    if (ev.inRecovery && this.packetConservation)
      this.cwndBytes = Math.max(this.cwndBytes, ev.inflightBytes + ev.ackedBytes);
    else if (this.filledPipe) this.cwndBytes = Math.min(this.cwndBytes + ev.ackedBytes, target);
    else if (this.cwndBytes < target || ev.deliveredBytes < this.initialCwndBytes)
      this.cwndBytes += ev.ackedBytes;
    this.cwndBytes = Math.max(this.cwndBytes, MIN_CWND_SEGS * mss);
    if (this.mode === 'probe_rtt') this.cwndBytes = Math.min(this.cwndBytes, MIN_CWND_SEGS * mss);
  }
}
