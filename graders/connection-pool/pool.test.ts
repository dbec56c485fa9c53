import { describe, it, expect } from 'vitest';
import { FakeClock } from '@grader-kit';
import { Pool, AcquireTimeoutError, PoolClosedError, PoolFullError } from '@impl/connection-pool/pool';
import { fakeFactory, track, settle } from './helpers';

describe('config', () => {
  it('rejects impossible sizes with a RangeError', () => {
    const f = fakeFactory();
    expect(() => new Pool(f, { min: 3, max: 2 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: 0 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: -1 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: 2.5 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: Number.NaN })).toThrow(RangeError);
    expect(() => new Pool(f, { min: -1, max: 2 })).toThrow(RangeError);
  });

  it('rejects negative timeouts with a RangeError', () => {
    const f = fakeFactory();
    expect(() => new Pool(f, { max: 2, acquireTimeoutMs: -1 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: 2, idleTimeoutMs: -5 })).toThrow(RangeError);
    expect(() => new Pool(f, { max: 2, maxWaiting: -1 })).toThrow(RangeError);
  });

  it('accepts min equal to max and infinite timeouts', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { min: 2, max: 2, acquireTimeoutMs: Infinity, idleTimeoutMs: Infinity });
    await pool.ready();
    expect(pool.stats.size).toBe(2);
    await pool.close();
  });
});

describe('warm-up', () => {
  it('creates min resources at start and reports them idle', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { min: 3, max: 5 });
    await pool.ready();
    expect(f.created).toBe(3);
    expect(pool.stats).toEqual({ size: 3, available: 3, borrowed: 0, pending: 0, creating: 0 });
  });

  it('lends warmed-up resources without creating more', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { min: 2, max: 5 });
    await pool.ready();
    const a = await pool.acquire();
    const b = await pool.acquire();
    expect(a).not.toBe(b);
    expect(f.created).toBe(2);
  });

  it('ready() rejects when a start-up create fails', async () => {
    const f = fakeFactory();
    f.failCreates = 1;
    const pool = new Pool(f, { min: 2, max: 2 });
    await expect(pool.ready()).rejects.toThrow('connect refused');
  });
});

describe('acquire-release', () => {
  it('reuses a released resource instead of creating one', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { max: 3 });
    const a = await pool.acquire();
    expect(pool.stats).toMatchObject({ size: 1, borrowed: 1, available: 0 });
    pool.release(a);
    expect(pool.stats).toMatchObject({ size: 1, borrowed: 0, available: 1 });
    expect(await pool.acquire()).toBe(a);
    expect(f.created).toBe(1);
  });

  it('lends the most recently returned idle resource first (LIFO), so surplus ones can idle out', async () => {
    const pool = new Pool(fakeFactory(), { max: 3 });
    const [a, b, c] = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    pool.release(a);
    pool.release(c);
    pool.release(b);
    expect(await pool.acquire()).toBe(b);
    expect(await pool.acquire()).toBe(c);
  });

  it('stats is a snapshot: later acquires and releases do not change it', async () => {
    const pool = new Pool(fakeFactory(), { max: 2 });
    const a = await pool.acquire();
    const before = pool.stats;
    pool.release(a);
    await pool.acquire();
    await pool.acquire();
    const after = pool.stats;
    expect(before).toEqual({ size: 1, available: 0, borrowed: 1, pending: 0, creating: 0 });
    expect(after).toEqual({ size: 2, available: 0, borrowed: 2, pending: 0, creating: 0 });
  });

  it('creates distinct resources up to max', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { max: 3 });
    const got = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    expect(new Set(got).size).toBe(3);
    expect(pool.stats).toMatchObject({ size: 3, borrowed: 3 });
  });

  it('release of a foreign resource throws and changes nothing', async () => {
    const pool = new Pool(fakeFactory(), { max: 2 });
    await pool.acquire();
    expect(() => pool.release({ id: 99, healthy: true })).toThrow();
    expect(pool.stats).toMatchObject({ size: 1, borrowed: 1, available: 0 });
  });

  it('releasing twice throws the second time', async () => {
    const pool = new Pool(fakeFactory(), { max: 2 });
    const a = await pool.acquire();
    pool.release(a);
    expect(() => pool.release(a)).toThrow();
    expect(pool.stats).toMatchObject({ size: 1, available: 1, borrowed: 0 });
  });
});

