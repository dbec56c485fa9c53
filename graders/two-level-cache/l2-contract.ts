// The L2Store contract, written once and run against every store:
// MemoryStore in l2-contract.test.ts (anywhere) and RedisStore in redis.node.test.ts (Node).
import { expect, it, type TestContext } from 'vitest';
import type { L2Store } from '@impl/two-level-cache/l2-store';

export interface StoreUnderTest {
  store: L2Store;
  /** Lets `ms` pass for the store's TTLs: a fake clock's advance, or a real wait for Redis. */
  elapse(ms: number): Promise<void>;
}

/** A TTL no test outlives (keys left in a shared Redis clean themselves up within a minute). */
const LONG = 60_000;
/** A TTL short enough for a real wait; `elapse(SHORT * 3)` is safely past it. */
const SHORT = 40;

export function defineL2Contract(open: (ctx: TestContext) => Promise<StoreUnderTest>): void {
  it('get of a key never set resolves undefined', async (ctx) => {
    const { store } = await open(ctx);
    expect(await store.get('absent')).toBeUndefined();
  });

  it('get returns a value equal to the one set', async (ctx) => {
    const { store } = await open(ctx);
    const profile = { id: 7, name: 'Ada', roles: ['admin'], nested: { ok: true, score: 1.5 } };
    await store.set('profile', profile, LONG);
    expect(await store.get('profile')).toEqual(profile);
    await store.set('count', 0, LONG);
    expect(await store.get('count')).toBe(0);
    await store.set('empty', '', LONG);
    expect(await store.get('empty')).toBe('');
  });

  it('null is stored and read back as null, not as a miss', async (ctx) => {
    const { store } = await open(ctx);
    await store.set('nothing', null, LONG);
    expect(await store.get('nothing')).toBeNull();
  });

  it('values travel as JSON: a Date becomes its ISO string and undefined fields vanish', async (ctx) => {
    const { store } = await open(ctx);
    const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    await store.set('event', { when, note: undefined, tags: new Map([['a', 1]]) }, LONG);
    expect(await store.get('event')).toStrictEqual({ when: '2024-01-02T03:04:05.000Z', tags: {} });
  });

  it('the store keeps its own copy: later changes to the original or to a read value do not leak in', async (ctx) => {
    const { store } = await open(ctx);
    const original = { items: [1, 2] };
    await store.set('list', original, LONG);
    original.items.push(3);
    const read = (await store.get('list')) as { items: number[] };
    read.items.push(4);
    expect(await store.get('list')).toEqual({ items: [1, 2] });
  });

  it('set overwrites both the value and the TTL of an existing key', async (ctx) => {
    const { store, elapse } = await open(ctx);
    await store.set('k', 'first', SHORT);
    await store.set('k', 'second', LONG);
    await elapse(SHORT * 3);
    expect(await store.get('k')).toBe('second');
  });

  it('an entry disappears once its TTL has passed', async (ctx) => {
    const { store, elapse } = await open(ctx);
    await store.set('brief', 'here', SHORT);
    expect(await store.get('brief')).toBe('here');
    await elapse(SHORT * 3);
    expect(await store.get('brief')).toBeUndefined();
  });

  it('fractional TTLs are accepted (rounded up to whole milliseconds)', async (ctx) => {
    const { store } = await open(ctx);
    await store.set('fraction', 'ok', 1500.25);
    expect(await store.get('fraction')).toBe('ok');
  });

  it('delete removes the key, and deleting a missing key resolves', async (ctx) => {
    const { store } = await open(ctx);
    await store.set('doomed', 1, LONG);
    await store.delete('doomed');
    expect(await store.get('doomed')).toBeUndefined();
    await expect(store.delete('never-there')).resolves.toBeUndefined();
  });

  it('a TTL that is not a finite number > 0 rejects with RangeError', async (ctx) => {
    const { store } = await open(ctx);
    for (const bad of [0, -1, Number.NaN, Infinity]) {
      await expect(store.set('k', 'v', bad), `ttl ${bad}`).rejects.toThrow(RangeError);
    }
    expect(await store.get('k')).toBeUndefined();
  });

  it('a value with no JSON form rejects with TypeError', async (ctx) => {
    const { store } = await open(ctx);
    for (const bad of [undefined, () => 1, 10n]) {
      await expect(store.set('k', bad, LONG), `value ${typeof bad}`).rejects.toThrow(TypeError);
    }
    expect(await store.get('k')).toBeUndefined();
  });

  it('keys named like Object.prototype members are ordinary keys', async (ctx) => {
    const { store } = await open(ctx);
    for (const key of ['__proto__', 'constructor', 'toString']) {
      expect(await store.get(key)).toBeUndefined();
      await store.set(key, `value of ${key}`, LONG);
    }
    for (const key of ['__proto__', 'constructor', 'toString']) expect(await store.get(key)).toBe(`value of ${key}`);
  });
}
