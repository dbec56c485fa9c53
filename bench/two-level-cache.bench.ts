// The lab's reference TwoLevelCache against bentocache 1.6 (the closest design:
// an in-process LRU L1 over a Redis L2, single flight on misses) and cache-manager 7,
// on three paths: an L1 hit, an L2 hit over a real local Redis, and a miss that loads.
// Both two-level caches use a real redis-server started here as L2. bentocache runs
// without its bus: the reference has none (invalidation across instances is the
// cache-invalidation lab), and no path measured here publishes.
// Target from the lab: an awaited L1 hit costs ≤ 10× a plain synchronous LRU get.
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import { createCache } from 'cache-manager';
import { Redis } from 'ioredis';
import { startRedis, redisServerInstalled } from '../src/node/redis-server';
import { LRU } from '../solutions/two-level-cache/lru';
import { RedisStore } from '../solutions/two-level-cache/redis-store';
import { TwoLevelCache } from '../solutions/two-level-cache/two-level-cache';
import { compare, sized, timed, timedAsync } from './lib';
import type { SuiteResult } from './results';

const KEYS = 1000;
const HOUR = 3_600_000;
const keys = Array.from({ length: KEYS }, (_, i) => `user:${i}`);
// A stride through every key, so no variant gets to replay one hot entry.
const keyAt = (i: number) => keys[(i * 7919) % KEYS];
type Profile = ReturnType<typeof profileOf>;
const profileOf = (key: string) => ({ key, name: `name of ${key}`, visits: key.length });

/**
 * bentocache with an L1 of `l1Items` entries over Redis. Its L1 holds objects, as the reference's does.
 * It gets connection options, not our connection: its disconnectAll() closes the connection it uses.
 */
function bentocache(redis: Redis, prefix: string, l1Items: number) {
  const { host, port } = redis.options;
  return new BentoCache({
    default: 'cache',
    ttl: HOUR,
    stores: {
      cache: bentostore()
        .useL1Layer(memoryDriver({ maxItems: l1Items, serialize: false }))
        .useL2Layer(redisDriver({ connection: { host, port }, prefix })),
    },
  });
}

