import { describe, expect, it, vi } from 'vitest';
import { seededRandom } from '@grader-kit';
import { BudgetedStore, estimateSize } from '@impl/memory-budget/memory-budget';
import { WeakCache } from '@impl/memory-budget/weak-cache';
import { ModelStore } from './model';

/** A store whose values are sized by the caller, so tests read in plain numbers. */
const store = (maxBytes: number, onEvict?: (key: string, value: string, info: { size: number; priority: number }) => void) =>
  new BudgetedStore<string, string>({ maxBytes, onEvict });

describe('size-estimate', () => {
  it('numbers cost 8 bytes, booleans 4, null and undefined nothing', () => {
    expect(estimateSize(42)).toBe(8);
    expect(estimateSize(0.5)).toBe(8);
    expect(estimateSize(true)).toBe(4);
    expect(estimateSize(null)).toBe(0);
    expect(estimateSize(undefined)).toBe(0);
  });

  it('strings cost 2 bytes per UTF-16 code unit on top of a fixed header', () => {
    const header = estimateSize('');
    expect(header).toBeGreaterThanOrEqual(0);
    expect(estimateSize('a'.repeat(1000)) - header).toBe(2000);
    expect(estimateSize('日本語') - header).toBe(6);
    expect(estimateSize('😀') - header).toBe(4); // one emoji is two UTF-16 code units
  });

  it('binary data costs exactly its byteLength', () => {
    expect(estimateSize(new ArrayBuffer(4096))).toBe(4096);
    expect(estimateSize(new Uint8Array(1000))).toBe(1000);
    expect(estimateSize(new Float64Array(10))).toBe(80);
    expect(estimateSize(new DataView(new ArrayBuffer(64)))).toBe(64);
  });

  it('objects and arrays cost at least what they hold, plus a modest overhead', () => {
    const text = 'x'.repeat(5000);
    const object = { text, blob: new Uint8Array(20_000) };
    const inside = estimateSize(text) + 20_000;
    expect(estimateSize(object)).toBeGreaterThanOrEqual(inside);
    expect(estimateSize(object)).toBeLessThanOrEqual(inside + 200);
    const numbers = Array.from({ length: 1000 }, (_, i) => i);
    expect(estimateSize(numbers)).toBeGreaterThanOrEqual(8000);
    expect(estimateSize(numbers)).toBeLessThanOrEqual(8000 + 8 * 1000 + 200);
  });

  it('nested containers are walked all the way down', () => {
    const deep = { a: { b: { c: [{ d: 'y'.repeat(10_000) }] } } };
    expect(estimateSize(deep)).toBeGreaterThanOrEqual(20_000);
  });

  it('Map keys and values and Set elements are counted', () => {
    const map = new Map<string, Uint8Array>([['k1', new Uint8Array(3000)], ['k2', new Uint8Array(4000)]]);
    expect(estimateSize(map)).toBeGreaterThanOrEqual(7000 + 2 * estimateSize('k1'));
    expect(estimateSize(map)).toBeLessThanOrEqual(7000 + 2 * estimateSize('k1') + 200);
    const set = new Set(['z'.repeat(2000), 'w'.repeat(3000)]);
    expect(estimateSize(set)).toBeGreaterThanOrEqual(10_000);
  });

  it('a part reachable twice is counted once', () => {
    const shared = new Uint8Array(10_000);
    expect(estimateSize([shared, shared, shared])).toBeLessThan(11_000);
    expect(estimateSize({ a: shared, b: { c: shared } })).toBeLessThan(11_000);
  });

  it('cycles end', () => {
    const node: Record<string, unknown> = { payload: new Uint8Array(500) };
    node.self = node;
    const a: Record<string, unknown> = {};
    const b: Record<string, unknown> = { a };
    a.b = b;
    expect(estimateSize(node)).toBeGreaterThanOrEqual(500);
    expect(estimateSize(node)).toBeLessThan(1000);
    expect(Number.isFinite(estimateSize(a))).toBe(true);
  });

  it('a linked list 100k nodes long is measured without overflowing the stack', () => {
    let list: { value: number; next: unknown } | null = null;
    for (let i = 0; i < 100_000; i++) list = { value: i, next: list };
    expect(estimateSize(list)).toBeGreaterThanOrEqual(100_000 * 8);
  });

  it('follows the size table exactly: headers, slots, keys and elements', () => {
    expect(estimateSize('')).toBe(12);
    expect(estimateSize(10n)).toBe(16);
    expect(estimateSize(Symbol('s'))).toBe(8);
    expect(estimateSize({})).toBe(16);
    expect(estimateSize({ ab: 1 })).toBe(16 + 8 + (12 + 4) + 8);
    expect(estimateSize({ ab: 1, c: null })).toBe(16 + 8 + 16 + 8 + 8 + 14 + 0);
    expect(estimateSize([1, 'x', true])).toBe(16 + 3 * 8 + 8 + 14 + 4);
    expect(estimateSize(new Map<unknown, unknown>([['k', 1], [2, false]]))).toBe(16 + 2 * 16 + 14 + 8 + 8 + 4);
    expect(estimateSize(new Set(['ab', 7]))).toBe(16 + 2 * 8 + 16 + 8);
    expect(estimateSize({ nested: [new Uint8Array(3)] })).toBe(16 + 8 + (12 + 12) + 16 + 8 + 3);
  });

  it('a function cannot be measured: TypeError', () => {
    expect(() => estimateSize(() => 1)).toThrow(TypeError);
    expect(() => estimateSize({ handler() {} })).toThrow(TypeError);
  });
});

