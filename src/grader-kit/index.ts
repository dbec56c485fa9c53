// What grader files import as `@grader-kit`: fair timing, seeded workloads and
// an injected clock. Runs unchanged in Node, in the browser worker and in WebContainer,
// so it touches no Node API.
import type { Test } from '@vitest/runner';
import type { PerfResult } from '../core/report';
import { seededRandom } from '../core/random';
import { formatNumber } from '../i18n/text';

// Captured at load, before any learner module runs, so a learner who patches
// `performance.now` or `process.cpuUsage` cannot change what the graders measure.
const now: () => number = performance.now.bind(performance);
const cpuUsage = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process?.cpuUsage;
const cpuNow: (() => number) | undefined = typeof cpuUsage === 'function'
  ? () => { const u = cpuUsage(); return (u.user + u.system) / 1000; }
  : undefined;

/**
 * The clock timing samples read, in milliseconds. Where the runtime reports the CPU time of
 * this process (Node, the CLI), it is that: time spent descheduled while other processes
 * use the cores does not count, so a busy CI runner judges like an idle laptop. Elsewhere
 * (a browser tab, the learner's own machine) it is wall time. Checked once, on first use:
 * a CPU clock that does not advance while this process spins, or moves in steps coarser
 * than 1 ms, is not used.
 */
export const workClock = {
  now: (): number => (workClockKind() === 'cpu' ? cpuNow!() : now()),
  kind: (): 'cpu' | 'wall' => workClockKind(),
};

let detectedKind: 'cpu' | 'wall' | undefined;
function workClockKind(): 'cpu' | 'wall' {
  if (detectedKind) return detectedKind;
  detectedKind = 'wall';
  if (!cpuNow) return detectedKind;
  // Spin until the CPU clock has moved a few times, noting its smallest step. On a busy
  // machine this process may wait a while for a core, so allow up to 500 ms of wall time
  // (an idle one needs microseconds).
  const wallStart = now();
  let last = cpuNow();
  let steps = 0;
  let step = Infinity;
  while (steps < 5 && now() - wallStart < 500) {
    const c = cpuNow();
    if (c !== last) {
      step = Math.min(step, c - last);
      last = c;
      steps++;
    }
  }
  if (steps === 5 && step <= 1) detectedKind = 'cpu';
  return detectedKind;
}

/** A sample may take this many times its `sampleMs` of wall time on a busy machine, then it ends with what it has. */
const WALL_CAP = 4;

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) throw new RangeError('median of no samples');
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

export interface TimingOptions {
  /** Minimum time per sample (on workClock); long enough that coarse browser clocks (100 µs) do not matter. */
  sampleMs?: number;
  /** Operations between two clock reads. */
  batch?: number;
}

/**
 * Nanoseconds per call of `op(i)` on workClock, time-boxed: calls `op` in batches until at
 * least `sampleMs` have passed (or WALL_CAP × sampleMs of wall time on a busy machine).
 * `i` counts up across calls so workloads can cycle through keys.
 */
export function nsPerOp(op: (i: number) => unknown, { sampleMs = 40, batch = 1000 }: TimingOptions = {}): number {
  let calls = 0;
  const wallStart = now();
  const start = workClock.now();
  let elapsed = 0;
  do {
    for (let j = 0; j < batch; j++) op(calls + j);
    calls += batch;
    elapsed = workClock.now() - start;
  } while (elapsed < sampleMs && now() - wallStart < WALL_CAP * sampleMs);
  return (elapsed * 1e6) / calls;
}

/** Async variant of nsPerOp: awaits each call. */
export async function nsPerOpAsync(op: (i: number) => Promise<unknown> | unknown, { sampleMs = 40, batch = 200 }: TimingOptions = {}): Promise<number> {
  let calls = 0;
  const wallStart = now();
  const start = workClock.now();
  let elapsed = 0;
  do {
    for (let j = 0; j < batch; j++) await op(calls + j);
    calls += batch;
    elapsed = workClock.now() - start;
  } while (elapsed < sampleMs && now() - wallStart < WALL_CAP * sampleMs);
  return (elapsed * 1e6) / calls;
}

/** Wall time of one call, in milliseconds. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const start = now();
  await fn();
  return now() - start;
}

/** Work time (workClock) of one call, in milliseconds: for comparing the cost of two workloads. */
export async function workOnce(fn: () => unknown): Promise<number> {
  const start = workClock.now();
  await fn();
  return workClock.now() - start;
}

