// A small metrics registry: counters, gauges and histograms with labels,
// percentiles with at most 1% error, a timing helper, and the Prometheus text format.
//
// The rule that shapes everything: every write is O(1) and a series uses fixed
// memory. A histogram must not keep its samples; it keeps counts per bucket.
//
// Suggested shape (yours to change): one internal base class for a metric family
// (name, help, label names, a Map from a label key to its series), one small class
// per series type, and for percentiles a dense array of counts over log-spaced
// buckets (see the instructions). The public API below is what the graders use.

export type LabelValues = Readonly<Record<string, string>>;

/** Milliseconds from an arbitrary origin, like `performance.now()`. */
export type Clock = () => number;

export interface MetricConfig {
  /** Must match [a-zA-Z_:][a-zA-Z0-9_:]*, otherwise the registry throws. */
  name: string;
  /** Free text for `# HELP`. */
  help: string;
  /**
   * Label names, in the order the exposition prints them. Each must match
   * [a-zA-Z_][a-zA-Z0-9_]*, must not start with "__", and must not repeat.
   * Histograms may not use "le".
   */
  labelNames?: readonly string[];
}

export interface HistogramConfig extends MetricConfig {
  /** Upper bounds of the exported buckets: sorted, unique, finite (else throw). `+Inf` is implicit. */
  buckets?: readonly number[];
}

export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The Content-Type to serve `Registry.metrics()` with. */
export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Largest relative error allowed in a percentile answer. */
export const PERCENTILE_RELATIVE_ERROR = 0.01;

/** One series of a counter, bound to its labels (from `Counter.labels`). */
export interface CounterChild {
  /** Adds `value` (default 1); it must be finite and ≥ 0, otherwise RangeError. */
  inc(value?: number): void;
  get(): number;
}

export interface GaugeChild {
  set(value: number): void;
  inc(value?: number): void;
  dec(value?: number): void;
  get(): number;
}

export interface HistogramChild {
  observe(value: number): void;
  percentile(q: number): number;
  count(): number;
  sum(): number;
}

/**
 * Owns the metric families and renders them. Names are unique across all types:
 * registering a name twice throws.
 */
export class Registry {
  /** @param options.clock used by histogram timers; defaults to `performance.now()`. */
  constructor(options: { clock?: Clock } = {}) {
    throw new Error('not implemented: Registry');
  }

  counter(config: MetricConfig): Counter {
    throw new Error('not implemented: counter()');
  }

  gauge(config: MetricConfig): Gauge {
    throw new Error('not implemented: gauge()');
  }

  histogram(config: HistogramConfig): Histogram {
    throw new Error('not implemented: histogram()');
  }

  /**
   * Every family in registration order, in the Prometheus text format 0.0.4:
   * `# HELP` and `# TYPE` once per family, then its series in the order they were
   * first used. Every line ends with "\n"; an empty registry renders as "".
   */
  metrics(): string {
    throw new Error('not implemented: metrics()');
  }
}

/*
 * Labels, the same for every metric type:
 * - a metric without labelNames takes no labels object (or an empty one);
 * - a labelled metric needs exactly its label names, each a string: a missing,
 *   extra or non-string label throws;
 * - the key order of the labels object does not matter;
 * - reads (get, count, sum, percentile) never create a series.
 */

/** A value that only goes up, one series per label set. Create it through a Registry. */
export class Counter {
  /** Adds 1, or `value` (finite and ≥ 0, otherwise RangeError and no change). */
  inc(value?: number): void;
  inc(labels: LabelValues, value?: number): void;
  inc(labelsOrValue?: LabelValues | number, value?: number): void {
    throw new Error('not implemented: Counter.inc()');
  }

  /** The current value; 0 for a label set never used. */
  get(labels?: LabelValues): number {
    throw new Error('not implemented: Counter.get()');
  }

  /** The series for `labels`, to update without a lookup each time. */
  labels(labels: LabelValues): CounterChild {
    throw new Error('not implemented: Counter.labels()');
  }

  /**
   * Back to 0: the series for `labels`, or every series. Series stay in the output
   * and children from `labels()` keep working.
   */
  reset(labels?: LabelValues): void {
    throw new Error('not implemented: Counter.reset()');
  }
}

/** A value that moves both ways; any number, NaN and ±Infinity included. */
export class Gauge {
  set(value: number): void;
  set(labels: LabelValues, value: number): void;
  set(labelsOrValue: LabelValues | number, value?: number): void {
    throw new Error('not implemented: Gauge.set()');
  }

  /** Adds `value` (default 1); negative values are fine. */
  inc(value?: number): void;
  inc(labels: LabelValues, value?: number): void;
  inc(labelsOrValue?: LabelValues | number, value?: number): void {
    throw new Error('not implemented: Gauge.inc()');
  }

  /** Subtracts `value` (default 1). */
  dec(value?: number): void;
  dec(labels: LabelValues, value?: number): void;
  dec(labelsOrValue?: LabelValues | number, value?: number): void {
    throw new Error('not implemented: Gauge.dec()');
  }

  get(labels?: LabelValues): number {
    throw new Error('not implemented: Gauge.get()');
  }

  labels(labels: LabelValues): GaugeChild {
    throw new Error('not implemented: Gauge.labels()');
  }

  reset(labels?: LabelValues): void {
    throw new Error('not implemented: Gauge.reset()');
  }
}

/**
 * A distribution: exported buckets (cumulative in the output, `le` inclusive),
 * count and sum, plus percentiles within PERCENTILE_RELATIVE_ERROR.
 */
export class Histogram {
  /** Records `value`: finite and ≥ 0, otherwise RangeError and nothing recorded. */
  observe(value: number): void;
  observe(labels: LabelValues, value: number): void;
  observe(labelsOrValue: LabelValues | number, value?: number): void {
    throw new Error('not implemented: Histogram.observe()');
  }

  /**
   * The nearest-rank percentile: with n observations, the ceil(q·n)-th smallest
   * (the smallest when q = 0), answered within 1% relative error. NaN for an empty
   * series. `q` outside [0, 1] (or NaN) throws RangeError.
   */
  percentile(q: number, labels?: LabelValues): number {
    throw new Error('not implemented: Histogram.percentile()');
  }

  /** How many observations; 0 for a label set never used. */
  count(labels?: LabelValues): number {
    throw new Error('not implemented: Histogram.count()');
  }

  /** The sum of the observations; 0 for a label set never used. */
  sum(labels?: LabelValues): number {
    throw new Error('not implemented: Histogram.sum()');
  }

  labels(labels: LabelValues): HistogramChild {
    throw new Error('not implemented: Histogram.labels()');
  }

  /**
   * Starts timing on the registry's clock. The returned function records the
   * seconds elapsed since then under `labels` merged with `moreLabels`, and
   * returns them.
   */
  startTimer(labels: LabelValues = {}): (moreLabels?: LabelValues) => number {
    throw new Error('not implemented: startTimer()');
  }

  /**
   * Runs `fn`, records its duration in seconds under `labels` plus
   * `status: "ok"` or `status: "error"` (so the histogram declares a `status`
   * label), and returns what `fn` returns. A throw is recorded and rethrown. When
   * `fn` returns a promise, the time runs until it settles and the caller gets a
   * promise of the same value or error.
   */
  time<T>(fn: () => T, labels: LabelValues = {}): T {
    throw new Error('not implemented: time()');
  }

  /** Empties the series for `labels`, or every series. They stay in the output. */
  reset(labels?: LabelValues): void {
    throw new Error('not implemented: Histogram.reset()');
  }
}
