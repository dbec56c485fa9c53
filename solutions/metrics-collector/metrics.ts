// A small metrics registry: counters, gauges and histograms with labels,
// percentiles with a bounded error from log-spaced buckets, a timing helper,
// and the Prometheus text exposition format.
//
// Every write is O(1) and uses fixed memory per series: a histogram never keeps
// its samples, only counts per bucket, so it costs the same after a billion
// observations as after ten.

export type LabelValues = Readonly<Record<string, string>>;

/** Milliseconds from an arbitrary origin, like `performance.now()`. */
export type Clock = () => number;

export interface MetricConfig {
  /** Must match [a-zA-Z_:][a-zA-Z0-9_:]* */
  name: string;
  help: string;
  /** Label names, in the order the exposition prints them. */
  labelNames?: readonly string[];
}

export interface HistogramConfig extends MetricConfig {
  /** Upper bounds of the exported buckets: sorted, unique, finite. `+Inf` is implicit. */
  buckets?: readonly number[];
}

export const DEFAULT_BUCKETS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The Content-Type to serve `Registry.metrics()` with. */
export const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Largest relative error of a percentile answer. */
export const PERCENTILE_RELATIVE_ERROR = 0.01;

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface CounterChild {
  /** Adds `value` (default 1); it must be finite and ≥ 0. */
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

export class Registry {
  private readonly families = new Map<string, Family<Series>>();
  private readonly clock: Clock;

  constructor(options: { clock?: Clock } = {}) {
    this.clock = options.clock ?? (() => performance.now());
  }

  counter(config: MetricConfig): Counter {
    return this.register(new Counter(config));
  }

  gauge(config: MetricConfig): Gauge {
    return this.register(new Gauge(config));
  }

  histogram(config: HistogramConfig): Histogram {
    return this.register(new Histogram(config, this.clock));
  }

  /** Every family in registration order, in the Prometheus text format (version 0.0.4). */
  metrics(): string {
    const lines: string[] = [];
    for (const family of this.families.values()) family.render(lines);
    return lines.length === 0 ? '' : lines.join('\n') + '\n';
  }

  private register<F extends Family<Series>>(family: F): F {
    if (this.families.has(family.name)) throw new Error(`metric "${family.name}" is already registered`);
    this.families.set(family.name, family);
    return family;
  }
}

/** What every series keeps: its label values as printed, and a way back to zero. */
interface Series {
  /** `name="value",…` in label-name order, escaped; empty without labels. */
  readonly labelText: string;
  reset(): void;
}

/**
 * A metric family: one name, one help text, a series per distinct label set.
 * Series sit in a tree of Maps with one level per label name, so finding one
 * builds no key string: each label value is looked up as it is.
 */
abstract class Family<S extends Series> {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  abstract readonly type: 'counter' | 'gauge' | 'histogram';
  private readonly tree: Level<S> = new Map();
  private readonly inOrder: S[] = []; // first-use order, for rendering and reset
  private unlabelled: S | undefined;

  constructor(config: MetricConfig, reservedLabels: readonly string[] = []) {
    if (!METRIC_NAME.test(config.name)) throw new Error(`invalid metric name "${config.name}"`);
    const labelNames = config.labelNames ?? [];
    for (const label of labelNames) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new Error(`invalid label name "${label}"`);
      if (reservedLabels.includes(label)) throw new Error(`label name "${label}" is reserved for ${config.name}`);
    }
    if (new Set(labelNames).size !== labelNames.length) throw new Error(`duplicate label names in ${config.name}`);
    this.name = config.name;
    this.help = config.help;
    this.labelNames = [...labelNames];
  }

  protected abstract createSeries(labelText: string): S;
  protected abstract renderSeries(series: S, lines: string[]): void;

  /** The series for `labels`, created on first use. */
  protected seriesFor(labels: LabelValues | undefined): S {
    return this.find(labels, true)!;
  }

  /** The series for `labels` if it exists: reads never create series. */
  protected existingSeries(labels: LabelValues | undefined): S | undefined {
    return this.find(labels, false);
  }

  /** Back to zero: one series, or all of them. Series stay exported and bound children keep working. */
  reset(labels?: LabelValues): void {
    if (labels === undefined) for (const series of this.inOrder) series.reset();
    else this.existingSeries(labels)?.reset();
  }

  render(lines: string[]): void {
    lines.push(`# HELP ${this.name} ${escapeHelp(this.help)}`, `# TYPE ${this.name} ${this.type}`);
    // A metric without labels has exactly one series, so it is shown from the start.
    if (this.labelNames.length === 0) this.seriesFor(undefined);
    for (const series of this.inOrder) this.renderSeries(series, lines);
  }

  private find(labels: LabelValues | undefined, create: boolean): S | undefined {
    const names = this.labelNames;
    if (names.length === 0) {
      if (labels !== undefined && countKeys(labels) > 0) throw new Error(`${this.name} takes no labels`);
      if (this.unlabelled === undefined && create) this.unlabelled = this.add(undefined);
      return this.unlabelled;
    }
    if (labels === undefined || countKeys(labels) !== names.length) {
      throw new Error(`${this.name} needs exactly the labels ${names.join(', ')}, got ${JSON.stringify(labels)}`);
    }
    let level = this.tree;
    for (let i = 0; i < names.length - 1; i++) {
      const value = this.labelValue(labels, i);
      let next = level.get(value) as Level<S> | undefined;
      if (next === undefined) {
        if (!create) return undefined;
        next = new Map();
        level.set(value, next);
      }
      level = next;
    }
    const value = this.labelValue(labels, names.length - 1);
    let series = level.get(value) as S | undefined;
    if (series === undefined && create) {
      series = this.add(labels);
      level.set(value, series);
    }
    return series;
  }

  private labelValue(labels: LabelValues, i: number): string {
    const value = labels[this.labelNames[i]];
    if (typeof value !== 'string') throw new Error(`${this.name}: label "${this.labelNames[i]}" is missing or not a string`);
    return value;
  }

  private add(labels: LabelValues | undefined): S {
    const labelText = this.labelNames.map((name) => `${name}="${escapeLabelValue(labels![name])}"`).join(',');
    const series = this.createSeries(labelText);
    this.inOrder.push(series);
    return series;
  }
}