describe('byte-budget', () => {
  it('set, get, has, peek and delete work, and bytesUsed adds up the sizes', () => {
    const s = store(100);
    s.set('a', 'A', { size: 30 }).set('b', 'B', { size: 50 });
    expect(s.get('a')).toBe('A');
    expect(s.peek('b')).toBe('B');
    expect(s.has('b')).toBe(true);
    expect(s.get('zzz')).toBeUndefined();
    expect(s.peek('zzz')).toBeUndefined();
    expect(s.has('zzz')).toBe(false);
    expect(s.size).toBe(2);
    expect(s.bytesUsed).toBe(80);
    expect(s.delete('a')).toBe(true);
    expect(s.delete('a')).toBe(false);
    expect(s.bytesUsed).toBe(50);
    expect(s.size).toBe(1);
  });

  it('delete is not an eviction: onEvict is not called and no eviction is counted', () => {
    const onEvict = vi.fn();
    const s = store(100, onEvict);
    s.set('a', 'A', { size: 30 });
    expect(s.delete('a')).toBe(true);
    expect(onEvict).not.toHaveBeenCalled();
    expect(s.stats.evictions).toBe(0);
  });

  it('a caller-given size of 0 means 0 bytes, not "measure it"', () => {
    const s = new BudgetedStore<string, unknown>({ maxBytes: 100 });
    s.set('free', 'x'.repeat(1_000), { size: 0 });
    expect(s.bytesUsed).toBe(0);
    expect(s.get('free')).toBe('x'.repeat(1_000));
  });

  it('without a size, the value is measured with estimateSize', () => {
    const s = new BudgetedStore<string, unknown>({ maxBytes: 1_000_000 });
    const value = { name: 'Ada', pixels: new Uint8Array(4096) };
    s.set('img', value);
    expect(s.bytesUsed).toBe(estimateSize(value));
  });

  it('a caller-given size wins over the estimate, and a custom sizeOf is used otherwise', () => {
    const s = new BudgetedStore<string, unknown>({ maxBytes: 1000, sizeOf: () => 7 });
    s.set('given', new Uint8Array(500), { size: 3 });
    s.set('measured', new Uint8Array(500));
    expect(s.bytesUsed).toBe(10);
    const t = new BudgetedStore<string, unknown>({ maxBytes: 1000 });
    t.set('fn', () => 1, { size: 20 }); // unmeasurable, but the caller knows
    expect(t.bytesUsed).toBe(20);
  });

  it('replacing a key gives its old bytes back first: no eviction, no double count', () => {
    const onEvict = vi.fn();
    const s = store(100, onEvict);
    s.set('a', 'A', { size: 60 }).set('b', 'B', { size: 40 });
    s.set('a', 'A2', { size: 55 });
    expect(s.bytesUsed).toBe(95);
    expect(s.get('a')).toBe('A2');
    expect(onEvict).not.toHaveBeenCalled();
  });

  it('a value bigger than the whole budget is refused with a RangeError, and nothing changes', () => {
    const onEvict = vi.fn();
    const s = store(100, onEvict);
    s.set('a', 'A', { size: 60 }).set('b', 'B', { size: 40 });
    expect(() => s.set('huge', 'H', { size: 101 })).toThrow(RangeError);
    expect(() => s.set('a', 'too big now', { size: 500 })).toThrow(/budget/);
    expect(s.has('huge')).toBe(false);
    expect(s.get('a')).toBe('A');
    expect(s.bytesUsed).toBe(100);
    expect(onEvict).not.toHaveBeenCalled();
    expect(s.stats.evictions).toBe(0);
  });

  it('a value exactly the size of the budget fits, after evicting everything else', () => {
    const s = store(100);
    s.set('a', 'A', { size: 10 }).set('b', 'B', { size: 10 });
    s.set('all', 'X', { size: 100 });
    expect([...s.keys()]).toEqual(['all']);
    expect(s.bytesUsed).toBe(100);
  });

  it('invalid budgets, priorities and sizes throw a RangeError', () => {
    for (const maxBytes of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => store(maxBytes)).toThrow(RangeError);
    const s = store(100);
    for (const priority of [-1, 11, 2.5, Number.NaN]) expect(() => s.set('k', 'v', { priority, size: 1 })).toThrow(RangeError);
    for (const size of [-1, Number.NaN, Number.POSITIVE_INFINITY, 1.5]) expect(() => s.set('k', 'v', { size })).toThrow(RangeError);
    expect(s.size).toBe(0);
  });

  it('clear empties the store without calling onEvict', () => {
    const onEvict = vi.fn();
    const s = store(100, onEvict);
    s.set('a', 'A', { size: 60 }).set('b', 'B', { size: 40 });
    s.clear();
    expect(s.size).toBe(0);
    expect(s.bytesUsed).toBe(0);
    expect(s.get('a')).toBeUndefined();
    s.set('c', 'C', { size: 100 });
    expect(onEvict).not.toHaveBeenCalled();
  });

  it('after clear the store works as new: nothing cleared is listed or evicted, and the eviction counts stay', () => {
    const evicted: string[] = [];
    const s = store(30, (key) => evicted.push(key));
    s.set('a', 'v', { size: 10, priority: 1 }).set('b', 'v', { size: 10, priority: 4 }).set('c', 'v', { size: 10, priority: 1 });
    s.set('d', 'v', { size: 10, priority: 4 }); // evicts a
    expect(s.stats.evictions).toBe(1);
    s.clear();
    expect([...s.keys()]).toEqual([]);
    expect(s.stats).toMatchObject({ bytesUsed: 0, entries: 0, evictions: 1 });
    expect(s.stats.evictionsByPriority[1]).toBe(1);
    s.set('x', 'v', { size: 10, priority: 2 }).set('y', 'v', { size: 10, priority: 3 }).set('z', 'v', { size: 10, priority: 2 });
    s.set('w', 'v', { size: 10, priority: 5 });
    expect(evicted).toEqual(['a', 'x']);
    expect([...s.keys()]).toEqual(['z', 'y', 'w']);
    expect(s.bytesUsed).toBe(30);
  });
});

