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

/** Rounds a TTL up to whole milliseconds (what Redis `PX` accepts) after checking it. */
export function wholeTtlMs(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0) {
    throw new RangeError(`TTL must be a finite number of milliseconds > 0, got ${ttlMs}`);
  }
  return Math.ceil(ttlMs);
}

/** `JSON.stringify`, but failing loudly where it would silently return `undefined`. */
export function toJson(value: unknown): string {
  const json = JSON.stringify(value); // throws TypeError for BigInt and cycles
  if (json === undefined) throw new TypeError(`${typeof value} has no JSON form; store null for "no value"`);
  return json;
}

export interface MemoryStoreOptions {
  clock?: Clock;
  /**
   * Awaited at the start of every call, to stand in for the network round trip
   * to a real L2, e.g. `() => new Promise((r) => setTimeout(r, 1))` for about 1 ms.
   */
  latency?: () => Promise<void>;
}

interface StoredEntry {
  json: string;
  expiresAt: number;
}

/** An L2 in a Map: same contract as RedisStore, with TTLs on an injectable clock. */
export class MemoryStore implements L2Store {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly clock: Clock;
  private readonly latency?: () => Promise<void>;

  constructor({ clock = systemClock, latency }: MemoryStoreOptions = {}) {
    this.clock = clock;
    this.latency = latency;
  }

  async get(key: string): Promise<unknown> {
    await this.latency?.();
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (this.clock.now() >= entry.expiresAt) {
      this.entries.delete(key); // expired at exactly expiresAt, like the cache above it
      return undefined;
    }
    return JSON.parse(entry.json); // a fresh copy on every read, as from Redis
  }

  async set(key: string, value: unknown, ttlMs: number): Promise<void> {
    const ttl = wholeTtlMs(ttlMs);
    const json = toJson(value); // serialize now, so later changes to `value` don't leak in
    await this.latency?.();
    this.entries.set(key, { json, expiresAt: this.clock.now() + ttl });
  }

  async delete(key: string): Promise<void> {
    await this.latency?.();
    this.entries.delete(key);
  }
}