/** Pairs interleavedRatio always takes, even when checkPerf could already call the verdict. */
const MIN_PAIRS = 3;

/**
 * Set by checkPerf while it takes its first measurement: says whether the ratios so far are
 * so far inside the target, or so far beyond it, that more pairs could not change the
 * verdict. Then interleavedRatio stops early: a clearly fast solution, or a clearly slow
 * one, is graded in about half the time.
 */
let verdictIsClear: ((ratios: readonly number[]) => boolean) | undefined;

/**
 * Measures two workloads interleaved A,B,A,B… and returns the median of the
 * per-pair ratios a/b. Interleaving cancels drift (CPU boost, other load) that
 * sequential sampling would turn into a false verdict. Inside checkPerf it may stop
 * after MIN_PAIRS pairs when every pair so far clearly meets the target, or clearly misses it.
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
    if (i >= MIN_PAIRS && verdictIsClear?.(ratios)) break;
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
  constructor(readonly perf: PerfResult, rounds = 1) {
    const cmp = perf.direction === 'max' ? '≤' : '≥';
    super(`${perf.metric}: measured ${formatNumber(perf.observed)} ${perf.unit}, target ${cmp} ${formatNumber(perf.target)} ${perf.unit}${rounds > 1 ? ` (median of ${perf.samples.length} samples over ${rounds} measurements)` : ''}`);
  }
}


/**
 * Records a latency target on the test (the report shows it beside the result)
 * and fails the test when it is missed.
 */
export function expectPerf(test: Test, perf: Omit<PerfResult, 'samples'> & { samples?: number[] }, rounds = 1): void {
  const result: PerfResult = { ...perf, samples: perf.samples ?? [perf.observed] };
  test.meta.perf = result;
  if (!meetsTarget(perf)) throw new PerfTargetError(result, rounds);
}

const meetsTarget = (p: Pick<PerfResult, 'observed' | 'target' | 'direction'>) =>
  Number.isFinite(p.observed) && (p.direction === 'max' ? p.observed <= p.target : p.observed >= p.target);

export interface PerfCheck extends Omit<PerfResult, 'observed' | 'samples'> {
  /** One measurement: per-pair samples and their median, as interleavedRatio returns them. */
  measure: () => Promise<{ ratio: number; samples: number[] }>;
  /**
   * Retry on doubt: a miss by less than this factor (observed ≤ target × doubt for a
   * maximum, ≥ target ÷ doubt for a minimum) is measured again, and the verdict goes to
   * the median of all samples so far. A miss by more fails at once. Default 2: every target
   * sits ≥ 3× away from the known-bad implementations, which therefore fail on the first try.
   */
  doubt?: number;
  /** Measurements at most, the first included. Default 3. */
  rounds?: number;
}

/** How far inside its target every early pair must be for checkPerf to stop measuring early. */
const CLEAR_MARGIN = 2;

/**
 * Measures, records and checks a latency target like expectPerf, but a narrow miss is
 * measured again before it counts: on a busy machine one unlucky measurement should
 * not cost a correct solution its points, and a slow one still fails every time.
 */
export async function checkPerf(test: Test, { measure, doubt = 2, rounds = 3, ...perf }: PerfCheck): Promise<void> {
  const samples: number[] = [];
  let round = 0;
  for (;;) {
    round++;
    // First round only: when every pair so far beats the target CLEAR_MARGIN times over, or
    // misses it by more than `doubt` (which fails at once anyway), more pairs cannot change
    // the verdict. Anything in between is measured in full, and again when in doubt.
    if (round === 1) {
      const better = (r: number, factor: number) => (perf.direction === 'max' ? r * factor <= perf.target : r >= perf.target * factor);
      const worse = (r: number, factor: number) => (perf.direction === 'max' ? r > perf.target * factor : r * factor < perf.target);
      verdictIsClear = (ratios) => ratios.every((r) => better(r, CLEAR_MARGIN)) || ratios.every((r) => worse(r, doubt));
    }
    try {
      samples.push(...(await measure()).samples);
    } finally {
      verdictIsClear = undefined;
    }
    const observed = median(samples);
    const inDoubt = perf.direction === 'max' ? observed <= perf.target * doubt : observed >= perf.target / doubt;
    if (meetsTarget({ ...perf, observed }) || !inDoubt || round >= rounds) {
      expectPerf(test, { ...perf, observed, samples }, round);
      return;
    }
  }
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
