// The yardstick for observe cost: the least a bucketed histogram can do per
// observation (find the bucket, bump two numbers). No labels, no percentiles.

export class FixedBucketHistogram {
  private readonly counts: Float64Array;
  sum = 0;
  count = 0;

  constructor(private readonly bounds: readonly number[]) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > this.bounds[i]) i++;
    this.counts[i]++;
    this.sum += value;
    this.count++;
  }
}
