// Side-by-side micro-benchmarks in one process: variants run interleaved,
// round after round, and each is reported as the median over rounds.
// Run with `npm run bench` (all) or `npm run bench -- lru` (files whose name contains "lru");
// `--quick` shrinks every workload and the number of rounds, for tests.
import { median } from '../src/grader-kit/index';
import { verdictOf, type BilingualText, type Role, type SuiteResult } from './results';

export interface Variant {
  name: string;
  /** The name in Chinese; required for the reference and baselines, whose names are words, not library names. */
  nameZh?: string;
  role: Role;
  /** Prepares a fresh instance and returns one timed run of `ops` operations. */
  run: () => { ops: number; ms: number } | Promise<{ ops: number; ms: number }>;
}

/** What a suite measures, for the console, the JSON and the benchmark page. */
export interface Suite {
  id: string;
  lab: string;
  title: BilingualText;
  about: BilingualText;
  behindBecause?: BilingualText;
}

/** Set by bench/run.ts from `--quick`. */
export const settings = { quick: false };

/** `n` operations in a full run; a twentieth of them (at least `min`) in quick mode. */
export const sized = (n: number, min = 1): number => (settings.quick ? Math.max(min, Math.round(n / 20)) : n);

/**
 * Runs the variants interleaved and returns the suite's result. Exactly one variant
 * is the reference and at least one is a library: the verdict compares the two.
 */
export async function compare(suite: Suite, variants: Variant[], rounds = settings.quick ? 3 : 7): Promise<SuiteResult> {
  const reference = variants.filter((v) => v.role === 'reference');
  if (reference.length !== 1 || !variants.some((v) => v.role === 'library')) {
    throw new Error(`${suite.id}: a suite needs one reference and at least one library`);
  }
  const unnamed = variants.find((v) => v.role !== 'library' && !v.nameZh);
  if (unnamed) throw new Error(`${suite.id}: "${unnamed.name}" needs a Chinese name (nameZh) for the benchmark page`);
  const ns: number[][] = variants.map(() => []);
  for (const v of variants) await v.run(); // warm-up: JIT and caches
  for (let r = 0; r < rounds; r++) {
    // Rotate the starting variant each round so none always runs first.
    for (let k = 0; k < variants.length; k++) {
      const i = (r + k) % variants.length;
      const { ops, ms } = await variants[i].run();
      ns[i].push(Math.max((ms * 1e6) / ops, 1e-3)); // a run below the clock's resolution still counts as > 0
    }
  }
  const medians = ns.map((xs) => median(xs));
  const refNs = medians[variants.indexOf(reference[0])];
  const results = variants.map((v, i) => ({
    name: v.name,
    ...(v.nameZh ? { nameZh: v.nameZh } : {}),
    role: v.role,
    nsPerOp: medians[i],
    opsPerSec: 1e9 / medians[i],
    ratio: medians[i] / refNs,
    rounds: ns[i],
  }));
  const best = results.filter((r) => r.role === 'library').reduce((a, b) => (b.nsPerOp < a.nsPerOp ? b : a));
  return { ...suite, variants: results, bestLibrary: best.name, ratioVsBest: best.ratio, verdict: verdictOf(best.ratio) };
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

export function printSuite(suite: SuiteResult): void {
  console.log(`\n### ${suite.title.en}`);
  console.table(suite.variants.map((r) => ({
    variant: r.name,
    role: r.role,
    'ns/op (median)': r.nsPerOp.toFixed(1),
    'ops/s': Math.round(r.opsPerSec).toLocaleString('en-US'),
    'reference ×': `${r.ratio.toFixed(2)}×`,
  })));
  console.log(`reference vs ${suite.bestLibrary}: ${suite.ratioVsBest.toFixed(2)}× the throughput (${suite.verdict})`);
}

/** A bench file's default export: its suites' results (it may print extra notes). */
export type BenchFile = () => Promise<SuiteResult[]>;
