// The lab's reference LRU against lru-cache 11 and mnemonist's LRUMap on skewed
// read-through traffic: Zipf(0.99) over 100k keys, capacity 10k, a miss stores the key.
// Target: the reference reaches ≥ 1.5× lru-cache's throughput.
import { LRUCache as LibLRUCache } from 'lru-cache';
import { LRUMap } from 'mnemonist';
import { LRUCache } from '../solutions/lru-cache/lru-cache';
import { seededRandom, zipf } from '../src/grader-kit/index';
import { compare, timed, type BenchResult } from './lib';

const KEYS = 100_000;
const CAPACITY = 10_000;
const OPS = 1_000_000;

interface ReadThroughCache {
  get(key: number): number | undefined;
  set(key: number, value: number): unknown;
}

export default async function lruBench(): Promise<BenchResult[]> {
  const nextKey = zipf(KEYS, 0.99, seededRandom(1));
  const trace = Int32Array.from({ length: OPS }, nextKey);

  // Each round starts from an empty cache, so every variant pays the same warm-up misses.
  const run = (make: () => ReadThroughCache) => () => {
    const cache = make();
    let misses = 0;
    return timed(OPS, () => {
      for (let i = 0; i < OPS; i++) {
        const key = trace[i];
        if (cache.get(key) === undefined) {
          misses++;
          cache.set(key, key);
        }
      }
      if (misses === 0) throw new Error('a read-through trace with no misses means the bench is broken');
    });
  };

  const results = await compare('LRU read-through, Zipf 0.99, 100k keys, capacity 10k', [
    { name: 'reference (Map + linked list)', run: run(() => new LRUCache<number, number>(CAPACITY)) },
    { name: 'lru-cache 11', run: run(() => new LibLRUCache<number, number>({ max: CAPACITY })) },
    { name: 'mnemonist LRUMap', run: run(() => new LRUMap<number, number>(CAPACITY)) },
  ]);

  const lib = results.find((r) => r.variant === 'lru-cache 11')!;
  const speedup = lib.nsPerOp / results[0].nsPerOp;
  console.log(`reference vs lru-cache 11: ${speedup.toFixed(2)}× the throughput (target ≥ 1.5×) ${speedup >= 1.5 ? 'met' : 'MISSED'}`);
  return results;
}
