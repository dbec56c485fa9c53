// The shape of bench/results/latest.json: written by `npm run bench`, checked by
// tests/unit/bench.test.ts, and read at build time by the benchmark page
// (src/pages/bench.astro). One schema, so none of the three can drift from the others.
import { z } from 'zod';

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type BilingualText = z.infer<typeof text>;

/** reference: the lab's solution. library: what a learner would install instead. baseline: hand-written code, for scale. */
export const ROLES = ['reference', 'library', 'baseline'] as const;
export type Role = (typeof ROLES)[number];

export const variantResultSchema = z.object({
  /** e.g. "p-limit 7.3.3"; library names carry their exact version. */
  name: z.string().min(1),
  /** The name in Chinese: present for the reference and baselines, absent for libraries (their names read the same in both). */
  nameZh: z.string().optional(),
  role: z.enum(ROLES),
  /** Median over the rounds. */
  nsPerOp: z.number().positive(),
  opsPerSec: z.number().positive(),
  /** The reference's throughput ÷ this variant's: above 1, the reference is faster; 1 for the reference itself. */
  ratio: z.number().positive(),
  /** ns/op of each timed round, in the order they ran. */
  rounds: z.array(z.number().positive()).min(1),
});
export type VariantResult = z.infer<typeof variantResultSchema>;

export const VERDICTS = ['ahead', 'level', 'behind'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const suiteResultSchema = z.object({
  /** Stable id, e.g. "agent-executor/cheap-tasks". */
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
  /** The lab whose reference is measured (a folder of solutions/). */
  lab: z.string().min(1),
  title: text,
  /** What is compared, and how fairly (what each side does that the other does not). */
  about: text,
  /** Shown when the reference is behind its best library peer: why. */
  behindBecause: text.optional(),
  variants: z.array(variantResultSchema).min(2),
  /** The reference against the fastest library in this suite. */
  bestLibrary: z.string().min(1),
  ratioVsBest: z.number().positive(),
  verdict: z.enum(VERDICTS),
});
export type SuiteResult = z.infer<typeof suiteResultSchema>;

export const benchResultsSchema = z.object({
  schemaVersion: z.literal(1),
  /** ISO 8601, when the run started. */
  date: z.string().datetime(),
  /** `--quick`: fewer rounds and smaller workloads, for tests; not numbers to publish. */
  quick: z.boolean(),
  /** Name filters given on the command line; empty for a full run. */
  filters: z.array(z.string()),
  machine: z.object({
    cpuModel: z.string(),
    cores: z.number().int().positive(),
    node: z.string(),
    platform: z.string(),
    arch: z.string(),
    /** 1, 5 and 15 minute load averages at the start and at the end of the run: other work competes for the cores. */
    loadAverageStart: z.array(z.number()).length(3),
    loadAverageEnd: z.array(z.number()).length(3),
  }),
  durationSeconds: z.number().nonnegative(),
  suites: z.array(suiteResultSchema).min(1),
});
export type BenchResults = z.infer<typeof benchResultsSchema>;

/** Within this fraction of the best library's throughput, the reference counts as level with it. */
export const LEVEL_TOLERANCE = 0.05;

export function verdictOf(ratioVsBest: number): Verdict {
  if (ratioVsBest >= 1 + LEVEL_TOLERANCE) return 'ahead';
  if (ratioVsBest >= 1 - LEVEL_TOLERANCE) return 'level';
  return 'behind';
}
