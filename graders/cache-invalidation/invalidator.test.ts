import { describe, expect, it, vi } from 'vitest';
import { flushMicrotasks } from '@grader-kit';
import { MemoryBus, type InvalidationBus, type InvalidationMessage } from '@impl/cache-invalidation/bus';
import { DependencyGraph } from '@impl/cache-invalidation/dependency-graph';
import { CacheInvalidator } from '@impl/cache-invalidation/invalidator';
import { CountingCache, RecordingBus, capped, nextTurn, withScope } from './helpers';

/** user:1 → orders:1 → dashboard:1, and orders → totals. */
function ordersSetup(options: { bus?: InvalidationBus; id?: string } = {}) {
  const cache = new CountingCache(['user:1', 'orders:1', 'dashboard:1', 'orders', 'totals', 'unrelated']);
  const invalidator = new CacheInvalidator({ cache, ...options });
  invalidator.register('orders:1', ['user:1', 'orders']);
  invalidator.register('dashboard:1', ['orders:1']);
  invalidator.register('totals', ['orders']);
  return { cache, invalidator };
}

describe('local-invalidation', () => {
  it('invalidate drops the source and every key built from it, and returns them', async () => {
    const { cache, invalidator } = ordersSetup();
    const dropped = await invalidator.invalidate('user:1');
    expect(dropped).toEqual(['user:1', 'orders:1', 'dashboard:1']);
    expect([...cache.keys()].sort()).toEqual(['orders', 'totals', 'unrelated']);
  });

  it('each key is deleted exactly once, even when two sources share it', async () => {
    const { cache, invalidator } = ordersSetup();
    const dropped = await invalidator.invalidate(['user:1', 'orders']);
    expect([...dropped].sort()).toEqual(['dashboard:1', 'orders', 'orders:1', 'totals', 'user:1']);
    expect(cache.totalDeletions).toBe(5);
    expect([...cache.deletions.values()].every((n) => n === 1)).toBe(true);
    expect([...cache.keys()]).toEqual(['unrelated']);
  });

  it('register adds to the graph, which can be shared with other code', async () => {
    const graph = new DependencyGraph();
    graph.addEdge('a', 'b');
    const cache = new CountingCache(['a', 'b', 'c']);
    const invalidator = new CacheInvalidator({ cache, graph });
    invalidator.register('c', ['b']);
    expect(invalidator.graph).toBe(graph);
    expect(graph.dependentsOf('b')).toEqual(['c']);
    expect(await invalidator.invalidate('a')).toEqual(['a', 'b', 'c']);
  });

  it('invalidating a key nobody depends on drops just that key; an empty list drops and publishes nothing', async () => {
    const bus = new RecordingBus();
    const { cache, invalidator } = ordersSetup({ bus });
    expect(await invalidator.invalidate('unrelated')).toEqual(['unrelated']);
    expect(await invalidator.invalidate([])).toEqual([]);
    expect(cache.totalDeletions).toBe(1);
    expect(bus.published).toHaveLength(1);
  });

  it('keys missing from the cache are fine to invalidate', async () => {
    const invalidator = new CacheInvalidator({ cache: new CountingCache() });
    invalidator.register('b', ['a']);
    expect(await invalidator.invalidate('a')).toEqual(['a', 'b']);
  });

  it('a cycle in the registrations still ends, deleting each key once', async () => {
    const cache = new CountingCache(['a', 'b', 'c']);
    const invalidator = new CacheInvalidator({ cache });
    invalidator.register('b', ['a']);
    invalidator.register('c', ['b']);
    invalidator.register('a', ['c']);
    await invalidator.invalidate('b');
    expect(cache.size).toBe(0);
    expect(cache.totalDeletions).toBe(3);
  });
});

