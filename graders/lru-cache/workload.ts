// The profiler's workload for this lab (lab.json "workload"; the in-page Profile button
// and `workbook profile lru-cache` both run it): a read-through cache in front of a slow
// store, under Zipf(0.99) traffic over 100k keys with room for 10k, the shape of the
// `throughput` task. Every miss loads the value and stores it, evicting the least
// recently used entry; every hit refreshes recency. An O(1) cache spends its time in
// get and set; a list-based one spends it scanning (indexOf, splice, shift).
import { seededRandom, zipf } from '@grader-kit';
import { LRUCache } from '@impl/lru-cache/lru-cache';

const KEYS = 100_000;
const CAPACITY = 10_000;
const READS = 400_000;

/** The slow store behind the cache: a value computed from the key. */
function load(key: number): string {
  return `row-${key}`;
}

export function prepare() {
  const nextKey = zipf(KEYS, 0.99, seededRandom(2024));
  const trace = Int32Array.from({ length: READS }, nextKey);
  return () => {
    const cache = new LRUCache<number, string>(CAPACITY);
    let misses = 0;
    for (const key of trace) {
      if (cache.get(key) === undefined) {
        misses++;
        cache.set(key, load(key));
      }
    }
    return misses;
  };
}
