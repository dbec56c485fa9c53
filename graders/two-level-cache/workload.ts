// The profiler's workload for this lab (lab.json "workload"): two app instances, each
// with its own L1, sharing one in-memory L2 in front of a product database. 40 000
// reads arrive 100 at a time (Zipf over 50 000 products, so hot keys are asked for
// together and single flight matters), with writes, invalidations, lookups of products
// that do not exist (negative caching) and time moving on, so entries expire. Where the
// time goes: L1 hits should be cheap; L2 pays for JSON; the loader should run once per key.
import { seededRandom, zipf } from '@grader-kit';
import { ManualClock } from '@workload-kit';
import { TwoLevelCache } from '@impl/two-level-cache/two-level-cache';
import { MemoryStore } from '@impl/two-level-cache/l2-store';

const PRODUCTS = 50_000;
const READS = 40_000;
const BATCH = 100;

interface Product { id: string; name: string; price: number; tags: string[]; stock: { warehouse: string; count: number }[] }

/** The database: a product built from its id, after a round trip; ids past the catalogue do not exist. */
async function loadProduct(key: string): Promise<Product | null> {
  await null;
  const n = Number(key.slice('product:'.length));
  if (n >= PRODUCTS) return null;
  return { id: key, name: `Product ${n}`, price: (n % 997) / 10, tags: [`c${n % 40}`, `b${n % 7}`], stock: [{ warehouse: 'sh', count: n % 13 }, { warehouse: 'bj', count: n % 5 }] };
}

export function prepare() {
  const random = seededRandom(5);
  const hot = zipf(PRODUCTS, 0.9, random);
  const keys = Array.from({ length: READS }, () => `product:${random() < 0.02 ? PRODUCTS + Math.floor(random() * 500) : hot()}`);
  const actions = Float64Array.from({ length: READS }, () => random());

  return async () => {
    const clock = new ManualClock();
    const l2 = new MemoryStore({ clock, latency: () => Promise.resolve() });
    const options = { l2, l1Capacity: 2_000, ttlMs: 60_000, negativeTtlMs: 5_000, jitter: 0.1, clock, random: seededRandom(9) };
    const instances = [new TwoLevelCache<Product>(options), new TwoLevelCache<Product>(options)];
    let found = 0;
    for (let start = 0; start < READS; start += BATCH) {
      const batch: Promise<unknown>[] = [];
      for (let i = start; i < start + BATCH; i++) {
        const cache = instances[i & 1];
        const key = keys[i];
        if (actions[i] < 0.01) batch.push(cache.set(key, { id: key, name: 'renamed', price: 1, tags: [], stock: [] }));
        else if (actions[i] < 0.015) batch.push(cache.invalidate(key));
        else batch.push(cache.get(key, loadProduct).then((p) => { if (p) found++; }));
      }
      await Promise.all(batch);
      clock.advance(50);
    }
    return { found, stats: instances.map((c) => c.stats()) };
  };
}