describe('scoped-callback', () => {
  it('updating runs the update first, then invalidates, and resolves to its result', async () => {
    const { cache, invalidator } = ordersSetup();
    let seenDuringUpdate: boolean | undefined;
    const result = await invalidator.updating(['user:1'], async () => {
      await flushMicrotasks();
      seenDuringUpdate = cache.has('orders:1'); // the write is not finished: nothing dropped yet
      return 'saved';
    });
    expect(result).toBe('saved');
    expect(seenDuringUpdate).toBe(true);
    expect(cache.has('user:1')).toBe(false);
    expect(cache.has('dashboard:1')).toBe(false);
    expect(cache.has('totals')).toBe(true);
  });

  it('invalidation waits for a slow asynchronous update to finish', async () => {
    const { cache, invalidator } = ordersSetup();
    let finishUpdate!: () => void;
    const updateDone = new Promise<void>((resolve) => (finishUpdate = resolve));
    const running = invalidator.updating(['orders'], () => updateDone);
    await flushMicrotasks();
    expect(cache.has('totals')).toBe(true);
    finishUpdate();
    await running;
    expect(cache.has('totals')).toBe(false);
  });

  it('when the update throws, the keys are still invalidated and the same error comes out', async () => {
    const { cache, invalidator } = ordersSetup();
    const failure = new Error('write failed halfway');
    await expect(invalidator.updating(['user:1'], async () => {
      await flushMicrotasks();
      throw failure;
    })).rejects.toBe(failure);
    expect(cache.has('user:1')).toBe(false);
    expect(cache.has('dashboard:1')).toBe(false);
  });

  it('a synchronous update that throws is handled the same way', async () => {
    const { cache, invalidator } = ordersSetup();
    const failure = new TypeError('bad patch');
    await expect(invalidator.updating(['orders'], () => {
      throw failure;
    })).rejects.toBe(failure);
    expect(cache.has('totals')).toBe(false);
  });

  it('several sources are invalidated together, each key once', async () => {
    const { cache, invalidator } = ordersSetup();
    await invalidator.updating(['user:1', 'orders'], () => 1);
    expect([...cache.keys()]).toEqual(['unrelated']);
    expect(cache.totalDeletions).toBe(5);
  });
});

describe('scoped-using', () => {
  it('scope returns an AsyncDisposable that invalidates when the block ends', async () => {
    const { cache, invalidator } = ordersSetup();
    const scope = invalidator.scope(['user:1']);
    expect(typeof scope[Symbol.asyncDispose]).toBe('function');
    await withScope(scope, async () => {
      await flushMicrotasks();
      expect(cache.has('orders:1')).toBe(true); // nothing dropped while the block runs
    });
    expect(cache.has('user:1')).toBe(false);
    expect(cache.has('dashboard:1')).toBe(false);
    expect(cache.has('totals')).toBe(true);
  });

  it('a block left by a throw still invalidates', async () => {
    const { cache, invalidator } = ordersSetup();
    const failure = new Error('boom');
    await expect(withScope(invalidator.scope(['orders']), async () => {
      throw failure;
    })).rejects.toBe(failure);
    expect(cache.has('totals')).toBe(false);
    expect(cache.has('dashboard:1')).toBe(false);
  });

  it('creating a scope invalidates nothing by itself', async () => {
    const { cache, invalidator } = ordersSetup();
    invalidator.scope(['user:1', 'orders']);
    await flushMicrotasks();
    expect(cache.totalDeletions).toBe(0);
  });

  it('the scope keeps the keys it was given, even if the caller changes the array later', async () => {
    const { cache, invalidator } = ordersSetup();
    const sources = ['totals'];
    const scope = invalidator.scope(sources);
    sources.push('user:1');
    await scope[Symbol.asyncDispose]();
    expect(cache.has('totals')).toBe(false);
    expect(cache.has('user:1')).toBe(true);
  });
});

