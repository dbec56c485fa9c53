// One result format for every runtime (CLI, browser worker, WebContainer),
// close to Exercism's results.json v3 so tools that read that still work.
import type { Lab, LabTask } from './lab';
import type { Locale } from '../i18n/locale';
import { gradingText } from '../i18n/grading';
import { describeReason, type GradeReason, type SourceLocation, type TaskReason } from './reason';

export type { GradeReason, SourceLocation, TaskReason };

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
  /** Why the task was not graded normally (CLI-only, hidden, no test, or its lab's reason). */
  reason?: TaskReason;
  /** The human sentence: the reason worded in the report's locale, or the first failing test. */
  message?: string;
}

export interface GradeReport {
  version: 3;
  lab: string;
  status: Status;
  /** Why the lab was not graded normally; `message` is this reason worded in the report's locale. */
  reason?: GradeReason;
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
  /** Set when the lab could not be graded (a missing file or export, a refused import, a syntax error, a stopped run): every task fails with it. */
  reason?: GradeReason;
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
    message: gradingText.t(locale, 'test.unknownTask', { test: t.name, task: t.task_id, lab: lab.slug }),
  }));
  const score = tasks.reduce((sum, t) => sum + t.score, 0);
  const max = tasks.reduce((sum, t) => sum + t.points, 0);
  let status: Status = tasks.every((t) => t.status === 'pass' || t.status === 'skip') && strays.length === 0 ? 'pass' : 'fail';
  const reason: GradeReason | undefined = opts.reason ?? (opts.strayErrors?.length ? { kind: 'stray-errors', errors: opts.strayErrors } : undefined);
  if (reason) status = 'error';
  return {
    version: 3,
    lab: lab.slug,
    status,
    ...(reason ? { reason, message: describeReason(reason, locale) } : {}),
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
  const because = (status: TestStatus, reason: TaskReason): TaskResult =>
    ({ ...base, score: 0, status, reason, message: describeReason(reason, locale, { task: task.id }) });
  if (opts.reason) return because('error', opts.reason);
  if (tests.length === 0) {
    // The browser never receives Node-only or instructor-only graders: those tasks are graded by the CLI.
    if ((opts.browser || opts.withoutHidden) && task.hidden) return because('skip', { kind: 'hidden' });
    if (opts.browser && task.env === 'node') return because('skip', { kind: 'cli-only' });
    return because('error', { kind: 'no-tests' });
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
export function redactHidden(report: GradeReport, lab: Lab, locale: Locale = 'en'): GradeReport {
  const hiddenIds = new Set(lab.tasks.filter((t) => t.hidden).map((t) => t.id));
  return {
    ...report,
    tasks: report.tasks.map((t) => (t.hidden && t.status !== 'pass' ? { ...t, message: gradingText.t(locale, 'task.hiddenFailed', { title: t.title }) } : t)),
    tests: report.tests.filter((t) => !hiddenIds.has(t.task_id)),
  };
}