/** One level of the series tree: label value → next level, or the series at the last label. */
type Level<S> = Map<string, Level<S> | S>;

// Counting with for…in avoids allocating Object.keys() on every write.
function countKeys(labels: LabelValues): number {
  let n = 0;
  for (const _ in labels) n++;
  return n;
}

class CounterSeries implements Series, CounterChild {
  value = 0;
  constructor(readonly labelText: string) {}

  inc(value = 1): void {
    if (!(value >= 0) || value === Infinity) throw new RangeError(`a counter only goes up: inc(${value})`);
    this.value += value;
  }

  get(): number {
    return this.value;
  }

  reset(): void {
    this.value = 0;
  }
}

export class Counter extends Family<CounterSeries> {
  readonly type = 'counter';

  inc(value?: number): void;
  inc(labels: LabelValues, value?: number): void;
  inc(labelsOrValue?: LabelValues | number, value?: number): void {
    if (typeof labelsOrValue === 'object') this.seriesFor(labelsOrValue).inc(value);
    else this.seriesFor(undefined).inc(labelsOrValue);
  }

  /** The current value; 0 for a label set never used. */
  get(labels?: LabelValues): number {
    return this.existingSeries(labels)?.value ?? 0;
  }

  /** The series for `labels`, to update without looking it up each time. */
  labels(labels: LabelValues): CounterChild {
    return this.seriesFor(labels);
  }

  protected createSeries(labelText: string): CounterSeries {
    return new CounterSeries(labelText);
  }

  protected renderSeries(series: CounterSeries, lines: string[]): void {
    lines.push(sampleLine(this.name, series.labelText, series.value));
  }
}

class GaugeSeries implements Series, GaugeChild {
  value = 0;
  constructor(readonly labelText: string) {}

  set(value: number): void {
    this.value = value;
  }

  inc(value = 1): void {
    this.value += value;
  }

  dec(value = 1): void {
    this.value -= value;
  }

  get(): number {
    return this.value;
  }

  reset(): void {
    this.value = 0;
  }
}

export class Gauge extends Family<GaugeSeries> {
  readonly type = 'gauge';

  set(value: number): void;
  set(labels: LabelValues, value: number): void;
  set(labelsOrValue: LabelValues | number, value?: number): void {
    if (typeof labelsOrValue === 'object') this.seriesFor(labelsOrValue).set(value!);
    else this.seriesFor(undefined).set(labelsOrValue);
  }

  inc(value?: number): void;
  inc(labels: LabelValues, value?: number): void;
  inc(labelsOrValue?: LabelValues | number, value?: number): void {
    if (typeof labelsOrValue === 'object') this.seriesFor(labelsOrValue).inc(value);
    else this.seriesFor(undefined).inc(labelsOrValue);
  }

