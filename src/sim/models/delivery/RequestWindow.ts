/**
 * A client group's requests still outstanding, by request number. Numbers are handed out in
 * increasing order and a request ends within its timeouts, so the live ones lie in a window of
 * numbers: a ring indexed by number holds them. A Map did the same with a hash, a bucket and an
 * entry to reach on every request issued, answered and ended (35,000 a simulated second at the
 * 2009 scale), and rehashed as its deleted entries piled up.
 */
export class RequestWindow<T> {
  private ring: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  private mask = 15;
  /** no live request is numbered below this */
  private oldest = 0;
  /** every request added is numbered below this */
  private end = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  get(id: number): T | undefined {
    return id >= this.oldest && id < this.end ? this.ring[id & this.mask] : undefined;
  }

  /** Adds a request numbered above every one added before. */
  add(id: number, value: T): void {
    if (!(id >= this.end && Number.isInteger(id)))
      throw new Error(`request ${id} is not numbered after ${this.end - 1}`);
    if (this.live === 0) this.oldest = id;
    while (id - this.oldest > this.mask) this.grow();
    this.ring[id & this.mask] = value;
    this.end = id + 1;
    this.live++;
  }

  /** Ends a request; false if it was not outstanding. */
  delete(id: number): boolean {
    if (this.get(id) === undefined) return false;
    this.ring[id & this.mask] = undefined;
    this.live--;
    while (this.oldest < this.end && this.ring[this.oldest & this.mask] === undefined)
      this.oldest++;
    return true;
  }

  *values(): IterableIterator<T> {
    for (let id = this.oldest; id < this.end; id++) {
      const v = this.ring[id & this.mask];
      if (v !== undefined) yield v;
    }
  }

  private grow(): void {
    const ring = new Array<T | undefined>(this.ring.length * 2).fill(undefined);
    const mask = ring.length - 1;
    for (let id = this.oldest; id < this.end; id++) ring[id & mask] = this.ring[id & this.mask];
    this.ring = ring;
    this.mask = mask;
  }
}
