// Seeded sample data and the exact answers the graders compare percentiles with.

/** `n` lognormal values with the given median and σ of the underlying normal (Box–Muller). */
export function lognormal(n: number, median: number, sigma: number, random: () => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = 1 - random(); // (0, 1]: log(0) would be -Infinity
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    out[i] = median * Math.exp(sigma * normal);
  }
  return out;
}

/** Nearest rank over sorted data: the ceil(q·n)-th smallest value (the smallest for q = 0). */
export function exactPercentile(sorted: Float64Array, q: number): number {
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1];
}

export const sortedCopy = (data: Float64Array): Float64Array => Float64Array.from(data).sort();

export function relativeError(actual: number, expected: number): number {
  if (expected === 0) return actual === 0 ? 0 : Infinity;
  const error = Math.abs(actual - expected) / Math.abs(expected);
  return Number.isNaN(error) ? Infinity : error;
}
