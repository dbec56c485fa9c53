// One result format for every runtime (CLI, browser worker, WebContainer),
// close to Exercism's results.json v3 so tools that read that still work.
import type { Lab, LabTask } from './lab';
import type { Locale } from '../i18n/locale';

export type Status = 'pass' | 'fail' | 'error';
export type TestStatus = Status | 'skip';
export type RuntimeName = 'node' | 'worker' | 'webcontainer';

/** A latency target as a grader measured it: observed against target, same run. */
export interface PerfResult {
  metric: string;
  observed: number;
  target: number;
  unit: string;
  /** "max": observed must be ≤ target (a ratio or slowdown); "min": observed must be ≥ target (a speed-up). */
  direction: 'max' | 'min';
  samples: number[];
}

export interface SourceLocation { file: string; line: number; column: number }

export interface TestResult {
  name: string;
  task_id: string;
  status: TestStatus;
  message?: string;
  expected?: string;
  actual?: string;
  diff?: string;
  output?: string;
  duration_ms: number;
  perf?: PerfResult;
  /** Where the failure points in the learner's code, when the stack says. */
  location?: SourceLocation;
}

export interface TaskResult {
  id: string;
  title: string;
  points: number;
  score: number;
  status: TestStatus;
  hidden: boolean;
  message?: string;
}

export interface GradeReport {
  version: 3;
  lab: string;
  status: Status;
  message?: string;
  score: number;
  max_score: number;
  runtime: RuntimeName;
  duration_ms: number;
  tasks: TaskResult[];
  tests: TestResult[];
}

export interface GradeSummary {
  version: 3;
  status: Status;
  score: number;
  max_score: number;
  impl: string;
  labs: GradeReport[];
}

export interface BuildOptions {
  runtime: RuntimeName;
  locale?: Locale;
  duration_ms?: number;
  /** Set when the implementation could not be loaded at all (syntax error, missing file). */
  loadError?: { message: string; location?: SourceLocation };
  /** Tasks with env "node" are not run in the browser; they are reported as skipped, not failed. */
  browser?: boolean;
  /** Hidden graders were left out (`grade --no-hidden`): hidden tasks are skipped, as in the browser. */
  withoutHidden?: boolean;
  /** Errors no test could be charged with (e.g. a timer's rejection after its test ended): the lab fails, scores stand. */
  strayErrors?: string[];
}

/**
 * The scoring rule, the same everywhere: a task earns its points when it has at
 * least one test and every one of its tests passed. Partial credit comes from
 * splitting a lab into tasks, never from half a task.
 */
export function buildReport(lab: Lab, tests: TestResult[], opts: BuildOptions): GradeReport {
  const locale = opts.locale ?? 'en';
  const tasks = lab.tasks.map((task) => gradeTask(task, tests.filter((t) => t.task_id === task.id), locale, opts));
  const strays = tests.filter((t) => !lab.tasks.some((task) => task.id === t.task_id));
  const strayErrors: TestResult[] = strays.map((t) => ({
    ...t,
    status: 'error',
    message: `test "${t.name}" names task "${t.task_id}", which ${lab.slug}/lab.json does not list`,
  }));
  const score = tasks.reduce((sum, t) => sum + t.score, 0);
  const max = tasks.reduce((sum, t) => sum + t.points, 0);
  let status: Status = tasks.every((t) => t.status === 'pass' || t.status === 'skip') && strays.length === 0 ? 'pass' : 'fail';
  const stray = opts.strayErrors?.length ? opts.strayErrors.join('\n') : undefined;
  if (opts.loadError || stray) status = 'error';
  const message = opts.loadError?.message ?? stray;
  return {
    version: 3,
    lab: lab.slug,
    status,
    ...(message ? { message } : {}),
    score,
    max_score: max,
    runtime: opts.runtime,
    duration_ms: Math.round(opts.duration_ms ?? tests.reduce((s, t) => s + t.duration_ms, 0)),
    tasks,
    tests: [...tests.filter((t) => !strays.includes(t)), ...strayErrors],
  };
}

function gradeTask(task: LabTask, tests: TestResult[], locale: Locale, opts: BuildOptions): TaskResult {
  const base = { id: task.id, title: task.title[locale], points: task.points, hidden: task.hidden };
  if (opts.loadError) return { ...base, score: 0, status: 'error', message: opts.loadError.message };
  if (tests.length === 0) {
    // The browser never receives Node-only or instructor-only graders: those tasks are graded by the CLI.
    if ((opts.browser || opts.withoutHidden) && task.hidden) {
      return { ...base, score: 0, status: 'skip', message: locale === 'zh' ? '隐藏检查，只在命令行评分' : 'hidden check, graded by the CLI only' };
    }
    if (opts.browser && task.env === 'node') {
      return { ...base, score: 0, status: 'skip', message: locale === 'zh' ? '此任务只在命令行评分（需要 Node）' : 'graded by the CLI only (needs Node)' };
    }
    return { ...base, score: 0, status: 'error', message: `no test ran for task "${task.id}"` };
  }
  const failed = tests.find((t) => t.status === 'fail' || t.status === 'error');
  if (failed) return { ...base, score: 0, status: failed.status, message: `${failed.name}: ${firstLine(failed.message)}` };
  const skipped = tests.find((t) => t.status === 'skip');
  if (skipped) return { ...base, score: 0, status: 'skip', message: `${skipped.name}: ${firstLine(skipped.message)}` };
  return { ...base, score: task.points, status: 'pass' };
}

const firstLine = (s?: string) => (s ?? '').split('\n')[0];

/** Folds lab reports into one summary: pass only when every lab passed. */
export function summarize(impl: string, labs: GradeReport[]): GradeSummary {
  const status: Status = labs.every((l) => l.status === 'pass') ? 'pass' : labs.some((l) => l.status === 'error') ? 'error' : 'fail';
  return {
    version: 3,
    status,
    score: labs.reduce((s, l) => s + l.score, 0),
    max_score: labs.reduce((s, l) => s + l.max_score, 0),
    impl,
    labs,
  };
}

/** What a learner may see of a report: hidden tasks keep only their title. */
export function redactHidden(report: GradeReport, lab: Lab): GradeReport {
  const hiddenIds = new Set(lab.tasks.filter((t) => t.hidden).map((t) => t.id));
  return {
    ...report,
    tasks: report.tasks.map((t) => (t.hidden && t.status !== 'pass' ? { ...t, message: `a hidden check failed: ${t.title}` } : t)),
    tests: report.tests.filter((t) => !hiddenIds.has(t.task_id)),
  };
}
