// The profiler's workload for this lab (lab.json "workload"): a shop's cache across three
// app instances sharing one dependency graph and one bus. 200 categories hold 5 000
// products; 20 000 cached pages, searches and prices are built from them, and a promotion
// chain 5 000 keys deep hangs off one category. Then 1 500 updates: most to one product
// (a small walk), some to a whole category (a big one), through `updating()` and `scope()`,
// each announced to the other instances. Walks should cost what they reach, once per key.
import { seededRandom } from '@grader-kit';
import { DependencyGraph } from '@impl/cache-invalidation/dependency-graph';
import { CacheInvalidator } from '@impl/cache-invalidation/invalidator';
import { MemoryBus } from '@impl/cache-invalidation/bus';

const CATEGORIES = 200;
const PRODUCTS = 5_000;
const DERIVED = 20_000;
const CHAIN = 5_000;
const UPDATES = 1_500;

export function prepare() {
  const random = seededRandom(8);
  // Each derived key depends on a category and a few products.
  const derived = Array.from({ length: DERIVED }, (_, i) => {
    const category = `category:${i % CATEGORIES}`;
    const products = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `product:${Math.floor(random() * PRODUCTS)}`);
    const kind = ['page', 'search', 'price'][i % 3];
    return { key: `${kind}:${i}`, dependsOn: [category, ...products] };
  });
  const updates = Array.from({ length: UPDATES }, (_, i) =>
    (i % 10 === 0 ? `category:${Math.floor(random() * CATEGORIES)}` : `product:${Math.floor(random() * PRODUCTS)}`));

  return async () => {
    const bus = new MemoryBus();
    const graph = new DependencyGraph();
    const caches = [new Map<string, number>(), new Map<string, number>(), new Map<string, number>()];
    const instances = caches.map((cache, i) => new CacheInvalidator({ cache, graph, bus, id: `app-${i}` }));
    await Promise.all(instances.map((inv) => inv.listen()));
    for (let p = 0; p < PRODUCTS; p++) instances[0].register(`product:${p}`, [`category:${p % CATEGORIES}`]);
    for (const { key, dependsOn } of derived) instances[0].register(key, dependsOn);
    for (let k = 1; k < CHAIN; k++) instances[0].register(`promo:${k}`, [k === 1 ? 'category:0' : `promo:${k - 1}`]);
    const fill = () => { for (const cache of caches) for (const { key } of derived) cache.set(key, 1); };
    fill();

    let dropped = 0;
    for (let i = 0; i < UPDATES; i++) {
      const writer = instances[i % 3];
      if (i % 2 === 0) {
        await writer.updating([updates[i]], () => { dropped++; });
      } else {
        // What `await using scope = writer.scope(…)` does (Node 20 has no `using` yet).
        const scope = writer.scope([updates[i]]);
        try {
          dropped++;
        } finally {
          await scope[Symbol.asyncDispose]();
        }
      }
      if (i === UPDATES / 2) fill();
    }
    await Promise.all(instances.map((inv) => inv.close()));
    return { dropped, left: caches.map((c) => c.size) };
  };
}
