// Where the course lives on disk. The root comes from this file's own location, never
// from the working directory, so `workbook` works from any folder and a batch's private
// copy of the grading code finds its own labs and graders.
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';

/** The repository root (the folder holding labs/, solutions/, graders/). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface CourseDirs {
  root: string;
  /** labs/<slug>/: lab.json, instructions, the scaffold and the given (read-only) files. */
  labs: string;
  /** solutions/<slug>/: the reference solution's editable files. */
  solutions: string;
  /** graders/<slug>/: Vitest files (see src/core/grader-files.ts). */
  graders: string;
}

export function courseDirs(root: string = REPO_ROOT): CourseDirs {
  const r = resolve(root);
  return { root: r, labs: join(r, 'labs'), solutions: join(r, 'solutions'), graders: join(r, 'graders') };
}
