// What your spec gets to work with (read-only; the course gives this file).
//
// Your spec is a function: it receives a small test kit and a factory that makes
// caches. The grader calls it once to learn your tests, then runs every test against
// several caches, some correct and some broken, each time with `create` making that
// kind of cache. Everything here is synchronous: the cache has no async API.

// ---- The cache under test ---------------------------------------------------------
// The same contract as the lru-cache lab's LRUCache. These comments are the
// specification your tests turn into checks.

export interface LRUOptions<K, V> {
  /**
   * Called exactly once for each entry dropped to make room: when `set` adds a new key
   * to a full cache, or when the capacity is lowered. Never on update, `delete` or
   * `clear`. It runs once the cache is consistent again: the evicted key is gone, the
   * key being set is in, and `size` is within capacity.
   */
  onEvict?: (key: K, value: V) => void;
}

export interface LRUStats {
  /** `get` calls that found their key. */
  hits: number;
  /** `get` calls that did not. */
  misses: number;
  /** Entries dropped to make room (see `onEvict`). */
  evictions: number;
}

export interface LRUCache<K, V> extends Iterable<[K, V]> {
  /** How many entries the cache holds now. */
  readonly size: number;
  /**
   * The most entries the cache holds. Setting it needs a positive integer (otherwise
   * RangeError and nothing changes); lowering it evicts least recently used entries,
   * one by one, until the cache fits.
   */
  capacity: number;
  /** A snapshot of the counters: hits and misses of `get`, and evictions. */
  readonly stats: LRUStats;
  /**
   * The value for `key`, or undefined when absent. A hit makes the key the most
   * recently used. Counts one hit or one miss.
   */
  get(key: K): V | undefined;
  /**
   * Stores `value` as the most recently used entry and returns the cache. An
   * existing key is updated in place: no eviction, same size. A new key in a full
   * cache first makes room by evicting the least recently used entry.
   * `undefined` is a value like any other.
   */
  set(key: K, value: V): this;
  /** Whether `key` is stored (even with the value undefined). Changes no recency or stats. */
  has(key: K): boolean;
  /** The value for `key` like `get`, without refreshing recency or counting anything. */
  peek(key: K): V | undefined;
  /** Removes `key`; true when it was there. Does not call onEvict. */
  delete(key: K): boolean;
  /** Removes every entry without calling onEvict. The stats keep their counts. */
  clear(): void;
  /** Keys from most to least recently used. Iterating changes no recency. */
  keys(): IterableIterator<K>;
  /** Values, most to least recently used. */
  values(): IterableIterator<V>;
  /** [key, value] pairs, most to least recently used; `for (const [k, v] of cache)` too. */
  entries(): IterableIterator<[K, V]>;
}

/**
 * Makes a cache of the kind being tested. `capacity` must be a positive integer,
 * otherwise it throws a RangeError. Keys follow `Map` rules: `1` and `'1'` are two
 * keys, `NaN` finds `NaN`, objects compare by reference.
 */
export type CacheFactory = <K, V>(
  capacity: number,
  options?: LRUOptions<K, V>,
) => LRUCache<K, V>;

// ---- The test kit -----------------------------------------------------------------

/**
 * Vitest's own `expect`, the part of it this lab supports. Each call counts as an
 * assertion: a test that makes none proves nothing and is not counted.
 */
export interface Expect {
  <T>(actual: T, message?: string): Assertion;
}

export interface Assertion {
  /** Negates the check that follows: `expect(x).not.toBe(y)`. */
  not: Assertion;
  /** Same value (`Object.is`): numbers, strings, booleans, undefined, the same object. */
  toBe(expected: unknown): void;
  /** Same contents, recursively: arrays, plain objects such as `stats`. */
  toEqual(expected: unknown): void;
  toStrictEqual(expected: unknown): void;
  toBeUndefined(): void;
  toBeDefined(): void;
  toBeNull(): void;
  toBeTruthy(): void;
  toBeFalsy(): void;
  toBeGreaterThan(n: number): void;
  toBeGreaterThanOrEqual(n: number): void;
  toBeLessThan(n: number): void;
  toBeLessThanOrEqual(n: number): void;
  /** An array or string that contains the item. */
  toContain(item: unknown): void;
  toHaveLength(n: number): void;
  /** For a function: calling it throws (optionally: an error of this class, or this message). */
  toThrow(expected?: string | RegExp | (new (...args: never[]) => Error)): void;
}

export interface SpecKit {
  /**
   * Declares a test. Call it while `spec` runs, never inside another test. Give each
   * test its own name: a sentence stating the behaviour it checks.
   */
  test(name: string, body: () => void): void;
  expect: Expect;
}

/** The shape of the function your spec file exports as `spec`. */
export type Spec = (kit: SpecKit, create: CacheFactory) => void;
