// A specification of the LRU cache, one test per behaviour. Each test sets up the
// smallest cache that shows its behaviour, does one thing, and checks the whole visible
// state that thing may have changed (order, size, callbacks, counters): a bug rarely
// breaks only the value you happened to look at.
import type { CacheFactory, LRUCache, SpecKit } from './spec-kit';

export function spec({ test, expect }: SpecKit, create: CacheFactory): void {
  /** A cache holding `keys` in that order (the last one most recent), each with its index as value. */
  const filled = (capacity: number, ...keys: string[]) => {
    const cache = create<string, number>(capacity);
    keys.forEach((key, i) => cache.set(key, i));
    return cache;
  };

  /** A cache that records what it evicts, in order. */
  const recording = (capacity: number) => {
    const evicted: Array<[string, number]> = [];
    const cache = create<string, number>(capacity, { onEvict: (key, value) => evicted.push([key, value]) });
    return { cache, evicted };
  };

  // ---- reading and writing ----

  test('get returns what set stored, and undefined for a missing key', () => {
    const cache = create<string, number>(3);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(2);
    expect(cache.get('missing')).toBeUndefined();
  });

  test('updating a key replaces its value without changing the size', () => {
    const cache = filled(3, 'a', 'b');
    cache.set('a', 10);
    expect(cache.get('a')).toBe(10);
    expect(cache.size).toBe(2);
  });

  test('delete removes the key and says whether it was there', () => {
    const cache = filled(3, 'a', 'b');
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.has('a')).toBe(false);
    expect(cache.size).toBe(1);
    expect([...cache.keys()]).toEqual(['b']);
  });

  test('clear empties the cache and keeps the stats', () => {
    const cache = filled(3, 'a', 'b');
    cache.get('a');
    cache.get('missing');
    cache.clear();
    expect(cache.size).toBe(0);
    expect([...cache.keys()]).toEqual([]);
    expect(cache.stats).toEqual({ hits: 1, misses: 1, evictions: 0 });
  });

  // ---- recency ----

  test('keys, values and entries run from most to least recently used', () => {
    const cache = filled(3, 'a', 'b', 'c');
    expect([...cache.keys()]).toEqual(['c', 'b', 'a']);
    expect([...cache.values()]).toEqual([2, 1, 0]);
    expect([...cache.entries()]).toEqual([['c', 2], ['b', 1], ['a', 0]]);
    expect([...cache]).toEqual([['c', 2], ['b', 1], ['a', 0]]);
  });

  test('get makes the key the most recently used', () => {
    const cache = filled(3, 'a', 'b', 'c');
    cache.get('a');
    expect([...cache.keys()]).toEqual(['a', 'c', 'b']);
  });

  test('updating a key makes it the most recently used', () => {
    const cache = filled(3, 'a', 'b', 'c');
    cache.set('a', 10);
    expect([...cache.keys()]).toEqual(['a', 'c', 'b']);
  });

  test('has does not change the order', () => {
    const cache = filled(3, 'a', 'b', 'c');
    expect(cache.has('a')).toBe(true);
    expect([...cache.keys()]).toEqual(['c', 'b', 'a']);
  });

  test('peek returns the value without changing the order', () => {
    const cache = filled(3, 'a', 'b', 'c');
    expect(cache.peek('a')).toBe(0);
    expect(cache.peek('missing')).toBeUndefined();
    expect([...cache.keys()]).toEqual(['c', 'b', 'a']);
  });

  // ---- eviction ----

  test('a new key in a full cache evicts the least recently used entry', () => {
    const cache = filled(2, 'a', 'b');
    cache.set('c', 2);
    expect([...cache.keys()]).toEqual(['c', 'b']);
  });

  test('the cache never holds more entries than its capacity', () => {
    const cache = filled(2, 'a', 'b', 'c', 'd');
    expect(cache.size).toBe(2);
    expect([...cache.keys()]).toEqual(['d', 'c']);
  });

  test('updating a key in a full cache evicts nothing', () => {
    const { cache, evicted } = recording(2);
    cache.set('a', 0).set('b', 1);
    cache.set('b', 10);
    expect(evicted).toEqual([]);
    expect([...cache.entries()]).toEqual([['b', 10], ['a', 0]]);
  });

  test('lowering the capacity evicts the least recently used entries at once', () => {
    const { cache, evicted } = recording(4);
    ['a', 'b', 'c', 'd'].forEach((key, i) => cache.set(key, i));
    cache.get('a');
    cache.capacity = 2;
    expect(cache.capacity).toBe(2);
    expect([...cache.keys()]).toEqual(['a', 'd']);
    expect(evicted).toEqual([['b', 1], ['c', 2]]);
  });

  test('raising the capacity keeps every entry and makes room for more', () => {
    const cache = filled(2, 'a', 'b');
    cache.capacity = 3;
    cache.set('c', 2);
    expect([...cache.keys()]).toEqual(['c', 'b', 'a']);
  });

  // ---- the eviction callback ----

  test('onEvict receives each evicted key and its value, once', () => {
    const { cache, evicted } = recording(2);
    cache.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    expect(evicted).toEqual([['a', 1], ['b', 2]]);
  });

  test('onEvict runs once the evicted key is gone and the new key is in', () => {
    const seen: Array<[boolean, boolean, number]> = [];
    const cache: LRUCache<string, number> = create(2, { onEvict: (key) => seen.push([cache.has(key), cache.has('c'), cache.size]) });
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(seen).toEqual([[false, true, 2]]);
  });

  test('delete and clear do not call onEvict', () => {
    const { cache, evicted } = recording(3);
    cache.set('a', 1).set('b', 2);
    cache.delete('a');
    cache.clear();
    expect(evicted).toEqual([]);
  });

  // ---- bookkeeping ----

  test('a deleted key no longer takes a place in the eviction order', () => {
    const { cache, evicted } = recording(2);
    cache.set('a', 1).set('b', 2);
    cache.delete('a');
    cache.set('c', 3);
    expect(evicted).toEqual([]);
    cache.set('d', 4);
    expect(evicted).toEqual([['b', 2]]);
    expect([...cache.keys()]).toEqual(['d', 'c']);
  });

  test('after clear, the cache fills and evicts like a new one', () => {
    const { cache, evicted } = recording(2);
    cache.set('a', 1).set('b', 2);
    cache.clear();
    cache.set('x', 1).set('y', 2).set('z', 3);
    expect(evicted).toEqual([['x', 1]]);
    expect([...cache.keys()]).toEqual(['z', 'y']);
  });

  test('get counts hits and misses; has and peek count nothing', () => {
    const cache = filled(2, 'a', 'b');
    cache.get('a');
    cache.get('a');
    cache.get('missing');
    cache.has('b');
    cache.has('missing');
    cache.peek('b');
    cache.peek('missing');
    expect(cache.stats).toEqual({ hits: 2, misses: 1, evictions: 0 });
  });

  test('stats count evictions, those from lowering the capacity too', () => {
    const cache = filled(3, 'a', 'b', 'c', 'd');
    expect(cache.stats.evictions).toBe(1);
    cache.capacity = 1;
    expect(cache.stats.evictions).toBe(3);
  });

  // ---- edge cases ----

  test('a cache of capacity 1 keeps only the latest key', () => {
    const cache = filled(1, 'a', 'b');
    expect([...cache.entries()]).toEqual([['b', 1]]);
  });

  test('a capacity that is not a positive integer throws a RangeError', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) expect(() => create(capacity), `capacity ${capacity}`).toThrow(RangeError);
  });

  test('setting an invalid capacity throws a RangeError and changes nothing', () => {
    const cache = filled(2, 'a', 'b');
    for (const capacity of [0, 1.5, Number.NaN]) {
      expect(() => { cache.capacity = capacity; }, `capacity ${capacity}`).toThrow(RangeError);
    }
    expect(cache.capacity).toBe(2);
    expect(cache.size).toBe(2);
  });

  test('undefined is stored like any other value: a hit, not a miss', () => {
    const cache = create<string, number | undefined>(2);
    cache.set('u', undefined).set('v', 1);
    expect(cache.get('u')).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 1, misses: 0, evictions: 0 });
    expect([...cache.keys()]).toEqual(['u', 'v']);
  });

  test('0, empty string, false and null are hits too', () => {
    const cache = create<string, unknown>(4);
    cache.set('zero', 0).set('empty', '').set('false', false).set('null', null);
    expect([cache.get('zero'), cache.get('empty'), cache.get('false'), cache.get('null')]).toEqual([0, '', false, null]);
    expect(cache.stats.misses).toBe(0);
  });

  test('keys follow Map equality: 1 and "1" are different keys', () => {
    const cache = create<unknown, string>(4);
    cache.set(1, 'number').set('1', 'string');
    expect(cache.size).toBe(2);
    expect(cache.get(1)).toBe('number');
    expect(cache.get('1')).toBe('string');
  });
}
