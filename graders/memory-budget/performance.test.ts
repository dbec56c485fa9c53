import { describe, it } from 'vitest';
import { checkPerf, interleavedRatio, nsPerOp, workOnce } from '@grader-kit';
import { BudgetedStore, estimateSize } from '@impl/memory-budget/memory-budget';

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
    await checkPerf(task, {
      metric: 'evicting set at 100k entries ÷ at 1k', target: 20, unit: '×', direction: 'max',
      measure: () => interleavedRatio(big, small, 7),
    });
  });
});

describe('estimate-scales', () => {
  // The same 40k rows on both sides: one array of 40k, or 100 arrays of 400. A walk that does
  // constant work per value costs the same per row (measured 1.4–3×, the big one misses the CPU
  // cache more); remembering seen objects in an array (includes) is O(n²), about 50×, and taking
  // work with shift() from a list of 40k is O(n) per step in V8, about 100×.
  it('estimateSize of a 40k-row array costs per row at most 10× what 400-row arrays cost', async ({ task }) => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, tag: 't' }));
    const big = rows(40_000);
    const small = Array.from({ length: 100 }, () => rows(400));
    const measureBig = () => workOnce(() => estimateSize(big));
    const measureSmall = () => workOnce(() => small.forEach((part) => estimateSize(part)));
    await measureBig();
    await measureSmall(); // warm-up
    await checkPerf(task, {
      metric: 'estimateSize cost per row, one 40k-row array ÷ 100 arrays of 400', target: 10, unit: '×', direction: 'max',
      measure: () => interleavedRatio(measureBig, measureSmall, 7),
    });
  });
});
