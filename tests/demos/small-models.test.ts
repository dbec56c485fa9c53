// The demos' smaller models: the deque, the three percentile methods, N+1 vs batching,
// the cache simulator's accidents and the autoscaler's controllers.
import { describe, expect, it } from 'vitest';
import { Deque } from '../../src/components/demos/deque';
import { nearestRank, nearestRankDivideFirst, percentile, truncatedIndex } from '../../src/components/demos/percentile';
import { BatchLoader, makePage, runStrategy } from '../../src/components/demos/n-plus-one';
import { simulateCache, type CacheParams } from '../../src/components/demos/cache-sim';
import { simulateAutoscale, type AutoscaleParams } from '../../src/components/demos/autoscale-sim';

describe('Deque', () => {
  it('is first in, first out across growth and wrap-around', () => {
    const q = new Deque<number>();
    const expected: number[] = [];
    for (let i = 0; i < 100; i++) {
      q.push(i); expected.push(i);
      if (i % 3 === 0) expect(q.shift()).toBe(expected.shift());
    }
    expect([...q]).toEqual(expected);
    expect(q.pop()).toBe(99);
    expect(q.peekFront()).toBe(expected[0]);
    expect(q.length).toBe(expected.length - 1);
  });
});

describe('percentile methods', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);
  it('nearest rank gives p on 1..100 for every whole p, the float traps included', () => {
    for (let p = 1; p <= 100; p++) expect(nearestRank(oneToHundred, p).value).toBe(p);
    expect(nearestRank(oneToHundred, 0).value).toBe(1);
  });
  it('dividing first adds a rank exactly at p = 7, 14, 28, 55, 56', () => {
    const off = [];
    for (let p = 1; p <= 100; p++) if (nearestRankDivideFirst(oneToHundred, p).value !== p) off.push(p);
    expect(off).toEqual([7, 14, 28, 55, 56]);
    expect(nearestRankDivideFirst(oneToHundred, 7).exact).toBe(7.000000000000001);
  });
  it('the truncated index is one rank high, the maximum for small n, and past the end at p = 100', () => {
    expect(truncatedIndex(oneToHundred, 50).value).toBe(51);
    expect(truncatedIndex(oneToHundred, 7).value).toBe(8);
    expect(truncatedIndex(Array.from({ length: 20 }, (_, i) => i + 1), 95).value).toBe(20);
    expect(truncatedIndex(oneToHundred, 100)).toMatchObject({ index: 100, value: undefined });
  });
  it('percentile() is nearest rank, NaN for no samples', () => {
    expect(percentile(oneToHundred, 95)).toBe(95);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('N+1 queries', () => {
  const db = { roundTripMs: 5, perRowMs: 0.1, connections: 10 };
  const page = makePage(25, 10);

  it('one by one: 1 + N queries, each waiting for the last', async () => {
    const r = await runStrategy('serial', page, db);
    expect(r.queries).toHaveLength(26);
    expect(r.correct).toBe(25);
    expect(r.totalMs).toBeCloseTo(5 + 2.5 + 25 * 5.1, 6);
  });

  it('all at once: still 1 + N queries, overlapped only as far as the pool allows', async () => {
    const r = await runStrategy('concurrent', page, db);
    expect(r.queries).toHaveLength(26);
    expect(r.correct).toBe(25);
    expect(r.totalMs).toBeCloseTo(7.5 + 3 * 5.1, 6); // 25 author queries through 10 connections: 3 waves
    expect(Math.max(...r.queries.map((q) => q.startedAt - q.askedAt))).toBeGreaterThan(0);
  });

  it('batched: two queries, each distinct author asked for once', async () => {
    const r = await runStrategy('batched', page, db);
    const distinct = new Set(page.map((p) => p.authorId)).size;
    expect(r.queries).toHaveLength(2);
    expect(r.queries[1]!.rows).toBe(distinct);
    expect(r.correct).toBe(25);
    expect(r.totalMs).toBeCloseTo(7.5 + 5 + distinct * 0.1, 6);
  });

  it('BatchLoader: one batch per tick, a failure reaches every caller of that batch', async () => {
    const batches: number[][] = [];
    const loader = new BatchLoader<number, number>(async (keys) => {
      batches.push([...keys]);
      if (keys.includes(13)) throw new Error('bad batch');
      return keys.map((k) => k * 2);
    });
    expect(await Promise.all([loader.load(1), loader.load(2), loader.load(1)])).toEqual([2, 4, 2]);
    const failing = [loader.load(13), loader.load(14)];
    await expect(failing[0]).rejects.toThrow('bad batch');
    await expect(failing[1]).rejects.toThrow('bad batch');
    expect(batches).toEqual([[1, 2], [13, 14]]);
  });
});

describe('cache simulator', () => {
  const base: CacheParams = {
    l1Capacity: 100, l2Capacity: 2000, skew: 1.1, keys: 2000, requestsPerSecond: 1000, durationMs: 60_000,
    ttlMs: 20_000, jitter: 0.1, singleFlight: true, l2Ms: 2, dbMs: 30, warmKeys: 2000, bucketMs: 500,
  };
  const run = (o: Partial<CacheParams>) => simulateCache({ ...base, ...o });

  it('counts every request once and is deterministic', () => {
    const r = run({});
    expect(r.l1Hits + r.l2Hits + r.misses).toBe(r.requests);
    expect(r.loadsPerBucket.reduce((a, b) => a + b, 0)).toBe(r.loads);
    expect(run({})).toEqual(r);
  });

  it('a bigger L1 raises the L1 hit rate and visibly cuts the mean latency', () => {
    const small = run({ l1Capacity: 10 });
    const large = run({ l1Capacity: 1000 });
    expect(large.l1Hits / large.requests).toBeGreaterThan(small.l1Hits / small.requests + 0.4);
    expect(large.meanMs).toBeLessThan(small.meanMs * 0.7);
  });

  it('without jitter the warm-up keys expire together: a database spike at t = TTL', () => {
    const synchronized = run({ jitter: 0 });
    const spread = run({ jitter: 0.1 });
    const quiet = [...synchronized.loadsPerBucket].sort((a, b) => a - b)[60]!; // the median bucket
    expect(synchronized.loadsPerBucket.indexOf(Math.max(...synchronized.loadsPerBucket))).toBe(40); // 20.0–20.5 s
    expect(synchronized.peakLoadsPerSecond).toBeGreaterThan(5 * quiet * 2);
    expect(synchronized.peakLoadsPerSecond).toBeGreaterThan(1.5 * spread.peakLoadsPerSecond);
  });

  it('single-flight keeps one query per key at a time; without it a hot key is loaded many times at once', () => {
    expect(run({ singleFlight: true }).maxLoadsPerKey).toBe(1);
    const off = run({ singleFlight: false, jitter: 0, dbMs: 100 });
    expect(off.maxLoadsPerKey).toBeGreaterThan(3);
    expect(off.coalesced).toBe(0);
  });

  it('a smaller L2 sends more requests to the database', () => {
    expect(run({ l2Capacity: 200, warmKeys: 200 }).loads).toBeGreaterThan(run({}).loads * 1.5);
  });
});

describe('autoscaling', () => {
  const base: AutoscaleParams = {
    policy: 'demand', fixedWorkers: 20, minWorkers: 2, maxWorkers: 50, targetUtilisation: 0.7,
    intervalMs: 10_000, startupMs: 10_000, scaleDownDelayMs: 60_000, serviceMs: 100, sloMs: 500,
  };
  const run = (o: Partial<AutoscaleParams>) => simulateAutoscale({ ...base, ...o });

  it('follows the load: more workers at the peak than in the quiet start and end', () => {
    const { samples } = run({});
    const at = (s: number) => samples.find((x) => x.at === s * 1000)!;
    expect(at(50).ready).toBe(20); // the scale-down delay holds the starting size for a minute
    expect(at(100).ready).toBeLessThan(15);
    expect(at(250).ready).toBeGreaterThan(2 * at(100).ready);
    expect(at(600).ready).toBeLessThan(at(250).ready / 2);
  });

  it('costs far less than a fixed pool sized for the peak, and drowns less than one sized for the average', () => {
    const auto = run({});
    const peak = run({ policy: 'fixed', fixedWorkers: 46 });
    const average = run({ policy: 'fixed', fixedWorkers: 15 });
    expect(auto.workerMinutes).toBeLessThan(peak.workerMinutes * 0.75);
    expect(auto.overSlo).toBeLessThan(average.overSlo / 3);
  });

  it('utilisation cannot see past 100%: with little headroom it falls behind where demand-based scaling does not', () => {
    const util = run({ policy: 'utilisation', targetUtilisation: 0.9 });
    const demand = run({ policy: 'demand', targetUtilisation: 0.9 });
    expect(util.overSlo).toBeGreaterThan(2 * demand.overSlo);
  });

  it('stays within min and max', () => {
    for (const s of run({ maxWorkers: 12 }).samples) expect(s.desired).toBeLessThanOrEqual(12);
    for (const s of run({ minWorkers: 5 }).samples) expect(s.desired).toBeGreaterThanOrEqual(5);
  });
});
