// A first-in, first-out queue on a ring buffer, shared by the demos that queue work
// (pool waiters, jobs waiting for a worker). Every operation is O(1): unlike
// `Array#shift`, which V8 turns O(n) once an array holds more than about 16k elements.

export class Deque<T> {
  private slots: (T | undefined)[] = new Array(16);
  private head = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Adds at the back. */
  push(item: T): void {
    if (this.count === this.slots.length) this.grow();
    this.slots[(this.head + this.count) & (this.slots.length - 1)] = item;
    this.count++;
  }

  /** Removes from the front: the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.slots[this.head];
    this.slots[this.head] = undefined; // let the GC have it
    this.head = (this.head + 1) & (this.slots.length - 1);
    this.count--;
    return item;
  }

  /** Removes from the back: the newest item. */
  pop(): T | undefined {
    if (this.count === 0) return undefined;
    const index = (this.head + this.count - 1) & (this.slots.length - 1);
    const item = this.slots[index];
    this.slots[index] = undefined;
    this.count--;
    return item;
  }

  peekFront(): T | undefined {
    return this.count === 0 ? undefined : this.slots[this.head];
  }

  /** Front to back, without removing anything. */
  *[Symbol.iterator](): IterableIterator<T> {
    for (let i = 0; i < this.count; i++) yield this.slots[(this.head + i) & (this.slots.length - 1)]!;
  }

  private grow(): void {
    // The capacity stays a power of two, so `& (length - 1)` is the modulo.
    const bigger: (T | undefined)[] = new Array(this.slots.length * 2);
    for (let i = 0; i < this.count; i++) bigger[i] = this.slots[(this.head + i) & (this.slots.length - 1)];
    this.slots = bigger;
    this.head = 0;
  }
}
