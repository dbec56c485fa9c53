// The bucket bounds the playground's latency histograms export. Prometheus computes
// `histogram_quantile` from these alone, by interpolating inside the bucket the rank
// falls in, so its error is bounded by the width of that bucket. The metrics lab
// promises percentiles within 1% by keeping counts in buckets that grow by
// γ = 1.01/0.99 and answering from the middle of one (see its instructions).
// Exporting bounds at exactly those powers of γ puts both answers in the same
// bucket: any point of a bucket (γ^(i-1), γ^i] is within (γ-1)/(γ+1) = 1% of the
// lab's answer for it, so Prometheus and the collector agree within the lab's bound.

/** The metrics lab's stated bound on a percentile's relative error (lab.json: "at most 1% error"). */
export const LAB_PERCENTILE_ERROR = 0.01;

const GAMMA = (1 + LAB_PERCENTILE_ERROR) / (1 - LAB_PERCENTILE_ERROR);

/** Powers of γ from the last one below `minSeconds` to the first one at or above `maxSeconds`. */
export function logBuckets(minSeconds: number, maxSeconds: number): number[] {
  const logGamma = Math.log(GAMMA);
  const first = Math.floor(Math.log(minSeconds) / logGamma);
  const last = Math.ceil(Math.log(maxSeconds) / logGamma);
  const bounds: number[] = [];
  // exp(i·log γ), as the lab computes its bucket index: ceil(log(v) / log γ).
  for (let i = first; i <= last; i++) bounds.push(Math.exp(i * logGamma));
  return bounds;
}

/** 1 ms to 60 s: every latency the simulated service can produce, about 550 buckets. */
export const LATENCY_BUCKETS: readonly number[] = logBuckets(0.001, 60);
