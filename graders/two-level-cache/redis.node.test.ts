import { describe, expect, it, vi, type TestContext } from 'vitest';
import { redisForTests } from '@grader-kit/node';
import Redis from 'ioredis';
import { RedisStore } from '@impl/two-level-cache/redis-store';
import { TwoLevelCache } from '@impl/two-level-cache/two-level-cache';
import { defineL2Contract } from './l2-contract';

// Every key this file writes sits under a prefix unique to this run and carries a TTL of at most
// a minute, so runs sharing one Redis never see each other and leave nothing behind for long.
const { connect, fresh } = redisForTests('tlc-grader');
const freshPrefix = () => fresh(':');

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('redis-store', () => {
  let shared: Redis | undefined;
  defineL2Contract(async (ctx) => {
    shared ??= connect(ctx);
    return { store: new RedisStore(shared, { prefix: freshPrefix() }), elapse: sleep };
  });

  it('writes JSON text under prefix + key, with the TTL as the key\'s expiry', async (ctx) => {
    const redis = connect(ctx);
    const prefix = freshPrefix();
    await new RedisStore(redis, { prefix }).set('user:1', { name: 'Ada' }, 30_000);
    expect(await redis.get(`${prefix}user:1`)).toBe('{"name":"Ada"}');
    const pttl = await redis.pttl(`${prefix}user:1`);
    expect(pttl).toBeGreaterThan(25_000);
    expect(pttl).toBeLessThanOrEqual(30_000);
  });

  it('stores with different prefixes on one Redis do not see each other\'s keys', async (ctx) => {
    const redis = connect(ctx);
    const a = new RedisStore(redis, { prefix: freshPrefix() });
    const b = new RedisStore(redis, { prefix: freshPrefix() });
    await a.set('k', 'from a', 30_000);
    expect(await b.get('k')).toBeUndefined();
    await b.delete('k');
    expect(await a.get('k')).toBe('from a');
  });

  it('a write that fails half-way never leaves a key without an expiry (value and TTL in one command)', async (ctx) => {
    const redis = connect(ctx);
    const prefix = freshPrefix();
    // The connection drops right after the first command of a write: any separate expiry
    // command (EXPIRE, PEXPIRE, …) fails, as it would if the network went down between the two.
    const flaky = new Proxy(redis, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^p?expire(at)?$/i.test(prop)) return () => Promise.reject(new Error('connection lost'));
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Redis;
    await new RedisStore(flaky, { prefix }).set('k', 'v', 30_000).catch(() => undefined);
    const pttl = await redis.pttl(`${prefix}k`);
    expect(pttl, 'the key exists with no expiry (PTTL −1): it would never expire').not.toBe(-1);
  });

  it('leaves the connection open for its owner', async (ctx) => {
    const redis = connect(ctx);
    const store = new RedisStore(redis, { prefix: freshPrefix() });
    await store.set('k', 1, 30_000);
    await store.get('k');
    await store.delete('k');
    expect(await redis.ping()).toBe('PONG');
  });
});

describe('shared-l2', () => {
  /** Two cache instances, as in two processes: separate connections and L1s, one Redis. */
  function twoInstances(ctx: TestContext, options: { ttlMs?: number; jitter?: number } = {}) {
    const prefix = freshPrefix();
    const make = () => new TwoLevelCache<unknown>({ l2: new RedisStore(connect(ctx), { prefix }), ...options });
    return { a: make(), b: make(), prefix, redis: connect(ctx) };
  }

  it('instance B gets from Redis what instance A loaded, without calling its loader', async (ctx) => {
    const { a, b } = twoInstances(ctx, { ttlMs: 30_000 });
    expect(await a.get('user:1', () => ({ name: 'Ada' }))).toEqual({ name: 'Ada' });
    const loaderB = vi.fn(() => ({ name: 'not from Redis' }));
    expect(await b.get('user:1', loaderB)).toEqual({ name: 'Ada' });
    expect(await b.get('user:1', loaderB)).toEqual({ name: 'Ada' }); // now from B's L1
    expect(loaderB).not.toHaveBeenCalled();
    expect(b.stats()).toMatchObject({ l1Hits: 1, l2Hits: 1, misses: 0, loads: 0 });
  });

  it('a "no value" that A cached is a hit for B', async (ctx) => {
    const { a, b } = twoInstances(ctx, { ttlMs: 30_000 });
    expect(await a.get('ghost', () => null)).toBeNull();
    const loaderB = vi.fn(() => 'surprise');
    expect(await b.get('ghost', loaderB)).toBeNull();
    expect(loaderB).not.toHaveBeenCalled();
  });

  it('A\'s invalidate removes the key from Redis, so B loads it afresh', async (ctx) => {
    const { a, b, prefix, redis } = twoInstances(ctx, { ttlMs: 30_000 });
    await a.get('k', () => 'old');
    await a.invalidate('k');
    expect(await redis.exists(`${prefix}k`)).toBe(0);
    expect(await b.get('k', () => 'new')).toBe('new');
  });

  it('the jittered TTL reaches Redis, and Redis expires the key', async (ctx) => {
    const { a, prefix, redis } = twoInstances(ctx, { ttlMs: 200, jitter: 0.1 });
    await a.get('k', () => 'v');
    const pttl = await redis.pttl(`${prefix}k`);
    expect(pttl).toBeGreaterThan(0);
    expect(pttl).toBeLessThanOrEqual(220);
    await sleep(400);
    expect(await redis.exists(`${prefix}k`)).toBe(0);
  });

  it('100 concurrent gets across both instances load at most once per instance', async (ctx) => {
    const { a, b } = twoInstances(ctx, { ttlMs: 30_000 });
    let loads = 0;
    const loader = async () => (loads++, 'value');
    const gets = Array.from({ length: 100 }, (_, i) => (i % 2 ? a : b).get('hot', loader));
    expect(new Set(await Promise.all(gets))).toEqual(new Set(['value']));
    expect(loads).toBeGreaterThanOrEqual(1);
    expect(loads).toBeLessThanOrEqual(2);
  });
});
