/**
 * The largest value seen over a sliding window (of round trips, for BBR's BtlBw): a deque of
 * samples with falling values, so the maximum is always at its front and each sample enters and
 * leaves once. Exact where Linux's minmax keeps three estimates.
 */
export class WindowedMax {
  private readonly at: number[] = [];
  private readonly value: number[] = [];

  constructor(private readonly window: number) {}

  update(t: number, v: number): void {
    while (this.value.length > 0 && this.value[this.value.length - 1] <= v) {
      this.value.pop();
      this.at.pop();
    }
    this.at.push(t);
    this.value.push(v);
    this.expire(t);
  }

  /** Drops samples older than the window as of `t`. */
  expire(t: number): void {
    while (this.at.length > 1 && this.at[0] <= t - this.window) {
      this.at.shift();
      this.value.shift();
    }
  }

  get max(): number {
    return this.value.length > 0 ? this.value[0] : 0;
  }
}
