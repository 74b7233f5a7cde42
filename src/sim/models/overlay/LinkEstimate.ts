/**
 * What one member knows of its virtual link to another, from its own probes (RON §4): the
 * round-trip time smoothed by an exponentially weighted moving average, the loss rate over the
 * last `window` probes, and whether the link is deemed down (that many probes lost in a row).
 */
export class LinkEstimate {
  /** smoothed round-trip time, ns; NaN until a probe has come back */
  rttNs = NaN;
  consecutiveLost = 0;
  down = false;
  private readonly window: Uint8Array;
  private filled = 0;
  private next = 0;
  private lostInWindow = 0;

  constructor(windowSize: number) {
    this.window = new Uint8Array(windowSize);
  }

  /** A probe came back after `sampleNs`; `alpha` is the weight of the old estimate. */
  answered(sampleNs: number, alpha: number): void {
    this.rttNs = Number.isNaN(this.rttNs) ? sampleNs : alpha * this.rttNs + (1 - alpha) * sampleNs;
    this.push(0);
    this.consecutiveLost = 0;
    this.down = false;
  }

  /** A probe was lost; `downAfter` losses in a row and the link is deemed down. */
  lost(downAfter: number): void {
    this.push(1);
    this.consecutiveLost++;
    if (this.consecutiveLost >= downAfter) this.down = true;
  }

  /** The share of the window's probes lost (0 before any probe). */
  get loss(): number {
    return this.filled === 0 ? 0 : this.lostInWindow / this.filled;
  }

  /** Usable for routing: measured at least once and not deemed down. */
  get usable(): boolean {
    return !this.down && !Number.isNaN(this.rttNs);
  }

  private push(lost: 0 | 1): void {
    if (this.filled === this.window.length) this.lostInWindow -= this.window[this.next];
    else this.filled++;
    this.window[this.next] = lost;
    this.lostInWindow += lost;
    this.next = (this.next + 1) % this.window.length;
  }
}