  dec(value?: number): void;
  dec(labels: LabelValues, value?: number): void;
  dec(labelsOrValue?: LabelValues | number, value?: number): void {
    if (typeof labelsOrValue === 'object') this.seriesFor(labelsOrValue).dec(value);
    else this.seriesFor(undefined).dec(labelsOrValue);
  }

  get(labels?: LabelValues): number {
    return this.existingSeries(labels)?.value ?? 0;
  }

  labels(labels: LabelValues): GaugeChild {
    return this.seriesFor(labels);
  }

  protected createSeries(labelText: string): GaugeSeries {
    return new GaugeSeries(labelText);
  }

  protected renderSeries(series: GaugeSeries, lines: string[]): void {
    lines.push(sampleLine(this.name, series.labelText, series.value));
  }
}

// Percentile buckets grow by GAMMA: bucket i holds values in (GAMMA^(i-1), GAMMA^i].
// Answering with 2·GAMMA^i / (GAMMA + 1) is then never further than
// (GAMMA - 1) / (GAMMA + 1) = PERCENTILE_RELATIVE_ERROR from any value in the bucket.
const GAMMA = (1 + PERCENTILE_RELATIVE_ERROR) / (1 - PERCENTILE_RELATIVE_ERROR);
const LOG_GAMMA = Math.log(GAMMA);

/**
 * Counts per log-spaced bucket, in a dense array that widens as new magnitudes
 * arrive. Values from 1 µs to 1 hour span about 1100 buckets.
 */
class LogBuckets {
  private counts = new Float64Array(0);
  private firstIndex = 0; // bucket index held by counts[0]
  zeros = 0;
  total = 0;
  min = Infinity;
  max = -Infinity;

  add(value: number): void {
    this.total++;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
    if (value === 0) {
      this.zeros++;
      return;
    }
    const index = Math.ceil(Math.log(value) / LOG_GAMMA);
    let slot = index - this.firstIndex;
    if (slot < 0 || slot >= this.counts.length) slot = this.widenTo(index);
    this.counts[slot]++;
  }

  /** Nearest rank: the smallest bucket holding at least ceil(q·n) of the n values. */
  percentile(q: number): number {
    if (this.total === 0) return NaN;
    const rank = percentileRank(q, this.total);
    if (rank <= this.zeros) return 0;
    let seen = this.zeros;
    for (let slot = 0; slot < this.counts.length; slot++) {
      seen += this.counts[slot];
      if (seen >= rank) {
        const representative = (2 * Math.exp((this.firstIndex + slot) * LOG_GAMMA)) / (GAMMA + 1);
        // The true answer lies within [min, max], so clamping can only bring us closer.
        return Math.min(this.max, Math.max(this.min, representative));
      }
    }
    return this.max; // unreachable while counts add up to total
  }

  reset(): void {
    this.counts.fill(0);
    this.zeros = this.total = 0;
    this.min = Infinity;
    this.max = -Infinity;
  }

  /** Reallocates so `index` fits, at least doubling, so widening is amortized O(1). */
  private widenTo(index: number): number {
    const old = this.counts;
    if (old.length === 0) {
      this.counts = new Float64Array(128);
      this.firstIndex = index - 64;
      return 64;
    }
    const lastIndex = this.firstIndex + old.length - 1;
    const low = Math.min(index, this.firstIndex);
    const high = Math.max(index, lastIndex);
    const length = Math.max(old.length * 2, high - low + 1);
    // Leave the spare room on the side that just grew.
    const first = index < this.firstIndex ? high - length + 1 : low;
    this.counts = new Float64Array(length);
    this.counts.set(old, this.firstIndex - first);
    this.firstIndex = first;
    return index - first;
  }
}

class HistogramSeries implements Series, HistogramChild {
  /** Observations per exported bucket (not cumulative); the last slot is +Inf. */
  readonly bucketCounts: Float64Array;
  total = 0;
  private readonly spread = new LogBuckets();

  constructor(
    readonly labelText: string,
    private readonly bounds: Float64Array,
  ) {
    this.bucketCounts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    if (!(value >= 0) || value === Infinity) throw new RangeError(`observations must be finite and ≥ 0, got ${value}`);
    this.bucketCounts[firstBoundAtLeast(this.bounds, value)]++;
    this.total += value;
    this.spread.add(value);
  }

  percentile(q: number): number {
    checkQuantile(q);
    return this.spread.percentile(q);
  }

  count(): number {
    return this.spread.total;
  }

  sum(): number {
    return this.total;
  }

  reset(): void {
    this.bucketCounts.fill(0);
    this.total = 0;
    this.spread.reset();
  }
}

