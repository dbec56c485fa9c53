// The profiler's workload for this lab (lab.json "workload"): a document cache with an
// 8 MB budget. 60 000 documents (nested objects, arrays and strings of every length,
// some sharing parts) are stored with priorities 0–10 and sized by estimateSize, read
// back under Zipf traffic (a hit refreshes recency) and sometimes replaced or deleted;
// the budget forces a steady stream of evictions. Sizing walks each document once;
// eviction should take the lowest priority's least recent entry without scanning.
import { seededRandom, zipf } from '@grader-kit';
import { BudgetedStore, estimateSize } from '@impl/memory-budget/memory-budget';

const DOCUMENTS = 60_000;
const READS = 120_000;

function document(i: number, random: () => number, shared: object) {
  const words = Math.floor(random() * random() * 200);
  return {
    id: i,
    title: `Document ${i}`,
    body: 'lorem ipsum '.repeat(words),
    tags: Array.from({ length: 1 + (i % 5) }, (_, t) => `tag-${(i + t) % 50}`),
    author: { name: `author ${i % 300}`, teams: [`t${i % 7}`, `t${i % 11}`] },
    history: Array.from({ length: i % 4 }, (_, v) => ({ version: v, at: 1_700_000_000 + v * 3_600 })),
    shared, // the same site settings object in many documents: counted once per walk
  };
}

export function prepare() {
  const random = seededRandom(4);
  const shared = { locale: 'zh-CN', theme: { colors: ['#fff', '#000'], font: 'Inter' } };
  const docs = Array.from({ length: DOCUMENTS }, (_, i) => document(i, random, shared));
  const priorities = Uint8Array.from({ length: DOCUMENTS }, () => Math.floor(random() * 11));
  const reads = Int32Array.from({ length: READS }, zipf(DOCUMENTS, 0.9, random));

  return () => {
    let evicted = 0;
    const store = new BudgetedStore<number, ReturnType<typeof document>>({ maxBytes: 8 * 1024 * 1024, sizeOf: estimateSize, onEvict: () => { evicted++; } });
    let hits = 0;
    for (let i = 0; i < DOCUMENTS; i++) {
      store.set(i, docs[i], { priority: priorities[i] });
      // Reads interleave with writes: two per document stored.
      for (const key of [reads[2 * i], reads[2 * i + 1]]) if (store.get(key) !== undefined) hits++;
      if (i % 50 === 0) store.delete(reads[i]);
    }
    return { hits, evicted, bytes: store.bytesUsed };
  };
}