describe('priority-then-recency', () => {
  it('the lowest priority is evicted first, whatever its age', () => {
    const s = store(30);
    s.set('old-important', 'v', { size: 10, priority: 9 });
    s.set('new-cheap', 'v', { size: 10, priority: 1 });
    s.set('mid', 'v', { size: 10, priority: 5 });
    s.set('incoming', 'v', { size: 10, priority: 5 });
    expect(s.has('new-cheap')).toBe(false);
    expect(s.has('old-important')).toBe(true);
  });

  it('within one priority, the least recently used goes first', () => {
    const s = store(30);
    s.set('a', 'v', { size: 10 }).set('b', 'v', { size: 10 }).set('c', 'v', { size: 10 });
    s.set('d', 'v', { size: 10 });
    expect([...s.keys()]).toEqual(['b', 'c', 'd']);
  });

  it('get refreshes recency within the priority; peek and has do not', () => {
    const s = store(30);
    s.set('a', 'v', { size: 10 }).set('b', 'v', { size: 10 }).set('c', 'v', { size: 10 });
    s.get('a');
    s.peek('b');
    s.has('b');
    s.set('d', 'v', { size: 10 });
    expect(s.has('a')).toBe(true);
    expect(s.has('b')).toBe(false);
  });

  it('get does not lift an entry above a higher priority', () => {
    const s = store(20);
    s.set('high', 'v', { size: 10, priority: 8 }).set('low', 'v', { size: 10, priority: 2 });
    s.get('low');
    s.set('new', 'v', { size: 10, priority: 2 });
    expect(s.has('low')).toBe(false);
    expect(s.has('high')).toBe(true);
  });

  it('setting a key again takes its new priority and makes it the most recent', () => {
    const s = store(30);
    s.set('a', 'v', { size: 10, priority: 1 }).set('b', 'v', { size: 10, priority: 1 }).set('c', 'v', { size: 10, priority: 1 });
    s.set('a', 'v2', { size: 10, priority: 7 });
    expect([...s.keys()]).toEqual(['b', 'c', 'a']);
    s.set('b', 'v3', { size: 10, priority: 1 });
    expect([...s.keys()]).toEqual(['c', 'b', 'a']);
  });

  it('one big value evicts as many entries as it needs, in order', () => {
    const s = store(100);
    for (let i = 0; i < 10; i++) s.set(`k${i}`, 'v', { size: 10, priority: i % 2 === 0 ? 3 : 6 });
    s.set('big', 'v', { size: 45 });
    // The five priority-3 entries (k0, k2, k4, k6, k8) go, oldest first; no more than needed.
    expect([...s.keys()]).toEqual(['big', 'k1', 'k3', 'k5', 'k7', 'k9']);
    expect(s.bytesUsed).toBe(95);
  });

  it('onEvict gets key, value, size and priority, once per eviction, after the store is consistent', () => {
    const seen: unknown[] = [];
    const s: BudgetedStore<string, string> = store(20, (key, value, info) => {
      seen.push({ key, value, ...info, stillThere: s.has(key), newOneIn: s.has('c'), bytesUsed: s.bytesUsed });
    });
    s.set('a', 'A', { size: 10, priority: 4 }).set('b', 'B', { size: 10, priority: 6 });
    s.set('c', 'C', { size: 15, priority: 6 });
    expect(seen).toEqual([
      { key: 'a', value: 'A', size: 10, priority: 4, stillThere: false, newOneIn: true, bytesUsed: 15 },
      { key: 'b', value: 'B', size: 10, priority: 6, stillThere: false, newOneIn: true, bytesUsed: 15 },
    ]);
  });

  it('stats is a snapshot: one read earlier does not change under the caller', () => {
    const s = store(10);
    s.set('a', 'v', { size: 10, priority: 3 });
    const before = s.stats;
    s.set('b', 'v', { size: 10, priority: 3 });
    expect(before).toMatchObject({ evictions: 0, entries: 1 });
    expect(before.evictionsByPriority[3]).toBe(0);
    expect(s.stats.evictionsByPriority[3]).toBe(1);
  });

  it('stats count evictions by priority', () => {
    const s = store(20);
    s.set('a', 'v', { size: 10, priority: 0 }).set('b', 'v', { size: 10, priority: 10 });
    s.set('c', 'v', { size: 10, priority: 10 });
    s.set('d', 'v', { size: 20, priority: 5 });
    const stats = s.stats;
    expect(stats.evictions).toBe(3);
    expect(stats.evictionsByPriority[0]).toBe(1);
    expect(stats.evictionsByPriority[10]).toBe(2);
    expect(stats.evictionsByPriority[5]).toBe(0);
    expect(stats.evictionsByPriority).toHaveLength(11);
    expect(stats).toMatchObject({ bytesUsed: 20, maxBytes: 20, entries: 1 });
  });
});

