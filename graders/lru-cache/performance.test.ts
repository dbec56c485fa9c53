import { describe, it } from 'vitest';
import { checkPerf, interleavedRatio, nsPerOp, seededRandom, workClock, zipf } from '@grader-kit';
import { LRUCache } from '@impl/lru-cache/lru-cache';
import { ReferenceLRU } from './model';

// Every target is a ratio measured in this run (never bare milliseconds), as the
// median of interleaved pairs, with a margin of 4× or more on both sides.
const SAMPLE_MS = 50;
const PAIRS = 7;
const HOT_KEYS = 256;
const WARM_UP_MS = 300;

function prefilled(capacity: number): LRUCache<number, number> {
  const cache = new LRUCache<number, number>(capacity);
  for (let key = 0; key < capacity; key++) cache.set(key, key);
  return cache;
}

describe('hot-reads-scale', () => {
  // Reads over the most recently inserted keys touch little memory, so only the
  // algorithm can make them slower in a bigger cache: a list scan finds them last.
  it('get over the 256 newest keys costs about the same at 100k entries as at 1k', async ({ task }) => {
    const hotReads = (capacity: number) => {
      const cache = prefilled(capacity);
      const first = capacity - HOT_KEYS;
      return () => nsPerOp((i) => cache.get(first + (i & (HOT_KEYS - 1))), { sampleMs: SAMPLE_MS });
    };
    const big = hotReads(100_000);
    const small = hotReads(1_000);
    big();
    small(); // warm-up: let the JIT settle before measuring
    await checkPerf(task, { metric: 'get cost at 100k entries ÷ at 1k', target: 4, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, PAIRS) });
  });
});

describe('eviction-scale', () => {
  it('set of a new key into a full cache costs about the same at 100k entries as at 1k', async ({ task }) => {
    const evictingSets = (capacity: number) => {
      const cache = prefilled(capacity);
      let nextKey = capacity;
      return () => nsPerOp(() => cache.set(nextKey++, 0), { sampleMs: SAMPLE_MS });
    };
    const big = evictingSets(100_000);
    const small = evictingSets(1_000);
    big();
    small();
    await checkPerf(task, { metric: 'evicting set cost at 100k entries ÷ at 1k', target: 20, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, PAIRS) });
  });
});

describe('delete-scale', () => {
  // Each step deletes the key inserted capacity/2 steps earlier and sets a fresh one: the
  // cache stays full, and the deleted entry sits half-way down the recency list, so a delete
  // that walks the list from either end to find its entry does capacity/2 hops. (Deleting and
  // re-adding the same few keys would time V8's Map instead: re-inserting a key makes its
  // hash chain longer until the next rehash.)
  it('deleting a key from the middle of the recency order costs about the same at 100k entries as at 1k', async ({ task }) => {
    const deletes = (capacity: number) => {
      const cache = prefilled(capacity);
      let t = 0;
      return () => nsPerOp(() => {
        cache.delete(t + capacity / 2);
        cache.set(capacity + t, t);
        t++;
      }, { sampleMs: SAMPLE_MS });
    };
    const big = deletes(100_000);
    const small = deletes(1_000);
    big();
    small();
    await checkPerf(task, { metric: 'delete + set cost at 100k entries ÷ at 1k', target: 20, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, PAIRS) });
  });
});

describe('throughput', () => {
  it('a skewed read-through workload runs at ≥ 0.25× the speed of a plain reference LRU', async ({ task }) => {
    // Zipf(0.99) over 100k keys with room for 10k: popular keys stay, the tail churns.
    const nextKey = zipf(100_000, 0.99, seededRandom(3));
    const trace = Int32Array.from({ length: 200_000 }, nextKey);
    const readThrough = (cache: { get(k: number): number | undefined; set(k: number, v: number): unknown }) => {
      const op = (i: number) => {
        const key = trace[i % trace.length];
        if (cache.get(key) === undefined) cache.set(key, key);
      };
      // Warm the cache and the JIT: a correct cache runs the whole trace in a few ms; an O(n)
      // one stops after WARM_UP_MS, and is already far too slow to measure any other way.
      const start = workClock.now();
      for (let i = 0; i < trace.length && ((i & 1023) !== 0 || workClock.now() - start < WARM_UP_MS); i++) op(i);
      return () => nsPerOp(op, { sampleMs: SAMPLE_MS });
    };
    const reference = readThrough(new ReferenceLRU(10_000));
    const learner = readThrough(new LRUCache<number, number>(10_000));
    // reference ns ÷ learner ns = the learner's throughput relative to the reference
    await checkPerf(task, { metric: 'throughput relative to the reference LRU', target: 0.25, unit: '×', direction: 'min', measure: () => interleavedRatio(reference, learner, PAIRS) });
  });
});
