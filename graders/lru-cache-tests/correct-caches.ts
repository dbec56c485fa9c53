// Three correct LRU caches with different insides. A learner's test must pass on all
// three: a test that fails on one of them checks something the contract does not
// promise (or keeps state between runs). Written to be obviously right, not fast:
// every one of them scans somewhere, which is fine for the handful of entries a
// behaviour test uses. buggy-caches.ts breaks the first two, one slip at a time.
import type { CacheFactory, LRUCache, LRUOptions, LRUStats } from '@impl/lru-cache-tests/spec-kit';

export function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`);
  return capacity;
}

/** Shared by all three: capacity, counters and the eviction callback. */
abstract class CacheBase<K, V> implements LRUCache<K, V> {
  protected limit: number;
  protected counts: LRUStats = { hits: 0, misses: 0, evictions: 0 };

  constructor(capacity: number, protected readonly options: LRUOptions<K, V> = {}) {
    this.limit = this.validCapacity(capacity);
  }

  abstract readonly size: number;
  abstract get(key: K): V | undefined;
  abstract set(key: K, value: V): this;
  abstract has(key: K): boolean;
  abstract peek(key: K): V | undefined;
  abstract delete(key: K): boolean;
  abstract clear(): void;
  /** Pairs from most to least recently used. */
  protected abstract newestFirst(): Array<[K, V]>;
  /** Evicts least recently used entries until at most `limit` remain. */
  protected abstract shrinkTo(limit: number): void;

  /** The check both the constructor and the setter use. */
  protected validCapacity(capacity: number): number {
    return checkCapacity(capacity);
  }

  get capacity(): number {
    return this.limit;
  }

  set capacity(capacity: number) {
    this.limit = this.validCapacity(capacity);
    this.shrinkTo(this.limit);
  }

  get stats(): LRUStats {
    return { ...this.counts };
  }

  /** Called once an evicted entry is gone: counts it, then tells the owner. */
  protected evicted(key: K, value: V): void {
    this.counts.evictions++;
    this.options.onEvict?.(key, value);
  }

  keys(): IterableIterator<K> {
    return this.newestFirst().map(([key]) => key)[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    return this.newestFirst().map(([, value]) => value)[Symbol.iterator]();
  }

  entries(): IterableIterator<[K, V]> {
    return this.newestFirst()[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }
}

/** Recency is the Map's own insertion order: oldest first. A hit deletes and re-inserts its key. */
export class MapOrderCache<K, V> extends CacheBase<K, V> {
  protected readonly map = new Map<K, V>();

  get size(): number {
    return this.map.size;
  }

  get(key: K): V | undefined {
    if (!this.map.has(key)) {
      this.counts.misses++;
      return undefined;
    }
    const value = this.map.get(key) as V;
    this.moveToNewest(key, value);
    this.counts.hits++;
    return value;
  }

  set(key: K, value: V): this {
    this.moveToNewest(key, value);
    this.shrinkTo(this.limit);
    return this;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  peek(key: K): V | undefined {
    return this.map.get(key);
  }

  delete(key: K): boolean {
    return this.map.delete(key);
  }

  clear(): void {
    this.map.clear();
  }

  protected moveToNewest(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
  }

  protected oldestKey(): K {
    return this.map.keys().next().value as K;
  }

  protected shrinkTo(limit: number): void {
    while (this.map.size > limit) {
      const key = this.oldestKey();
      const value = this.map.get(key) as V;
      this.map.delete(key);
      this.evicted(key, value);
    }
  }

  protected newestFirst(): Array<[K, V]> {
    return [...this.map].reverse();
  }
}

/** Values in a Map, recency in an array of keys (oldest first): the chapter's own design. */
export class KeyListCache<K, V> extends CacheBase<K, V> {
  protected readonly stored = new Map<K, V>();
  protected order: K[] = [];

  get size(): number {
    return this.stored.size;
  }

  get(key: K): V | undefined {
    if (!this.stored.has(key)) {
      this.counts.misses++;
      return undefined;
    }
    this.touch(key);
    this.counts.hits++;
    return this.stored.get(key);
  }

  set(key: K, value: V): this {
    if (this.stored.has(key)) {
      this.touch(key);
    } else {
      this.order.push(key);
    }
    this.stored.set(key, value);
    this.shrinkTo(this.limit);
    return this;
  }

  has(key: K): boolean {
    return this.stored.has(key);
  }

  peek(key: K): V | undefined {
    return this.stored.get(key);
  }

  delete(key: K): boolean {
    if (!this.stored.delete(key)) return false;
    this.order.splice(this.indexOf(key), 1);
    return true;
  }

  clear(): void {
    this.stored.clear();
    this.order = [];
  }

  /** Moves a stored key to the newest end of the list. */
  protected touch(key: K): void {
    this.order.splice(this.indexOf(key), 1);
    this.order.push(key);
  }

  /** Map equality (SameValueZero), so NaN finds NaN as it does in the Map. */
  protected indexOf(key: K): number {
    return this.order.findIndex((k) => k === key || (k !== k && key !== key));
  }

  protected shrinkTo(limit: number): void {
    while (this.stored.size > limit) {
      const key = this.order.shift() as K;
      const value = this.stored.get(key) as V;
      this.stored.delete(key);
      this.evicted(key, value);
    }
  }

  protected newestFirst(): Array<[K, V]> {
    return [...this.order].reverse().map((key) => [key, this.stored.get(key) as V]);
  }
}

/** Every use stamps the entry with a rising counter; eviction scans for the smallest stamp. */
export class StampCache<K, V> extends CacheBase<K, V> {
  private readonly slots = new Map<K, { value: V; used: number }>();
  private clock = 0;

  get size(): number {
    return this.slots.size;
  }

  get(key: K): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) {
      this.counts.misses++;
      return undefined;
    }
    slot.used = ++this.clock;
    this.counts.hits++;
    return slot.value;
  }

  set(key: K, value: V): this {
    this.slots.set(key, { value, used: ++this.clock });
    this.shrinkTo(this.limit);
    return this;
  }

  has(key: K): boolean {
    return this.slots.has(key);
  }

  peek(key: K): V | undefined {
    return this.slots.get(key)?.value;
  }

  delete(key: K): boolean {
    return this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }

  protected shrinkTo(limit: number): void {
    while (this.slots.size > limit) {
      const [key, slot] = [...this.slots].reduce((oldest, pair) => (pair[1].used < oldest[1].used ? pair : oldest));
      this.slots.delete(key);
      this.evicted(key, slot.value);
    }
  }

  protected newestFirst(): Array<[K, V]> {
    return [...this.slots].sort((a, b) => b[1].used - a[1].used).map(([key, slot]) => [key, slot.value]);
  }
}

export interface CacheDesign {
  /** How it keeps recency, for messages ("fails on the stamp cache"). */
  label: string;
  create: CacheFactory;
}

export const CORRECT_DESIGNS: readonly CacheDesign[] = [
  { label: 'Map-order cache', create: (capacity, options) => new MapOrderCache(capacity, options) },
  { label: 'key-list cache', create: (capacity, options) => new KeyListCache(capacity, options) },
  { label: 'stamp cache', create: (capacity, options) => new StampCache(capacity, options) },
];