describe('never-over-budget', () => {
  it('20k seeded random operations: within budget after every one, and in step with a reference model', () => {
    const random = seededRandom(7);
    const maxBytes = 1000;
    const s = new BudgetedStore<number, number>({ maxBytes });
    const model = new ModelStore(maxBytes);
    for (let step = 0; step < 20_000; step++) {
      const key = Math.floor(random() * 60);
      const roll = random();
      let op: string;
      if (roll < 0.5) {
        // Mostly small values, now and then a big one, rarely one bigger than the budget.
        const size = random() < 0.02 ? 1001 + Math.floor(random() * 100) : random() < 0.1 ? 200 + Math.floor(random() * 600) : Math.floor(random() * 60);
        const priority = Math.floor(random() * 11);
        op = `set(${key}, size ${size}, priority ${priority})`;
        const expected = model.set(key, size, priority);
        let outcome = 'stored';
        try {
          s.set(key, step, { size, priority });
        } catch (error) {
          outcome = error instanceof RangeError ? 'rejected' : `threw ${String(error)}`;
        }
        expect(outcome, `step ${step}: ${op}`).toBe(expected);
      } else if (roll < 0.85) {
        op = `get(${key})`;
        expect(s.get(key) !== undefined, `step ${step}: ${op}`).toBe(model.get(key));
      } else {
        op = `delete(${key})`;
        expect(s.delete(key), `step ${step}: ${op}`).toBe(model.delete(key));
      }
      if (s.bytesUsed > maxBytes) expect.fail(`step ${step}: ${op} left ${s.bytesUsed} bytes in a budget of ${maxBytes}`);
      expect(s.bytesUsed, `step ${step}: ${op}: bytesUsed`).toBe(model.bytesUsed);
      if (step % 10 === 0) expect([...s.keys()], `step ${step}: ${op}: eviction order`).toEqual(model.evictionOrder());
    }
    expect(s.stats.evictions).toBe(model.evictedKeys.length);
    expect(model.evictedKeys.length).toBeGreaterThan(1000); // the workload really did evict
  });
});

