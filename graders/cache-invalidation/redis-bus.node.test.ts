import { describe, expect, it, type TestContext } from 'vitest';
import { redisForTests } from '@grader-kit/node';
import Redis from 'ioredis';
import type { InvalidationMessage } from '@impl/cache-invalidation/bus';
import { CacheInvalidator } from '@impl/cache-invalidation/invalidator';
import { RedisBus } from '@impl/cache-invalidation/redis-bus';
import { CountingCache, capped } from './helpers';

// Channels unique to this run and test, so runs sharing one Redis never hear each other.
const { connect, fresh: freshChannel } = redisForTests('ci-grader');

/** Polls until `check` holds, or gives up after `ms`: messages cross a real socket. */
async function eventually(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A raw subscriber on the channel: what actually crossed Redis, as text. */
async function tap(ctx: TestContext, channel: string): Promise<string[]> {
  const heard: string[] = [];
  const redis = connect(ctx);
  redis.on('message', (from: string, text: string) => from === channel && heard.push(text));
  await redis.subscribe(channel);
  return heard;
}

/** One instance as in its own process: its own cache and two connections (publish, subscribe). */
async function instance(ctx: TestContext, channel: string, id: string) {
  const cache = new CountingCache(['user:1', 'orders:1', 'dashboard:1', 'other']);
  const bus = new RedisBus(connect(ctx), connect(ctx), channel);
  const invalidator = new CacheInvalidator({ cache, bus: capped(bus), id });
  invalidator.register('orders:1', ['user:1']);
  invalidator.register('dashboard:1', ['orders:1']);
  await invalidator.listen();
  return { cache, bus, invalidator };
}

describe('redis-bus', () => {
  it('an invalidation on X reaches Y through Redis, and Y drops those keys', async (ctx) => {
    const channel = freshChannel();
    const x = await instance(ctx, channel, 'x');
    const y = await instance(ctx, channel, 'y');
    await x.invalidator.invalidate('user:1');
    await eventually(() => !y.cache.has('dashboard:1'));
    expect([...y.cache.keys()]).toEqual(['other']);
  });

  it('exactly one message crosses Redis, as JSON with the origin and the keys, and no values', async (ctx) => {
    const channel = freshChannel();
    const heard = await tap(ctx, channel);
    const x = await instance(ctx, channel, 'x');
    const y = await instance(ctx, channel, 'y');
    await x.invalidator.invalidate('user:1');
    await eventually(() => heard.length >= 1 && !y.cache.has('user:1'));
    await new Promise((resolve) => setTimeout(resolve, 100)); // room for a wrong second message to arrive
    expect(heard).toHaveLength(1);
    const message = JSON.parse(heard[0]) as InvalidationMessage;
    expect(message).toEqual({ origin: 'x', keys: ['user:1', 'orders:1', 'dashboard:1'] });
    expect(heard[0]).not.toContain('value of');
  });

  it('X ignores its own echo: each key is deleted once there, and Y publishes nothing back', async (ctx) => {
    const channel = freshChannel();
    const heard = await tap(ctx, channel);
    const x = await instance(ctx, channel, 'x');
    const y = await instance(ctx, channel, 'y');
    await x.invalidator.invalidate('orders:1');
    await eventually(() => !y.cache.has('orders:1'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(x.cache.totalDeletions).toBe(2);
    expect(y.cache.totalDeletions).toBe(2);
    expect(heard).toHaveLength(1);
  });

  it('subscribe resolves only once the subscription is live', async (ctx) => {
    const channel = freshChannel();
    const bus = new RedisBus(connect(ctx), connect(ctx), channel);
    const received: InvalidationMessage[] = [];
    await bus.subscribe((message) => received.push(message));
    await connect(ctx).publish(channel, JSON.stringify({ origin: 'elsewhere', keys: ['k'] }));
    await eventually(() => received.length === 1);
    expect(received).toEqual([{ origin: 'elsewhere', keys: ['k'] }]);
  });

  it('junk on the channel is ignored, and later messages still arrive', async (ctx) => {
    const channel = freshChannel();
    const bus = new RedisBus(connect(ctx), connect(ctx), channel);
    const received: InvalidationMessage[] = [];
    await bus.subscribe((message) => received.push(message));
    const other = connect(ctx);
    await other.publish(channel, 'not json');
    await other.publish(channel, JSON.stringify({ keys: 'not a list' }));
    for (const junk of ['null', '42', '"text"', JSON.stringify({ origin: 'z', keys: [1] }), JSON.stringify({ origin: 7, keys: ['a'] })]) {
      await other.publish(channel, junk);
    }
    await other.publish(channel, JSON.stringify({ origin: 'z', keys: ['a'] }));
    await eventually(() => received.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ origin: 'z', keys: ['a'] }]);
  });

  it('messages on other channels of the same connection are not delivered', async (ctx) => {
    const channel = freshChannel();
    const subscriber = connect(ctx);
    const bus = new RedisBus(connect(ctx), subscriber, channel);
    const received: InvalidationMessage[] = [];
    await bus.subscribe((message) => received.push(message));
    const elsewhere = freshChannel();
    await subscriber.subscribe(elsewhere); // the owner uses the connection for something else too
    const other = connect(ctx);
    await other.publish(elsewhere, JSON.stringify({ origin: 'z', keys: ['wrong'] }));
    await other.publish(channel, JSON.stringify({ origin: 'z', keys: ['right'] }));
    await eventually(() => received.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([{ origin: 'z', keys: ['right'] }]);
  });

  it('two handlers on one bus: when one unsubscribes, the other still hears every message', async (ctx) => {
    const channel = freshChannel();
    const bus = new RedisBus(connect(ctx), connect(ctx), channel);
    const first: InvalidationMessage[] = [];
    const second: InvalidationMessage[] = [];
    const leave = await bus.subscribe((message) => first.push(message));
    await bus.subscribe((message) => second.push(message));
    await leave();
    await connect(ctx).publish(channel, JSON.stringify({ origin: 'z', keys: ['still'] }));
    await eventually(() => second.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(second).toEqual([{ origin: 'z', keys: ['still'] }]);
    expect(first).toEqual([]);
  });

  it('when the last handler leaves, the bus unsubscribes from the channel in Redis', async (ctx) => {
    const channel = freshChannel();
    const bus = new RedisBus(connect(ctx), connect(ctx), channel);
    const observer = connect(ctx);
    const subscribers = async () => Number(((await observer.pubsub('NUMSUB', channel)) as [string, number])[1]);
    const leaveFirst = await bus.subscribe(() => {});
    const leaveSecond = await bus.subscribe(() => {});
    expect(await subscribers()).toBe(1); // one subscriber connection, however many handlers
    await leaveFirst();
    expect(await subscribers()).toBe(1);
    await leaveSecond();
    expect(await subscribers()).toBe(0);
  });

  it('after close, Y hears nothing more, and both connections stay open for their owner', async (ctx) => {
    const channel = freshChannel();
    const x = await instance(ctx, channel, 'x');
    const publisher = connect(ctx);
    const subscriber = connect(ctx);
    const cache = new CountingCache(['user:1']);
    const y = new CacheInvalidator({ cache, bus: new RedisBus(publisher, subscriber, channel), id: 'y' });
    await y.listen();
    await y.close();
    await x.invalidator.invalidate('user:1');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(cache.has('user:1')).toBe(true);
    expect(await publisher.ping()).toBe('PONG');
    expect(subscriber.status).toBe('ready');
  });
});
