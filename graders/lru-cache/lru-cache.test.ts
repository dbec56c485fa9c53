import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '@grader-kit';
import { LRUCache } from '@impl/lru-cache/lru-cache';
import { ModelLRU } from './model';

const filled = (capacity: number, ...keys: string[]) => {
  const cache = new LRUCache<string, number>(capacity);
  keys.forEach((k, i) => cache.set(k, i));
  return cache;
};

describe('basics', () => {
  it('get returns what set stored, and undefined for a missing key', () => {
    const cache = new LRUCache<string, number>(3);
    cache.set('a', 1).set('b', 2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(2);
    expect(cache.get('zzz')).toBeUndefined();
  });

  it('set returns the cache itself, for chaining', () => {
    const cache = new LRUCache<string, number>(2);
    expect(cache.set('a', 1)).toBe(cache);
  });

  it('size counts entries and has tells present from absent', () => {
    const cache = new LRUCache<string, number>(5);
    expect(cache.size).toBe(0);
    cache.set('a', 1).set('b', 2);
    expect(cache.size).toBe(2);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('c')).toBe(false);
  });

  it('delete removes a key and reports whether it was there', () => {
    const cache = filled(3, 'a', 'b');
    expect(cache.delete('a')).toBe(true);
    expect(cache.has('a')).toBe(false);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.delete('a')).toBe(false);
    expect(cache.delete('never')).toBe(false);
    expect(cache.size).toBe(1);
  });

  it('clear empties the cache, which then works as new', () => {
    const cache = filled(2, 'a', 'b');
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.has('a')).toBe(false);
    expect([...cache.keys()]).toEqual([]);
    cache.set('x', 1).set('y', 2).set('z', 3);
    expect([...cache.keys()]).toEqual(['z', 'y']);
  });
});

