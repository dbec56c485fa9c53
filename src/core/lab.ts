// The lab contract: what `labs/<slug>/lab.json` may say, checked by zod so a
// mistake reads as a sentence naming the file and the field.
import { z } from 'zod';

const text = z.object({ zh: z.string().min(1), en: z.string().min(1) }, {
  invalid_type_error: 'must be an object with "zh" and "en" strings',
});
const fileName = z.string().regex(/^[\w.-]+\.ts$/, 'must be a .ts file name in the lab folder');
export const labSlug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, like "lru-cache"');

export const taskSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case, like "get-refreshes-recency"'),
  title: text,
  points: z.number().int().positive(),
  kind: z.enum(['correctness', 'performance']).default('correctness'),
  hint: text.optional(),
  /** "node": graded only by the CLI (needs Redis, SMTP or Node APIs); the browser shows it as such. */
  env: z.enum(['any', 'node']).default('any'),
  /** Instructor-only: graded in the CLI, never shipped to the browser, named only by title in feedback. */
  hidden: z.boolean().default(false),
}).strict();

export const labSchema = z.object({
  slug: labSlug,
  title: text,
  summary: text,
  /** Source section this lab belongs to, e.g. "3.3.1". */
  section: z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'must be a section number like "3.3.1"'),
  /** The chapter page (file name without extension) that links to this lab. */
  chapter: z.string().min(1),
  /** Files the learner edits: scaffolds in labs/<slug>/, the reference in solutions/<slug>/ under the same names. */
  files: z.array(fileName).min(1),
  /**
   * Files the course gives, read-only: they live once, in labs/<slug>/. Grading always uses the
   * course's copy (a submission cannot replace one); the page shows them read-only.
   */
  given: z.array(fileName).default([]),
  /**
   * What the learner's code may import besides files in the lab's own folder: npm packages
   * ("ioredis") and Node built-ins ("node:crypto"). Anything else is refused before grading.
   */
  imports: z.array(z.string().regex(/^(node:[a-z_/]+|(@[\w.-]+\/)?[\w.-]+)$/, 'must be a package like "ioredis" or a built-in like "node:crypto"')).default([]),
  tasks: z.array(taskSchema).min(1),
  /**
   * What the profiler runs (the page's Profile button, `workbook profile`): a file in
   * graders/<slug>/ exporting `prepare()` (src/profiler/workload.ts), and what it does in words.
   */
  workload: z.object({ file: fileName, title: text }).strict().optional(),
  /** The latency targets, in words, for the lab page. */
  targets: z.array(text).default([]),
  order: z.number().int().nonnegative(),
}).strict().superRefine((lab, ctx) => {
  const seen = new Set<string>();
  lab.tasks.forEach((t, i) => {
    if (seen.has(t.id)) ctx.addIssue({ code: 'custom', path: ['tasks', i, 'id'], message: `duplicate task id "${t.id}"` });
    seen.add(t.id);
  });
  lab.given.forEach((f, i) => {
    if (lab.files.includes(f)) ctx.addIssue({ code: 'custom', path: ['given', i], message: `"${f}" is listed in "files" too: a file is either edited or given` });
  });
});

export type Lab = z.infer<typeof labSchema>;
export type LabTask = z.infer<typeof taskSchema>;

export class LabFormatError extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file} is not a valid lab.json:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'LabFormatError';
  }
}

/** Parses lab.json text; throws LabFormatError naming the file and each bad field. */
export function parseLab(file: string, json: string, expectedSlug?: string): Lab {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new LabFormatError(file, [`not valid JSON: ${(err as Error).message}`]);
  }
  const result = labSchema.safeParse(raw);
  if (!result.success) {
    throw new LabFormatError(file, result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  if (expectedSlug && result.data.slug !== expectedSlug) {
    throw new LabFormatError(file, [`slug: "${result.data.slug}" does not match its folder "${expectedSlug}"`]);
  }
  return result.data;
}

/**
 * A lab as the browser receives it (built by src/catalog from the files on disk): the
 * contract, the files the learner starts from, and the graders a browser may run.
 */
export interface LabBundle {
  lab: Lab;
  /** Scaffold files by name ("lru-cache.ts"), in lab.json order. */
  scaffold: Record<string, string>;
  /** Given files by name: read-only, part of every run (see composeImplementation). */
  given: Record<string, string>;
  /** Browser-visible grader files (tests and helpers) by path relative to graders/<slug>/. */
  graders: Record<string, string>;
}

/**
 * The implementation a run grades: the learner's files with the course's given files on
 * top, so a submission can never replace a given file. Node grading applies the same rule
 * when it resolves imports (src/catalog/given-files.ts).
 */
export function composeImplementation(learner: Record<string, string>, given: Record<string, string>): Record<string, string> {
  return { ...learner, ...given };
}
