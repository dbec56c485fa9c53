// A read-through cache in two levels: a small, fast in-process L1 (LRU) in front
// of a shared, slower L2 (Redis, or MemoryStore in the browser), in front of the
// loader (the database). It guards against the three classic failures:
//   stampede    many callers miss the same key at once → one loader call (single flight)
//   avalanche   many keys written together expire together → TTLs spread by ±jitter
//   penetration repeated lookups of a key that doesn't exist → "no value" cached briefly
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

interface L1Entry<V> {
  value: V | null;
  expiresAt: number;
}

interface LookupResult<V> {
  value: V | null;
  fromL2: boolean;
}

/** One lookup in progress. Its identity is the generation check: see `isCurrent`. */
interface Flight<V> {
  result?: Promise<LookupResult<V>>;
}

function positiveMs(name: string, ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`${name} must be a finite number of ms > 0, got ${ms}`);
  return ms;
}

export class TwoLevelCache<V> {
  private readonly l1: LRU<string, L1Entry<V>>;
  private readonly l2: L2Store;
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly jitter: number;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly inFlight = new Map<string, Flight<V>>();
  private readonly counts = { l1Hits: 0, l2Hits: 0, misses: 0, loads: 0, l2Errors: 0 };

  /** @throws RangeError for a capacity that is not a positive integer, a TTL that is not finite and > 0, or jitter outside [0, 1). */
  constructor({
    l2,
    l1Capacity = 1000,
    ttlMs = 3_600_000,
    negativeTtlMs = 60_000,
    jitter = 0.1,
    clock = systemClock,
    random = Math.random,
  }: TwoLevelCacheOptions) {
    if (!(jitter >= 0 && jitter < 1)) throw new RangeError(`jitter must be in [0, 1), got ${jitter}`);
    this.l1 = new LRU(l1Capacity);
    this.l2 = l2;
    this.ttlMs = positiveMs('ttlMs', ttlMs);
    this.negativeTtlMs = positiveMs('negativeTtlMs', negativeTtlMs);
    this.jitter = jitter;
    this.clock = clock;
    this.random = random;
  }

  /**
   * The value for `key`: from L1, else L2 (copied into L1), else `loader` (written to both).
   * Concurrent misses on one key share one lookup. Resolves `null` for "no value".
   */
  async get(key: string, loader: Loader<V>): Promise<V | null> {
    const cached = this.l1.get(key);
    if (cached !== undefined) {
      if (this.clock.now() < cached.expiresAt) {
        this.counts.l1Hits++;
        return cached.value;
      }
      this.l1.delete(key); // expired: free the slot now rather than at eviction
    }
    let flight = this.inFlight.get(key);
    if (flight === undefined) {
      flight = {};
      this.inFlight.set(key, flight);
      flight.result = this.lookUp(key, loader, flight);
    }
    try {
      const { value, fromL2 } = await flight.result!;
      if (fromL2) this.counts.l2Hits++;
      else this.counts.misses++;
      return value;
    } catch (error) {
      this.counts.misses++;
      throw error;
    }
  }

  /**
   * Writes `value` to both levels (L1 first, so this instance sees it at once).
   * A load already in flight for `key` will not overwrite it. Rejects with the L2's
   * error if L2 fails, L1 keeping the new value.
   */
  async set(key: string, value: V, ttlMs = this.ttlMs): Promise<void> {
    if (value === null || value === undefined) throw new TypeError('set() needs a value; use invalidate() to remove a key');
    const ttl = this.jittered(positiveMs('ttlMs', ttlMs));
    this.inFlight.delete(key); // retires any running load: its older result must not win
    this.l1.set(key, { value, expiresAt: this.clock.now() + ttl });
    await this.l2.set(key, value, ttl);
  }

  /**
   * Removes `key` from both levels. A load already in flight for it still answers
   * its own callers but caches nothing, and the next get starts a fresh lookup.
   * Rejects with the L2's error if L2 fails, L1 being cleared regardless.
   */
  async invalidate(key: string): Promise<void> {
    this.inFlight.delete(key);
    this.l1.delete(key);
    await this.l2.delete(key);
  }

  stats(): CacheStats {
    const { l1Hits, l2Hits, misses } = this.counts;
    const gets = l1Hits + l2Hits + misses;
    return { ...this.counts, l1HitRate: gets === 0 ? 0 : l1Hits / gets };
  }

  /** Lookups (L2 read and/or load) now running; 0 once every get has settled. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  private async lookUp(key: string, loader: Loader<V>, flight: Flight<V>): Promise<LookupResult<V>> {
    try {
      const stored = await this.readL2(key);
      if (stored !== undefined) {
        if (this.isCurrent(key, flight)) this.fillL1(key, stored);
        return { value: stored, fromL2: true };
      }
      this.counts.loads++;
      const value = (await loader(key)) ?? null;
      if (this.isCurrent(key, flight)) {
        const ttl = this.fillL1(key, value);
        // Issued in the same tick as the check above, so an invalidate() after it reaches L2 later and wins.
        await this.l2.set(key, value, ttl).catch(() => void this.counts.l2Errors++);
      }
      return { value, fromL2: false };
    } finally {
      // Only the current flight may clear the slot: a retired one would remove its successor.
      if (this.isCurrent(key, flight)) this.inFlight.delete(key);
    }
  }

  /** False once set() or invalidate() has retired this flight: its result is stale and must not be cached. */
  private isCurrent(key: string, flight: Flight<V>): boolean {
    return this.inFlight.get(key) === flight;
  }

  /** L2's value, or undefined when absent or when L2 fails (an L2 outage degrades to the loader). */
  private async readL2(key: string): Promise<V | null | undefined> {
    try {
      return (await this.l2.get(key)) as V | null | undefined;
    } catch {
      this.counts.l2Errors++;
      return undefined;
    }
  }

  /** Caches `value` in L1 with a fresh jittered TTL and returns that TTL for L2 to use. */
  private fillL1(key: string, value: V | null): number {
    const ttl = this.jittered(value === null ? this.negativeTtlMs : this.ttlMs);
    this.l1.set(key, { value, expiresAt: this.clock.now() + ttl });
    return ttl;
  }

  /** Spreads expiries so keys written together don't expire together (cache avalanche). */
  private jittered(ttlMs: number): number {
    return ttlMs * (1 + this.jitter * (2 * this.random() - 1));
  }
}
