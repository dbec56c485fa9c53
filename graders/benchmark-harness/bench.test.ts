import { describe, it, expect } from 'vitest';
import { expectPerf, interleavedRatio, seededRandom } from '@grader-kit';
import { compare, formatReport, measure, percentile, Recorder, summarize } from '@impl/benchmark-harness/bench';
import { timingSamples, VirtualTime } from './helpers';

/** Expects x within a fraction `tolerance` of `target`; a miss names the value. */
const expectNear = (x: number, target: number, tolerance: number) => {
  expect(x).toBeGreaterThanOrEqual(target * (1 - tolerance));
  expect(x).toBeLessThanOrEqual(target * (1 + tolerance));
};
const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
const shuffled = (xs: number[], seed: number) => {
  const random = seededRandom(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
};

describe('percentiles', () => {
  it('percentile() uses nearest rank: [1..100] gives p50 = 50, p95 = 95, p99 = 99', () => {
    expect(percentile(oneToHundred, 50)).toBe(50);
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile(oneToHundred, 99)).toBe(99);
    expect(percentile(oneToHundred, 100)).toBe(100);
    expect(percentile(oneToHundred, 0)).toBe(1);
  });

  it('p95 and p99 are exact where a truncated index n·p is off by one', () => {
    const s = summarize(shuffled(oneToHundred, 7));
    expect(s.p95).toBe(95);
    expect(s.p99).toBe(99);
    const twenty = summarize(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
    expect(twenty.p95).toBe(190);
    expect(twenty.p99).toBe(200);
  });

  it('summarizes [1..100]: n, mean, median, min, max and sample stddev', () => {
    const s = summarize(oneToHundred);
    expect(s.n).toBe(100);
    expect(s.mean).toBeCloseTo(50.5, 10);
    expect(s.median).toBeCloseTo(50.5, 10);
    expect(s.min).toBe(1);
    expect(s.max).toBe(100);
    expect(s.stddev).toBeCloseTo(29.011491975882016, 9);
  });

  it('median of odd n is the middle sample, of even n the mean of the two middle ones', () => {
    expect(summarize([9, 1, 5]).median).toBe(5);
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(summarize([30, 10, 20, 40, 50]).p95).toBe(50);
  });

  it('a single sample is every statistic, with stddev 0', () => {
    expect(summarize([42])).toMatchObject({ n: 1, mean: 42, median: 42, p95: 42, p99: 42, min: 42, max: 42, stddev: 0 });
  });

  it('sorts numerically and leaves the input array untouched', () => {
    const input = [100, 9, 25, 1000, 3];
    const copy = [...input];
    const s = summarize(input);
    expect(input).toEqual(copy);
    expect(s.min).toBe(3);
    expect(s.max).toBe(1000);
    expect(s.median).toBe(25);
  });

  it('refuses an empty sample set with a RangeError', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });
});

describe('outliers-kept', () => {
  it('reports outliers in the count, the max and the mean instead of dropping them', () => {
    const samples = [...Array.from({ length: 48 }, (_, i) => 100 + (i % 5)), 5_000, 9_000];
    const s = summarize(samples);
    expect(s.n).toBe(50);
    expect(s.max).toBe(9_000);
    expect(s.outliers).toBe(2);
    expect(s.mean).toBeGreaterThan(300);
  });

  it('counts no outliers in evenly spread data', () => {
    expect(summarize(oneToHundred).outliers).toBe(0);
  });

  it('measure keeps every sample, slow ones included', async () => {
    const time = new VirtualTime(0.001);
    let calls = 0;
    // Every 1000th call stalls for 2 ms: a GC pause landing in some batches.
    const fn = () => time.spend(++calls % 1000 === 0 ? 2_000_000 : 1_000);
    const m = await measure(fn, { samples: 20, warmup: 5, minSampleMs: 0.5, clock: time.clock });
    expect(m.samples).toHaveLength(20);
    expect(m.summary.n).toBe(20);
    expect(m.summary.max).toBeGreaterThan(m.summary.min * 3);
  });
});

