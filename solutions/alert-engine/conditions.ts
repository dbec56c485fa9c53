// What one sample means for one rule: each rule kind keeps the history it needs
// and answers, per sample, whether the value breaches, only holds (hysteresis), or is clear.
import type { AnomalyRule, Comparator, Rule, ThresholdRule, TrendRule } from './types';

export const COMPARE: Record<Comparator, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** What one sample says: beyond the threshold, only beyond the recovery level, or clear. */
export const Level = { Clear: 0, Holding: 1, Breaching: 2 } as const;
export type Level = (typeof Level)[keyof typeof Level];

export interface Condition {
  observe(value: number, now: number): Level;
}

/** The condition for a rule; throws a RangeError for settings it cannot work with. */
export function conditionFor(rule: Rule): Condition {
  switch (rule.kind) {
    case 'threshold': {
      if (!Object.hasOwn(COMPARE, rule.op)) throw new RangeError(`unknown comparator "${rule.op}"`);
      if (!Number.isFinite(rule.threshold)) throw new RangeError('threshold must be finite');
      const r = rule.recoverAt;
      if (r !== undefined && (!Number.isFinite(r) || COMPARE[rule.op](r, rule.threshold))) {
        throw new RangeError('recoverAt must lie on the clear side of the threshold');
      }
      return new ThresholdCondition(rule);
    }
    case 'trend':
      if (!Object.hasOwn(COMPARE, rule.op)) throw new RangeError(`unknown comparator "${rule.op}"`);
      if (!(rule.windowMs > 0) || !Number.isFinite(rule.windowMs)) throw new RangeError('windowMs must be > 0');
      if (!Number.isFinite(rule.slopePerSecond)) throw new RangeError('slopePerSecond must be finite');
      return new TrendCondition(rule);
    case 'anomaly':
      if (!Number.isInteger(rule.window) || rule.window < 2) throw new RangeError('window must be an integer ≥ 2');
      if (!(rule.zScore > 0) || !Number.isFinite(rule.zScore)) throw new RangeError('zScore must be > 0');
      return new AnomalyCondition(rule);
    default:
      throw new RangeError(`unknown rule kind "${(rule as Rule).kind}"`);
  }
}

class ThresholdCondition implements Condition {
  private readonly beyond: (a: number, b: number) => boolean;
  constructor(private readonly rule: ThresholdRule) {
    this.beyond = COMPARE[rule.op];
  }
  observe(value: number): Level {
    if (this.beyond(value, this.rule.threshold)) return Level.Breaching;
    if (this.rule.recoverAt !== undefined && this.beyond(value, this.rule.recoverAt)) return Level.Holding;
    return Level.Clear;
  }
}

class TrendCondition implements Condition {
  private times: number[] = [];
  private values: number[] = [];
  private readonly beyond: (a: number, b: number) => boolean;
  constructor(private readonly rule: TrendRule) {
    this.beyond = COMPARE[rule.op];
  }
  observe(value: number, now: number): Level {
    this.times.push(now);
    this.values.push(value);
    let old = 0;
    while (this.times[old] < now - this.rule.windowMs) old++;
    if (old > 0) {
      this.times.splice(0, old);
      this.values.splice(0, old);
    }
    const n = this.times.length;
    if (n < 2) return Level.Clear; // one point has no slope
    let meanT = 0;
    let meanV = 0;
    for (let i = 0; i < n; i++) {
      meanT += this.times[i] / n;
      meanV += this.values[i] / n;
    }
    let cov = 0;
    let varT = 0;
    for (let i = 0; i < n; i++) {
      const dt = this.times[i] - meanT;
      cov += dt * (this.values[i] - meanV);
      varT += dt * dt;
    }
    if (varT === 0) return Level.Clear; // all samples at one instant
    const slopePerSecond = (cov / varT) * 1000;
    return this.beyond(slopePerSecond, this.rule.slopePerSecond) ? Level.Breaching : Level.Clear;
  }
}

class AnomalyCondition implements Condition {
  private readonly history: Float64Array;
  private count = 0;
  private next = 0;
  constructor(private readonly rule: AnomalyRule) {
    this.history = new Float64Array(rule.window);
  }
  observe(value: number): Level {
    const level = this.count < this.history.length ? Level.Clear : this.judge(value); // warm-up: not enough history
    this.history[this.next] = value;
    this.next = (this.next + 1) % this.history.length;
    this.count = Math.min(this.count + 1, this.history.length);
    return level;
  }
  private judge(value: number): Level {
    // Two passes over a small window: exact for a constant series, where a
    // running sum of squares would leave a tiny false σ.
    const n = this.history.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += this.history[i];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (this.history[i] - mean) ** 2;
    const sigma = Math.sqrt(variance / n);
    if (sigma === 0) return Level.Clear; // a flat history gives no scale to judge by
    return Math.abs(value - mean) / sigma >= this.rule.zScore ? Level.Breaching : Level.Clear;
  }
}
