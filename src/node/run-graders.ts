// Grades labs in Node. Each lab runs in its own child process with a wall-clock
// limit, so an infinite loop in one lab becomes a failed entry, not a hung run.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startVitest } from 'vitest/node';
import type { Lab } from '../core/lab';
import { precheck } from '../core/prechecks';
import { mapLimit } from '../core/map-limit';
import { runNodeScript } from './child';
import { buildReport, type GradeReason, type GradeReport } from '../core/report';
import { graderConfig } from './grader-config';
import { GradeReporter } from './grade-reporter';
import { REPO_ROOT } from '../catalog/paths';
import { catalog } from '../catalog/lab-catalog';

export interface GradeOptions {
  implRoot: string;
  /** Include instructor-only graders (graders/<slug>/hidden/). */
  hidden?: boolean;
  /** Wall-clock limit per lab, seconds. */
  timeoutSec?: number;
  /** Labs graded at once. */
  jobs?: number;
  /** Called as each lab finishes, for progress output. */
  onReport?: (report: GradeReport) => void;
}

/** Grades every lab in its own child process; always resolves to one report per lab. */
export async function gradeLabs(labs: Lab[], opts: GradeOptions): Promise<GradeReport[]> {
  return mapLimit(labs, opts.jobs ?? 1, async (lab) => {
    const report = await gradeLabInChild(lab, opts);
    opts.onReport?.(report);
    return report;
  });
}

/** A report in which every task failed for one reason (could not load, timed out, crashed); a string is a reason already worded. */
export const errorReport = (lab: Lab, reason: GradeReason | string): GradeReport =>
  buildReport(lab, [], { runtime: 'node', reason: typeof reason === 'string' ? { kind: 'error', detail: reason } : reason });

async function gradeLabInChild(lab: Lab, opts: GradeOptions): Promise<GradeReport> {
  const implRoot = resolve(opts.implRoot);
  // The same pre-checks as the browser runtimes: files present, imports allowed, exports there.
  const blocked = precheck({
    lab,
    files: catalog.implementationFiles(lab, implRoot),
    graders: catalog.nodeTestFiles(lab.slug, { hidden: opts.hidden !== false }).map((f) => readFileSync(f, 'utf8')),
  });
  if (blocked) return errorReport(lab, blocked);

  const timeoutSec = opts.timeoutSec ?? 120;
  const dir = mkdtempSync(join(tmpdir(), 'workbook-grade-'));
  const out = join(dir, 'report.json');
  const args = [join(REPO_ROOT, 'bin/workbook.mjs'), 'grade-one', lab.slug, '--impl', implRoot, '--out', out];
  if (opts.hidden === false) args.push('--no-hidden');
  const { code, timedOut, stderrTail } = await runNodeScript(args, { cwd: REPO_ROOT, timeoutMs: timeoutSec * 1000 });
  try {
    if (timedOut) return errorReport(lab, { kind: 'stopped', why: 'time-limit', seconds: timeoutSec });
    if (!existsSync(out)) return errorReport(lab, { kind: 'crashed', detail: `the grader process exited with code ${code} before reporting: ${stderrTail || 'no output'}` });
    const [report] = JSON.parse(readFileSync(out, 'utf8')) as GradeReport[];
    return report;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one lab's graders in this process (the child side of gradeLabInChild). */
export async function gradeLabHere(lab: Lab, implRoot: string, { hidden = true } = {}): Promise<GradeReport> {
  const files = catalog.nodeTestFiles(lab.slug, { hidden });
  if (files.length === 0) return errorReport(lab, { kind: 'no-graders' });
  let reports: GradeReport[] = [];
  const reporter = new GradeReporter({
    labs: [lab], implRoot, gradersRoot: catalog.dirs.graders, runtime: 'node', withoutHidden: !hidden,
    onReports: (r) => { reports = r; },
  });
  const config = graderConfig(implRoot);
  const vitest = await startVitest('test', files, {
    config: false, watch: false, reporters: [reporter], root: REPO_ROOT, passWithNoTests: true,
  }, { ...config, test: { ...config.test, include: files.map((f) => f.slice(REPO_ROOT.length + 1)) } } as never);
  await vitest.close();
  return reports[0] ?? errorReport(lab, 'Vitest finished without a result');
}