describe('wait-queue', () => {
  it('an acquire on an exhausted pool waits instead of throwing', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const a = await pool.acquire();
    const waiting = track(pool.acquire());
    await settle();
    expect(waiting.state).toBe('pending');
    expect(pool.stats.pending).toBe(1);
    pool.release(a);
    await settle();
    expect(waiting).toMatchObject({ state: 'resolved', value: a });
    expect(pool.stats.pending).toBe(0);
  });

  it('waiters are served in the order they asked', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const first = await pool.acquire();
    const order: number[] = [];
    const waits = [0, 1, 2, 3, 4].map((i) =>
      pool.acquire().then((c) => {
        order.push(i);
        pool.release(c);
      }),
    );
    pool.release(first);
    await Promise.all(waits);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });

  it('maxWaiting rejects one caller too many at once with PoolFullError', async () => {
    const pool = new Pool(fakeFactory(), { max: 1, maxWaiting: 2 });
    await pool.acquire();
    const w1 = track(pool.acquire());
    const w2 = track(pool.acquire());
    const extra = track(pool.acquire());
    await settle();
    expect(extra.state).toBe('rejected');
    expect(extra.error).toBeInstanceOf(PoolFullError);
    expect([w1.state, w2.state]).toEqual(['pending', 'pending']);
    expect(pool.stats.pending).toBe(2);
  });
});

describe('acquire-timeout', () => {
  async function exhausted(timeout: number) {
    const clock = new FakeClock();
    const f = fakeFactory();
    const pool = new Pool(f, { max: 1, acquireTimeoutMs: timeout, clock });
    const held = await pool.acquire();
    return { clock, f, pool, held };
  }

  it('rejects with AcquireTimeoutError once the timeout has passed, not before', async () => {
    const { clock, pool } = await exhausted(100);
    const w = track(pool.acquire());
    await settle();
    expect(w.state).toBe('pending');
    await clock.advance(99);
    expect(w.state).toBe('pending');
    await clock.advance(1);
    expect(w.state).toBe('rejected');
    expect(w.error).toBeInstanceOf(AcquireTimeoutError);
  });

  it('a timed-out waiter leaves the queue and never receives a resource', async () => {
    const { clock, pool, held } = await exhausted(100);
    const w = track(pool.acquire());
    await clock.advance(100);
    expect(pool.stats.pending).toBe(0);
    pool.release(held);
    await settle();
    expect(pool.stats).toMatchObject({ available: 1, borrowed: 0, pending: 0 });
    expect(w.value).toBeUndefined();
    expect(await pool.acquire()).toBe(held);
  });

  it('after a timeout, the resource goes to the next live waiter', async () => {
    const { clock, pool, held } = await exhausted(100);
    const early = track(pool.acquire());
    await clock.advance(50);
    const late = track(pool.acquire());
    await clock.advance(50); // early times out; late has 50 ms left
    expect(early.state).toBe('rejected');
    pool.release(held);
    await settle();
    expect(late).toMatchObject({ state: 'resolved', value: held });
    expect(pool.stats).toMatchObject({ borrowed: 1, pending: 0 });
  });

  it('a timeout of 0 rejects a caller who would have to wait, on the next tick', async () => {
    const { clock, pool, held } = await exhausted(0);
    const w = track(pool.acquire());
    await clock.advance(0);
    expect(w.state).toBe('rejected');
    expect(w.error).toBeInstanceOf(AcquireTimeoutError);
    pool.release(held);
    expect(await pool.acquire()).toBe(held); // a free resource is still lent at once
  });

  it('a served waiter leaves no timer behind', async () => {
    const { clock, pool, held } = await exhausted(100);
    const w = track(pool.acquire());
    pool.release(held);
    await settle();
    expect(w.state).toBe('resolved');
    expect(clock.pending).toBe(0);
  });
});