describe('recency', () => {
  it('get refreshes recency: after get(a), b is the one evicted', () => {
    const cache = filled(2, 'a', 'b');
    cache.get('a');
    cache.set('c', 3);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
  });

  it('set on an existing key updates it in place and refreshes recency', () => {
    const cache = filled(2, 'a', 'b');
    cache.set('a', 9);
    expect(cache.size).toBe(2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(9);
    expect(cache.has('b')).toBe(false);
  });

  it('has does not refresh recency', () => {
    const cache = filled(2, 'a', 'b');
    expect(cache.has('a')).toBe(true);
    cache.set('c', 3);
    expect(cache.has('a')).toBe(false);
    expect(cache.has('b')).toBe(true);
  });

  it('peek returns the value without refreshing recency', () => {
    const cache = filled(2, 'a', 'b');
    expect(cache.peek('a')).toBe(0);
    expect(cache.peek('nope')).toBeUndefined();
    cache.set('c', 3);
    expect(cache.has('a')).toBe(false);
  });

  it('a missed get changes nothing', () => {
    const cache = filled(2, 'a', 'b');
    cache.get('zzz');
    cache.set('c', 3);
    expect([...cache.keys()]).toEqual(['c', 'b']);
  });

  it('recency follows a longer sequence of gets and sets', () => {
    const cache = filled(4, 'a', 'b', 'c', 'd');
    cache.get('b');
    cache.set('a', 10);
    cache.get('d');
    expect([...cache.keys()]).toEqual(['d', 'a', 'b', 'c']);
    cache.set('e', 5).set('f', 6);
    expect([...cache.keys()]).toEqual(['f', 'e', 'd', 'a']);
  });
});

describe('eviction-and-callback', () => {
  it('a new key at capacity evicts the least recently used one', () => {
    const cache = filled(3, 'a', 'b', 'c');
    cache.set('d', 3);
    expect(cache.size).toBe(3);
    expect([...cache.keys()]).toEqual(['d', 'c', 'b']);
  });

  it('onEvict is called exactly once per eviction, with the evicted key and value', () => {
    const onEvict = vi.fn();
    const cache = new LRUCache<string, number>(2, { onEvict });
    cache.set('a', 1).set('b', 2).set('c', 3).set('d', 4);
    expect(onEvict.mock.calls).toEqual([['a', 1], ['b', 2]]);
    expect(cache.stats.evictions).toBe(2);
  });

  it('onEvict is not called on update, delete or clear', () => {
    const onEvict = vi.fn();
    const cache = new LRUCache<string, number>(2, { onEvict });
    cache.set('a', 1).set('b', 2).set('a', 11);
    cache.delete('b');
    cache.clear();
    expect(onEvict).not.toHaveBeenCalled();
    expect(cache.stats.evictions).toBe(0);
  });

  it('onEvict runs once the cache is consistent: the old key is gone, the new one is in', () => {
    const seen: Array<[boolean, boolean, number]> = [];
    const cache: LRUCache<string, number> = new LRUCache<string, number>(2, {
      onEvict: (key) => seen.push([cache.has(key), cache.has('c'), cache.size]),
    });
    cache.set('a', 1).set('b', 2).set('c', 3);
    expect(seen).toEqual([[false, true, 2]]);
  });

  it('a cache that works without onEvict evicts all the same', () => {
    const cache = new LRUCache<number, number>(3);
    for (let i = 0; i < 10; i++) cache.set(i, i * i);
    expect([...cache.entries()]).toEqual([[9, 81], [8, 64], [7, 49]]);
  });
});

describe('edge-cases', () => {
  it('capacity 1: every new key evicts the previous one', () => {
    const onEvict = vi.fn();
    const cache = new LRUCache<string, number>(1, { onEvict });
    cache.set('a', 1).set('b', 2);
    expect(cache.size).toBe(1);
    expect(cache.has('a')).toBe(false);
    expect(cache.get('b')).toBe(2);
    cache.set('b', 3);
    expect(onEvict).toHaveBeenCalledTimes(1);
    expect(cache.get('b')).toBe(3);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('capacity %s throws a RangeError', (capacity) => {
    expect(() => new LRUCache(capacity)).toThrow(RangeError);
  });

  it('set(key, undefined) stores the key, and has tells it from a miss', () => {
    const cache = new LRUCache<string, number | undefined>(2);
    cache.set('u', undefined);
    expect(cache.has('u')).toBe(true);
    expect(cache.size).toBe(1);
    expect(cache.get('u')).toBeUndefined();
    expect(cache.stats).toEqual({ hits: 1, misses: 0, evictions: 0 });
    expect(cache.has('missing')).toBe(false);
  });

  it('null and falsy values are stored like any other', () => {
    const cache = new LRUCache<string, unknown>(4);
    cache.set('n', null).set('z', 0).set('e', '').set('f', false);
    expect([cache.get('n'), cache.get('z'), cache.get('e'), cache.get('f')]).toEqual([null, 0, '', false]);
    expect(cache.stats.misses).toBe(0);
  });

  it('keys follow Map semantics: 1 and "1" differ, NaN finds NaN, -0 finds 0', () => {
    const cache = new LRUCache<unknown, string>(10);
    cache.set(1, 'number').set('1', 'string').set(Number.NaN, 'nan').set(-0, 'zero');
    expect(cache.size).toBe(4);
    expect(cache.get(1)).toBe('number');
    expect(cache.get('1')).toBe('string');
    expect(cache.get(Number.NaN)).toBe('nan');
    expect(cache.get(0)).toBe('zero');
  });

  it('object keys match by identity, not by shape', () => {
    const cache = new LRUCache<object, number>(10);
    const key = { id: 1 };
    cache.set(key, 1);
    expect(cache.get(key)).toBe(1);
    expect(cache.has({ id: 1 })).toBe(false);
  });

  it('keys like __proto__, constructor and hasOwnProperty are ordinary keys', () => {
    const cache = new LRUCache<string, number>(10);
    expect(cache.has('constructor')).toBe(false);
    expect(cache.get('__proto__')).toBeUndefined();
    cache.set('__proto__', 1).set('constructor', 2).set('hasOwnProperty', 3);
    expect(cache.size).toBe(3);
    expect(cache.get('__proto__')).toBe(1);
    expect(cache.get('constructor')).toBe(2);
    expect(cache.delete('hasOwnProperty')).toBe(true);
    expect(cache.size).toBe(2);
  });

  it('after delete, re-setting the key counts as new and does not evict early', () => {
    const onEvict = vi.fn();
    const cache = new LRUCache<string, number>(3, { onEvict });
    cache.set('a', 1).set('b', 2).set('c', 3);
    cache.delete('b');
    cache.set('b', 20);
    expect(onEvict).not.toHaveBeenCalled();
    expect(cache.size).toBe(3);
    expect([...cache.keys()]).toEqual(['b', 'c', 'a']);
    cache.set('d', 4);
    expect(onEvict.mock.calls).toEqual([['a', 1]]);
  });

  it('deleting the most and least recent entries keeps the order right', () => {
    const cache = filled(4, 'a', 'b', 'c', 'd');
    cache.delete('d');
    cache.delete('a');
    expect([...cache.keys()]).toEqual(['c', 'b']);
    cache.delete('b');
    cache.delete('c');
    expect([...cache.keys()]).toEqual([]);
    cache.set('x', 1);
    expect([...cache.keys()]).toEqual(['x']);
  });
});

describe('iteration-and-stats', () => {
  it('keys, values, entries and the iterator all go from most to least recent', () => {
    const cache = new LRUCache<string, number>(3);
    cache.set('a', 1).set('b', 2).set('c', 3);
    cache.get('a');
    expect([...cache.keys()]).toEqual(['a', 'c', 'b']);
    expect([...cache.values()]).toEqual([1, 3, 2]);
    expect([...cache.entries()]).toEqual([['a', 1], ['c', 3], ['b', 2]]);
    expect([...cache]).toEqual([['a', 1], ['c', 3], ['b', 2]]);
  });

  it('iterating does not refresh recency', () => {
    const cache = filled(3, 'a', 'b', 'c');
    for (const _ of cache) void _;
    [...cache.keys(), ...cache.values()];
    cache.set('d', 3);
    expect(cache.has('a')).toBe(false);
  });

  it('get counts hits and misses; has and peek count nothing', () => {
    const cache = filled(2, 'a', 'b');
    cache.get('a');
    cache.get('a');
    cache.get('x');
    cache.has('b');
    cache.has('y');
    cache.peek('b');
    cache.peek('z');
    expect(cache.stats).toEqual({ hits: 2, misses: 1, evictions: 0 });
  });

  it('stats is a snapshot: operations after reading it do not change it', () => {
    const cache = filled(2, 'a', 'b');
    cache.get('a');
    const before = cache.stats;
    cache.get('a');
    cache.get('zzz');
    cache.set('c', 3);
    const after = cache.stats;
    expect(before).toEqual({ hits: 1, misses: 0, evictions: 0 });
    expect(after).toEqual({ hits: 2, misses: 1, evictions: 1 });
  });

  it('clear empties the cache but the stats keep counting', () => {
    const cache = new LRUCache<string, number>(1);
    cache.set('a', 1).set('b', 2);
    cache.get('b');
    cache.get('a');
    cache.clear();
    expect(cache.stats).toEqual({ hits: 1, misses: 1, evictions: 1 });
    cache.get('b');
    expect(cache.stats).toEqual({ hits: 1, misses: 2, evictions: 1 });
  });

  it('stats count evictions as they happen', () => {
    const cache = new LRUCache<number, number>(10);
    for (let i = 0; i < 25; i++) cache.set(i, i);
    expect(cache.stats.evictions).toBe(15);
    for (let i = 0; i < 25; i++) cache.get(i);
    expect(cache.stats).toEqual({ hits: 10, misses: 15, evictions: 15 });
  });
});

describe('resize', () => {
  it('capacity reads back what was set', () => {
    const cache = new LRUCache<string, number>(7);
    expect(cache.capacity).toBe(7);
    cache.capacity = 3;
    expect(cache.capacity).toBe(3);
  });

  it('lowering capacity evicts least recent first, calling onEvict for each', () => {
    const onEvict = vi.fn();
    const cache = new LRUCache<string, number>(5, { onEvict });
    ['a', 'b', 'c', 'd', 'e'].forEach((k, i) => cache.set(k, i));
    cache.get('a');
    cache.capacity = 2;
    expect(cache.size).toBe(2);
    expect([...cache.keys()]).toEqual(['a', 'e']);
    expect(onEvict.mock.calls).toEqual([['b', 1], ['c', 2], ['d', 3]]);
    expect(cache.stats.evictions).toBe(3);
  });

  it('lowering capacity works the same without an onEvict callback', () => {
    const cache = filled(4, 'a', 'b', 'c', 'd');
    cache.capacity = 1;
    expect([...cache.keys()]).toEqual(['d']);
    expect(cache.stats.evictions).toBe(3);
  });

  it('raising capacity keeps every entry and makes room for more', () => {
    const cache = filled(2, 'a', 'b');
    cache.capacity = 4;
    cache.set('c', 2).set('d', 3);
    expect([...cache.keys()]).toEqual(['d', 'c', 'b', 'a']);
    cache.set('e', 4);
    expect(cache.has('a')).toBe(false);
  });

  it('an invalid capacity throws a RangeError and changes nothing', () => {
    const cache = filled(3, 'a', 'b', 'c');
    expect(() => { cache.capacity = 0; }).toThrow(RangeError);
    expect(() => { cache.capacity = 2.5; }).toThrow(RangeError);
    expect(cache.capacity).toBe(3);
    expect(cache.size).toBe(3);
  });
});

describe('random-ops-model', () => {
  it('20k seeded random operations agree with a reference model after every step', () => {
    const random = seededRandom(7);
    const pick = (n: number) => Math.floor(random() * n);
    const evicted: Array<[number, number]> = [];
    const cache = new LRUCache<number, number>(8, { onEvict: (k, v) => evicted.push([k, v]) });
    const model = new ModelLRU<number, number>(8);
    // expect() only on a mismatch: 20k steps of full assertions would take seconds.
    const agree = (step: string, actual: unknown, expected: unknown) => {
      if (!Object.is(actual, expected)) expect(actual, step).toBe(expected);
    };
    for (let step = 0; step < 20_000; step++) {
      const key = pick(24);
      const roll = random();
      const what = `step ${step}, key ${key}`;
      if (roll < 0.35) agree(`${what}: get`, cache.get(key), model.get(key));
      else if (roll < 0.7) cache.set(key, step), model.set(key, step);
      else if (roll < 0.8) agree(`${what}: has`, cache.has(key), model.has(key));
      else if (roll < 0.9) agree(`${what}: peek`, cache.peek(key), model.peek(key));
      else if (roll < 0.98) agree(`${what}: delete`, cache.delete(key), model.delete(key));
      else {
        const capacity = 1 + pick(12);
        cache.capacity = capacity;
        model.resize(capacity);
      }
      agree(`${what}: size`, cache.size, model.order.length);
      if (step % 50 === 0) agree(`${what}: entries`, JSON.stringify([...cache.entries()]), JSON.stringify(model.order));
    }
    expect([...cache.entries()]).toEqual(model.order);
    expect(evicted).toEqual(model.evicted);
  });
});
