// A read-through cache in two levels: a small, fast in-process L1 (LRU) in front
// of a shared, slower L2 (Redis, or MemoryStore in the browser), in front of the
// loader (the database). It must guard against the three classic failures:
//   stampede    many callers miss the same key at once → one loader call (single flight)
//   avalanche   many keys written together expire together → TTLs spread by ±jitter
//   penetration repeated lookups of a key that doesn't exist → "no value" cached briefly
// Yours to use: LRU (the L1, given complete) and systemClock (the default clock).
import { LRU } from './lru';
import { systemClock, type Clock, type L2Store } from './l2-store';

/** Fetches the value at the source. `null` or `undefined` means "no such value". */
export type Loader<V> = (key: string) => V | null | undefined | Promise<V | null | undefined>;

export interface TwoLevelCacheOptions {
  l2: L2Store;
  /** Most entries kept in L1. Default 1000. */
  l1Capacity?: number;
  /** Lifetime of a loaded value, in ms, before jitter. Default 3_600_000 (one hour). */
  ttlMs?: number;
  /** Lifetime of a cached "no value", in ms, before jitter. Default 60_000. */
  negativeTtlMs?: number;
  /** Each TTL is scaled by a random factor in [1 − jitter, 1 + jitter). Default 0.1. */
  jitter?: number;
  clock?: Clock;
  /** Uniform in [0, 1); drives the jitter. Default Math.random. */
  random?: () => number;
}

export interface CacheStats {
  /** get calls answered from L1. */
  l1Hits: number;
  /** get calls answered from L2, including callers that joined a lookup which found the key there. */
  l2Hits: number;
  /** get calls that found the key in neither level, including callers that joined such a lookup. */
  misses: number;
  /** Loader calls. Single flight keeps this at one per key however many callers miss together. */
  loads: number;
  /** L2 calls that failed (the cache carried on without L2). */
  l2Errors: number;
  /** l1Hits ÷ all get calls; 0 before the first get. */
  l1HitRate: number;
}

export class TwoLevelCache<V> {
  /**
   * @throws RangeError when `l1Capacity` is not a positive integer, when `ttlMs` or
   * `negativeTtlMs` is not a finite number > 0, or when `jitter` is outside [0, 1).
   */
  constructor(options: TwoLevelCacheOptions) {
    throw new Error('not implemented: new TwoLevelCache()');
  }

  /**
   * The value for `key`: from L1, else L2 (copied into L1), else `loader` (written to both).
   * - Concurrent misses on one key share one lookup (L2 read and loader call); a loader
   *   error rejects every caller of that lookup and is not cached.
   * - A loader result of `null`/`undefined` is cached as `null` for `negativeTtlMs`.
   * - An L2 failure counts in `l2Errors` and never fails the get: treat it as a miss.
   * - Always returns a promise, even when the loader throws synchronously.
   */
  async get(key: string, loader: Loader<V>): Promise<V | null> {
    throw new Error(`not implemented: get(${key})`);
  }

  /**
   * Writes `value` to both levels (L1 first, so this instance sees it at once), with a
   * jittered `ttlMs`. A load already in flight for `key` must not overwrite it.
   * Rejects with TypeError for `null`/`undefined`, RangeError for a bad TTL, and with
   * the L2's error if L2 fails (L1 keeps the new value).
   */
  async set(key: string, value: V, ttlMs?: number): Promise<void> {
    throw new Error(`not implemented: set(${key})`);
  }

  /**
   * Removes `key` from both levels. A load already in flight for it still answers its
   * own callers but caches nothing, and the next get starts a fresh lookup.
   * Rejects with the L2's error if L2 fails, L1 being cleared regardless.
   */
  async invalidate(key: string): Promise<void> {
    throw new Error(`not implemented: invalidate(${key})`);
  }

  /** A snapshot of the counters. */
  stats(): CacheStats {
    throw new Error('not implemented: stats()');
  }

  /** Lookups (L2 read and/or load) now running; 0 once every get has settled. */
  get inFlightCount(): number {
    throw new Error('not implemented: inFlightCount');
  }
}