describe('validation', () => {
  for (const kind of ['sync', 'async', 'throws'] as const) {
    it(`an invalid idle resource is destroyed, never lent (${kind} validate)`, async () => {
      const f = fakeFactory({ validate: kind });
      const pool = new Pool(f, { min: 1, max: 1 });
      await pool.ready();
      const a = await pool.acquire();
      pool.release(a);
      a.healthy = false;
      const b = await pool.acquire();
      expect(b).not.toBe(a);
      expect(b.healthy).toBe(true);
      expect(f.destroyCount.get(a)).toBe(1);
      expect(pool.stats).toMatchObject({ size: 1, borrowed: 1 });
    });
  }

  it('a resource that broke while borrowed is not handed to the next waiter', async () => {
    const f = fakeFactory({ validate: 'async' });
    const pool = new Pool(f, { max: 1 });
    const a = await pool.acquire();
    const next = track(pool.acquire());
    a.healthy = false;
    pool.release(a);
    await settle();
    expect(next.state).toBe('resolved');
    expect(next.value).not.toBe(a);
    expect(f.destroyCount.get(a)).toBe(1);
  });

  it('a healthy resource is reused after validation', async () => {
    const f = fakeFactory({ validate: 'sync' });
    const pool = new Pool(f, { max: 2 });
    const a = await pool.acquire();
    pool.release(a);
    expect(await pool.acquire()).toBe(a);
    expect(f.created).toBe(1);
  });
});

describe('create-errors', () => {
  it('a failed create rejects the caller with the factory error and leaks no count', async () => {
    const f = fakeFactory();
    f.failCreates = 1;
    const pool = new Pool(f, { max: 2 });
    await expect(pool.acquire()).rejects.toThrow('connect refused');
    await settle();
    expect(pool.stats).toEqual({ size: 0, available: 0, borrowed: 0, pending: 0, creating: 0 });
    const ok = await pool.acquire();
    expect(ok.healthy).toBe(true);
  });

  it('under load, each failed create rejects one waiter and the rest are served', async () => {
    const f = fakeFactory();
    f.failCreates = 2;
    const pool = new Pool(f, { max: 2 });
    const results = Array.from({ length: 5 }, () => track(pool.acquire()));
    await settle();
    const rejected = results.filter((r) => r.state === 'rejected');
    expect(rejected.length).toBe(2);
    expect(pool.stats.creating).toBe(0);
    for (const r of results) if (r.state === 'resolved') pool.release(r.value!);
    await settle();
    expect(results.filter((r) => r.state === 'resolved').length).toBe(3);
    expect(pool.stats).toMatchObject({ size: 2, pending: 0, creating: 0 });
  });
});

describe('destroy', () => {
  it('destroying a borrowed resource frees its slot for a waiter', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { max: 1 });
    const a = await pool.acquire();
    const next = track(pool.acquire());
    await pool.destroy(a);
    await settle();
    expect(f.destroyCount.get(a)).toBe(1);
    expect(next.state).toBe('resolved');
    expect(next.value).not.toBe(a);
    expect(pool.stats).toMatchObject({ size: 1, borrowed: 1 });
  });

  it('destroy of a resource that is not borrowed rejects', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { max: 2 });
    const a = await pool.acquire();
    pool.release(a);
    await expect(pool.destroy(a)).rejects.toThrow();
    await expect(pool.destroy({ id: 77, healthy: true })).rejects.toThrow();
    expect(f.destroyed).toBe(0);
  });

  it('destroy() waits for the factory to finish, and resolves even when the factory fails', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { max: 2 });
    const a = await pool.acquire();
    f.holdDestroys = true;
    const destroyed = track(pool.destroy(a));
    await settle();
    expect(destroyed.state).toBe('pending');
    f.heldDestroys.forEach((go) => go());
    await settle();
    expect(destroyed.state).toBe('resolved');
    f.holdDestroys = false;
    f.failDestroys = 1;
    await expect(pool.destroy(await pool.acquire())).resolves.toBeUndefined();
    expect(pool.stats).toMatchObject({ size: 0, borrowed: 0 });
  });

  it('the pool refills to min after a destroy', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { min: 1, max: 3 });
    await pool.ready();
    await pool.destroy(await pool.acquire());
    await settle();
    expect(f.created).toBe(2);
    expect(pool.stats).toMatchObject({ size: 1, available: 1 });
  });
});