describe('weak-cache', () => {
  it('get returns the value while it is held elsewhere', () => {
    const cache = new WeakCache<string, { id: number }>();
    const value = { id: 1 };
    cache.set('a', value);
    expect(cache.get('a')).toBe(value);
    expect(cache.has('a')).toBe(true);
    expect(cache.get('missing')).toBeUndefined();
    expect(cache.has('missing')).toBe(false);
    expect(cache.size).toBe(1);
  });

  it('setting a key again replaces its value', () => {
    const cache = new WeakCache<string, object>();
    const first = {};
    const second = {};
    cache.set('k', first).set('k', second);
    expect(cache.get('k')).toBe(second);
    expect(cache.size).toBe(1);
  });

  it('delete forgets a key', () => {
    const cache = new WeakCache<string, object>();
    const value = {};
    cache.set('k', value);
    expect(cache.delete('k')).toBe(true);
    expect(cache.get('k')).toBeUndefined();
    expect(cache.delete('k')).toBe(false);
    expect(cache.size).toBe(0);
  });

  it('primitives cannot be held weakly: TypeError', () => {
    const cache = new WeakCache<string, object>();
    for (const primitive of [1, 'text', true, null, undefined]) {
      expect(() => cache.set('k', primitive as unknown as object)).toThrow(TypeError);
    }
    expect(cache.size).toBe(0);
  });

  it('the cache does not hold its values strongly: it stores WeakRefs, not the values', () => {
    const cache = new WeakCache<string, object>();
    const value = { marker: 'strongly held here only' };
    cache.set('k', value);
    // Walk everything the cache instance reaches through its own fields: the value may
    // appear only inside a WeakRef, never as a plain property, Map value or array element.
    const seen = new Set<unknown>();
    const pending: unknown[] = [cache];
    let strong = false;
    while (pending.length > 0) {
      const item = pending.pop();
      if (item === value) strong = true;
      if (typeof item !== 'object' || item === null || seen.has(item) || item instanceof WeakRef || item instanceof FinalizationRegistry) continue;
      seen.add(item);
      if (item instanceof Map) for (const [k, v] of item) pending.push(k, v);
      else if (item instanceof Set || Array.isArray(item)) for (const v of item) pending.push(v);
      else for (const key of Reflect.ownKeys(item)) pending.push((item as Record<PropertyKey, unknown>)[key]);
    }
    expect(strong).toBe(false);
  });
});
