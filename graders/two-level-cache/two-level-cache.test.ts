import { describe, expect, it, vi } from 'vitest';
import { FakeClock, checkPerf, flushMicrotasks, interleavedRatio, nsPerOp, nsPerOpAsync, seededRandom, zipf } from '@grader-kit';
import { TwoLevelCache, type TwoLevelCacheOptions } from '@impl/two-level-cache/two-level-cache';
import { FakeL2, PlainLRU, manualLoader } from './harness';

const HOUR = 3_600_000;

/** A cache over a counting fake L2 and a fake clock; jitter off unless a test turns it on. */
function setup<V = unknown>(options: Partial<TwoLevelCacheOptions> = {}, { honourTtl = true } = {}) {
  const clock = new FakeClock();
  const l2 = new FakeL2({ clock, honourTtl });
  const cache = new TwoLevelCache<V>({ l2, clock, jitter: 0, ...options });
  return { clock, l2, cache };
}

const valueOf = (key: string) => `value of ${key}`;

describe('read-through', () => {
  it('a miss calls the loader once, with the key, and returns its value', async () => {
    const { cache } = setup();
    const loader = vi.fn(valueOf);
    expect(await cache.get('user:1', loader)).toBe('value of user:1');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(loader).toHaveBeenCalledWith('user:1');
  });

  it('a loaded value is written to L2 with the TTL', async () => {
    const { cache, l2 } = setup({ ttlMs: 5000 });
    await cache.get('user:1', () => ({ name: 'Ada', tags: ['x'] }));
    expect(l2.peek('user:1')).toEqual({ name: 'Ada', tags: ['x'] });
    expect(l2.ttls.get('user:1')).toBe(5000);
  });

  it('a repeated get is answered by L1 without calling L2 or the loader', async () => {
    const { cache, l2 } = setup();
    const loader = vi.fn(valueOf);
    await cache.get('k', loader);
    const l2Gets = l2.gets;
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(l2.gets).toBe(l2Gets);
  });

  it('an L2 hit skips the loader and back-fills L1', async () => {
    const { cache, l2 } = setup();
    l2.seed('k', { from: 'L2', n: [1, 2] });
    const loader = vi.fn(valueOf);
    expect(await cache.get('k', loader)).toEqual({ from: 'L2', n: [1, 2] });
    expect(await cache.get('k', loader)).toEqual({ from: 'L2', n: [1, 2] });
    expect(loader).not.toHaveBeenCalled();
    expect(l2.gets).toBe(1);
  });

  it('set writes both levels, and a get after it calls no loader', async () => {
    const { cache, l2 } = setup({ ttlMs: 7000 });
    await cache.set('k', 'written');
    expect(l2.peek('k')).toBe('written');
    expect(l2.ttls.get('k')).toBe(7000);
    const loader = vi.fn(valueOf);
    expect(await cache.get('k', loader)).toBe('written');
    expect(loader).not.toHaveBeenCalled();
  });

  it('set refuses null and undefined with a TypeError, and leaves the key as it was', async () => {
    const { cache } = setup<string | null>();
    await expect(cache.set('k', null)).rejects.toThrow(TypeError);
    await expect(cache.set('k', undefined as unknown as string)).rejects.toThrow(TypeError);
    // Nothing was cached by the refused calls: the next get still asks the loader.
    const loader = vi.fn(valueOf);
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('an L1 eviction leaves the key in L2, so it comes back from L2 and not the loader', async () => {
    const { cache, l2 } = setup({ l1Capacity: 2 });
    const loader = vi.fn(valueOf);
    for (const key of ['a', 'b', 'c']) await cache.get(key, loader); // 'a' is evicted from L1
    expect(l2.deletes).toBe(0);
    expect(l2.peek('a')).toBe('value of a');
    expect(await cache.get('a', loader)).toBe('value of a');
    expect(loader).toHaveBeenCalledTimes(3);
    expect(cache.stats().l2Hits).toBe(1);
  });

  it('keys named like Object.prototype members are ordinary keys', async () => {
    const { cache } = setup();
    const loader = vi.fn(valueOf);
    const keys = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
    for (const key of keys) expect(await cache.get(key, loader)).toBe(valueOf(key));
    for (const key of keys) expect(await cache.get(key, loader)).toBe(valueOf(key));
    expect(loader).toHaveBeenCalledTimes(keys.length);
  });
});

describe('ttl', () => {
  it('an entry is served until just before expiresAt and is expired at exactly expiresAt', async () => {
    const { cache, clock, l2 } = setup({ ttlMs: 1000 });
    const loader = vi.fn(valueOf);
    await cache.get('k', loader);
    await clock.advance(999);
    await cache.get('k', loader);
    expect(l2.gets).toBe(1);
    expect(loader).toHaveBeenCalledTimes(1);
    await clock.advance(1); // now === expiresAt
    await cache.get('k', loader);
    expect(loader).toHaveBeenCalledTimes(2);
  });

  it('L1 checks its own expiry instead of relying on L2 to expire the key', async () => {
    const { cache, clock, l2 } = setup({ ttlMs: 1000 }, { honourTtl: false });
    const loader = vi.fn(valueOf);
    await cache.get('k', loader);
    await clock.advance(1000);
    expect(await cache.get('k', loader)).toBe('value of k'); // from L2, which here never expires
    expect(l2.gets).toBe(2);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('an entry back-filled from L2 expires from L1 after the TTL', async () => {
    const { cache, clock, l2 } = setup({ ttlMs: 1000 }, { honourTtl: false });
    l2.seed('k', 'from L2');
    const loader = vi.fn(valueOf);
    await cache.get('k', loader);
    await clock.advance(999);
    await cache.get('k', loader);
    expect(l2.gets).toBe(1);
    await clock.advance(1);
    await cache.get('k', loader);
    expect(l2.gets).toBe(2);
    expect(loader).not.toHaveBeenCalled();
  });

  it('set takes an explicit TTL for both levels', async () => {
    const { cache, clock, l2 } = setup({ ttlMs: HOUR }, { honourTtl: false });
    await cache.set('k', 'short-lived', 50);
    expect(l2.ttls.get('k')).toBe(50);
    await clock.advance(49);
    await cache.get('k', valueOf);
    expect(l2.gets).toBe(0);
    await clock.advance(1);
    await cache.get('k', valueOf);
    expect(l2.gets).toBe(1);
  });

  it('rejects TTLs, jitter and capacities that make no sense with a RangeError', async () => {
    const clock = new FakeClock();
    const l2 = new FakeL2({ clock });
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      expect(() => new TwoLevelCache({ l2, clock, ttlMs: bad }), `ttlMs ${bad}`).toThrow(RangeError);
      expect(() => new TwoLevelCache({ l2, clock, negativeTtlMs: bad }), `negativeTtlMs ${bad}`).toThrow(RangeError);
    }
    for (const bad of [-0.1, 1, 2, Number.NaN]) {
      expect(() => new TwoLevelCache({ l2, clock, jitter: bad }), `jitter ${bad}`).toThrow(RangeError);
    }
    for (const bad of [0, -5, 1.5]) {
      expect(() => new TwoLevelCache({ l2, clock, l1Capacity: bad }), `l1Capacity ${bad}`).toThrow(RangeError);
    }
    const cache = new TwoLevelCache<string>({ l2, clock });
    await expect(cache.set('k', 'v', 0)).rejects.toThrow(RangeError);
    await expect(cache.set('k', 'v', -10)).rejects.toThrow(RangeError);
  });
});

describe('jitter', () => {
  const T = 100_000;

  it('5000 keys loaded together get TTLs spread evenly over [0.9T, 1.1T]', async () => {
    const { cache, l2 } = setup({ ttlMs: T, jitter: 0.1, random: seededRandom(7), l1Capacity: 5000 });
    for (let i = 0; i < 5000; i++) await cache.get(`k${i}`, valueOf);
    const ttls = [...l2.ttls.values()];
    expect(ttls).toHaveLength(5000);
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(0.9 * T);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(1.1 * T);
    expect(new Set(ttls).size).toBeGreaterThanOrEqual(1000);
    // 20 buckets, each 1% of T wide: evenly spread means about 250 per bucket.
    const buckets = new Array<number>(20).fill(0);
    for (const ttl of ttls) buckets[Math.min(19, Math.floor((ttl - 0.9 * T) / (0.01 * T)))]++;
    expect(Math.max(...buckets)).toBeLessThanOrEqual(3 * 250);
    expect(Math.min(...buckets)).toBeGreaterThanOrEqual(250 / 3);
  });

  it('L1 expiries are spread the same way: none before 0.9T, about a quarter by 0.95T', async () => {
    const { cache, clock, l2 } = setup({ ttlMs: T, jitter: 0.1, random: seededRandom(11), l1Capacity: 1000 }, { honourTtl: false });
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    for (const key of keys) await cache.get(key, valueOf);
    const l1Misses = async () => {
      const before = l2.gets;
      for (const key of keys) await cache.get(key, valueOf);
      return l2.gets - before;
    };
    await clock.advance(0.9 * T - 1);
    expect(await l1Misses()).toBe(0);
    await clock.advance(0.05 * T + 1); // at 0.95T about a quarter have expired
    const early = await l1Misses();
    expect(early).toBeGreaterThanOrEqual(100);
    expect(early).toBeLessThanOrEqual(400);
  });

  it('set() spreads its TTLs the same way: 2000 keys written together do not expire together', async () => {
    const { cache, l2 } = setup({ ttlMs: T, jitter: 0.1, random: seededRandom(5), l1Capacity: 2000 });
    for (let i = 0; i < 2000; i++) await cache.set(`k${i}`, i);
    const ttls = [...l2.ttls.values()];
    expect(Math.min(...ttls)).toBeGreaterThanOrEqual(0.9 * T);
    expect(Math.max(...ttls)).toBeLessThanOrEqual(1.1 * T);
    expect(new Set(ttls).size).toBeGreaterThanOrEqual(1000);
    expect(ttls.filter((t) => t < T).length).toBeGreaterThan(600); // about half below T
  });

  it('even the widest jitter never gives a TTL of zero or less', async () => {
    const { cache, l2 } = setup({ ttlMs: 1000, jitter: 0.99, random: () => 0 });
    await cache.get('k', valueOf);
    expect(l2.ttls.get('k')).toBeGreaterThan(0);
  });

  it('jitter 0 keeps the exact TTL', async () => {
    const { cache, l2 } = setup({ ttlMs: 1234, jitter: 0, random: seededRandom(3) });
    for (let i = 0; i < 20; i++) await cache.get(`k${i}`, valueOf);
    expect(new Set(l2.ttls.values())).toEqual(new Set([1234]));
  });
});

describe('negative-caching', () => {
  const options = { ttlMs: HOUR, negativeTtlMs: 1000 };

  it('10k gets of a missing key within the negative TTL call the loader once', async () => {
    const { cache } = setup<string>(options);
    const loader = vi.fn(() => null);
    let nonNull = 0;
    for (let i = 0; i < 10_000; i++) if ((await cache.get('ghost', loader)) !== null) nonNull++;
    expect(nonNull).toBe(0);
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('undefined from the loader is cached as null', async () => {
    const { cache, l2 } = setup<string>(options);
    const loader = vi.fn(() => undefined);
    expect(await cache.get('ghost', loader)).toBeNull();
    expect(await cache.get('ghost', loader)).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
    expect(l2.peek('ghost')).toBeNull();
  });

  it('"no value" goes to L2 as null with the shorter negative TTL', async () => {
    const { cache, l2 } = setup<string>(options);
    await cache.get('ghost', () => null);
    expect(l2.peek('ghost')).toBeNull();
    expect(l2.ttls.get('ghost')).toBe(1000);
  });

  it('a null found in L2 is a hit: the loader is not asked', async () => {
    const { cache, l2 } = setup<string>(options);
    l2.seed('ghost', null);
    const loader = vi.fn(() => 'surprise');
    expect(await cache.get('ghost', loader)).toBeNull();
    expect(loader).not.toHaveBeenCalled();
  });

  it('a null back-filled from L2 stays in L1 only for the negative TTL', async () => {
    const { cache, clock, l2 } = setup<string>(options, { honourTtl: false });
    l2.seed('ghost', null);
    await cache.get('ghost', () => 'surprise');
    await clock.advance(999);
    await cache.get('ghost', () => 'surprise');
    expect(l2.gets).toBe(1);
    await clock.advance(1);
    await cache.get('ghost', () => 'surprise');
    expect(l2.gets).toBe(2);
  });

  it('once the negative TTL has passed the loader is asked again, and a real value gets the full TTL', async () => {
    const { cache, clock, l2 } = setup<string>(options);
    let exists = false;
    const loader = vi.fn(() => (exists ? 'now it exists' : null));
    await cache.get('k', loader);
    exists = true;
    await clock.advance(999);
    expect(await cache.get('k', loader)).toBeNull();
    await clock.advance(1);
    expect(await cache.get('k', loader)).toBe('now it exists');
    expect(loader).toHaveBeenCalledTimes(2);
    expect(l2.ttls.get('k')).toBe(HOUR);
  });
});

describe('single-flight', () => {
  it('100 concurrent gets of a cold key make one L2 read and one loader call, and share the value', async () => {
    const { cache, l2 } = setup();
    const loader = manualLoader<string>();
    const gets = Array.from({ length: 100 }, () => cache.get('hot', loader.load));
    await flushMicrotasks();
    expect(loader.calls).toEqual(['hot']);
    expect(cache.inFlightCount).toBe(1);
    loader.pending[0].resolve('the value');
    expect(await Promise.all(gets)).toEqual(new Array(100).fill('the value'));
    expect(l2.gets).toBe(1);
    expect(cache.inFlightCount).toBe(0);
  });

  it('200 keys with 100 callers each make exactly 200 loader calls', async () => {
    const { cache } = setup({ l1Capacity: 1000 });
    let loads = 0;
    const loader = async (key: string) => (loads++, valueOf(key));
    const gets: Promise<boolean>[] = [];
    for (let caller = 0; caller < 100; caller++) {
      for (let k = 0; k < 200; k++) gets.push(cache.get(`k${k}`, loader).then((v) => v === valueOf(`k${k}`)));
    }
    const correct = (await Promise.all(gets)).filter(Boolean).length;
    expect(loads).toBe(200);
    expect(correct).toBe(20_000);
    expect(cache.inFlightCount).toBe(0);
  });

  it('a loader failure reaches every waiter, is not cached, and the next get retries', async () => {
    const { cache } = setup();
    const loader = manualLoader<string>();
    const gets = Array.from({ length: 100 }, () => cache.get('k', loader.load));
    await flushMicrotasks();
    const failure = new Error('database down');
    loader.pending[0].reject(failure);
    const outcomes = await Promise.allSettled(gets);
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason === failure)).toBe(true);
    expect(cache.inFlightCount).toBe(0);
    const retry = cache.get('k', loader.load);
    await flushMicrotasks();
    expect(loader.calls).toHaveLength(2);
    loader.pending[1].resolve('recovered');
    expect(await retry).toBe('recovered');
  });

  it('a loader that throws synchronously turns into a rejected get', async () => {
    const { cache } = setup();
    const failure = new Error('sync throw');
    let pending: Promise<unknown> | undefined;
    expect(() => {
      pending = cache.get('k', () => {
        throw failure;
      });
    }).not.toThrow();
    await expect(pending).rejects.toBe(failure);
    expect(cache.inFlightCount).toBe(0);
  });

  it('callers that arrive while the L2 read is pending join it too', async () => {
    const { cache, l2 } = setup();
    l2.seed('k', 'in L2');
    l2.holdReads();
    const first = cache.get('k', valueOf);
    await flushMicrotasks();
    const late = Array.from({ length: 10 }, () => cache.get('k', valueOf));
    l2.releaseReads();
    expect(await Promise.all([first, ...late])).toEqual(new Array(11).fill('in L2'));
    expect(l2.gets).toBe(1);
  });
});

describe('invalidate', () => {
  it('removes the key from both levels', async () => {
    const { cache, l2 } = setup();
    const loader = vi.fn(valueOf);
    await cache.get('k', loader);
    await cache.invalidate('k');
    expect(l2.peek('k')).toBeUndefined();
    await cache.get('k', loader);
    expect(loader).toHaveBeenCalledTimes(2);
    await expect(cache.invalidate('never-seen')).resolves.toBeUndefined();
  });

  it('a load in flight during invalidate answers its callers but caches nothing', async () => {
    const { cache, l2 } = setup();
    const loader = manualLoader<string>();
    const before = cache.get('k', loader.load);
    await flushMicrotasks();
    await cache.invalidate('k');
    loader.pending[0].resolve('stale');
    expect(await before).toBe('stale');
    expect(l2.peek('k')).toBeUndefined();
    const after = cache.get('k', loader.load);
    await flushMicrotasks();
    expect(loader.calls).toHaveLength(2);
    loader.pending[1].resolve('fresh');
    expect(await after).toBe('fresh');
  });

  it('a get after invalidate starts a new load rather than joining the stale one', async () => {
    const { cache, l2 } = setup();
    const loader = manualLoader<string>();
    const stale = cache.get('k', loader.load);
    await flushMicrotasks();
    await cache.invalidate('k');
    const fresh = cache.get('k', loader.load);
    await flushMicrotasks();
    expect(loader.calls).toHaveLength(2);
    loader.pending[0].resolve('stale'); // the old load finishes first…
    await stale;
    const joiner = cache.get('k', loader.load); // …and must not have cleared the new load's slot
    await flushMicrotasks();
    expect(loader.calls).toHaveLength(2);
    loader.pending[1].resolve('fresh');
    expect(await fresh).toBe('fresh');
    expect(await joiner).toBe('fresh');
    expect(await cache.get('k', loader.load)).toBe('fresh');
    expect(l2.peek('k')).toBe('fresh');
    expect(cache.inFlightCount).toBe(0);
  });

  it('an L2 read that raced invalidate is not copied into L1', async () => {
    const { cache, l2 } = setup();
    l2.seed('k', 'old');
    l2.holdReads();
    const racing = cache.get('k', valueOf);
    await flushMicrotasks(); // the read has its snapshot: 'old'
    await cache.invalidate('k');
    l2.releaseReads();
    expect(await racing).toBe('old');
    const loader = vi.fn(() => 'new');
    expect(await cache.get('k', loader)).toBe('new');
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('set wins over a slower load that started before it', async () => {
    const { cache, l2 } = setup();
    const loader = manualLoader<string>();
    const slow = cache.get('k', loader.load);
    await flushMicrotasks();
    await cache.set('k', 'written');
    loader.pending[0].resolve('loaded earlier');
    await slow;
    expect(await cache.get('k', loader.load)).toBe('written');
    expect(l2.peek('k')).toBe('written');
    expect(loader.calls).toHaveLength(1);
  });
});

describe('l2-failures', () => {
  it('a failing L2 read falls back to the loader and the value still lands in L1', async () => {
    const { cache, l2 } = setup();
    l2.failGets = true;
    const loader = vi.fn(valueOf);
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.stats().l2Errors).toBeGreaterThanOrEqual(1);
  });

  it('a failing L2 write after a load still returns the value, and counts as an L2 error', async () => {
    const { cache, l2 } = setup();
    l2.failSets = true;
    const loader = vi.fn(valueOf);
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(await cache.get('k', loader)).toBe('value of k');
    expect(loader).toHaveBeenCalledTimes(1);
    expect(cache.inFlightCount).toBe(0);
    expect(cache.stats().l2Errors).toBe(1);
  });

  it('single flight holds while L2 is down', async () => {
    const { cache, l2 } = setup();
    l2.failGets = true;
    l2.failSets = true;
    const loader = vi.fn(async (key: string) => valueOf(key));
    const values = await Promise.all(Array.from({ length: 50 }, () => cache.get('k', loader)));
    expect(new Set(values)).toEqual(new Set(['value of k']));
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('set and invalidate update L1 even when L2 fails, and report the failure', async () => {
    const { cache, l2 } = setup();
    const loader = vi.fn(valueOf);
    l2.failSets = true;
    await expect(cache.set('k', 'written')).rejects.toThrow('L2 unavailable');
    expect(await cache.get('k', loader)).toBe('written');
    l2.failDeletes = true;
    const readsBefore = l2.gets;
    await expect(cache.invalidate('k')).rejects.toThrow('L2 unavailable');
    await cache.get('k', loader);
    expect(l2.gets).toBe(readsBefore + 1); // L1 no longer had it
  });
});

describe('stats-hit-rate', () => {
  it('counts L1 hits, L2 hits, misses and loads per get call', async () => {
    const { cache, l2 } = setup();
    await cache.get('a', valueOf); // miss + load
    await cache.get('a', valueOf); // L1 hit
    l2.seed('b', 'in L2');
    await cache.get('b', valueOf); // L2 hit
    const loader = vi.fn(async (key: string) => valueOf(key));
    await Promise.all(Array.from({ length: 10 }, () => cache.get('c', loader))); // 10 misses, 1 load
    const stats = cache.stats();
    expect(stats).toMatchObject({ l1Hits: 1, l2Hits: 1, misses: 11, loads: 2, l2Errors: 0 });
    expect(stats.l1HitRate).toBeCloseTo(1 / 13, 10);
  });

  it('callers that join a lookup which found the key in L2 count as L2 hits', async () => {
    const { cache, l2 } = setup();
    l2.seed('k', 'in L2');
    await Promise.all(Array.from({ length: 5 }, () => cache.get('k', valueOf)));
    expect(cache.stats()).toMatchObject({ l1Hits: 0, l2Hits: 5, misses: 0, loads: 0 });
  });

  it('a get whose loader fails counts as a miss, and so does every caller that joined it', async () => {
    const { cache } = setup();
    const loader = manualLoader<string>();
    const gets = Array.from({ length: 4 }, () => cache.get('k', loader.load));
    await flushMicrotasks();
    loader.pending[0].reject(new Error('database down'));
    await Promise.allSettled(gets);
    expect(cache.stats()).toMatchObject({ l1Hits: 0, l2Hits: 0, misses: 4, loads: 1 });
  });

  it('stats() is a snapshot: later gets do not change a copy already taken', async () => {
    const { cache } = setup();
    await cache.get('a', valueOf);
    const before = cache.stats();
    await cache.get('a', valueOf);
    await cache.get('b', valueOf);
    expect(before).toMatchObject({ l1Hits: 0, misses: 1, loads: 1, l1HitRate: 0 });
    expect(cache.stats()).toMatchObject({ l1Hits: 1, misses: 2, loads: 2 });
  });

  it('a new cache reports zeros and a hit rate of 0', () => {
    const { cache } = setup();
    expect(cache.stats()).toMatchObject({ l1Hits: 0, l2Hits: 0, misses: 0, loads: 0, l2Errors: 0, l1HitRate: 0 });
  });

  it('a seeded Zipf workload (10k keys, L1 of 1000) gets an L1 hit rate above 80%, and the counts add up', async () => {
    const GETS = 50_000;
    const clock = new FakeClock();
    const l2 = new FakeL2({ clock });
    const run = async (cache: TwoLevelCache<number>) => {
      const nextKey = zipf(10_000, 1.2, seededRandom(42));
      let loaderCalls = 0;
      const loader = (key: string) => (loaderCalls++, key.length);
      const l2ReadsBefore = l2.gets;
      for (let i = 0; i < GETS; i++) await cache.get(`item:${nextKey()}`, loader);
      const stats = cache.stats();
      expect(stats.l1Hits + stats.l2Hits + stats.misses).toBe(GETS);
      expect(stats.loads).toBe(loaderCalls);
      expect(stats.misses).toBe(loaderCalls); // one caller at a time: every miss loads
      expect(l2.gets - l2ReadsBefore).toBe(stats.l2Hits + stats.misses); // every L1 miss reads L2 once
      expect(stats.l1HitRate).toBeCloseTo(stats.l1Hits / GETS, 10);
      return stats;
    };
    const first = await run(new TwoLevelCache<number>({ l2, clock, l1Capacity: 1000 }));
    expect(first.l1HitRate).toBeGreaterThan(0.8);
    // A second instance (another process) starts with an empty L1 over the L2 the first one filled:
    // it loads nothing, and its L1 fills only by back-fill from L2.
    const second = await run(new TwoLevelCache<number>({ l2, clock, l1Capacity: 1000 }));
    expect(second.loads).toBe(0);
    expect(second.l1HitRate).toBeGreaterThan(0.8);
  });
});

describe('l1-hit-cost', () => {
  const N = 10_000;
  const keys = Array.from({ length: N }, (_, i) => `key:${i}`);
  // A stride through all keys: every get is a hit, and both sides pay the same memory costs.
  const keyAt = (i: number) => keys[(i * 7919) % N];

  it('10k gets of cached keys make no L2 calls and no loads', async () => {
    const { cache, l2 } = setup({ l1Capacity: N });
    const loader = vi.fn(valueOf);
    for (const key of keys) await cache.get(key, loader);
    const calls = { gets: l2.gets, sets: l2.sets, deletes: l2.deletes };
    for (let i = 0; i < N; i++) await cache.get(keyAt(i), loader);
    expect({ gets: l2.gets, sets: l2.sets, deletes: l2.deletes }).toEqual(calls);
    expect(loader).toHaveBeenCalledTimes(N);
  });

  it('an awaited L1 hit costs at most 10× a plain synchronous LRU get', async ({ task }) => {
    const { cache } = setup({ l1Capacity: N });
    const plain = new PlainLRU<string>(N);
    for (const key of keys) {
      await cache.get(key, valueOf);
      plain.set(key, valueOf(key));
    }
    const awaitedHits = () => nsPerOpAsync((i) => cache.get(keyAt(i), valueOf), { sampleMs: 100 });
    const plainGets = () => nsPerOp((i) => plain.get(keyAt(i)), { sampleMs: 100 });
    await awaitedHits();
    plainGets(); // warm-up: let the JIT settle on both sides before measuring
    await checkPerf(task, { metric: 'awaited L1 hit ÷ plain LRU get', target: 10, unit: '×', direction: 'max', measure: () => interleavedRatio(awaitedHits, plainGets, 7) });
  });
});
