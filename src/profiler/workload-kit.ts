// What a workload (lab.json "workload", src/profiler/workload.ts) may import besides
// `@grader-kit`, as `@workload-kit`: a clock that moves only when the workload moves it,
// and a way to drive async work on it. Timers sit in a binary heap, so a workload with
// thousands of pending timeouts spends its time in the lab's code, not in the clock
// (the grader kit's FakeClock scans and re-sorts on every step, fine for a test's dozen
// timers, not for a profile's thousands). Runs in Node and in the browser worker alike.

interface Timer { id: number; at: number; fn: () => void; cancelled: boolean }

/** A clock for the labs' `Clock` seams: `now()`, `setTimeout`, `clearTimeout`, moved by hand. */
export class ManualClock {
  private t: number;
  private nextId = 1;
  private readonly heap: Timer[] = [];
  private readonly live = new Map<number, Timer>();

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms = 0): number => {
    const timer: Timer = { id: this.nextId++, at: this.t + Math.max(0, ms || 0), fn, cancelled: false };
    this.live.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  };

  clearTimeout = (id: unknown): void => {
    const timer = this.live.get(id as number);
    if (!timer) return;
    timer.cancelled = true;
    this.live.delete(timer.id);
  };

  /** Timers set and not yet fired or cleared. */
  get pending(): number {
    return this.live.size;
  }

  /** Moves time to the earliest pending timer and fires it; false when there is none. */
  fireNext(): boolean {
    const timer = this.popLive();
    if (!timer) return false;
    this.t = Math.max(this.t, timer.at);
    timer.fn();
    return true;
  }

  /** Moves time forward by `ms`, firing the timers that fall due, in order. */
  advance(ms: number): void {
    const end = this.t + ms;
    for (let next = this.peekLive(); next && next.at <= end; next = this.peekLive()) this.fireNext();
    this.t = end;
  }

  private peekLive(): Timer | undefined {
    while (this.heap.length && this.heap[0].cancelled) this.pop();
    return this.heap[0];
  }

  private popLive(): Timer | undefined {
    if (!this.peekLive()) return undefined;
    const timer = this.pop();
    this.live.delete(timer.id);
    return timer;
  }

  // A binary min-heap on (at, id): equal times fire in the order they were set.
  private before = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.id < b.id);

  private push(timer: Timer): void {
    const h = this.heap;
    h.push(timer);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  private pop(): Timer {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.before(h[l], h[m])) m = l;
        if (r < h.length && this.before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Lets pending promise callbacks run: `rounds` turns of the microtask queue. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) await null;
}

/**
 * Resolves once every promise callback queued so far has run (and those they queue):
 * on the next macrotask, `setImmediate` in Node, a MessageChannel message in a browser.
 */
export function drained(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    waiting.push(resolve);
    if (waiting.length === 1) (channel ??= openChannel()).port2.postMessage(0);
  });
}

let channel: MessageChannel | undefined;
const waiting: (() => void)[] = [];
function openChannel(): MessageChannel {
  const c = new MessageChannel();
  c.port1.onmessage = () => { for (const resolve of waiting.splice(0)) resolve(); };
  return c;
}

/**
 * Awaits `work` while driving `clock`: lets everything that can run, run, and only then
 * moves time to the next timer, so no timeout fires while the work it guards is still
 * finishing. Throws if the work waits for something no timer will bring.
 */
export async function runOnClock<T>(clock: ManualClock, work: Promise<T>): Promise<T> {
  let finished = false;
  const done = work.finally(() => { finished = true; });
  done.catch(() => {}); // handled by the caller, through the return below
  while (!finished) {
    await drained();
    if (!finished && !clock.fireNext()) {
      await drained();
      if (!finished) throw new Error('the work is waiting for something that no timer will bring: a promise that never settles?');
    }
  }
  return done;
}
