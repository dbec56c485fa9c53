// What grader files import as `@grader-kit`: fair timing, seeded workloads and
// an injected clock. Runs unchanged in Node, in the browser worker and in WebContainer,
// so it touches no Node API.
import type { Test } from '@vitest/runner';
import type { PerfResult } from '../core/report';
import { seededRandom } from '../core/random';
import { formatNumber } from '../i18n/text';

// Captured at load, before any learner module runs, so a learner who patches
// `performance.now` cannot change what the graders measure.
const now: () => number = performance.now.bind(performance);

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) throw new RangeError('median of no samples');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export interface TimingOptions {
  /** Minimum wall time per sample; long enough that coarse browser clocks (100 µs) do not matter. */
  sampleMs?: number;
  /** Operations between two clock reads. */
  batch?: number;
}

/**
 * Nanoseconds per call of `op(i)`, time-boxed: calls `op` in batches until at least
 * `sampleMs` have passed. `i` counts up across calls so workloads can cycle through keys.
 */
export function nsPerOp(op: (i: number) => unknown, { sampleMs = 40, batch = 1000 }: TimingOptions = {}): number {
  let calls = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let j = 0; j < batch; j++) op(calls + j);
    calls += batch;
    elapsed = now() - start;
  } while (elapsed < sampleMs);
  return (elapsed * 1e6) / calls;
}

/** Async variant of nsPerOp: awaits each call. */
export async function nsPerOpAsync(op: (i: number) => Promise<unknown> | unknown, { sampleMs = 40, batch = 200 }: TimingOptions = {}): Promise<number> {
  let calls = 0;
  const start = now();
  let elapsed = 0;
  do {
    for (let j = 0; j < batch; j++) await op(calls + j);
    calls += batch;
    elapsed = now() - start;
  } while (elapsed < sampleMs);
  return (elapsed * 1e6) / calls;
}

/** Wall time of one call, in milliseconds. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/**
 * Measures two workloads interleaved A,B,A,B… and returns the median of the
 * per-pair ratios a/b. Interleaving cancels drift (CPU boost, other load) that
 * sequential sampling would turn into a false verdict.
 */
export async function interleavedRatio(
  a: () => number | Promise<number>,
  b: () => number | Promise<number>,
  pairs = 5,
): Promise<{ ratio: number; samples: number[]; a: number[]; b: number[] }> {
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < pairs; i++) {
    const x = await a();
    const y = await b();
    as.push(x);
    bs.push(y);
    ratios.push(x / y);
  }
  return { ratio: median(ratios), samples: ratios, a: as, b: bs };
}

/** A failed latency target. Its message says what was measured against what. */
export class PerfTargetError extends Error {
  name = 'AssertionError';
  constructor(readonly perf: PerfResult) {
    const cmp = perf.direction === 'max' ? '≤' : '≥';
    super(`${perf.metric}: measured ${formatNumber(perf.observed)} ${perf.unit}, target ${cmp} ${formatNumber(perf.target)} ${perf.unit}`);
  }
}


/**
 * Records a latency target on the test (the report shows it beside the result)
 * and fails the test when it is missed.
 */
export function expectPerf(test: Test, perf: Omit<PerfResult, 'samples'> & { samples?: number[] }): void {
  const result: PerfResult = { ...perf, samples: perf.samples ?? [perf.observed] };
  test.meta.perf = result;
  const ok = perf.direction === 'max' ? perf.observed <= perf.target : perf.observed >= perf.target;
  if (!ok || !Number.isFinite(perf.observed)) throw new PerfTargetError(result);
}

export { seededRandom };

/**
 * Zipf-distributed integers in [0, n): rank 0 is the most popular. Skewed
 * traffic like this is what real caches see.
 */
export function zipf(n: number, s = 0.99, random = seededRandom()): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) cdf[k] = total += 1 / Math.pow(k + 1, s);
  for (let k = 0; k < n; k++) cdf[k] /= total;
  return () => {
    const u = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Lets pending promise callbacks run (several rounds, for chained awaits). */
export async function flushMicrotasks(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await Promise.resolve();
}

interface Timer { id: number; at: number; fn: () => void; every?: number }

/**
 * A clock the test moves by hand: `now()`, `setTimeout`, `setInterval` and their
 * clears, with no real waiting. Labs take it wherever they need time, so TTLs,
 * timeouts, backoff and escalation are graded exactly and instantly.
 */
export class FakeClock {
  private t: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = 0) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms = 0): number => this.add(fn, ms);
  setInterval = (fn: () => void, ms: number): number => this.add(fn, ms, Math.max(1, ms));
  clearTimeout = (id: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== id);
  };
  clearInterval = this.clearTimeout;

  /** Timers not yet fired. A closed resource should leave none. */
  get pending(): number {
    return this.timers.length;
  }

  /** Moves time forward by `ms`, firing due timers in order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    await flushMicrotasks();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.t = Math.max(this.t, due.at);
      if (due.every) due.at += due.every;
      else this.clearTimeout(due.id);
      due.fn();
      await flushMicrotasks();
    }
    this.t = end;
    await flushMicrotasks();
  }

  private add(fn: () => void, ms: number, every?: number): number {
    const id = this.nextId++;
    this.timers.push({ id, at: this.t + Math.max(0, ms), fn, every });
    return id;
  }
}
