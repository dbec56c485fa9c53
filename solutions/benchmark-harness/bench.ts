// A small benchmark harness: time a function fairly, summarize what was seen,
// and tell a real slowdown apart from noise.

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
 * at least p% of all samples at or below it, i.e. sorted[ceil(p·n/100) − 1].
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within [0, 100], got ${p}`);
  // p·n first, then ÷100: for whole p the product is exact, so ceil never sees 95.00000000000001.
  const rank = Math.max(1, Math.ceil((p * n) / 100));
  return sorted[rank - 1];
}

/** Summarizes samples without touching the caller's array. */
export function summarize(samples: readonly number[]): Summary {
  const n = samples.length;
  if (n === 0) throw new RangeError('summarize needs at least one sample');
  // A typed copy sorts numerically by default and leaves the input as it was.
  const sorted = Float64Array.from(samples).sort();

  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (sorted[i] - mean) ** 2;

  const mid = n >> 1;
  const q1 = percentile(sorted, 25);
  const q3 = percentile(sorted, 75);
  const low = q1 - 1.5 * (q3 - q1);
  const high = q3 + 1.5 * (q3 - q1);
  let outliers = 0;
  for (let i = 0; i < n; i++) if (sorted[i] < low || sorted[i] > high) outliers++;

  return {
    n,
    mean,
    median: n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2,
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    min: sorted[0],
    max: sorted[n - 1],
    stddev: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
    outliers,
  };
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

const isThenable = (x: unknown): x is PromiseLike<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as { then?: unknown }).then === 'function';

/**
 * Times `fn` (sync or async). Warm-up calls come first and are never timed. Then the
 * batch doubles until one batch lasts `minSampleMs`, so a clock too coarse to see
 * one call still sees many; each sample is a batch's time divided by its size.
 */
export async function measure(fn: () => unknown, options: MeasureOptions = {}): Promise<Measurement> {
  const { samples: count = 30, warmup = 10, minSampleMs = 10, clock = defaultClock } = options;
  if (!(Number.isInteger(count) && count >= 1)) throw new RangeError(`samples must be a positive integer, got ${count}`);
  if (!(Number.isInteger(warmup) && warmup >= 0)) throw new RangeError(`warmup must be a whole number, got ${warmup}`);
  if (!(minSampleMs > 0)) throw new RangeError(`minSampleMs must be positive, got ${minSampleMs}`);

  // The first warm-up call also tells us whether fn is async.
  const first = fn();
  const isAsync = isThenable(first);
  if (isAsync) await first;

  // Two loops rather than one with `await` inside: awaiting a sync function would time the microtask queue, not fn.
  const runBatch = async (size: number): Promise<number> => {
    const start = clock();
    if (isAsync) for (let i = 0; i < size; i++) await fn();
    else for (let i = 0; i < size; i++) fn();
    return clock() - start;
  };

  if (warmup > 1) await runBatch(warmup - 1);
  let batch = 1;
  while ((await runBatch(batch)) < minSampleMs) {
    batch *= 2;
    if (batch > 2 ** 40) throw new Error('the clock does not advance: cannot size a batch');
  }

  const samples: number[] = [];
  for (let s = 0; s < count; s++) samples.push(((await runBatch(batch)) * 1e6) / batch);
  return { batch, samples, summary: summarize(samples) };
}

/**
 * Records how long each call of a wrapped function takes, as a measuring decorator
 * would: every call counts, including calls that throw, until their promise settles.
 */
export class Recorder {
  private readonly durations = new Map<string, number[]>();

  constructor(private readonly clock: Clock = defaultClock) {}

  wrap<A extends unknown[], R>(name: string, fn: (...args: A) => R): (...args: A) => R {
    const recorder = this;
    return function (this: unknown, ...args: A): R {
      const start = recorder.clock();
      const done = () => recorder.record(name, recorder.clock() - start);
      let result: R;
      try {
        result = fn.apply(this, args);
      } catch (error) {
        done();
        throw error;
      }
      if (!isThenable(result)) {
        done();
        return result;
      }
      return Promise.resolve(result).finally(done) as R;
    };
  }

  /** Adds one duration (ms) under `name`. */
  record(name: string, ms: number): void {
    const list = this.durations.get(name);
    if (list) list.push(ms);
    else this.durations.set(name, [ms]);
  }

  /** The report as data: one Summary (milliseconds) per name, in first-recorded order. */
  report(): Record<string, Summary> {
    const out: Record<string, Summary> = {};
    for (const [name, list] of this.durations) out[name] = summarize(list);
    return out;
  }
}

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

export interface CompareOptions {
  /** Significance level of each one-sided Mann–Whitney U test (default 0.01). */
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
 * Compares two sets of timings. A change is reported only when it is both
 * unlikely to be noise (Mann–Whitney U, which ranks samples and so shrugs off
 * a few huge outliers) and large enough to matter (the median ratio).
 */
export function compare(baseline: readonly number[], candidate: readonly number[], options: CompareOptions = {}): Comparison {
  const { alpha = 0.01, minEffect = 0.05 } = options;
  if (baseline.length === 0 || candidate.length === 0) throw new RangeError('compare needs samples on both sides');
  const ratio = summarize(candidate).median / summarize(baseline).median;
  const { pSlower, pFaster } = mannWhitney(baseline, candidate);
  const verdict =
    pSlower < alpha && ratio >= 1 + minEffect ? 'slower' : pFaster < alpha && ratio <= 1 / (1 + minEffect) ? 'faster' : 'same';
  return { ratio, pSlower, pFaster, verdict };
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

type Results = Record<string, Measurement | readonly number[]>;

/** The baseline as JSON text, to keep next to the code. Takes measure() results or plain sample arrays. */
export function saveBaseline(results: Results): string {
  const benchmarks = Object.fromEntries(Object.entries(results).map(([name, result]) => [name, validSamples(name, samplesOf(result))]));
  return JSON.stringify({ version: 1, benchmarks }, null, 2);
}

/** Reads a saved baseline back. Anything malformed throws an Error that says what and where. */
export function loadBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`the baseline is not JSON: ${(error as Error).message}`);
  }
  const { version, benchmarks } = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (version !== 1) throw new TypeError(`the baseline must have "version": 1, got ${JSON.stringify(version)}`);
  if (typeof benchmarks !== 'object' || benchmarks === null || Array.isArray(benchmarks)) {
    throw new TypeError('the baseline needs "benchmarks": an object of sample arrays');
  }
  // fromEntries defines own properties, so even a benchmark named "__proto__" stays a benchmark.
  return { version: 1, benchmarks: Object.fromEntries(Object.entries(benchmarks).map(([name, samples]) => [name, validSamples(name, samples)])) };
}

/**
 * Compares each benchmark measured now with its baseline (by compare(), with `options`),
 * and lists benchmarks found on one side only as 'new' or 'missing'. Sorted by name.
 */
export function checkBaseline(baseline: Baseline, current: Results, options: CompareOptions = {}): BaselineCheck[] {
  const names = [...new Set([...Object.keys(baseline.benchmarks), ...Object.keys(current)])].sort();
  return names.map((name): BaselineCheck => {
    if (!Object.hasOwn(baseline.benchmarks, name)) return { name, status: 'new' };
    if (!Object.hasOwn(current, name)) return { name, status: 'missing' };
    const comparison = compare(baseline.benchmarks[name], samplesOf(current[name]), options);
    return { name, status: comparison.verdict, comparison };
  });
}

const samplesOf = (result: Measurement | readonly number[]): readonly number[] =>
  Array.isArray(result) ? result : (result as Measurement).samples;

function validSamples(name: string, samples: unknown): number[] {
  const ok = Array.isArray(samples) && samples.length > 0 && samples.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
  if (!ok) throw new TypeError(`benchmark "${name}": samples must be a non-empty array of finite numbers ≥ 0`);
  return [...samples];
}

/** Mann–Whitney U with the normal approximation, tie correction and continuity correction. */
function mannWhitney(a: readonly number[], b: readonly number[]): { pSlower: number; pFaster: number } {
  const n1 = a.length;
  const n2 = b.length;
  const all = [...a.map((x) => ({ x, fromB: false })), ...b.map((x) => ({ x, fromB: true }))].sort((p, q) => p.x - q.x);
  const total = all.length;
  let rankSumB = 0;
  let ties = 0;
  for (let i = 0; i < total; ) {
    let j = i;
    while (j < total && all[j].x === all[i].x) j++;
    const rank = (i + 1 + j) / 2; // tied samples share the mean of ranks i+1..j
    for (let k = i; k < j; k++) if (all[k].fromB) rankSumB += rank;
    const t = j - i;
    ties += t ** 3 - t;
    i = j;
  }
  const u = rankSumB - (n2 * (n2 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (total + 1 - ties / (total * (total - 1) || 1));
  if (variance <= 0) return { pSlower: 1, pFaster: 1 }; // every sample equal: no evidence either way
  const sd = Math.sqrt(variance);
  return {
    pSlower: 1 - normalCdf((u - mean - 0.5) / sd),
    pFaster: normalCdf((u - mean + 0.5) / sd),
  };
}

/** Standard normal CDF, P(Z ≤ z), via the Abramowitz–Stegun 7.1.26 erf approximation (error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
