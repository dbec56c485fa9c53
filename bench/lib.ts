// Side-by-side micro-benchmarks in one process: variants run interleaved,
// round after round, and each is reported as the median over rounds.
// Run with `npm run bench` (all) or `npm run bench -- lru` (names containing "lru").

export interface Variant {
  name: string;
  /** Prepares a fresh instance and returns one timed run of `ops` operations. */
  run: () => { ops: number; ms: number } | Promise<{ ops: number; ms: number }>;
}

export interface BenchResult {
  suite: string;
  variant: string;
  nsPerOp: number;
  opsPerSec: number;
  rounds: number[];
  /** This variant's throughput ÷ the first variant's (the reference). */
  vsFirst: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

export async function compare(suite: string, variants: Variant[], rounds = 7): Promise<BenchResult[]> {
  const ns: number[][] = variants.map(() => []);
  for (const v of variants) await v.run(); // warm-up: JIT and caches
  for (let r = 0; r < rounds; r++) {
    // Rotate the starting variant each round so none always runs first.
    for (let k = 0; k < variants.length; k++) {
      const i = (r + k) % variants.length;
      const { ops, ms } = await variants[i].run();
      ns[i].push((ms * 1e6) / ops);
    }
  }
  const medians = ns.map(median);
  return variants.map((v, i) => ({
    suite,
    variant: v.name,
    nsPerOp: medians[i],
    opsPerSec: 1e9 / medians[i],
    rounds: ns[i],
    vsFirst: medians[i] / medians[0] === 0 ? 0 : medians[0] / medians[i],
  }));
}

/** Times `body` once, returning the shape `Variant.run` wants. */
export function timed(ops: number, body: () => void): { ops: number; ms: number } {
  const start = performance.now();
  body();
  return { ops, ms: performance.now() - start };
}

export async function timedAsync(ops: number, body: () => Promise<void>): Promise<{ ops: number; ms: number }> {
  const start = performance.now();
  await body();
  return { ops, ms: performance.now() - start };
}

export function printTable(results: BenchResult[]): void {
  const rows = results.map((r) => ({
    suite: r.suite,
    variant: r.variant,
    'ns/op (median)': r.nsPerOp.toFixed(1),
    'ops/s': Math.round(r.opsPerSec).toLocaleString('en-US'),
    'throughput vs first': `${r.vsFirst.toFixed(2)}×`,
  }));
  console.table(rows);
}

/** A bench file's default export: returns its results (and may print extra notes). */
export type BenchFile = () => Promise<BenchResult[]>;
