// Grades labs in Node for `workbook grade` and `workbook check`: each lab in a sandboxed
// grading process of its own (src/node/sandbox/), a few at a time. Whatever a lab's code does
// (a syntax error, an infinite loop, a crash, an attempt to cheat), it becomes that lab's
// report, and the other labs grade normally.
import { resolve } from 'node:path';
import type { Lab } from '../core/lab';
import { mapLimit } from '../core/map-limit';
import { buildReport, type GradeReason, type GradeReport } from '../core/report';
import { gradeSandboxed } from './sandbox/grade';

export interface GradeOptions {
  implRoot: string;
  /** Include instructor-only graders (graders/<slug>/hidden/). */
  hidden?: boolean;
  /** Wall-clock budget per lab, seconds (each test also has its own limit). */
  timeoutSec?: number;
  /** Memory cap per grading process, MB. */
  memoryMb?: number;
  /** Labs graded at once. */
  jobs?: number;
  /** Called as each lab finishes, for progress output. */
  onReport?: (report: GradeReport) => void;
}

/** Grades every lab in a grading process of its own; always resolves to one report per lab. */
export async function gradeLabs(labs: Lab[], opts: GradeOptions): Promise<GradeReport[]> {
  return mapLimit(labs, opts.jobs ?? 1, async (lab) => {
    const [report] = await gradeSandboxed([lab], { ...opts, implRoot: resolve(opts.implRoot) });
    opts.onReport?.(report);
    return report;
  });
}

/** A report in which every task failed for one reason (could not read, timed out, crashed); a string is a reason already worded. */
export const errorReport = (lab: Lab, reason: GradeReason | string): GradeReport =>
  buildReport(lab, [], { runtime: 'node', reason: typeof reason === 'string' ? { kind: 'error', detail: reason } : reason });