describe('idle-eviction', () => {
  async function withIdle(min: number, count: number) {
    const clock = new FakeClock();
    const f = fakeFactory();
    const pool = new Pool(f, { min, max: 8, idleTimeoutMs: 1000, clock });
    const conns = await Promise.all(Array.from({ length: count }, () => pool.acquire()));
    return { clock, f, pool, conns };
  }

  it('destroys resources idle for idleTimeoutMs, and not earlier', async () => {
    const { clock, f, pool, conns } = await withIdle(0, 4);
    conns.forEach((c) => pool.release(c));
    await clock.advance(999);
    expect(f.destroyed).toBe(0);
    await clock.advance(1);
    expect(f.destroyed).toBe(4);
    expect(pool.stats.size).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('never evicts below min', async () => {
    const { clock, f, pool, conns } = await withIdle(2, 5);
    conns.forEach((c) => pool.release(c));
    await clock.advance(60_000);
    expect(f.destroyed).toBe(3);
    expect(pool.stats).toMatchObject({ size: 2, available: 2 });
  });

  it('each resource is timed from its own release; borrowed ones are never evicted', async () => {
    const { clock, f, pool, conns } = await withIdle(0, 3);
    const [a, b, kept] = conns;
    pool.release(a);
    await clock.advance(500);
    pool.release(b);
    await clock.advance(500);
    expect([...f.destroyCount.keys()]).toEqual([a]);
    await clock.advance(500);
    expect([...f.destroyCount.keys()]).toEqual([a, b]);
    await clock.advance(10_000);
    expect(f.destroyCount.has(kept)).toBe(false);
    expect(pool.stats).toMatchObject({ size: 1, borrowed: 1 });
  });
});

describe('use-and-lease', () => {
  it('use() returns what fn returns and gives the resource back', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const id = await pool.use((c) => c.id);
    expect(id).toBe(1);
    expect(pool.stats).toMatchObject({ borrowed: 0, available: 1 });
  });

  it('use() gives the resource back when fn throws, and passes the error on', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const boom = new Error('query failed');
    await expect(pool.use(async () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(pool.use(() => { throw boom; })).rejects.toBe(boom);
    expect(pool.stats).toMatchObject({ borrowed: 0, available: 1 });
    await expect(pool.use((c) => c.id)).resolves.toBe(1);
  });

  it('a lease returns its resource when disposed, only once', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const lease = await pool.lease();
    expect(lease.resource.id).toBe(1);
    expect(pool.stats.borrowed).toBe(1);
    await lease[Symbol.asyncDispose]();
    expect(pool.stats).toMatchObject({ borrowed: 0, available: 1 });
    await lease[Symbol.asyncDispose]();
    lease.release();
    expect(pool.stats).toMatchObject({ borrowed: 0, available: 1 });
  });

  it('release() then dispose, as `await using` does at the end of a block, is safe', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const lease = await pool.lease();
    const waiting = track(pool.acquire());
    lease.release();
    await lease[Symbol.asyncDispose]();
    await settle();
    expect(waiting).toMatchObject({ state: 'resolved', value: lease.resource });
    expect(pool.stats).toMatchObject({ borrowed: 1, available: 0 });
  });
});

