// Deterministic inputs for the benchmark-harness graders: timing-like samples from a
// seeded generator, and a virtual clock that only moves when the code under test "works".

/**
 * n timing-like samples around 1000·scale: lognormal with a 10% spread, and in 5%
 * of samples a spike of 2–10× (a GC pause, a context switch). Real timings look like this.
 */
export function timingSamples(random: () => number, n: number, scale: number, spikes = 0.05): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Box–Muller: one standard normal from two uniforms.
    const z = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let x = 1000 * scale * Math.exp(0.1 * z);
    if (random() < spikes) x *= 2 + 8 * random();
    out.push(x);
  }
  return out;
}

/**
 * Virtual time in nanoseconds that the test advances by hand (a function "costs"
 * what it adds), read through a clock in milliseconds that is quantized like a
 * browser's `performance.now()` in a non-isolated page.
 */
export class VirtualTime {
  ns = 0;
  private readonly grainNs: number;
  constructor(grainMs = 0.1) {
    this.grainNs = Math.round(grainMs * 1e6);
  }
  /** Clock in ms, rounded down to the grain (in whole nanoseconds, so no float error creeps into the floor). */
  clock = (): number => (Math.floor(this.ns / this.grainNs) * this.grainNs) / 1e6;
  spend(ns: number): void {
    this.ns += ns;
  }
}

/**
 * Wraps a function under test so that measure() may call it at most `limit` times.
 * A harness whose batch sizing never ends (the clock never moves, the batch grows
 * by one) then fails this test with a sentence, instead of hanging the whole file.
 */
export function budgeted<T>(fn: () => T, limit = 20_000_000): () => T {
  let calls = 0;
  return () => {
    if (++calls > limit) throw new Error(`measure() called the function more than ${limit} times: does the batch size ever stop growing?`);
    return fn();
  };
}
