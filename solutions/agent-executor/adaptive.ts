// Adaptive concurrency with AIMD (additive increase, multiplicative decrease), the
// rule TCP uses for its congestion window: probe upward slowly while latency is
// good, back off fast when it is not.
import { realClock, type Clock } from './clock';

export interface AdaptiveOptions {
  /** Completions at or under this latency are good; slower ones signal congestion. */
  targetLatencyMs: number;
  /** The limit never rises above this. */
  max: number;
  /** The limit never falls below this (default 1). */
  min?: number;
  /** Starting limit (default `min`). */
  initial?: number;
  /** The limit is multiplied by this on congestion (default 0.7). */
  decrease?: number;
  clock?: Clock;
}

export class AdaptiveLimiter {
  private window: number;
  private active = 0;
  // A FIFO of waiting callers; `head` moves instead of Array#shift, which is O(n) on long V8 arrays.
  private waiting: Array<(() => void) | undefined> = [];
  private head = 0;
  // Bumped on every decrease: one congestion event, seen by many slow tasks, cuts the limit once.
  private epoch = 0;
  private readonly min: number;
  private readonly max: number;
  private readonly decrease: number;
  private readonly clock: Clock;

  constructor(private readonly options: AdaptiveOptions) {
    this.min = options.min ?? 1;
    this.max = options.max;
    this.decrease = options.decrease ?? 0.7;
    if (!(Number.isInteger(this.min) && this.min >= 1 && this.max >= this.min)) {
      throw new RangeError(`need 1 ≤ min ≤ max, got min ${this.min}, max ${this.max}`);
    }
    if (!(this.decrease > 0 && this.decrease < 1)) throw new RangeError(`decrease must be in (0, 1), got ${this.decrease}`);
    this.window = Math.min(this.max, Math.max(this.min, options.initial ?? this.min));
    this.clock = options.clock ?? realClock;
  }

  /** Tasks allowed in flight right now. */
  get limit(): number {
    return Math.floor(this.window);
  }

  get inFlight(): number {
    return this.active;
  }

  /** Runs `task` once a slot is free, and lets its latency steer the limit. */
  async run<T>(task: () => Promise<T> | T): Promise<T> {
    if (this.active < this.limit) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve)); // the releaser hands its slot over
    const epoch = this.epoch;
    const start = this.clock.now();
    try {
      return await task();
    } finally {
      this.adjust(this.clock.now() - start, epoch);
      this.release();
    }
  }

  private adjust(latencyMs: number, startedInEpoch: number): void {
    if (latencyMs <= this.options.targetLatencyMs) {
      // +1/window per good completion: about +1 per window's worth of completions.
      this.window = Math.min(this.max, this.window + 1 / this.window);
    } else if (startedInEpoch === this.epoch) {
      this.window = Math.max(this.min, this.window * this.decrease);
      this.epoch++;
    }
  }

  private release(): void {
    this.active--;
    while (this.active < this.limit && this.head < this.waiting.length) {
      this.active++;
      const wake = this.waiting[this.head]!;
      this.waiting[this.head++] = undefined; // let the closure be collected
      wake();
    }
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
  }
}
