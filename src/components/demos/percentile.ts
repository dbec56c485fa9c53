// Three ways to read the p-th percentile off n ascending samples: the source
// chapter's truncated index, nearest rank written "divide first" (a float trap),
// and nearest rank done right. The percentile demo shows them side by side.

/** Which sample a method picks: its 0-based index (may be out of range) and the value there. */
export interface Pick {
  /** 0-based index into the sorted samples; `n` or more means past the end. */
  index: number;
  /** The sample at `index`, or undefined when the index is out of range (as JavaScript gives it). */
  value: number | undefined;
  /** The raw product before rounding, e.g. 7.000000000000001: the float trap made visible. */
  exact: number;
}

const at = (sorted: ArrayLike<number>, index: number, exact: number): Pick =>
  ({ index, value: index >= 0 && index < sorted.length ? sorted[index] : undefined, exact });

/**
 * The source's method, `sorted[Math.floor(p / 100 * n)]`: one rank too high (p50 of 1..100
 * gives 51), the maximum for small samples, and past the end for p = 100.
 */
export function truncatedIndex(sorted: ArrayLike<number>, p: number): Pick {
  const exact = (p / 100) * sorted.length;
  return at(sorted, Math.floor(exact), exact);
}

/**
 * Nearest rank written `Math.ceil(p / 100 * n) - 1`: right in idea, but p / 100 is not exact
 * in binary, so for p = 7, 14, 28, 55, 56 and n = 100 the product lands just above an integer
 * and `ceil` adds a whole rank.
 */
export function nearestRankDivideFirst(sorted: ArrayLike<number>, p: number): Pick {
  const exact = (p / 100) * sorted.length;
  return at(sorted, Math.max(1, Math.ceil(exact)) - 1, exact);
}

/**
 * Nearest rank: the ⌈p × n / 100⌉-th sample, counting from 1 (p = 0 takes the first).
 * Multiplying first keeps the product exact for whole p, so the rank is right.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): Pick {
  const exact = (p * sorted.length) / 100;
  return at(sorted, Math.min(sorted.length, Math.max(1, Math.ceil(exact))) - 1, exact);
}

/** The nearest-rank value, NaN for no samples: what the demos report as p50/p95/p99. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  return sorted.length === 0 ? NaN : nearestRank(sorted, p).value!;
}
