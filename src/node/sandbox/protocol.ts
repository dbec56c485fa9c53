// What the parent sends a grading process (one JSON job on stdin) and what comes back
// (one event per line on fd 3, each signed with a key only the parent and the runner hold,
// so a submission that writes to that pipe cannot forge a result).
import type { TestResult } from '../../core/report';
import type { TamperFinding } from '../../core/reason';
import type { SandboxModule } from './module-loader';

export interface JobLab {
  slug: string;
  /** Grader test files to run, as virtual paths (/grading/graders/<slug>/…), in order. */
  files: string[];
  /** Packages and built-ins this lab's submission code may import. */
  allowedImports: string[];
  /** The same, as a learner reads it in a refusal. */
  allowedText: string;
}

export interface Job {
  /** HMAC key for the events; the bootstrap keeps it out of reach of everything it loads. */
  key: string;
  /** Virtual path of the runner module. */
  entry: string;
  /** The module loader's own code (evaluated first, by the bootstrap). */
  loader: string;
  modules: Record<string, SandboxModule>;
  aliases: Record<string, string>;
  /** Packages and built-ins to load before anything runs (grading code's and allowed ones the submission names). */
  natives: string[];
  /** A file inside the course: packages are resolved from there. */
  resolveFrom: string;
  labs: JobLab[];
  /** Test ids already graded by an earlier attempt, or charged with a timeout or crash: not run again. */
  skip: string[];
  /** Vitest's default per-test timeout, ms. */
  testTimeout: number;
  /** Show full stacks (grading frames too): for debugging the runner, never in a batch. */
  fullStacks?: boolean;
}

/** A test as the parent tracks it: `${file}::${full name}` is its id. */
export interface PlannedTest { id: string; name: string; task: string }

export type SandboxEvent =
  | { t: 'ready' }
  | { t: 'lab-start'; lab: string }
  | { t: 'file-start'; lab: string; file: string }
  /** The file's tests, known once it has loaded; those in `skip` are not run. */
  | { t: 'collected'; lab: string; file: string; tests: PlannedTest[] }
  | { t: 'test-start'; lab: string; id: string; name: string; timeoutMs: number }
  | { t: 'test-end'; lab: string; id: string; result: TestResult }
  /** The file did not load (the submission threw or was refused while loading). */
  | { t: 'file-end'; lab: string; file: string; loadError?: { message: string; stack?: string } }
  /** An error no test could be charged with. */
  | { t: 'stray'; lab: string; message: string }
  /** A canary matcher stopped failing, or a compared value impersonated a matcher. */
  | { t: 'tamper'; lab: string; found: TamperFinding }
  | { t: 'done' };

/** Whether a lab that allows `allowed` lets its code import `spec`: the package or built-in itself (`x` or `node:x`), or a path inside the package. */
export function importAllowed(allowed: readonly string[], spec: string): boolean {
  const bare = (s: string) => s.replace(/^node:/, '');
  return allowed.some((a) => bare(a) === bare(spec) || spec.startsWith(`${a}/`));
}

export const testId = (file: string, fullName: string) => `${file}::${fullName}`;
