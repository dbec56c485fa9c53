import { describe, it, expect } from 'vitest';
import { checkPerf, expectPerf, interleavedRatio, seededRandom, workClock, workOnce } from '@grader-kit';
import { checkBaseline, compare, formatReport, loadBaseline, measure, percentile, Recorder, saveBaseline, summarize } from '@impl/benchmark-harness/bench';
import { budgeted, timingSamples, VirtualTime } from './helpers';

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

  it('p = 7, 14, 28, 55 and 56 of [1..100] are exact, where p / 100 · n is not a whole number in floating point', () => {
    // 7 / 100 * 100 is 7.000000000000001, so ceil() would pick rank 8.
    for (const p of [7, 14, 28, 55, 56]) expect(percentile(oneToHundred, p), `p${p}`).toBe(p);
  });

  it('every whole p from 0 to 100 picks the nearest rank, for n from 1 to 1000', () => {
    for (const n of [1, 2, 3, 7, 10, 19, 20, 30, 50, 99, 100, 101, 200, 333, 1000]) {
      const sorted = Array.from({ length: n }, (_, i) => i + 1);
      for (let p = 0; p <= 100; p++) {
        // The rank in integer arithmetic, which has no rounding error: ceil(p·n / 100), at least 1.
        const rank = Math.max(1, Math.floor((p * n + 99) / 100));
        expect(percentile(sorted, p), `p${p} of n = ${n}`).toBe(rank);
      }
    }
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

  it('refuses an empty sample set, and a p outside [0, 100], with a RangeError', () => {
    expect(() => summarize([])).toThrow(RangeError);
    expect(() => percentile([], 50)).toThrow(RangeError);
    for (const p of [-1, 100.5, 1_000, Number.NaN]) expect(() => percentile(oneToHundred, p), `p = ${p}`).toThrow(RangeError);
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

  it('a sample exactly on a fence is not an outlier; one just beyond it is', () => {
    // Q1 = 10 and Q3 = 20 (nearest-rank p25 and p75 of 8 samples), so the fences are -5 and 35.
    expect(summarize([10, 10, 10, 10, 20, 20, 20, 35]).outliers).toBe(0);
    expect(summarize([10, 10, 10, 10, 20, 20, 20, 36]).outliers).toBe(1);
    // Q1 = 20 and Q3 = 30, so the lower fence is 5.
    expect(summarize([5, 20, 20, 20, 30, 30, 30, 30]).outliers).toBe(0);
    expect(summarize([4, 20, 20, 20, 30, 30, 30, 30]).outliers).toBe(1);
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
    // Half the cost before the first await, so a harness that forgets to await still sees time pass and ends.
    const fn = budgeted(async () => {
      if (++running > 1) overlapped = true;
      time.spend(10_000);
      await Promise.resolve();
      time.spend(10_000);
      running--;
    });
    const m = await measure(fn, { samples: 10, warmup: 3, minSampleMs: 1, clock: time.clock });
    expect(overlapped).toBe(false);
    expectNear(m.summary.median, 20_000, 0.02);
  });

  it('calls a sync function in a tight loop, never yielding to the microtask queue between calls', async () => {
    const time = new VirtualTime(0.001);
    let calls = 0;
    let interrupted = 0;
    let microtaskRan = true;
    // Each call queues a microtask; if it has run by the next call, the harness yielded in between.
    const fn = () => {
      calls++;
      if (microtaskRan) interrupted++;
      microtaskRan = false;
      queueMicrotask(() => (microtaskRan = true));
      time.spend(1_000);
    };
    const m = await measure(fn, { samples: 20, warmup: 10, minSampleMs: 1, clock: time.clock });
    // A yield between batches is fine: about one per batch, far fewer than the calls.
    expect(m.batch).toBeGreaterThan(100);
    expect(interrupted).toBeLessThanOrEqual(m.samples.length + 50);
    expect(calls).toBeGreaterThan(20 * m.batch);
  });

  it('a call slower than minSampleMs is timed alone: batch 1, each sample exactly one call', async () => {
    const time = new VirtualTime(0.001);
    let calls = 0;
    const m = await measure(() => { calls++; time.spend(5_000_000); }, { samples: 5, warmup: 3, minSampleMs: 1, clock: time.clock });
    expect(m.batch).toBe(1);
    for (const ns of m.samples) expectNear(ns, 5_000_000, 0.02);
    // Warm-up, one sizing batch of one call (a harness may reuse it as a sample), the samples.
    expect(calls).toBeGreaterThanOrEqual(3 + 5);
    expect(calls).toBeLessThanOrEqual(3 + 1 + 5);
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
    const m = await measure(budgeted(() => time.spend(50)), { samples: 10, clock: time.clock });
    expect(m.batch).toBeGreaterThan(1);
    for (const ns of m.samples) expect(Number.isFinite(ns) && ns > 0).toBe(true);
    const error = Math.abs(m.summary.median - 50) / 50;
    expectPerf(task, { metric: 'relative error of the median, 50 ns call, 100 µs clock', observed: error, target: 0.25, unit: '', direction: 'max', samples: m.samples });
  });

  it('sizes batches from the clock: a 5 µs call through a 100 µs clock', async () => {
    const time = new VirtualTime(0.1);
    const m = await measure(budgeted(() => time.spend(5_000)), { samples: 10, clock: time.clock });
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

  it('report() lists names in the order they were first recorded', () => {
    const recorder = new Recorder(() => 0);
    for (const name of ['zeta', 'alpha', 'zeta', 'mid', 'alpha']) recorder.record(name, 1);
    expect(Object.keys(recorder.report())).toEqual(['zeta', 'alpha', 'mid']);
  });

  it('each report() reflects every call recorded so far', () => {
    const recorder = new Recorder(() => 0);
    recorder.record('load', 5);
    const before = recorder.report();
    recorder.record('load', 7);
    recorder.record('save', 1);
    const after = recorder.report();
    expect(before.load.n).toBe(1);
    expect(before.save).toBeUndefined();
    expect(after.load).toMatchObject({ n: 2, max: 7 });
    expect(after.save.n).toBe(1);
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

  it('ignores a real but tiny change below the minimum effect, in both directions', () => {
    const random = seededRandom(11);
    const baseline = timingSamples(random, 400, 1, 0);
    const tiny = timingSamples(random, 400, 1.02, 0);
    expect(compare(baseline, tiny, { minEffect: 0.05 }).verdict).toBe('same');
    // A 2% speed-up is just as real (pFaster is tiny) and just as small.
    const tinyFaster = compare(baseline, timingSamples(random, 400, 0.98, 0), { minEffect: 0.05 });
    expect(tinyFaster.pFaster).toBeLessThan(0.01);
    expect(tinyFaster.verdict).toBe('same');
  });

  it('computes Mann–Whitney p-values with averaged tie ranks, tie correction and continuity correction', () => {
    // Reference values worked out apart from any solution: the textbook formulas, evaluated with an
    // exact normal CDF (Python's math.erf). U = 120, then U = 240 with heavy ties.
    const few = compare([12, 10, 11, 10, 13, 12, 10, 11, 12, 14, 10, 11], [12, 13, 11, 14, 13, 12, 15, 13, 12, 14, 16, 13]);
    expect(few.pSlower).toBeCloseTo(0.0026292155, 5);
    expect(few.pFaster).toBeCloseTo(0.9978106940, 5);
    // A coarse clock: every sample is 100 or 200.
    const coarse = compare([...Array(10).fill(100), ...Array(10).fill(200)], [...Array(6).fill(100), ...Array(14).fill(200)]);
    expect(coarse.pSlower).toBeCloseTo(0.1040475974, 5);
    expect(coarse.pFaster).toBeCloseTo(0.9015942843, 5);
  });

  it('reports the ratio of the medians, which one huge spike does not move', () => {
    expect(compare([10, 10, 10, 10, 1_000], [20, 20, 20, 20, 20]).ratio).toBe(2);
  });

  it('a change of exactly minEffect counts, in both directions', () => {
    // Every candidate sample is above every baseline sample; the medians are 100 and 105.
    const baseline = [...Array(15).fill(90), 100, ...Array(15).fill(100)];
    const slower = [...Array(16).fill(105), ...Array(15).fill(120)];
    expect(compare(baseline, slower, { minEffect: 0.05 })).toMatchObject({ ratio: 1.05, verdict: 'slower' });
    // And the mirror image: medians 105 and 100, a ratio of exactly 1 / 1.05.
    const faster = compare([...Array(16).fill(105), ...Array(15).fill(110)], [...Array(15).fill(80), 100, ...Array(15).fill(100)], { minEffect: 0.05 });
    expect(faster).toMatchObject({ ratio: 1 / 1.05, verdict: 'faster' });
  });

  it('refuses to compare when either side has no samples', () => {
    expect(() => compare([], [1, 2, 3])).toThrow(RangeError);
    expect(() => compare([1, 2, 3], [])).toThrow(RangeError);
  });

  it('gives a finite answer when every sample is equal (a coarse clock)', () => {
    const c = compare(Array(30).fill(100), Array(30).fill(100));
    expect(c.verdict).toBe('same');
    expect(c.ratio).toBe(1);
    // No evidence either way: both p-values are defined and large, not NaN.
    for (const p of [c.pSlower, c.pFaster]) {
      expect(Number.isNaN(p)).toBe(false);
      expect(p).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('compare-scales', () => {
  it('ranks in O(n log n): 4000 samples a side cost per sample at most 8× what 100 a side cost', async ({ task }) => {
    // Equal work per measurement: one compare of 4000 + 4000 samples, or 40 compares of 100 + 100.
    // Sorting gives about 1.7× per sample (log n grows); counting, for each sample, the samples
    // below it is O(n²) and gives 40×.
    const random = seededRandom(5);
    const big = [timingSamples(random, 4_000, 1), timingSamples(random, 4_000, 1.1)];
    const small = Array.from({ length: 40 }, () => [timingSamples(random, 100, 1), timingSamples(random, 100, 1.1)]);
    const compareBig = () => workOnce(() => compare(big[0], big[1]));
    const compareSmall = () => workOnce(() => small.forEach(([a, b]) => compare(a, b)));
    await compareBig();
    await compareSmall(); // warm-up
    await checkPerf(task, {
      metric: 'compare() cost per sample, 4000 a side ÷ 100 a side', target: 8, unit: '×', direction: 'max',
      measure: () => interleavedRatio(compareBig, compareSmall, 5),
    });
  });
});

describe('baseline', () => {
  /** Seeded timings for four benchmarks; `shift` scales some of them. */
  const run = (seed: number, shift: Record<string, number> = {}) => {
    const random = seededRandom(seed);
    return Object.fromEntries(['load', 'parse', 'render', 'retired'].map((name) => [name, timingSamples(random, 40, shift[name] ?? 1, 0)]));
  };

  it('saveBaseline writes JSON that loadBaseline reads back with every sample exactly as measured', async () => {
    const time = new VirtualTime(0.001);
    const measured = await measure(() => time.spend(1_234), { samples: 5, warmup: 1, minSampleMs: 0.3, clock: time.clock });
    const plain = [0.1, 1 / 3, 12_345.678_9, 0];
    const text = saveBaseline({ parse: measured, tiny: plain });
    expect(typeof text).toBe('string');
    expect(JSON.parse(text)).toMatchObject({ version: 1 });
    const loaded = loadBaseline(text);
    expect(loaded).toEqual({ version: 1, benchmarks: { parse: measured.samples, tiny: plain } });
  });

  it('the loaded baseline is its own copy: changing what was saved changes nothing', () => {
    const samples = [5, 6, 7];
    const text = saveBaseline({ a: samples });
    samples.push(1_000);
    const loaded = loadBaseline(text);
    expect(loaded.benchmarks.a).toEqual([5, 6, 7]);
    loaded.benchmarks.a.push(9);
    expect(loadBaseline(text).benchmarks.a).toEqual([5, 6, 7]);
  });

  it('refuses a malformed baseline with an error that says what is wrong', () => {
    const refuse = (text: string, message: RegExp) => expect(() => loadBaseline(text), text).toThrow(message);
    refuse('{"version": 1, "benchmarks": {"a": [1, 2', /JSON/i);
    refuse('{"version": 2, "benchmarks": {}}', /version/);
    refuse('{"version": 1}', /benchmarks/);
    refuse('{"version": 1, "benchmarks": [1, 2]}', /benchmarks/);
    refuse('{"version": 1, "benchmarks": {"parse": []}}', /parse/);
    refuse('{"version": 1, "benchmarks": {"parse": [1, "2", 3]}}', /parse/);
    refuse('{"version": 1, "benchmarks": {"render": [1, null]}}', /render/);
    refuse('{"version": 1, "benchmarks": {"load": [5, -1]}}', /load/);
    refuse('{"version": 1, "benchmarks": {"load": 5}}', /load/);
    expect(() => saveBaseline({ empty: [] })).toThrow(/empty/);
  });

  it('checkBaseline compares each benchmark, lists new and missing ones, sorted by name', () => {
    const baseline = loadBaseline(saveBaseline(run(1)));
    const { retired, ...rest } = run(2, { parse: 1.3, load: 0.7 });
    void retired;
    const current: Record<string, number[]> = { ...rest, fresh: [1, 2, 3] };
    const checks = checkBaseline(baseline, current);
    expect(checks.map((c) => [c.name, c.status])).toEqual([['fresh', 'new'], ['load', 'faster'], ['parse', 'slower'], ['render', 'same'], ['retired', 'missing']]);
    const parse = checks.find((c) => c.name === 'parse')!;
    expect(parse.comparison).toEqual(compare(baseline.benchmarks.parse, current.parse));
    expect(parse.comparison!.ratio).toBeGreaterThan(1.2);
    expect(checks.find((c) => c.name === 'fresh')!.comparison).toBeUndefined();
    expect(checks.find((c) => c.name === 'retired')!.comparison).toBeUndefined();
  });

  it('checkBaseline flags a small real slowdown by rank test, and passes its options to compare', () => {
    // 8% slower with 200 clean samples a side: a mean-ratio rule with a 10% threshold misses it.
    const random = seededRandom(21);
    const baseline = loadBaseline(saveBaseline({ hot: timingSamples(random, 200, 1, 0) }));
    const current = { hot: timingSamples(random, 200, 1.08, 0) };
    expect(checkBaseline(baseline, current)[0].status).toBe('slower');
    expect(checkBaseline(baseline, current, { minEffect: 0.2 })[0].status).toBe('same');
  });

  it('takes measure() results as the current run too', async () => {
    const time = new VirtualTime(0.001);
    const before = await measure(() => time.spend(1_000), { samples: 30, warmup: 1, minSampleMs: 0.2, clock: time.clock });
    const after = await measure(() => time.spend(2_000), { samples: 30, warmup: 1, minSampleMs: 0.2, clock: time.clock });
    const [check] = checkBaseline(loadBaseline(saveBaseline({ step: before })), { step: after });
    expect(check.status).toBe('slower');
    expect(check.comparison!.ratio).toBeCloseTo(2, 1);
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
  // Timed on workClock (this process's CPU time where the runtime reports it): other processes' load does not count.
  const fastestNs = async (fn: () => void) => (await measure(fn, { samples: 5, warmup: 20, minSampleMs: 5, clock: workClock.now })).summary.min;

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
