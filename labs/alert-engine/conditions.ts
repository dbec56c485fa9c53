// What one sample means for one rule: each rule kind keeps the history it needs
// and answers, per sample, whether the value breaches, only holds (hysteresis), or is clear.
// Replace each `throw new Error('not implemented: …')` with a real body; the classes
// behind conditionFor() are yours to write.
import type { Comparator, Rule } from './types';

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
  /** Judges one sample taken at `now`, and keeps whatever history the rule kind needs. */
  observe(value: number, now: number): Level;
}

/**
 * The condition for a rule. Throws a RangeError for an unknown kind or comparator,
 * a non-finite threshold, a recoverAt on the breaching side of the threshold,
 * windowMs ≤ 0, a non-finite slopePerSecond, window < 2 (or not an integer) or zScore ≤ 0.
 *
 * - threshold: Breaching when `value op threshold`; else Holding when `value op recoverAt`
 *   (hysteresis, if the rule has one); else Clear.
 * - trend: least-squares slope (per second) over the points of the last windowMs, edge
 *   included; Breaching when `slope op slopePerSecond`. Fewer than two points, or all at
 *   one instant: Clear.
 * - anomaly: mean and population σ of the previous `window` values; Breaching when
 *   |value − mean| ≥ zScore · σ. Clear while warming up (fewer than `window` values) and
 *   when σ = 0. Then the value joins the history and the oldest leaves.
 */
export function conditionFor(rule: Rule): Condition {
  throw new Error('not implemented: conditionFor()');
}
