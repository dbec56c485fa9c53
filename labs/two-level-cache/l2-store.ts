// The L2 level's contract, and an in-memory L2 for the browser and for tests.

/** Where the cache reads time from. `FakeClock` from `@grader-kit` fits, so tests move time by hand. */
export interface Clock {
  /** Milliseconds; only differences matter. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A shared, slower cache level (Redis in production). It holds JSON: `set` stores
 * `JSON.stringify(value)` and `get` returns `JSON.parse` of it, so what comes back is
 * a copy that went through JSON (a `Date` comes back as its ISO string, `undefined`
 * object fields vanish, `Map` becomes `{}`). `null` is a value like any other.
 */
export interface L2Store {
  /** The stored value, or `undefined` when the key is absent or has expired. */
  get(key: string): Promise<unknown>;
  /**
   * Stores `value` for `ttlMs` milliseconds; overwrites the value and the TTL of an existing key.
   * Rejects with RangeError unless `ttlMs` is a finite number > 0 (fractions round up to whole ms),
   * and with TypeError when `value` has no JSON form (`undefined`, a function, a BigInt).
   */
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  /** Removes the key; resolves whether or not it existed. */
  delete(key: string): Promise<void>;
}

export interface MemoryStoreOptions {
  clock?: Clock;
  /**
   * Awaited at the start of every call, to stand in for the network round trip
   * to a real L2, e.g. `() => new Promise((r) => setTimeout(r, 1))` for about 1 ms.
   */
  latency?: () => Promise<void>;
}

/**
 * An L2 in a Map: the same contract as RedisStore, with TTLs on an injectable clock.
 * An entry is expired when `clock.now() >= expiresAt`. Keep JSON text, not the object,
 * so a stored value can't be changed from outside and every read is a fresh copy.
 */
export class MemoryStore implements L2Store {
  constructor(options: MemoryStoreOptions = {}) {
    throw new Error(`not implemented: new MemoryStore(${Object.keys(options).join(', ')})`);
  }

  async get(key: string): Promise<unknown> {
    throw new Error(`not implemented: MemoryStore.get(${key})`);
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    throw new Error(`not implemented: MemoryStore.set(${key}, …, ${ttlMs})`);
  }

  async delete(key: string): Promise<void> {
    throw new Error(`not implemented: MemoryStore.delete(${key})`);
  }
}
