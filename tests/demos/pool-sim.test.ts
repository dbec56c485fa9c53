// The pool demo's model keeps the connection-pool rules it claims to show.
import { describe, expect, it } from 'vitest';
import { PoolDemo } from '../../src/components/demos/pool-sim';

const config = { min: 1, max: 2, acquireTimeoutMs: 1000, idleTimeoutMs: 3000, createMs: 100 };

async function warm(demo: PoolDemo) {
  await demo.advance(100);
  expect(demo.pool.view().idle).toHaveLength(config.min);
}

describe('pool demo model', () => {
  it('opens min connections up front and never exceeds max', async () => {
    const demo = new PoolDemo(config);
    expect(demo.pool.view().creating).toBe(1);
    await warm(demo);
    for (let i = 0; i < 5; i++) demo.send('use', 2000);
    await demo.settle();
    expect(demo.pool.size).toBe(2);
    await demo.advance(100);
    const v = demo.pool.view();
    expect(v.borrowed).toHaveLength(2);
    expect(v.waiters.map((w) => w.who)).toEqual([3, 4, 5]);
  });

  it('serves waiters first come, first served', async () => {
    const demo = new PoolDemo({ ...config, min: 1, max: 1, acquireTimeoutMs: 10_000 });
    await warm(demo);
    const clients = [1, 2, 3, 4].map(() => demo.send('use', 500));
    await demo.settle();
    const order: number[] = [];
    for (let t = 0; t < 2000; t += 50) {
      await demo.advance(50);
      for (const c of clients) if (c.state !== 'waiting' && !order.includes(c.id)) order.push(c.id);
    }
    expect(order).toEqual([1, 2, 3, 4]);
    expect(clients.every((c) => c.state === 'done')).toBe(true);
  });

  it('a waiter gives up after its timeout, not at once, and a later release skips it', async () => {
    const demo = new PoolDemo({ ...config, max: 1, acquireTimeoutMs: 1000 });
    await warm(demo);
    const holder = demo.send('use', 1500);
    const waiter = demo.send('use', 100);
    await demo.settle();
    expect(waiter.state).toBe('waiting');
    await demo.advance(999);
    expect(waiter.state).toBe('waiting');
    await demo.advance(1);
    expect(waiter.state).toBe('timed-out');
    expect(demo.counts.timedOut).toBe(1);
    const late = demo.send('use', 100);
    await demo.advance(500); // holder releases at 1500 ms
    expect(holder.state).toBe('done');
    expect(late.state).toBe('querying');
    expect(demo.pool.view().waiters).toEqual([]);
  });

  it('use(fn) gets the connection back when fn throws; acquire without finally leaks it', async () => {
    const demo = new PoolDemo({ ...config, max: 2 });
    await warm(demo);
    const safe = demo.send('use-throws', 200);
    const leaky = demo.send('leaky-throws', 200);
    await demo.advance(400);
    expect(safe.state).toBe('failed');
    expect(leaky.state).toBe('leaked');
    const v = demo.pool.view();
    expect(v.borrowed.map((b) => b.who)).toEqual([leaky.id]);
    expect(demo.leakedIds()).toEqual(new Set([leaky.connection]));
    // One more leak and the pool is stuck: every later caller times out.
    demo.send('leaky-throws', 100);
    await demo.advance(300);
    const stuck = demo.send('use', 100);
    await demo.advance(1000);
    expect(stuck.state).toBe('timed-out');
    expect(demo.pool.size).toBe(2);
  });

  it('evicts idle connections after idleTimeoutMs but never below min', async () => {
    const demo = new PoolDemo({ ...config, min: 1, max: 3, idleTimeoutMs: 2000 });
    await warm(demo);
    for (let i = 0; i < 3; i++) demo.send('use', 100);
    await demo.advance(300);
    expect(demo.pool.view().idle).toHaveLength(3);
    await demo.advance(1600);
    expect(demo.pool.view().idle).toHaveLength(3);
    await demo.advance(500);
    expect(demo.pool.view().idle).toHaveLength(1);
    expect(demo.counts.destroyed).toBe(2);
    await demo.advance(10_000);
    expect(demo.pool.size).toBe(1);
  });

  it('discards a broken idle connection instead of lending it, and refills to min', async () => {
    const demo = new PoolDemo({ ...config, min: 1, max: 2 });
    await warm(demo);
    const broken = demo.breakIdle()!;
    const client = demo.send('use', 100);
    await demo.settle();
    expect(demo.log.some((e) => e.kind === 'discarded' && e.resource === broken)).toBe(true);
    await demo.advance(100);
    expect(client.state).toBe('querying');
    expect(client.connection).not.toBe(broken.id);
    await demo.advance(200);
    expect(demo.pool.size).toBe(1);
    expect(demo.pool.view().idle.map((e) => e.resource.broken)).toEqual([false]);
  });

  it('rejects a nonsensical size', () => {
    expect(() => new PoolDemo({ ...config, min: 3, max: 2 })).toThrow(RangeError);
  });
});
