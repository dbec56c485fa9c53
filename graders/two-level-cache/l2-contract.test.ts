import { describe, expect, it, vi } from 'vitest';
import { FakeClock, flushMicrotasks } from '@grader-kit';
import { MemoryStore } from '@impl/two-level-cache/l2-store';
import { defineL2Contract } from './l2-contract';

describe('l2-contract', () => {
  defineL2Contract(async () => {
    const clock = new FakeClock(1_000_000);
    return { store: new MemoryStore({ clock }), elapse: (ms) => clock.advance(ms) };
  });

  it('an entry is there 1 ms before expiresAt and gone at exactly expiresAt', async () => {
    const clock = new FakeClock();
    const store = new MemoryStore({ clock });
    await store.set('k', 'v', 1000);
    await clock.advance(999);
    expect(await store.get('k')).toBe('v');
    await clock.advance(1);
    expect(await store.get('k')).toBeUndefined();
  });

  it('every call waits for the injected latency before it answers', async () => {
    const waiting: Array<() => void> = [];
    const latency = vi.fn(() => new Promise<void>((resolve) => waiting.push(resolve)));
    const releaseAll = async () => {
      await flushMicrotasks();
      for (const resolve of waiting.splice(0)) resolve();
    };
    const store = new MemoryStore({ clock: new FakeClock(), latency });
    let answered = false;
    const write = store.set('k', 'v', 1000).then(() => (answered = true));
    await flushMicrotasks();
    expect(answered).toBe(false);
    await releaseAll();
    await write;
    const read = store.get('k');
    await releaseAll();
    expect(await read).toBe('v');
    const removal = store.delete('k');
    await releaseAll();
    await removal;
    expect(latency).toHaveBeenCalledTimes(3);
  });
});
