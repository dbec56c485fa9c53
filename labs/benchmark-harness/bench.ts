// A small benchmark harness: time a function fairly, summarize what was seen,
// and tell a real slowdown apart from noise.
//
// Replace every `throw new Error('not implemented: …')` with a real body.
// `formatReport` and `normalCdf` at the bottom are given: they are not the point.

/** Milliseconds, like `performance.now()`. Injected so tests can use a coarse or virtual clock. */
export type Clock = () => number;

const defaultClock: Clock = () => performance.now();

/** What a set of samples says, in the samples' own unit. */
export interface Summary {
  n: number;
  mean: number;
  /** The middle sample; for even n, the mean of the two middle samples. */
  median: number;
  /** Nearest-rank percentiles: always a sample that was actually observed. */
  p95: number;
  p99: number;
  min: number;
  max: number;
  /** Sample standard deviation (divides by n − 1); 0 for a single sample. */
  stddev: number;
  /** Samples beyond Tukey's fences (Q1 − 1.5·IQR, Q3 + 1.5·IQR), with Q1 and Q3 as nearest-rank p25 and p75. Counted, never dropped. */
  outliers: number;
}

/**
 * Nearest-rank percentile of samples sorted ascending: the smallest sample with
 * at least p% of all samples at or below it, i.e. sorted[ceil(p·n/100) − 1]
 * (rank at least 1, so p = 0 gives the minimum).
 *
 * Not `sorted[Math.floor(n * p / 100)]`: that index is one too high whenever n·p/100
 * is a whole number ([1..100] would give p95 = 96 and p99 = 100).
 *
 * @throws RangeError for no samples, or p outside [0, 100].
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  throw new Error('not implemented: percentile');
}

/**
 * Summarizes samples (any unit). Sorts a copy: the caller's array is never changed.
 * @throws RangeError for an empty array.
 */
export function summarize(samples: readonly number[]): Summary {
  throw new Error('not implemented: summarize');
}

export interface MeasureOptions {
  /** How many samples to keep (default 30). */
  samples?: number;
  /** Calls made before anything is timed, so the JIT and caches settle (default 10, at least 1). */
  warmup?: number;
  /** Each sample runs enough calls to last at least this long (default 10 ms: 100× a coarse 100 µs browser clock). */
  minSampleMs?: number;
  clock?: Clock;
}

export interface Measurement {
  /** Calls timed together in one sample. */
  batch: number;
  /** Nanoseconds per call, one number per sample, in the order they were taken. */
  samples: number[];
  summary: Summary;
}

/**
 * Times `fn`, which may be sync or return a promise (then each call is awaited
 * before the next starts).
 *
 * 1. Warm-up: the first `max(1, warmup)` calls are never timed. The first call
 *    also tells you whether fn is async.
 * 2. Batch size: start at 1 and double until one batch of calls lasts at least
 *    `minSampleMs` on `clock`. A clock too coarse to see one call sees many.
 * 3. Samples: `samples` batches, each reported as (batch time ÷ batch) in nanoseconds.
 *
 * Every sample is kept, slow ones included.
 */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  throw new Error('not implemented: measure');
}

/**
 * Records how long each call of a wrapped function takes, as a measuring decorator
 * would. Every call counts, including calls that throw; an async call lasts until
 * its promise settles.
 */
export class Recorder {
  constructor(private readonly clock: Clock = defaultClock) {}

  /**
   * A function that behaves exactly like `fn` (same arguments, `this`, result or
   * error) and records each call's duration under `name`.
   */
  wrap<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
    throw new Error('not implemented: wrap');
  }

  /** Adds one duration (ms) under `name`. */
  record(name: string, ms: number): void {
    throw new Error('not implemented: record');
  }

  /** The report as data: one Summary (milliseconds) per name, in first-recorded order. */
  report(): Record<string, Summary> {
    throw new Error('not implemented: report');
  }
}