describe('memory-bus', () => {
  it('delivers each message to every subscriber, the publisher included', async () => {
    const bus = new MemoryBus();
    const first = vi.fn();
    const second = vi.fn();
    await bus.subscribe(first);
    await bus.subscribe(second);
    const message: InvalidationMessage = { origin: 'x', keys: ['a', 'b'] };
    await bus.publish(message);
    await nextTurn();
    expect(first).toHaveBeenCalledTimes(1);
    expect(first).toHaveBeenCalledWith({ origin: 'x', keys: ['a', 'b'] });
    expect(second).toHaveBeenCalledWith({ origin: 'x', keys: ['a', 'b'] });
  });

  it('delivers later, never inside publish, as a network would', async () => {
    const bus = new MemoryBus();
    const handler = vi.fn();
    await bus.subscribe(handler);
    const publishing = bus.publish({ origin: 'x', keys: ['a'] });
    expect(handler).not.toHaveBeenCalled();
    await publishing;
    await nextTurn();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('keeps the order messages were published in', async () => {
    const bus = new MemoryBus();
    const seen: string[] = [];
    await bus.subscribe((m) => seen.push(m.keys[0]));
    for (const key of ['k1', 'k2', 'k3', 'k4']) await bus.publish({ origin: 'x', keys: [key] });
    await nextTurn();
    expect(seen).toEqual(['k1', 'k2', 'k3', 'k4']);
  });

  it('after unsubscribe a handler hears nothing more; the others still do', async () => {
    const bus = new MemoryBus();
    const leaving = vi.fn();
    const staying = vi.fn();
    const unsubscribe = await bus.subscribe(leaving);
    await bus.subscribe(staying);
    await unsubscribe();
    await bus.publish({ origin: 'x', keys: ['a'] });
    await nextTurn();
    expect(leaving).not.toHaveBeenCalled();
    expect(staying).toHaveBeenCalledTimes(1);
  });

  it('the same handler subscribed twice is two subscriptions: leaving one keeps the other', async () => {
    const bus = new MemoryBus();
    const handler = vi.fn();
    const leaveFirst = await bus.subscribe(handler);
    await bus.subscribe(handler);
    await bus.publish({ origin: 'x', keys: ['a'] });
    await nextTurn();
    expect(handler).toHaveBeenCalledTimes(2);
    await leaveFirst();
    await bus.publish({ origin: 'x', keys: ['b'] });
    await nextTurn();
    expect(handler).toHaveBeenCalledTimes(3);
  });

  it('a message reaches those subscribed when it was published, not a handler that subscribes after', async () => {
    const bus = new MemoryBus();
    const early = vi.fn();
    const late = vi.fn();
    await bus.subscribe(early);
    const publishing = bus.publish({ origin: 'x', keys: ['a'] });
    await bus.subscribe(late);
    await publishing;
    await nextTurn();
    expect(early).toHaveBeenCalledTimes(1);
    expect(late).not.toHaveBeenCalled();
  });

  it('each subscriber gets its own copy: one that changes the message changes nothing for the others', async () => {
    const bus = new MemoryBus();
    const seen: string[][] = [];
    const vandal = (m: InvalidationMessage) => {
      m.keys.length = 0;
      m.keys.push('vandalized');
    };
    await bus.subscribe(vandal);
    await bus.subscribe((m) => seen.push([...m.keys]));
    const keys = ['a', 'b'];
    await bus.publish({ origin: 'x', keys });
    await nextTurn();
    expect(seen).toEqual([['a', 'b']]);
    expect(keys).toEqual(['a', 'b']);
  });

  it('two buses are two separate channels', async () => {
    const one = new MemoryBus();
    const other = new MemoryBus();
    const handler = vi.fn();
    await other.subscribe(handler);
    await one.publish({ origin: 'x', keys: ['a'] });
    await nextTurn();
    expect(handler).not.toHaveBeenCalled();
  });
});

describe('cross-instance', () => {
  async function twoInstances() {
    const bus = new RecordingBus();
    const x = ordersSetup({ bus, id: 'instance-x' });
    const y = ordersSetup({ bus, id: 'instance-y' });
    await x.invalidator.listen();
    await y.invalidator.listen();
    return { bus, x, y };
  }

  it('one invalidate publishes exactly one message, with the origin id and every key dropped', async () => {
    const { bus, x } = await twoInstances();
    await x.invalidator.invalidate('user:1');
    expect(bus.published).toEqual([{ origin: 'instance-x', keys: ['user:1', 'orders:1', 'dashboard:1'] }]);
  });

  it('the message carries keys only, never cached values', async () => {
    const { bus, x } = await twoInstances();
    await x.invalidator.invalidate(['user:1', 'orders']);
    expect(bus.published).toHaveLength(1);
    const [message] = bus.published;
    expect(Object.keys(message).sort()).toEqual(['keys', 'origin']);
    expect(message.keys.every((key) => typeof key === 'string')).toBe(true);
    expect(JSON.stringify(message)).not.toContain('value of');
  });

  it('the other instance drops those keys from its own cache when the message arrives', async () => {
    const { x, y } = await twoInstances();
    await x.invalidator.invalidate('user:1');
    await flushMicrotasks();
    expect([...y.cache.keys()].sort()).toEqual(['orders', 'totals', 'unrelated']);
    expect(y.cache.deletions.get('dashboard:1')).toBe(1);
  });

  it('the receiver drops exactly the listed keys, without walking its own graph or publishing', async () => {
    const { bus, x, y } = await twoInstances();
    y.invalidator.register('only-y-knows', ['user:1']);
    y.cache.set('only-y-knows', 1);
    await x.invalidator.invalidate('user:1');
    await flushMicrotasks();
    expect(y.cache.has('only-y-knows')).toBe(true);
    expect(bus.published).toHaveLength(1);
  });

  it('the publisher ignores its own echo: each key is deleted once there', async () => {
    const { x } = await twoInstances();
    await x.invalidator.invalidate('user:1');
    await flushMicrotasks();
    expect(x.cache.totalDeletions).toBe(3);
  });

  it('a failed update invalidates across instances as well', async () => {
    const { bus, x, y } = await twoInstances();
    await expect(x.invalidator.updating(['orders'], () => Promise.reject(new Error('nope')))).rejects.toThrow('nope');
    await flushMicrotasks();
    expect(bus.published).toHaveLength(1);
    expect(bus.published[0].origin).toBe('instance-x');
    expect([...bus.published[0].keys].sort()).toEqual(['dashboard:1', 'orders', 'orders:1', 'totals']);
    expect(y.cache.has('totals')).toBe(false);
  });

  it('an instance without an explicit id gets a unique one', async () => {
    const bus = new RecordingBus();
    const a = ordersSetup({ bus });
    const b = ordersSetup({ bus });
    expect(typeof a.invalidator.id).toBe('string');
    expect(a.invalidator.id.length).toBeGreaterThan(0);
    expect(a.invalidator.id).not.toBe(b.invalidator.id);
    // Made in the same millisecond, as processes starting together are: a clock reading is no id.
    const ids = Array.from({ length: 200 }, () => new CacheInvalidator({ cache: new Map() }).id);
    expect(new Set(ids).size).toBe(200);
    await a.invalidator.listen();
    await b.invalidator.listen();
    await a.invalidator.invalidate('totals');
    await flushMicrotasks();
    expect(b.cache.has('totals')).toBe(false);
    expect(a.cache.totalDeletions).toBe(1);
  });

  it('listen subscribes once; close unsubscribes and the instance hears nothing more', async () => {
    const { bus, x, y } = await twoInstances();
    await y.invalidator.listen();
    expect(bus.subscribers).toBe(2);
    await y.invalidator.close();
    expect(bus.subscribers).toBe(1);
    await x.invalidator.invalidate('totals');
    await flushMicrotasks();
    expect(y.cache.has('totals')).toBe(true);
  });

  it('listen twice is one subscription, which close ends; close before listen and close twice do nothing', async () => {
    const { bus, x, y } = await twoInstances(); // both listen already
    await y.invalidator.listen();
    await y.invalidator.listen();
    expect(bus.subscribers).toBe(2);
    await y.invalidator.close();
    await y.invalidator.close();
    expect(bus.subscribers).toBe(1);
    const neverListened = ordersSetup({ bus, id: 'instance-z' });
    await neverListened.invalidator.close();
    expect(bus.subscribers).toBe(1);
    await x.invalidator.invalidate('totals');
    await flushMicrotasks();
    expect(y.cache.has('totals')).toBe(true);
  });

  it('works the same over the MemoryBus', async () => {
    const bus = capped(new MemoryBus());
    const x = ordersSetup({ bus, id: 'x' });
    const y = ordersSetup({ bus, id: 'y' });
    await x.invalidator.listen();
    await y.invalidator.listen();
    await y.invalidator.invalidate('orders');
    await nextTurn();
    expect(x.cache.has('totals')).toBe(false);
    expect(y.cache.totalDeletions).toBe(4);
    expect(x.cache.totalDeletions).toBe(4);
  });
});