describe('measure-warmup', () => {
  it('never times the warm-up calls', async () => {
    const time = new VirtualTime(0.001);
    let calls = 0;
    // The first 50 calls are cold (10 ms each), later ones take 1 µs.
    const fn = () => time.spend(++calls <= 50 ? 10_000_000 : 1_000);
    const m = await measure(fn, { samples: 15, warmup: 50, minSampleMs: 1, clock: time.clock });
    expect(m.samples).toHaveLength(15);
    expect(m.summary.max).toBeLessThan(1_100);
    expect(m.summary.min).toBeGreaterThan(900);
    expect(calls).toBeGreaterThanOrEqual(50 + 15 * m.batch);
  });

  it('makes every sample last at least minSampleMs', async () => {
    const time = new VirtualTime(0.001);
    const m = await measure(() => time.spend(3_000), { samples: 10, warmup: 2, minSampleMs: 2, clock: time.clock });
    expect(m.batch * 3_000).toBeGreaterThanOrEqual(2e6);
    expectNear(m.summary.median, 3_000, 0.02);
  });

  it('awaits async functions and times them until they settle', async () => {
    const time = new VirtualTime(0.001);
    let running = 0;
    let overlapped = false;
    const fn = async () => {
      if (++running > 1) overlapped = true;
      await Promise.resolve();
      time.spend(20_000);
      running--;
    };
    const m = await measure(fn, { samples: 10, warmup: 3, minSampleMs: 1, clock: time.clock });
    expect(overlapped).toBe(false);
    expectNear(m.summary.median, 20_000, 0.02);
  });

  it('returns nanoseconds per call for each of the requested samples', async () => {
    const time = new VirtualTime(0.001);
    const m = await measure(() => time.spend(250), { samples: 7, warmup: 1, minSampleMs: 0.2, clock: time.clock });
    expect(m.samples).toHaveLength(7);
    for (const ns of m.samples) expectNear(ns, 250, 0.02);
  });
});

describe('timer-resolution', () => {
  it('sees a 50 ns function through a clock quantized to 100 µs', async ({ task }) => {
    const time = new VirtualTime(0.1);
    const m = await measure(() => time.spend(50), { samples: 10, clock: time.clock });
    expect(m.batch).toBeGreaterThan(1);
    for (const ns of m.samples) expect(Number.isFinite(ns) && ns > 0).toBe(true);
    const error = Math.abs(m.summary.median - 50) / 50;
    expectPerf(task, { metric: 'relative error of the median, 50 ns call, 100 µs clock', observed: error, target: 0.25, unit: '', direction: 'max', samples: m.samples });
  });

  it('sizes batches from the clock: a 5 µs call through a 100 µs clock', async () => {
    const time = new VirtualTime(0.1);
    const m = await measure(() => time.spend(5_000), { samples: 10, clock: time.clock });
    expectNear(m.summary.median, 5_000, 0.25);
  });
});

describe('report', () => {
  it('a wrapped function returns what the original returns and records each call', async () => {
    const time = new VirtualTime(0.001);
    const recorder = new Recorder(time.clock);
    const load = recorder.wrap('load', (n: number) => {
      time.spend(n * 1e6);
      return n * 2;
    });
    expect(load(3)).toBe(6);
    expect(load(5)).toBe(10);
    const data = recorder.report();
    expect(data.load.n).toBe(2);
    expect(data.load.min).toBeCloseTo(3, 6);
    expect(data.load.max).toBeCloseTo(5, 6);
  });

  it('times async calls until they settle, and records calls that throw', async () => {
    const time = new VirtualTime(0.001);
    const recorder = new Recorder(time.clock);
    const fetchUser = recorder.wrap('fetch', async (ms: number) => {
      await Promise.resolve();
      time.spend(ms * 1e6);
      if (ms > 5) throw new Error('too slow');
      return 'user';
    });
    await expect(fetchUser(2)).resolves.toBe('user');
    await expect(fetchUser(8)).rejects.toThrow('too slow');
    const broken = recorder.wrap('broken', () => {
      throw new TypeError('bad input');
    });
    expect(() => broken()).toThrow(TypeError);
    const data = recorder.report();
    expect(data.fetch.n).toBe(2);
    expect(data.fetch.max).toBeCloseTo(8, 6);
    expect(data.broken.n).toBe(1);
  });

  it('keeps `this` for wrapped methods', () => {
    const recorder = new Recorder(() => 0);
    const counter = { count: 1, bump: recorder.wrap('bump', function (this: { count: number }) {
      return ++this.count;
    }) };
    expect(counter.bump()).toBe(2);
  });

  it('formats one row per name with its count', () => {
    const recorder = new Recorder(() => 0);
    for (let i = 0; i < 7; i++) recorder.record('load_data', i);
    for (let i = 0; i < 3; i++) recorder.record('render', 10 * i);
    const text = formatReport(recorder.report());
    const lines = text.split('\n');
    const load = lines.find((l) => l.includes('load_data'));
    const render = lines.find((l) => l.includes('render'));
    expect(load).toBeDefined();
    expect(render).toBeDefined();
    expect(load!.split(/\s+/)).toContain('7');
    expect(render!.split(/\s+/)).toContain('3');
    expect(text.toLowerCase()).toMatch(/p95/);
    expect(text.toLowerCase()).toMatch(/p99/);
  });
});