export interface CompareOptions {
  /** Significance level of each one-sided test (default 0.01). */
  alpha?: number;
  /** Smallest change worth reporting, as a fraction of the baseline median (default 0.05 = 5%). */
  minEffect?: number;
}

export interface Comparison {
  /** median(candidate) ÷ median(baseline); above 1 means the candidate is slower. */
  ratio: number;
  /** One-sided p-value for "candidate samples tend to be larger (slower)". */
  pSlower: number;
  /** One-sided p-value for "candidate samples tend to be smaller (faster)". */
  pFaster: number;
  verdict: 'slower' | 'faster' | 'same';
}

/**
 * Compares two sets of timings (same unit; lower is faster). The verdict is
 * 'slower' only when pSlower < alpha AND ratio ≥ 1 + minEffect; 'faster' only when
 * pFaster < alpha AND ratio ≤ 1 / (1 + minEffect); otherwise 'same'.
 *
 * Use a test that ranks samples (Mann–Whitney U with the normal approximation and
 * a tie correction), not a threshold on the mean ratio: one GC pause moves a mean
 * a long way and a rank hardly at all. When every sample is equal there is no
 * evidence either way: both p-values are 1.
 *
 * @throws RangeError when either side has no samples.
 */
export function compare(baseline: readonly number[], candidate: readonly number[], options: CompareOptions = {}): Comparison {
  throw new Error('not implemented: compare');
}

// ---- A baseline: measure before optimizing, check every later run against it ----

/** Timings saved before optimizing: benchmark name → its samples (ns per call), exactly as measured. */
export interface Baseline {
  version: 1;
  benchmarks: Record<string, number[]>;
}

/** How one benchmark did against the baseline. 'new': not in the baseline; 'missing': no longer measured. */
export interface BaselineCheck {
  name: string;
  status: 'slower' | 'faster' | 'same' | 'new' | 'missing';
  /** Present when the benchmark was measured on both sides. */
  comparison?: Comparison;
}

/**
 * The baseline as JSON text, `{ "version": 1, "benchmarks": { name: [samples…] } }`, to keep
 * next to the code. Takes measure() results (their `samples`) or plain sample arrays.
 * @throws TypeError naming the benchmark when its samples are empty, or not finite numbers ≥ 0.
 */
export function saveBaseline(results: Record<string, Measurement | readonly number[]>): string {
  throw new Error('not implemented: saveBaseline');
}

/**
 * Reads a saved baseline back, every sample exactly as saved.
 * @throws an Error that says what is wrong: text that is not JSON, a version other than 1,
 * no "benchmarks" object, or a benchmark (named in the message) whose samples are empty
 * or not finite numbers ≥ 0.
 */
export function loadBaseline(text: string): Baseline {
  throw new Error('not implemented: loadBaseline');
}

/**
 * One entry per benchmark found on either side, sorted by name: measured on both sides,
 * its status is compare(baseline samples, current samples, options).verdict and the
 * comparison comes with it; only in `current`, 'new'; only in the baseline, 'missing'.
 */
export function checkBaseline(baseline: Baseline, current: Record<string, Measurement | readonly number[]>, options: CompareOptions = {}): BaselineCheck[] {
  throw new Error('not implemented: checkBaseline');
}

// ---- Given ----

/** The report as text: a header and one aligned row per name. */
export function formatReport(report: Record<string, Summary>, unit = 'ms'): string {
  const columns = ['n', 'mean', 'median', 'p95', 'p99', 'min', 'max', 'outliers'] as const;
  const cell = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(4));
  const rows = Object.entries(report).map(([name, s]) => [name, ...columns.map((c) => cell(s[c]))]);
  const header = [`name (${unit})`, ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [header, ...rows].map(line).join('\n');
}

/** Standard normal CDF, P(Z ≤ z), via the Abramowitz–Stegun 7.1.26 erf approximation (error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
