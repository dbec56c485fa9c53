import { describe, it } from 'vitest';
import { expectPerf, interleavedRatio, nsPerOp } from '@grader-kit';
import { BudgetedStore } from '@impl/memory-budget/memory-budget';

describe('eviction-scales', () => {
  // A store full of N high-priority entries; every set of a fresh low-priority key
  // must evict the previous low-priority one. The big store stays put, so memory
  // effects stay small and only the eviction algorithm can make N matter: a scan
  // or a sort over all entries per eviction grows with N, per-priority lists do not.
  // Measured on a loaded 2-core machine: per-priority lists 1.8–9.6×, because the
  // 100k-entry Map itself misses the CPU cache more and rehashes on its own schedule;
  // a heap about the same; a scan or a sort over all entries ≥ 100×.
  it('an evicting set costs at most 20× as much with 100k entries as with 1k', async ({ task }) => {
    const evictingSets = (entries: number) => {
      const store = new BudgetedStore<number, number>({ maxBytes: entries + 1 });
      for (let key = 0; key < entries; key++) store.set(key, key, { size: 1, priority: 10 });
      let nextKey = entries;
      return () => nsPerOp(() => store.set(nextKey++, 0, { size: 1, priority: 0 }), { sampleMs: 100 });
    };
    const big = evictingSets(100_000);
    const small = evictingSets(1_000);
    big();
    small(); // warm-up
    const { ratio, samples } = await interleavedRatio(big, small, 7);
    expectPerf(task, { metric: 'evicting set at 100k entries ÷ at 1k', observed: ratio, target: 20, unit: '×', direction: 'max', samples });
  });
});