describe('regression-detection', () => {
  const SEEDS = 200;
  const rate = (shift: number, spikes = 0.05) => {
    let flagged = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const random = seededRandom(seed * 7919);
      const baseline = timingSamples(random, 30, 1, spikes);
      const candidate = timingSamples(random, 30, shift, spikes);
      if (compare(baseline, candidate).verdict === 'slower') flagged++;
    }
    return flagged / SEEDS;
  };

  it('flags a 20% slowdown in at least 95% of seeded runs (n = 30, 10% noise, 5% spikes)', () => {
    expect(rate(1.2)).toBeGreaterThanOrEqual(0.95);
  });

  it('raises a false alarm on at most 5% of A/A runs with the same noise', () => {
    expect(rate(1)).toBeLessThanOrEqual(0.05);
  });

  it('stays quiet on clean A/A runs and flags clean 20% slowdowns', () => {
    expect(rate(1, 0)).toBeLessThanOrEqual(0.05);
    expect(rate(1.2, 0)).toBeGreaterThanOrEqual(0.95);
  });

  it('always flags a 2× slowdown, and calls a 2× speed-up faster, not slower', () => {
    expect(rate(2)).toBe(1);
    const random = seededRandom(3);
    const baseline = timingSamples(random, 30, 1);
    const faster = compare(baseline, timingSamples(random, 30, 0.5));
    expect(faster.verdict).toBe('faster');
    expect(faster.ratio).toBeGreaterThan(0.4);
    expect(faster.ratio).toBeLessThan(0.6);
  });

  it('ignores a real but tiny change below the minimum effect', () => {
    const random = seededRandom(11);
    const baseline = timingSamples(random, 400, 1, 0);
    const tiny = timingSamples(random, 400, 1.02, 0);
    expect(compare(baseline, tiny, { minEffect: 0.05 }).verdict).toBe('same');
  });

  it('gives a finite answer when every sample is equal (a coarse clock)', () => {
    const c = compare(Array(30).fill(100), Array(30).fill(100));
    expect(c.verdict).toBe('same');
    expect(c.ratio).toBe(1);
    expect(Number.isNaN(c.pSlower)).toBe(false);
  });
});

describe('live-timing', () => {
  // A busy loop whose cost grows with `rounds`; Math.imul keeps it on the int32 path,
  // and the sink keeps the JIT from removing it.
  let sink = 0;
  const spin = (rounds: number) => () => {
    let x = sink | 1;
    for (let i = 0; i < rounds; i++) x = (Math.imul(x, 1103515245) + 12345) | 0;
    sink = x;
  };
  // The fastest sample: load from other processes only ever adds time, so min is the steadiest estimate here.
  // Short measurements and many pairs: a burst of contention then lands on both sides of a pair, and the median drops that pair.
  const fastestNs = async (fn: () => void) => (await measure(fn, { samples: 5, warmup: 20, minSampleMs: 2 })).summary.min;

  it('measures a function doing twice the work as about twice as slow', async ({ task }) => {
    const once = spin(2_000);
    const twice = spin(4_000);
    const { ratio, samples } = await interleavedRatio(() => fastestNs(twice), () => fastestNs(once), 9);
    expect(ratio).toBeGreaterThanOrEqual(1.4);
    expectPerf(task, { metric: 'reported cost of 2× work ÷ 1× work', observed: ratio, target: 2.9, unit: '×', direction: 'max', samples });
  });

  it('measures the same function against itself as about equal', async () => {
    const f = spin(2_000);
    const { ratio } = await interleavedRatio(() => fastestNs(f), () => fastestNs(f), 9);
    expect(ratio).toBeGreaterThan(0.6);
    expect(ratio).toBeLessThan(1.6);
  });
});