describe('close', () => {
  it('rejects waiting and later acquires with PoolClosedError', async () => {
    const pool = new Pool(fakeFactory(), { max: 1 });
    const a = await pool.acquire();
    const waiting = track(pool.acquire());
    const closed = pool.close();
    await settle();
    expect(waiting.error).toBeInstanceOf(PoolClosedError);
    await expect(pool.acquire()).rejects.toBeInstanceOf(PoolClosedError);
    pool.release(a);
    await closed;
  });

  it('waits for borrowed resources and destroys every resource exactly once', async () => {
    const f = fakeFactory();
    const pool = new Pool(f, { min: 2, max: 4 });
    await pool.ready();
    const [a, b, c] = await Promise.all([pool.acquire(), pool.acquire(), pool.acquire()]);
    pool.release(a);
    const closed = track(pool.close());
    await settle();
    expect(f.destroyCount.get(a)).toBe(1);
    expect(closed.state).toBe('pending'); // b and c are still out
    pool.release(b);
    await pool.destroy(c);
    await settle();
    expect(closed.state).toBe('resolved');
    expect(f.destroyed).toBe(f.created);
    expect([...f.destroyCount.values()].every((n) => n === 1)).toBe(true);
    expect(pool.stats).toEqual({ size: 0, available: 0, borrowed: 0, pending: 0, creating: 0 });
  });

  it('resolves only after every asynchronous destroy has finished', async () => {
    const f = fakeFactory();
    f.holdDestroys = true;
    const pool = new Pool(f, { min: 3, max: 3 });
    await pool.ready();
    const closed = track(pool.close());
    await settle();
    expect(f.destroying).toBe(3);
    f.heldDestroys.splice(0, 2).forEach((go) => go());
    await settle();
    expect(closed.state).toBe('pending'); // one destroy is still running
    f.heldDestroys.splice(0).forEach((go) => go());
    await settle();
    expect(closed.state).toBe('resolved');
    expect(f.destroying).toBe(0);
  });

  it('a destroy that fails during close still counts as done', async () => {
    const f = fakeFactory();
    f.failDestroys = 2;
    const pool = new Pool(f, { min: 2, max: 2 });
    await pool.ready();
    await expect(pool.close()).resolves.toBeUndefined();
    expect(f.destroyed).toBe(2);
  });

  it('destroys a resource whose create was still in flight', async () => {
    const f = fakeFactory();
    f.holdCreates = true;
    const pool = new Pool(f, { max: 2 });
    const waiting = track(pool.acquire());
    await settle();
    const closed = track(pool.close());
    f.heldCreates.forEach((go) => go());
    await settle();
    expect(waiting.error).toBeInstanceOf(PoolClosedError);
    expect(closed.state).toBe('resolved');
    expect(f.created).toBe(1);
    expect(f.destroyed).toBe(1);
  });

  it('leaves no timers, and calling it twice destroys nothing twice', async () => {
    const clock = new FakeClock();
    const f = fakeFactory();
    const pool = new Pool(f, { min: 1, max: 2, acquireTimeoutMs: 5000, idleTimeoutMs: 1000, clock });
    const [a, b] = await Promise.all([pool.acquire(), pool.acquire()]);
    pool.release(a); // idle above min: may start an eviction timer
    const again = await pool.acquire();
    const waiting = track(pool.acquire()); // the pool is full: an acquire timer
    await settle();
    expect(clock.pending).toBeGreaterThan(0);
    const closing = Promise.all([pool.close(), pool.close()]);
    await settle();
    expect(waiting.error).toBeInstanceOf(PoolClosedError);
    pool.release(again); // returned after close: destroyed, not an error
    pool.release(b);
    await closing;
    expect(clock.pending).toBe(0);
    expect([...f.destroyCount.values()].every((n) => n === 1)).toBe(true);
    expect(f.destroyed).toBe(f.created);
  });
});
