import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WeakCache } from '@impl/memory-budget/weak-cache';

// Garbage collection on demand. Vitest runs this file in a forked Node without
// --expose-gc, so the flag is turned on here and `gc` taken from a fresh context,
// where V8 installs it once the flag is set. Node documents setFlagsFromString as
// "use with care"; this flag is safe to set late, and it is the usual trick in tests
// that must see an object collected. Learner code cannot do the same: it may not
// import node:v8 or node:vm.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (() => void) | undefined;

interface Payload { id: number; bulk: number[] }
const payload = (id: number): Payload => ({ id, bulk: new Array(256).fill(id) });

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * One full collection between two macrotask turns: before, because deref() keeps its
 * target alive until the current job ends; after, so FinalizationRegistry callbacks run.
 */
async function collect(): Promise<void> {
  await nextTask();
  gc!();
  await nextTask();
}

/** Collects until `done` holds, or gives up after `rounds`: the engine promises no timing. */
async function collectUntil(done: () => boolean, rounds = 50): Promise<void> {
  for (let i = 0; i < rounds && !done(); i++) await collect();
}

/** Fills the cache from inside a function, so no variable of the test keeps the values alive. */
function fillWithGarbage(cache: WeakCache<string, Payload>, count: number, prefix = 'k'): void {
  for (let i = 0; i < count; i++) cache.set(`${prefix}${i}`, payload(i));
}

describe('weak-cache-gc', () => {
  it('gc is available to the grader', () => {
    expect(typeof gc).toBe('function');
  });

  it('a value still held elsewhere survives any number of collections', async () => {
    const cache = new WeakCache<string, Payload>();
    const kept = payload(1);
    cache.set('kept', kept);
    await nextTask(); // a WeakRef keeps its target alive until the current job ends
    for (let i = 0; i < 5; i++) await collect();
    expect(cache.get('kept')).toBe(kept);
    expect(cache.size).toBe(1);
  });

  it('values nobody else holds are collected, and get then returns undefined', async () => {
    const cache = new WeakCache<string, Payload>();
    fillWithGarbage(cache, 100);
    await nextTask();
    const alive = () => Array.from({ length: 100 }, (_, i) => cache.get(`k${i}`) !== undefined).filter(Boolean).length;
    await collectUntil(() => alive() === 0);
    expect(alive()).toBe(0);
  });

  it('has() tells the truth between a collection and the registry\'s cleanup', async () => {
    const cache = new WeakCache<string, Payload>();
    fillWithGarbage(cache, 100);
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    let alive = 100;
    for (let round = 0; round < 10 && alive === 100; round++) {
      await nextTask();
      gc!();
      // No task has run since the collection, so the registry cannot have cleaned up yet:
      // an entry whose value is gone must not count as there.
      const claimed = keys.filter((k) => cache.has(k)).length;
      alive = keys.filter((k) => cache.get(k) !== undefined).length;
      expect(claimed, `round ${round}`).toBe(alive);
    }
    expect(alive).toBeLessThan(100);
  });

  it('the registry removes dead entries by itself, eventually, without any get', async () => {
    const cache = new WeakCache<string, Payload>();
    fillWithGarbage(cache, 100);
    await nextTask();
    await collectUntil(() => cache.size === 0);
    expect(cache.size).toBe(0);
  });

  it('a key set again before the old value is finalized keeps its new value', async () => {
    const cache = new WeakCache<string, Payload>();
    const finalized: string[] = [];
    const probe = new FinalizationRegistry<string>((key) => finalized.push(key));
    (() => {
      for (let i = 0; i < 20; i++) {
        const doomed = payload(i);
        probe.register(doomed, `k${i}`);
        cache.set(`k${i}`, doomed);
      }
    })();
    const replacements = Array.from({ length: 20 }, (_, i) => payload(1000 + i));
    replacements.forEach((value, i) => cache.set(`k${i}`, value));
    await nextTask();
    await collectUntil(() => finalized.length === 20);
    for (let i = 0; i < 3; i++) await collect(); // room for the cache's own cleanup to run, too
    expect(finalized.length).toBe(20);
    expect(cache.size).toBe(20);
    replacements.forEach((value, i) => expect(cache.get(`k${i}`)).toBe(value));
  });
});
