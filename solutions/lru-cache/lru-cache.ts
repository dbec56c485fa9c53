// An LRU cache where every operation is O(1): a Map finds an entry by key, and a
// doubly linked list keeps entries in recency order, most recent first.
// Moving an entry to the front is four pointer writes, whatever the cache's size.

export interface LRUOptions<K, V> {
  /** Called once for each entry dropped to make room (not on delete, update or clear). */
  onEvict?: (key: K, value: V) => void;
}

export interface LRUStats {
  hits: number;
  misses: number;
  evictions: number;
}

/** One cached pair, and also a link in the recency list. */
class Entry<K, V> {
  // A lone entry links to itself, so the sentinel below starts as an empty circular list.
  prev: Entry<K, V> = this;
  next: Entry<K, V> = this;

  constructor(
    public key: K,
    public value: V,
  ) {}
}

function checkCapacity(capacity: number): void {
  if (!Number.isInteger(capacity) || capacity < 1) {
    throw new RangeError(`capacity must be a positive integer, got ${String(capacity)}`);
  }
}

export class LRUCache<K, V> implements Iterable<[K, V]> {
  private readonly byKey = new Map<K, Entry<K, V>>();
  // The list is circular around a sentinel: sentinel.next is the most recently used
  // entry, sentinel.prev the least. The sentinel means no null checks when linking.
  private readonly sentinel = new Entry<K, V>(undefined as K, undefined as V);
  private max: number;
  private readonly onEvict?: (key: K, value: V) => void;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(capacity: number, options: LRUOptions<K, V> = {}) {
    checkCapacity(capacity);
    this.max = capacity;
    this.onEvict = options.onEvict;
  }

  get size(): number {
    return this.byKey.size;
  }

  get capacity(): number {
    return this.max;
  }

  /** Lowering the capacity evicts least recently used entries until the cache fits. */
  set capacity(capacity: number) {
    checkCapacity(capacity);
    this.max = capacity;
    while (this.byKey.size > this.max) this.evictLeastRecent();
  }

  get stats(): LRUStats {
    return { hits: this.hits, misses: this.misses, evictions: this.evictions };
  }

  /** The value for `key`, marking it most recently used; counts a hit or a miss. */
  get(key: K): V | undefined {
    const entry = this.byKey.get(key);
    if (entry === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.moveToFront(entry);
    return entry.value;
  }

  /** Stores `value` as the most recently used entry, evicting the least recent one when full. */
  set(key: K, value: V): this {
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.moveToFront(existing);
      return this;
    }
    if (this.byKey.size < this.max) {
      const entry = new Entry(key, value);
      this.byKey.set(key, entry);
      this.linkAtFront(entry);
      return this;
    }
    // Full: reuse the least recent entry's object for the new pair, so a stream of
    // misses allocates nothing. Run the callback last, when the cache is consistent.
    const victim = this.sentinel.prev;
    const evictedKey = victim.key;
    const evictedValue = victim.value;
    this.byKey.delete(evictedKey);
    victim.key = key;
    victim.value = value;
    this.byKey.set(key, victim);
    this.moveToFront(victim);
    this.evictions++;
    this.onEvict?.(evictedKey, evictedValue);
    return this;
  }

  /** Whether `key` is cached; does not change recency or stats. */
  has(key: K): boolean {
    return this.byKey.has(key);
  }

  /** The value for `key` without marking it used or counting a hit or miss. */
  peek(key: K): V | undefined {
    return this.byKey.get(key)?.value;
  }

  delete(key: K): boolean {
    const entry = this.byKey.get(key);
    if (entry === undefined) return false;
    this.unlink(entry);
    this.byKey.delete(key);
    return true;
  }

  /** Empties the cache without calling onEvict; stats keep counting. */
  clear(): void {
    this.byKey.clear();
    this.sentinel.next = this.sentinel;
    this.sentinel.prev = this.sentinel;
  }

  /** Keys from most to least recently used. */
  *keys(): IterableIterator<K> {
    for (let e = this.sentinel.next; e !== this.sentinel; e = e.next) yield e.key;
  }

  *values(): IterableIterator<V> {
    for (let e = this.sentinel.next; e !== this.sentinel; e = e.next) yield e.value;
  }

  *entries(): IterableIterator<[K, V]> {
    for (let e = this.sentinel.next; e !== this.sentinel; e = e.next) yield [e.key, e.value];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  private evictLeastRecent(): void {
    const victim = this.sentinel.prev;
    this.unlink(victim);
    this.byKey.delete(victim.key);
    this.evictions++;
    this.onEvict?.(victim.key, victim.value);
  }

  private moveToFront(entry: Entry<K, V>): void {
    if (this.sentinel.next === entry) return; // already the most recent: the common case for hot keys
    this.unlink(entry);
    this.linkAtFront(entry);
  }

  private linkAtFront(entry: Entry<K, V>): void {
    const first = this.sentinel.next;
    entry.prev = this.sentinel;
    entry.next = first;
    first.prev = entry;
    this.sentinel.next = entry;
  }

  private unlink(entry: Entry<K, V>): void {
    entry.prev.next = entry.next;
    entry.next.prev = entry.prev;
  }
}