/**
 * ceil(q·n), at least 1. q·n in floating point can land a hair above a whole number
 * (0.07 × 100 = 7.000000000000001), and ceil would then skip a rank: shave off far less
 * than any real fraction of a rank before rounding up.
 */
function percentileRank(q: number, n: number): number {
  return Math.max(1, Math.ceil(q * n * (1 - 1e-12)));
}

function checkQuantile(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`percentile wants q in [0, 1], got ${q}`);
}

/** Binary search: the index of the first bound ≥ value, or bounds.length for +Inf (`le` is inclusive). */
function firstBoundAtLeast(bounds: Float64Array, value: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Histogram extends Family<HistogramSeries> {
  readonly type = 'histogram';
  private readonly bounds: Float64Array;
  private readonly boundLabels: string[];

  constructor(
    config: HistogramConfig,
    private readonly clock: Clock = () => performance.now(),
  ) {
    super(config, ['le']);
    const buckets = config.buckets ?? DEFAULT_BUCKETS;
    buckets.forEach((bound, i) => {
      if (!Number.isFinite(bound)) throw new Error(`${config.name}: bucket bounds must be finite (+Inf is implicit), got ${bound}`);
      if (i > 0 && bound <= buckets[i - 1]) throw new Error(`${config.name}: bucket bounds must be sorted and unique`);
    });
    this.bounds = Float64Array.from(buckets);
    this.boundLabels = [...buckets.map(formatNumber), '+Inf'];
  }

  observe(value: number): void;
  observe(labels: LabelValues, value: number): void;
  observe(labelsOrValue: LabelValues | number, value?: number): void {
    if (typeof labelsOrValue === 'object') this.seriesFor(labelsOrValue).observe(value!);
    else this.seriesFor(undefined).observe(labelsOrValue);
  }

  /** Nearest-rank percentile, within PERCENTILE_RELATIVE_ERROR; NaN for an empty series. */
  percentile(q: number, labels?: LabelValues): number {
    checkQuantile(q);
    return this.existingSeries(labels)?.percentile(q) ?? NaN;
  }

  count(labels?: LabelValues): number {
    return this.existingSeries(labels)?.count() ?? 0;
  }

  sum(labels?: LabelValues): number {
    return this.existingSeries(labels)?.sum() ?? 0;
  }

  labels(labels: LabelValues): HistogramChild {
    return this.seriesFor(labels);
  }

  /**
   * Starts timing. The returned function records the seconds elapsed since then,
   * under `labels` merged with `moreLabels`, and returns them.
   */
  startTimer(labels: LabelValues = {}): (moreLabels?: LabelValues) => number {
    const start = this.clock();
    return (moreLabels) => {
      const seconds = (this.clock() - start) / 1000;
      this.observe(moreLabels ? { ...labels, ...moreLabels } : labels, seconds);
      return seconds;
    };
  }

  /**
   * Runs `fn` and records how long it took, in seconds, with `status` "ok" or "error".
   * For a promise, the time runs until it settles. The result or error passes through.
   */
  time<T>(fn: () => T, labels: LabelValues = {}): T {
    const end = this.startTimer(labels);
    let result: T;
    try {
      result = fn();
    } catch (error) {
      end({ status: 'error' });
      throw error;
    }
    if (isPromiseLike(result)) {
      return result.then(
        (value) => {
          end({ status: 'ok' });
          return value;
        },
        (error: unknown) => {
          end({ status: 'error' });
          throw error;
        },
      ) as T;
    }
    end({ status: 'ok' });
    return result;
  }

  protected createSeries(labelText: string): HistogramSeries {
    return new HistogramSeries(labelText, this.bounds);
  }

  protected renderSeries(series: HistogramSeries, lines: string[]): void {
    const sep = series.labelText === '' ? '' : ',';
    let cumulative = 0;
    for (let i = 0; i < this.boundLabels.length; i++) {
      cumulative += series.bucketCounts[i];
      lines.push(`${this.name}_bucket{${series.labelText}${sep}le="${this.boundLabels[i]}"} ${cumulative}`);
    }
    lines.push(sampleLine(`${this.name}_sum`, series.labelText, series.total));
    lines.push(sampleLine(`${this.name}_count`, series.labelText, cumulative));
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function sampleLine(name: string, labelText: string, value: number): string {
  return labelText === '' ? `${name} ${formatNumber(value)}` : `${name}{${labelText}} ${formatNumber(value)}`;
}

function formatNumber(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value); // NaN prints as "NaN", as the format wants
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function escapeLabelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
