// Instructor-only (graders/<slug>/hidden/): the visible never-over-budget task runs one seeded
// workload, which a learner could tune against. These run the same model comparison on
// workloads they never see: other seeds, budgets, key spaces and priority mixes, and check
// that onEvict reports exactly the evictions the model makes.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '@grader-kit';
import { BudgetedStore } from '@impl/memory-budget/memory-budget';
import { ModelStore } from '../model';

interface Workload { seed: number; maxBytes: number; keys: number; priorities: number; steps: number }

const WORKLOADS: Workload[] = [
  { seed: 101, maxBytes: 64, keys: 12, priorities: 1, steps: 5000 },       // one priority: plain LRU
  { seed: 202, maxBytes: 5000, keys: 400, priorities: 11, steps: 8000 },   // wide key space
  { seed: 303, maxBytes: 300, keys: 30, priorities: 3, steps: 8000 },      // few priorities, heavy churn
];

function replay({ seed, maxBytes, keys, priorities, steps }: Workload): void {
  const random = seededRandom(seed);
  const evicted: number[] = [];
  const store = new BudgetedStore<number, number>({ maxBytes, onEvict: (key) => evicted.push(key) });
  const model = new ModelStore(maxBytes);
  for (let step = 0; step < steps; step++) {
    const key = Math.floor(random() * keys);
    const roll = random();
    if (roll < 0.55) {
      const size = random() < 0.01 ? maxBytes + 1 : 1 + Math.floor(random() * Math.max(1, maxBytes / 8));
      const priority = Math.floor(random() * priorities);
      const expected = model.set(key, size, priority);
      let outcome = 'stored';
      try {
        store.set(key, step, { size, priority });
      } catch (error) {
        outcome = error instanceof RangeError ? 'rejected' : `threw ${String(error)}`;
      }
      expect(outcome, `seed ${seed}, step ${step}: set(${key}, ${size}, p${priority})`).toBe(expected);
    } else if (roll < 0.9) {
      expect(store.get(key) !== undefined, `seed ${seed}, step ${step}: get(${key})`).toBe(model.get(key));
    } else {
      expect(store.delete(key), `seed ${seed}, step ${step}: delete(${key})`).toBe(model.delete(key));
    }
    if (store.bytesUsed > maxBytes) expect.fail(`seed ${seed}, step ${step}: ${store.bytesUsed} bytes in a budget of ${maxBytes}`);
    expect(store.bytesUsed, `seed ${seed}, step ${step}: bytesUsed`).toBe(model.bytesUsed);
  }
  expect([...store.keys()], `seed ${seed}: final eviction order`).toEqual(model.evictionOrder());
  expect(evicted, `seed ${seed}: onEvict calls`).toEqual(model.evictedKeys);
}

describe('unseen-workloads', () => {
  for (const w of WORKLOADS) {
    it(`matches the model on a workload of ${w.keys} keys, ${w.priorities} priorities, budget ${w.maxBytes}`, () => replay(w));
  }
});
