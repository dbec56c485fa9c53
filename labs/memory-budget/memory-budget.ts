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
  throw new Error('not implemented: estimateSize');
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

/**
 * A store bounded by bytes. Rules the graders check:
 * - bytesUsed never exceeds maxBytes after any operation;
 * - eviction takes the lowest priority first, and the least recently used entry
 *   within a priority, at O(1) or O(log n) per eviction: no sort or scan of all entries;
 * - a value larger than the whole budget is refused with a RangeError before anything
 *   changes: it is not stored, nothing is evicted, an old value under that key stays;
 * - replacing a key gives its old bytes back first; that is not an eviction.
 */
export class BudgetedStore<K, V> {
  /** The budget, as given. */
  readonly maxBytes: number;

  /** @throws RangeError unless maxBytes is a positive, finite number. */
  constructor(options: BudgetedStoreOptions<K, V>) {
    this.maxBytes = options.maxBytes;
    throw new Error('not implemented: BudgetedStore constructor');
  }

  /** How many entries the store holds. */
  get size(): number {
    throw new Error('not implemented: BudgetedStore.size');
  }

  /** The sum of the sizes of the entries held. */
  get bytesUsed(): number {
    throw new Error('not implemented: BudgetedStore.bytesUsed');
  }

  /** A snapshot: bytes used, budget, entries, evictions in total and by priority (an array of 11). */
  get stats(): BudgetStats {
    throw new Error('not implemented: BudgetedStore.stats');
  }

  /**
   * Stores `value` as the most recent entry of its priority and returns the store.
   * Its size is `options.size` when given, else `sizeOf(value)`. Evicts, by the rule,
   * until it fits; onEvict is called for each victim once the new value is in.
   * @throws RangeError for a priority that is not an integer 0–10, a size that is not a
   *   whole number ≥ 0, or a size above maxBytes; the store is then unchanged.
   */
  set(key: K, value: V, options: SetOptions = {}): this {
    throw new Error('not implemented: BudgetedStore.set');
  }

  /** The value for `key`, or undefined. A hit makes it the most recent entry of its priority. */
  get(key: K): V | undefined {
    throw new Error('not implemented: BudgetedStore.get');
  }

  /** The value for `key` without touching recency. */
  peek(key: K): V | undefined {
    throw new Error('not implemented: BudgetedStore.peek');
  }

  /** Whether `key` is held. Does not touch recency. */
  has(key: K): boolean {
    throw new Error('not implemented: BudgetedStore.has');
  }

  /** Removes `key`; true when it was there. Not an eviction: onEvict is not called. */
  delete(key: K): boolean {
    throw new Error('not implemented: BudgetedStore.delete');
  }

  /** Removes everything, without calling onEvict. The eviction counts stay. */
  clear(): void {
    throw new Error('not implemented: BudgetedStore.clear');
  }

  /** Keys in the order they would be evicted: lowest priority first, least recent first within one. */
  keys(): IterableIterator<K> {
    throw new Error('not implemented: BudgetedStore.keys');
  }
}
