// A store bounded by bytes, not by entries. It owns what it holds, evicts by a
// fixed rule before admitting a value, and never holds more than its budget.

/** Sizes, in bytes, that estimateSize charges (see its doc comment for the rules). */
export const SIZES = {
  /** Header of any object, array, Map or Set. */
  object: 16,
  /** Header of a string; each UTF-16 code unit adds 2. */
  string: 12,
  number: 8,
  boolean: 4,
  bigint: 16,
  symbol: 8,
  /** A reference slot: a property, an array element, or one side of a Map entry. */
  slot: 8,
} as const;

/**
 * An honest, documented estimate of what a value keeps reachable, in bytes:
 * - null and undefined: 0; booleans 4; numbers 8; bigints 16; symbols 8;
 * - strings: 12 + 2 per UTF-16 code unit (an upper bound: V8 keeps Latin-1 text in 1 byte per char);
 * - ArrayBuffer, SharedArrayBuffer, typed arrays, DataView, Buffer: byteLength;
 * - arrays: 16 + for each element, 8 (its slot) + the element's size;
 * - Map: 16 + for each entry, 2 × 8 + the key's size + the value's size; Set: 16 + per element 8 + its size;
 * - other objects: 16 + for each own enumerable string key, 8 + the key's size + the value's size;
 * - an object met before in the same walk: 0, so shared parts count once and cycles end.
 * Functions throw a TypeError: what a closure holds cannot be seen, so the caller must say.
 * Private fields and closures are invisible too: pass `size` when a value has them.
 */
export function estimateSize(value: unknown): number {
  const counted = new Set<object>();
  // An explicit stack instead of recursion: a 100k-long linked list must not overflow.
  const pending: unknown[] = [value];
  let total = 0;
  while (pending.length > 0) {
    const item = pending.pop();
    switch (typeof item) {
      case 'undefined': continue;
      case 'boolean': total += SIZES.boolean; continue;
      case 'number': total += SIZES.number; continue;
      case 'bigint': total += SIZES.bigint; continue;
      case 'symbol': total += SIZES.symbol; continue;
      case 'string': total += SIZES.string + 2 * item.length; continue;
      case 'function': throw new TypeError('cannot estimate the size of a function: pass { size } explicitly');
    }
    if (item === null || counted.has(item as object)) continue;
    const object = item as object;
    counted.add(object);
    if (object instanceof ArrayBuffer || ArrayBuffer.isView(object)) {
      total += object.byteLength;
    } else if (typeof SharedArrayBuffer !== 'undefined' && object instanceof SharedArrayBuffer) {
      total += object.byteLength;
    } else if (Array.isArray(object)) {
      total += SIZES.object + SIZES.slot * object.length;
      for (const element of object) pending.push(element);
    } else if (object instanceof Map) {
      total += SIZES.object + 2 * SIZES.slot * object.size;
      for (const [key, entry] of object) pending.push(key, entry);
    } else if (object instanceof Set) {
      total += SIZES.object + SIZES.slot * object.size;
      for (const element of object) pending.push(element);
    } else {
      total += SIZES.object;
      for (const key of Object.keys(object)) {
        total += SIZES.slot + SIZES.string + 2 * key.length;
        pending.push((object as Record<string, unknown>)[key]);
      }
    }
  }
  return total;
}

export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 10;

export interface SetOptions {
  /** An integer from 0 (evicted first) to 10 (evicted last). Default 0. */
  priority?: number;
  /** The value's size in whole bytes when the caller knows it; it wins over the estimate. */
  size?: number;
}

export interface EvictionInfo {
  size: number;
  priority: number;
}

export interface BudgetedStoreOptions<K, V> {
  /** The most bytes the store may hold: a positive, finite number. */
  maxBytes: number;
  /** How to size a value without a caller-given size. Default: estimateSize. */
  sizeOf?: (value: V) => number;
  /** Called once per evicted entry, after the operation that evicted it has finished. */
  onEvict?: (key: K, value: V, info: EvictionInfo) => void;
}

export interface BudgetStats {
  bytesUsed: number;
  maxBytes: number;
  entries: number;
  evictions: number;
  /** evictionsByPriority[p]: entries of priority p evicted so far. */
  evictionsByPriority: number[];
}

interface Entry<K, V> {
  key: K;
  value: V;
  size: number;
  priority: number;
  /** Neighbours in its priority's recency list: `older` is evicted before, `newer` after. */
  older: Entry<K, V> | null;
  newer: Entry<K, V> | null;
}

/** The entries of one priority in access order: oldest at the head, evicted first. */
class RecencyList<K, V> {
  oldest: Entry<K, V> | null = null;
  newest: Entry<K, V> | null = null;

