// The broken caches a learner's tests must catch: each is one of the correct caches of
// correct-caches.ts with one realistic slip, written the way it happens in real code.
// lru-cache-tests.test.ts names each by what it gets wrong, not by how to test for it.
import type { LRUCache, LRUOptions, LRUStats } from '@impl/lru-cache-tests/spec-kit';
import { KeyListCache, MapOrderCache } from './correct-caches';

// ---- recency ------------------------------------------------------------------------

/** "Refreshes" a hit with Map#set, which leaves an existing key where it is. */
export class GetLeavesKeyInPlace<K, V> extends MapOrderCache<K, V> {
  get(key: K): V | undefined {
    if (!this.map.has(key)) {
      this.counts.misses++;
      return undefined;
    }
    const value = this.map.get(key) as V;
    this.map.set(key, value);
    this.counts.hits++;
    return value;
  }
}

/** "Move to front" written as a swap with the next newer key (fine at capacity 2, wrong above). */
export class MovesOneStep<K, V> extends KeyListCache<K, V> {
  protected touch(key: K): void {
    const i = this.indexOf(key);
    if (i < this.order.length - 1) [this.order[i], this.order[i + 1]] = [this.order[i + 1], this.order[i]];
  }
}

/** Map#set on an existing key changes the value and keeps the key's old position. */
export class UpdateKeepsPlace<K, V> extends MapOrderCache<K, V> {
  set(key: K, value: V): this {
    this.map.set(key, value);
    this.shrinkTo(this.limit);
    return this;
  }
}

export class PeekRefreshes<K, V> extends MapOrderCache<K, V> {
  peek(key: K): V | undefined {
    if (!this.map.has(key)) return undefined;
    const value = this.map.get(key) as V;
    this.moveToNewest(key, value);
    return value;
  }
}

export class HasRefreshes<K, V> extends MapOrderCache<K, V> {
  has(key: K): boolean {
    if (!this.map.has(key)) return false;
    this.moveToNewest(key, this.map.get(key) as V);
    return true;
  }
}

/** The Map's order is oldest first, and nobody reversed it. */
export class IteratesOldestFirst<K, V> extends MapOrderCache<K, V> {
  protected newestFirst(): Array<[K, V]> {
    return [...this.map];
  }
}

// ---- eviction -----------------------------------------------------------------------

/** Takes the victim from the wrong end of the Map: the newest key, i.e. the one just set. */
export class EvictsNewest<K, V> extends MapOrderCache<K, V> {
  protected oldestKey(): K {
    return [...this.map.keys()].at(-1) as K;
  }
}

/** Makes room before inserting, but only once the cache is already over capacity (`>` for `>=`). */
export class KeepsOneExtra<K, V> extends MapOrderCache<K, V> {
  set(key: K, value: V): this {
    if (!this.map.has(key) && this.map.size > this.limit) this.shrinkTo(this.map.size - 1); // drops the oldest entry
    this.moveToNewest(key, value);
    return this;
  }
}

/** Makes room whenever the cache is full, without asking whether the key is already there. */
export class UpdateEvictsWhenFull<K, V> extends MapOrderCache<K, V> {
  set(key: K, value: V): this {
    if (this.map.size >= this.limit) this.shrinkTo(this.map.size - 1); // drops the oldest entry
    this.moveToNewest(key, value);
    return this;
  }
}

/** The setter stores the new capacity and forgets to evict; the next new key trims the cache. */
export class ShrinkKeepsExtra<K, V> extends MapOrderCache<K, V> {
  get capacity(): number {
    return this.limit;
  }

  set capacity(capacity: number) {
    this.limit = this.validCapacity(capacity);
  }
}

/** Trims from the wrong end when the capacity drops. */
export class ShrinkEvictsNewest<K, V> extends MapOrderCache<K, V> {
  get capacity(): number {
    return this.limit;
  }

  set capacity(capacity: number) {
    this.limit = this.validCapacity(capacity);
    while (this.map.size > this.limit) {
      const newest = [...this.map.keys()].at(-1) as K;
      const value = this.map.get(newest) as V;
      this.map.delete(newest);
      this.evicted(newest, value);
    }
  }
}

// ---- the eviction callback ------------------------------------------------------------

/** Tells the owner first, removes the entry after. */
export class NotifiesBeforeRemoving<K, V> extends MapOrderCache<K, V> {
  protected shrinkTo(limit: number): void {
    while (this.map.size > limit) {
      const key = this.oldestKey();
      this.evicted(key, this.map.get(key) as V);
      this.map.delete(key);
    }
  }
}

/** The base class's eviction step calls onEvict already; the override calls it again. */
export class NotifiesTwice<K, V> extends MapOrderCache<K, V> {
  protected evicted(key: K, value: V): void {
    super.evicted(key, value);
    this.options.onEvict?.(key, value);
  }
}

/** Inside set, `value` is the new value, not the evicted one. */
export class NotifiesWithNewValue<K, V> extends MapOrderCache<K, V> {
  set(key: K, value: V): this {
    this.moveToNewest(key, value);
    while (this.map.size > this.limit) {
      const oldest = this.oldestKey();
      this.map.delete(oldest);
      this.evicted(oldest, value);
    }
    return this;
  }
}

/** delete reuses the eviction path, callback and count included. */
export class NotifiesOnDelete<K, V> extends MapOrderCache<K, V> {
  delete(key: K): boolean {
    if (!this.map.has(key)) return false;
    const value = this.map.get(key) as V;
    this.map.delete(key);
    this.evicted(key, value);
    return true;
  }
}

