// Which grader files go where: the one place that sorts `graders/<slug>/` into what the
// browser may run, what only Node can run, and what instructors keep to themselves.
// Pure: the catalog (Node), the build, the browser worker and the Vitest configs share it.

/** What a file under `graders/<slug>/` is for. Paths are relative to that folder, with `/`. */
export type GraderFileRole =
  /** `*.test.ts`: runs in Node, in the browser worker and in WebContainer. */
  | 'browser-test'
  /** Any other `.ts` (helpers, models, fixtures): shipped beside the browser tests that import it. */
  | 'browser-helper'
  /** `*.node.test.ts` and their `*.node.ts` helpers: need Node (Redis, sockets, SMTP, real GC); CLI only. */
  | 'node-only'
  /** Anything under `hidden/`: instructor-only, graded by the CLI, never bundled into the site. */
  | 'hidden';

const HIDDEN = /(^|\/)hidden\//;
const NODE_ONLY = /\.node\.(test\.)?ts$/;
const TEST = /\.test\.ts$/;

/** The role of a grader file, or undefined for a file that is not TypeScript. */
export function graderFileRole(path: string): GraderFileRole | undefined {
  if (!path.endsWith('.ts')) return undefined;
  if (HIDDEN.test(path)) return 'hidden';
  if (NODE_ONLY.test(path)) return 'node-only';
  return TEST.test(path) ? 'browser-test' : 'browser-helper';
}

export const isTestFile = (path: string) => TEST.test(path);

/** A lab's grader files sorted by role, each list sorted by path. */
export interface GraderFileSets {
  browserTests: string[];
  browserHelpers: string[];
  nodeOnly: string[];
  hidden: string[];
}

export function sortGraderFiles(paths: string[]): GraderFileSets {
  const sets: GraderFileSets = { browserTests: [], browserHelpers: [], nodeOnly: [], hidden: [] };
  const key = { 'browser-test': 'browserTests', 'browser-helper': 'browserHelpers', 'node-only': 'nodeOnly', hidden: 'hidden' } as const;
  for (const path of [...paths].sort()) {
    const role = graderFileRole(path);
    if (role) sets[key[role]].push(path);
  }
  return sets;
}

/**
 * The same rules as globs, for Vitest's `include`/`exclude` (relative to `graders/<slug>/`).
 * tests/unit/grader-files.test.ts checks that they agree with graderFileRole.
 */
export const GRADER_GLOBS = {
  tests: '**/*.test.ts',
  nodeOnlyTests: '**/*.node.test.ts',
  hidden: '**/hidden/**',
} as const;

/** Graders import learner code as `@impl/<slug>/<file without .ts>`. */
export const IMPL_PREFIX = '@impl/';
export const GRADER_KIT = '@grader-kit';

/** How long one test, or one hook, may run before it fails: the same in every runtime. */
export const GRADER_TIME_LIMITS = { testMs: 20_000, hookMs: 20_000 } as const;