  append(entry: Entry<K, V>): void {
    entry.older = this.newest;
    entry.newer = null;
    if (this.newest) this.newest.newer = entry;
    else this.oldest = entry;
    this.newest = entry;
  }

  remove(entry: Entry<K, V>): void {
    if (entry.older) entry.older.newer = entry.newer;
    else this.oldest = entry.newer;
    if (entry.newer) entry.newer.older = entry.older;
    else this.newest = entry.older;
    entry.older = entry.newer = null;
  }
}

export class BudgetedStore<K, V> {
  readonly maxBytes: number;
  private readonly entries = new Map<K, Entry<K, V>>();
  // One list per priority: eviction looks at no more than 11 list heads, whatever the size.
  private readonly lists: RecencyList<K, V>[] = [];
  private readonly evicted: number[] = [];
  private used = 0;
  private readonly sizeOf: (value: V) => number;
  private readonly onEvict: ((key: K, value: V, info: EvictionInfo) => void) | undefined;

  constructor({ maxBytes, sizeOf = estimateSize, onEvict }: BudgetedStoreOptions<K, V>) {
    if (!(maxBytes > 0 && Number.isFinite(maxBytes))) throw new RangeError(`maxBytes must be a positive, finite number, got ${maxBytes}`);
    this.maxBytes = maxBytes;
    this.sizeOf = sizeOf;
    this.onEvict = onEvict;
    for (let p = MIN_PRIORITY; p <= MAX_PRIORITY; p++) {
      this.lists.push(new RecencyList());
      this.evicted.push(0);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get bytesUsed(): number {
    return this.used;
  }

  get stats(): BudgetStats {
    return {
      bytesUsed: this.used,
      maxBytes: this.maxBytes,
      entries: this.entries.size,
      evictions: this.evicted.reduce((sum, n) => sum + n, 0),
      evictionsByPriority: [...this.evicted],
    };
  }

  /**
   * Stores `value` as the most recent entry of its priority, evicting what the rule
   * says until it fits. A value larger than the whole budget is refused with a
   * RangeError before anything changes.
   */
  set(key: K, value: V, { priority = MIN_PRIORITY, size }: SetOptions = {}): this {
    if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new RangeError(`priority must be an integer from ${MIN_PRIORITY} to ${MAX_PRIORITY}, got ${priority}`);
    }
    const bytes = size ?? this.sizeOf(value);
    // Whole bytes only: fractions would let rounding drift push the running total past the budget.
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new RangeError(`size must be a whole number of bytes ≥ 0, got ${bytes}`);
    if (bytes > this.maxBytes) {
      throw new RangeError(`a value of ${bytes} bytes cannot fit in a budget of ${this.maxBytes} bytes`);
    }

    const previous = this.entries.get(key);
    if (previous) this.unlink(previous); // its bytes go back to the budget first: replacing is not evicting
    const victims: Entry<K, V>[] = [];
    while (this.used + bytes > this.maxBytes) victims.push(this.evictOne());
    const entry: Entry<K, V> = { key, value, size: bytes, priority, older: null, newer: null };
    this.entries.set(key, entry);
    this.lists[priority].append(entry);
    this.used += bytes;
    // Callbacks last, once the store is consistent: one may read or even change it.
    for (const victim of victims) this.onEvict?.(victim.key, victim.value, { size: victim.size, priority: victim.priority });
    return this;
  }

  /** The value for `key`, or undefined. A hit makes it the most recent entry of its priority. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    const list = this.lists[entry.priority];
    list.remove(entry);
    list.append(entry);
    return entry.value;
  }

  /** The value for `key` without touching recency. */
  peek(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Removes `key`; true when it was there. Not an eviction: onEvict is not called. */
  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    this.unlink(entry);
    return true;
  }

  /** Removes everything, without calling onEvict. The eviction counts stay. */
  clear(): void {
    this.entries.clear();
    for (const list of this.lists) list.oldest = list.newest = null;
    this.used = 0;
  }

  /** Keys in the order they would be evicted: lowest priority first, least recent first within one. */
  *keys(): IterableIterator<K> {
    for (const list of this.lists) {
      for (let entry = list.oldest; entry !== null; entry = entry.newer) yield entry.key;
    }
  }

  private unlink(entry: Entry<K, V>): void {
    this.entries.delete(entry.key);
    this.lists[entry.priority].remove(entry);
    this.used -= entry.size;
  }

  /** Removes the least recent entry of the lowest non-empty priority. */
  private evictOne(): Entry<K, V> {
    for (const list of this.lists) {
      const victim = list.oldest;
      if (victim === null) continue;
      this.unlink(victim);
      this.evicted[victim.priority]++;
      return victim;
    }
    throw new Error('unreachable: over budget with nothing left to evict');
  }
}