/** clear evicts entries one by one, so the owner hears about each. */
export class NotifiesOnClear<K, V> extends MapOrderCache<K, V> {
  clear(): void {
    for (const [key, value] of [...this.map]) {
      this.map.delete(key);
      this.evicted(key, value);
    }
  }
}

// ---- bookkeeping ------------------------------------------------------------------------

/** Keeps its own count, and set adds one even when the key was already there. */
export class SizeCountsUpdates<K, V> extends MapOrderCache<K, V> {
  private count = 0;

  get size(): number {
    return this.count;
  }

  set(key: K, value: V): this {
    this.count++;
    return super.set(key, value);
  }

  delete(key: K): boolean {
    const removed = super.delete(key);
    if (removed) this.count--;
    return removed;
  }

  clear(): void {
    super.clear();
    this.count = 0;
  }

  protected evicted(key: K, value: V): void {
    this.count--;
    super.evicted(key, value);
  }
}

/** Removes the value and forgets the key list: the key still waits there to be "evicted". */
export class DeleteLeavesKeyInList<K, V> extends KeyListCache<K, V> {
  delete(key: K): boolean {
    return this.stored.delete(key);
  }
}

/** Empties the values and forgets the key list. */
export class ClearLeavesKeysInList<K, V> extends KeyListCache<K, V> {
  clear(): void {
    this.stored.clear();
  }
}

export class ClearResetsStats<K, V> extends MapOrderCache<K, V> {
  clear(): void {
    super.clear();
    this.counts = { hits: 0, misses: 0, evictions: 0 };
  }
}

export class PeekCountsStats<K, V> extends MapOrderCache<K, V> {
  peek(key: K): V | undefined {
    if (!this.map.has(key)) {
      this.counts.misses++;
      return undefined;
    }
    this.counts.hits++;
    return this.map.get(key);
  }
}

/** The setter trims and calls onEvict itself, skipping the counter that evicted() keeps. */
export class ShrinkNotCounted<K, V> extends MapOrderCache<K, V> {
  get capacity(): number {
    return this.limit;
  }

  set capacity(capacity: number) {
    this.limit = this.validCapacity(capacity);
    while (this.map.size > this.limit) {
      const key = this.oldestKey();
      const value = this.map.get(key) as V;
      this.map.delete(key);
      this.options.onEvict?.(key, value);
    }
  }
}

// ---- edge cases ---------------------------------------------------------------------------

export class RefusesCapacityOne<K, V> extends MapOrderCache<K, V> {
  protected validCapacity(capacity: number): number {
    if (!Number.isInteger(capacity) || capacity <= 1) throw new RangeError(`capacity must be more than 1, got ${String(capacity)}`);
    return capacity;
  }
}

export class AcceptsCapacityZero<K, V> extends MapOrderCache<K, V> {
  protected validCapacity(capacity: number): number {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity must not be negative, got ${String(capacity)}`);
    return capacity;
  }
}

/** The constructor checks the capacity; the setter takes whatever it is given. */
export class SetterTakesAnyCapacity<K, V> extends MapOrderCache<K, V> {
  get capacity(): number {
    return this.limit;
  }

  set capacity(capacity: number) {
    this.limit = capacity;
    this.shrinkTo(capacity);
  }
}

/** Decides a hit by the value: a stored undefined looks like a miss. */
export class UndefinedIsMiss<K, V> extends MapOrderCache<K, V> {
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value === undefined) {
      this.counts.misses++;
      return undefined;
    }
    this.moveToNewest(key, value);
    this.counts.hits++;
    return value;
  }
}

/** `if (!value)`: every falsy value looks like a miss. */
export class FalsyIsMiss<K, V> extends MapOrderCache<K, V> {
  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (!value) {
      this.counts.misses++;
      return undefined;
    }
    this.moveToNewest(key, value);
    this.counts.hits++;
    return value;
  }
}

/** Keys turned into strings, as a plain object would store them: 1 and '1' become one key. */
export class StringKeys<K, V> implements LRUCache<K, V> {
  private readonly byText: MapOrderCache<string, [K, V]>;

  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    this.byText = new MapOrderCache(capacity, { onEvict: (_, [key, value]) => options.onEvict?.(key, value) });
  }

  get size(): number {
    return this.byText.size;
  }

  get capacity(): number {
    return this.byText.capacity;
  }

  set capacity(capacity: number) {
    this.byText.capacity = capacity;
  }

  get stats(): LRUStats {
    return this.byText.stats;
  }

  get(key: K): V | undefined {
    return this.byText.get(String(key))?.[1];
  }

  set(key: K, value: V): this {
    this.byText.set(String(key), [key, value]);
    return this;
  }

  has(key: K): boolean {
    return this.byText.has(String(key));
  }

  peek(key: K): V | undefined {
    return this.byText.peek(String(key))?.[1];
  }

  delete(key: K): boolean {
    return this.byText.delete(String(key));
  }

  clear(): void {
    this.byText.clear();
  }

  keys(): IterableIterator<K> {
    return [...this.byText.values()].map(([key]) => key)[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    return [...this.byText.values()].map(([, value]) => value)[Symbol.iterator]();
  }

  entries(): IterableIterator<[K, V]> {
    return this.byText.values();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}
