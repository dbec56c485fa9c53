// Seeded randomness, so graders and in-page demos produce the same workload on every run
// and in every browser.

/** mulberry32: a tiny, fast PRNG; the same seed gives the same sequence everywhere. */
export function seededRandom(seed = 42): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
