// Virtual time for the operations playground. Every event of the simulation is a
// timer on this clock: the next request arriving, a request finishing, a scrape,
// the alert engine's group timers, the notifier's escalations. Moving the clock
// runs those timers in time order, so an hour of traffic takes as long as the
// CPU needs, pausing is simply not moving it, and the same seed replays the same
// hour. It has the shape both the alert engine and the notifier take as `clock`.

interface Timer {
  at: number;
  /** Tie-break: timers due at the same instant run in the order they were set. */
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

export class VirtualClock {
  private time: number;
  private seq = 0;
  /** A binary min-heap on (at, seq). Cancelled timers stay until they reach the top. */
  private readonly heap: Timer[] = [];

  /** `start`: what now() says before any time passes, in milliseconds (the page uses the epoch). */
  constructor(readonly start = 0) {
    this.time = start;
  }

  now = (): number => this.time;

  /** Milliseconds of virtual time since the clock started. */
  elapsed(): number {
    return this.time - this.start;
  }

  setTimeout = (fn: () => void, ms: number): unknown => {
    const timer: Timer = { at: this.time + Math.max(0, ms || 0), seq: this.seq++, fn, cancelled: false };
    this.push(timer);
    return timer;
  };

  clearTimeout = (id: unknown): void => {
    if (id && typeof id === 'object' && 'cancelled' in id) (id as Timer).cancelled = true;
  };

  /**
   * Runs every timer due up to `time`, in order, then stops the clock at `time`.
   * `stop` is asked after each timer: when it says yes, the clock stays at that
   * timer's instant and the rest wait (the session uses it when learner code throws).
   */
  advanceTo(time: number, stop: () => boolean = () => false): void {
    for (;;) {
      const next = this.heap[0];
      if (!next || next.at > time) break;
      this.pop();
      if (next.cancelled) continue;
      this.time = next.at;
      next.fn();
      if (stop()) return;
    }
    if (time > this.time) this.time = time;
  }

  // ---- heap ----

  private push(timer: Timer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent])) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = timer;
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
      if (!before(heap[child], last)) break;
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = last;
  }
}

const before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);
