// An LRU (least recently used) cache in which every operation is O(1).
//
// Suggested shape: a Map from key to an entry object, plus a doubly linked list of
// those entries kept in recency order (most recent at the head, least recent at
// the tail). A hit moves its entry to the head; a full cache evicts the tail.
// Neither step may scan anything.

export interface LRUOptions<K, V> {
  /**
   * Called exactly once for each entry dropped to make room: when `set` adds a new
   * key to a full cache, or when the capacity is lowered. Not called on update,
   * `delete` or `clear`. Call it last, once the cache is consistent again.
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

export class LRUCache<K, V> implements Iterable<[K, V]> {
  /**
   * @param capacity the most entries the cache holds: a positive integer,
   *   otherwise a RangeError is thrown.
   */
  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    throw new Error('not implemented: constructor');
  }

  /** How many entries the cache holds now. */
  get size(): number {
    throw new Error('not implemented: size');
  }

  get capacity(): number {
    throw new Error('not implemented: capacity');
  }

  /**
   * Changes the capacity (a positive integer, otherwise RangeError and no change).
   * Lowering it evicts least recently used entries, one by one, until the cache fits.
   */
  set capacity(capacity: number) {
    throw new Error('not implemented: capacity =');
  }

  /** A snapshot of the counters: hits and misses of `get`, and evictions. */
  get stats(): LRUStats {
    throw new Error('not implemented: stats');
  }

  /**
   * The value stored for `key`, or undefined when absent. A hit makes the key the
   * most recently used. Counts one hit or one miss.
   */
  get(key: K): V | undefined {
    throw new Error('not implemented: get()');
  }

  /**
   * Stores `value` under `key` as the most recently used entry and returns the cache.
   * An existing key is updated in place: no eviction, same size. A new key in a full
   * cache first evicts the least recently used entry. `undefined` is a value like any other.
   */
  set(key: K, value: V): this {
    throw new Error('not implemented: set()');
  }

  /** Whether `key` is stored (even with the value undefined). Changes neither recency nor stats. */
  has(key: K): boolean {
    throw new Error('not implemented: has()');
  }

  /** The value for `key` like `get`, but without refreshing recency or counting a hit or miss. */
  peek(key: K): V | undefined {
    throw new Error('not implemented: peek()');
  }

  /** Removes `key`; true when it was there. Does not call onEvict. */
  delete(key: K): boolean {
    throw new Error('not implemented: delete()');
  }

  /** Removes every entry without calling onEvict. The stats keep their counts. */
  clear(): void {
    throw new Error('not implemented: clear()');
  }

  /** Keys from most to least recently used. Iterating changes no recency. */
  keys(): IterableIterator<K> {
    throw new Error('not implemented: keys()');
  }

  /** Values, most to least recently used. */
  values(): IterableIterator<V> {
    throw new Error('not implemented: values()');
  }

  /** [key, value] pairs, most to least recently used. */
  entries(): IterableIterator<[K, V]> {
    throw new Error('not implemented: entries()');
  }

  /** The same as `entries()`, so `for (const [k, v] of cache)` works. */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