export default async function twoLevelCacheBench(): Promise<SuiteResult[]> {
  if (!redisServerInstalled()) throw new Error('bench/two-level-cache needs redis-server for its L2 (apt install redis-server)');
  const server = await startRedis();
  const redis = new Redis(server.url);
  try {
    return [await l1Hit(redis), await l2Hit(redis), await missThenLoad(redis)];
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

async function l1Hit(redis: Redis): Promise<SuiteResult> {
  // Ops per timed run, per variant, so every run lasts about as long (tens of ms): a run much
  // shorter than a scheduler slice escapes preemption on a busy machine and looks faster than it is.
  const ops = { reference: sized(200_000), manager: sized(100_000), bento: sized(20_000), floor: sized(2_000_000) };
  const reference = new TwoLevelCache<Profile>({ l2: new RedisStore(redis, { prefix: 'ref-l1:' }), l1Capacity: KEYS, ttlMs: HOUR });
  const bento = bentocache(redis, 'bento-l1', KEYS);
  const manager = createCache({ ttl: HOUR });
  const plain = new LRU<string, Profile>(KEYS);
  for (const key of keys) {
    await reference.get(key, profileOf);
    await bento.getOrSet({ key, factory: () => profileOf(key) });
    await manager.set(key, profileOf(key));
    plain.set(key, profileOf(key));
  }

  let found = 0; // consumed below, so no variant's work can be optimized away
  const loop = (n: number, get: (key: string) => Promise<unknown>) => () =>
    timedAsync(n, async () => {
      for (let i = 0; i < n; i++) if (await get(keyAt(i))) found++;
    });
  const suite = await compare({
    id: 'two-level-cache/l1-hit',
    lab: 'two-level-cache',
    title: { en: 'Two-level cache: an awaited L1 hit, 1000 keys', zh: '两级缓存：一次 await 的 L1 命中，1000 个键' },
    about: {
      en: 'Every key already in L1; callers await each get. bentocache and the reference keep objects in L1 (no serialization); cache-manager has a single in-memory Keyv store.',
      zh: '所有键都已在 L1 中，调用方逐个 await。bentocache 和参考实现的 L1 都直接存对象（不序列化）；cache-manager 只有一层内存 Keyv 存储。',
    },
  }, [
    { name: 'reference TwoLevelCache.get', nameZh: '参考实现 TwoLevelCache.get', role: 'reference', run: loop(ops.reference, (key) => reference.get(key, profileOf)) },
    { name: 'bentocache 1.6.1 getOrSet', role: 'library', run: loop(ops.bento, (key) => bento.getOrSet({ key, factory: () => profileOf(key) })) },
    { name: 'bentocache 1.6.1 get', role: 'library', run: loop(ops.bento, (key) => bento.get({ key })) },
    { name: 'cache-manager 7.2.9 get', role: 'library', run: loop(ops.manager, (key) => manager.get(key)) },
    { name: 'cache-manager 7.2.9 wrap', role: 'library', run: loop(ops.manager, (key) => manager.wrap(key, () => profileOf(key), HOUR)) },
    {
      name: 'plain synchronous LRU get (floor)',
      nameZh: '同步的普通 LRU get（下限）',
      role: 'baseline',
      run: () => timed(ops.floor, () => {
        for (let i = 0; i < ops.floor; i++) if (plain.get(keyAt(i))) found++;
      }),
    },
  ]);
  if (reference.stats().loads !== KEYS || found === 0) throw new Error('the reference loaded during the timed runs: the bench is broken');
  await bento.disconnectAll();

  const floor = suite.variants.find((v) => v.role === 'baseline')!.nsPerOp;
  const ratio = suite.variants[0].nsPerOp / floor;
  console.log(`reference L1 hit: ${ratio.toFixed(1)}× the plain LRU get (lab target ≤ 10×) ${ratio <= 10 ? 'met' : 'MISSED'}`);
  return suite;
}

async function l2Hit(redis: Redis): Promise<SuiteResult> {
  const n = sized(2000, 50);
  // One L1 slot and a stride through 1000 keys: every get misses L1 and reads Redis.
  const reference = new TwoLevelCache<Profile>({ l2: new RedisStore(redis, { prefix: 'ref-l2:' }), l1Capacity: 1, ttlMs: HOUR });
  const bento = bentocache(redis, 'bento-l2', 1);
  for (const key of keys) {
    await reference.get(key, profileOf);
    await bento.getOrSet({ key, factory: () => profileOf(key) });
  }
  const loadsBefore = reference.stats().loads;
  let loads = 0;
  const loop = (get: (key: string) => Promise<unknown>) => () =>
    timedAsync(n, async () => {
      for (let i = 0; i < n; i++) await get(keyAt(i));
    });
  const suite = await compare({
    id: 'two-level-cache/l2-hit',
    lab: 'two-level-cache',
    title: { en: 'Two-level cache: L1 miss, L2 hit on a local Redis', zh: '两级缓存：L1 未命中、命中本机 Redis 上的 L2' },
    about: {
      en: 'A one-entry L1 and 1000 keys, so each get reads Redis over loopback, decodes the JSON and refills L1. The round trip dominates both.',
      zh: 'L1 只有 1 个槽位、共 1000 个键，所以每次 get 都经回环地址读 Redis、解码 JSON 并回填 L1。两者的耗时都以这次往返为主。',
    },
  }, [
    { name: 'reference TwoLevelCache.get', nameZh: '参考实现 TwoLevelCache.get', role: 'reference', run: loop((key) => reference.get(key, profileOf)) },
    { name: 'bentocache 1.6.1 getOrSet', role: 'library', run: loop((key) => bento.getOrSet({ key, factory: () => (loads++, profileOf(key)) })) },
  ]);
  if (reference.stats().loads !== loadsBefore || loads !== 0) throw new Error('a cache loaded during the L2-hit runs: the bench is broken');
  await bento.disconnectAll();
  return suite;
}

async function missThenLoad(redis: Redis): Promise<SuiteResult> {
  const n = sized(1000, 50);
  let run = 0;
  // Fresh caches and fresh keys every run: each get misses both levels, calls the loader once and writes both levels.
  const loop = (make: (prefix: string) => { get(key: string): Promise<unknown>; close(): Promise<void> }) => async () => {
    const cache = make(`miss-${++run}:`);
    const result = await timedAsync(n, async () => {
      for (let i = 0; i < n; i++) await cache.get(`user:${i}`);
    });
    await cache.close();
    return result;
  };
  return compare({
    id: 'two-level-cache/miss-load',
    lab: 'two-level-cache',
    title: { en: 'Two-level cache: a miss that calls the loader', zh: '两级缓存：未命中并调用加载函数' },
    about: {
      en: 'New keys each time: read L2 (absent), call the loader, store in L1 and in Redis with a TTL. Two Redis round trips dominate both.',
      zh: '每次都是新键：读 L2（不存在）、调用加载函数、写入 L1 并带 TTL 写入 Redis。两次 Redis 往返是两者的主要开销。',
    },
  }, [
    {
      name: 'reference TwoLevelCache.get',
      nameZh: '参考实现 TwoLevelCache.get',
      role: 'reference',
      run: loop((prefix) => {
        const cache = new TwoLevelCache<Profile>({ l2: new RedisStore(redis, { prefix }), l1Capacity: KEYS, ttlMs: HOUR });
        return { get: (key) => cache.get(key, profileOf), close: async () => {} };
      }),
    },
    {
      name: 'bentocache 1.6.1 getOrSet',
      role: 'library',
      run: loop((prefix) => {
        const cache = bentocache(redis, prefix, KEYS);
        return { get: (key) => cache.getOrSet({ key, factory: () => profileOf(key) }), close: () => cache.disconnectAll() };
      }),
    },
  ]);
}
