// The cache simulator's model: a read-through two-level cache (L1 in-process LRU,
// L2 shared LRU, then the database) under a seeded Zipf workload on a simulated
// clock. Requests arrive over time, entries expire by TTL, and loads take time, so
// the three accidents of section 3.3 happen here for real: an avalanche when keys
// written together expire together, a stampede when many requests miss one hot key
// at once, and what single-flight and TTL jitter do about them.
//
// Semantics follow the two-level-cache lab: a load writes both levels with the same
// jittered TTL, an L2 hit back-fills L1 with a fresh jittered TTL, an entry has
// expired at exactly its expiry time, and single-flight joins a running load.
import { zipf } from '../../grader-kit';
import { LRU } from '../../../labs/two-level-cache/lru';
import { seededRandom } from '../../core/random';
import { percentile } from './percentile';

export interface CacheParams {
  l1Capacity: number;
  l2Capacity: number;
  /** Zipf exponent: higher means a few keys take more of the traffic. */
  skew: number;
  keys: number;
  requestsPerSecond: number;
  durationMs: number;
  ttlMs: number;
  /** TTL × (1 + jitter × (2r − 1)); 0 means every key written together expires together. */
  jitter: number;
  singleFlight: boolean;
  l2Ms: number;
  dbMs: number;
  /** At t = 0 a warm-up job writes this many of the most popular keys into L2 at once. */
  warmKeys: number;
  /** Width of the buckets that count database queries over time. */
  bucketMs: number;
  seed?: number;
}

export interface CacheResult {
  requests: number;
  l1Hits: number;
  l2Hits: number;
  /** Requests that found no value in either level and waited for a load (their own or one they joined). */
  misses: number;
  /** Loader (database) calls. With single-flight, one per key at a time. */
  loads: number;
  /** Misses that joined a load already running instead of starting their own. */
  coalesced: number;
  /** The most database queries for one key running at the same time: 1 with single-flight. */
  maxLoadsPerKey: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Database queries started in each bucket of `bucketMs`. */
  loadsPerBucket: number[];
  peakLoadsPerSecond: number;
}

/**
 * The lab's O(1) LRU (given complete in the two-level-cache scaffold) holding each key's expiry.
 * A Map-only LRU (delete + set) is not O(1) in V8: its deleted slots pile up at the front.
 */
class ExpiringLru {
  private readonly lru: LRU<number, number>;
  constructor(capacity: number) {
    this.lru = new LRU(capacity);
  }

  /** true on a hit; an expired entry is removed and counts as a miss. */
  get(key: number, now: number): boolean {
    const expiresAt = this.lru.get(key);
    if (expiresAt === undefined) return false;
    if (now < expiresAt) return true;
    this.lru.delete(key);
    return false;
  }

  set(key: number, expiresAt: number): void {
    this.lru.set(key, expiresAt);
  }
}

interface Load { key: number; doneAt: number; ttlMs: number }

export function simulateCache(p: CacheParams): CacheResult {
  const random = seededRandom(p.seed ?? 20240611);
  const nextKey = zipf(p.keys, p.skew, seededRandom((p.seed ?? 20240611) + 1));
  const l1 = new ExpiringLru(p.l1Capacity);
  const l2 = new ExpiringLru(p.l2Capacity);
  const ttl = () => p.ttlMs * (1 + p.jitter * (2 * random() - 1));
  // Each hop costs its nominal latency times a lognormal-ish factor around 1.
  const vary = (ms: number) => ms * Math.exp(0.3 * (random() + random() + random() - 1.5));

  for (let key = 0; key < Math.min(p.warmKeys, p.l2Capacity); key++) l2.set(key, ttl());

  const inFlight = new Map<number, Load>(); // single-flight: the running load per key
  const running: Load[] = []; // by doneAt, earliest last, so the next to finish pops off the end
  const latencies: number[] = [];
  const loadsPerBucket = new Array<number>(Math.ceil(p.durationMs / p.bucketMs)).fill(0);
  const loadsRunning = new Map<number, number>(); // key → its loads in flight
  let l1Hits = 0, l2Hits = 0, misses = 0, loads = 0, coalesced = 0, maxLoadsPerKey = 0;

  const finishLoadsUntil = (now: number) => {
    while (running.length && running[running.length - 1]!.doneAt <= now) {
      const load = running.pop()!;
      const expiresAt = load.doneAt + load.ttlMs; // both levels get the same jittered TTL
      l2.set(load.key, expiresAt);
      l1.set(load.key, expiresAt);
      if (inFlight.get(load.key) === load) inFlight.delete(load.key);
      loadsRunning.set(load.key, loadsRunning.get(load.key)! - 1);
    }
  };
  const startLoad = (key: number, now: number): Load => {
    const load = { key, doneAt: now + vary(p.dbMs), ttlMs: ttl() };
    let i = running.length;
    while (i > 0 && running[i - 1]!.doneAt < load.doneAt) i--;
    running.splice(i, 0, load);
    loads++;
    const sameKey = (loadsRunning.get(key) ?? 0) + 1;
    loadsRunning.set(key, sameKey);
    maxLoadsPerKey = Math.max(maxLoadsPerKey, sameKey);
    loadsPerBucket[Math.min(loadsPerBucket.length - 1, Math.floor(now / p.bucketMs))]!++;
    return load;
  };

  const gapMs = 1000 / p.requestsPerSecond;
  for (let now = -Math.log(1 - random()) * gapMs; now < p.durationMs; now += -Math.log(1 - random()) * gapMs) {
    finishLoadsUntil(now);
    const key = nextKey();
    if (l1.get(key, now)) {
      l1Hits++;
      latencies.push(0.01);
      continue;
    }
    const l2ms = vary(p.l2Ms);
    if (l2.get(key, now)) {
      l2Hits++;
      l1.set(key, now + ttl()); // back-fill: L1 cannot know how long L2 keeps it, so a fresh TTL
      latencies.push(l2ms);
      continue;
    }
    misses++;
    const joined = p.singleFlight ? inFlight.get(key) : undefined;
    if (joined) coalesced++;
    const load = joined ?? startLoad(key, now + l2ms);
    if (p.singleFlight) inFlight.set(key, load);
    latencies.push(load.doneAt - now);
  }

  const sorted = Float64Array.from(latencies).sort(); // a typed array sorts numerically
  const peak = Math.max(...loadsPerBucket);
  return {
    requests: latencies.length,
    l1Hits, l2Hits, misses, loads, coalesced, maxLoadsPerKey,
    meanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    loadsPerBucket,
    peakLoadsPerSecond: peak * (1000 / p.bucketMs),
  };
}
