// Turns Vitest's task tree (the same shape from `vitest` in Node and from
// `@vitest/runner` in the browser) into the flat TestResult list a report is built from.
import type { File, Suite, Task, Test } from '@vitest/runner';
import type { PerfResult, SourceLocation, TestResult, TestStatus } from './report';
import type { CapturedOutput } from './console-capture';

declare module '@vitest/runner' {
  interface TaskMeta {
    /** Set by the grader kit's `expectPerf`. */
    perf?: PerfResult;
  }
}

export interface CollectOptions {
  /** Decides which stack frames belong to the learner's files, for `location`. */
  isImplPath?: (path: string) => boolean;
  /** Maps a runtime path back to the name the learner sees (e.g. "lru-cache.ts"). */
  displayPath?: (path: string) => string;
  /** What each test printed (by Vitest task id), for TestResult.output. */
  outputOf?: (taskId: string) => CapturedOutput | undefined;
}

/**
 * The naming rule: a grader's top-level `describe` is the task id from lab.json;
 * every test inside it grades that task. A test outside any describe names no task.
 */
export function collectTests(files: File[], opts: CollectOptions = {}): TestResult[] {
  const out: TestResult[] = [];
  for (const file of files) {
    for (const child of file.tasks) walk(child, child.type === 'suite' ? child.name : '', out, opts);
  }
  return out;
}

/** A file that failed before any test ran (syntax error, missing import): its error. */
export function fileLoadError(file: File): { message: string; stack?: string } | undefined {
  const err = file.result?.errors?.[0];
  if (file.result?.state === 'fail' && err) return { message: err.message ?? String(err), stack: err.stack };
  return undefined;
}

function walk(task: Task, taskId: string, out: TestResult[], opts: CollectOptions) {
  if (task.type === 'suite') {
    for (const child of (task as Suite).tasks) walk(child, taskId, out, opts);
    return;
  }
  const test = task as Test;
  const result: TestResult = {
    name: test.suite && test.suite.name !== taskId ? `${suitePath(test)} › ${test.name}` : test.name,
    task_id: taskId,
    status: statusOf(test),
    duration_ms: Math.round((test.result?.duration ?? 0) * 100) / 100,
  };
  const err = test.result?.errors?.[0];
  if (err) {
    result.message = err.message;
    if (err.expected !== undefined) result.expected = display(err.expected);
    if (err.actual !== undefined) result.actual = display(err.actual);
    if (err.diff) result.diff = err.diff;
    const location = err.stack ? locate(err.stack, opts) : undefined;
    if (location) result.location = location;
  }
  // `ctx.skip(note)` keeps its reason in result.note (at runtime, not in the published type).
  const note = (test.result as { note?: string } | undefined)?.note;
  if (result.status === 'skip' && note) result.message = note;
  if (test.meta?.perf) result.perf = test.meta.perf;
  const printed = opts.outputOf?.(test.id);
  if (printed) {
    result.output = printed.output;
    if (printed.dropped) result.output_dropped = printed.dropped;
  }
  out.push(result);
}

/**
 * Expected/actual as text. Node's Vitest hands over strings already; the browser runner hands
 * over the values themselves, and some (null-prototype objects, Symbols) refuse String().
 */
export function display(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    if (value !== null && typeof value === 'object') return JSON.stringify(value) ?? Object.prototype.toString.call(value);
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function suitePath(test: Test): string {
  const names: string[] = [];
  for (let s: Suite | undefined = test.suite; s && s.suite; s = s.suite) names.unshift(s.name);
  return names.join(' › ');
}

function statusOf(test: Test): TestStatus {
  const state = test.result?.state;
  if (test.mode === 'skip' || test.mode === 'todo' || state === 'skip' || state === 'todo') return 'skip';
  if (state === 'pass') return 'pass';
  if (state === 'fail') {
    const err = test.result?.errors?.[0];
    // An assertion that failed is the learner's bug; anything else thrown is an error.
    return err && (err.name === 'AssertionError' || err.expected !== undefined) ? 'fail' : 'error';
  }
  return 'error'; // never finished: stopped by a timeout or a crash
}

const FRAME = /\(?((?:[a-z]+:\/\/)?[^\s()]+?):(\d+):(\d+)\)?\s*$/;

/** The first stack frame inside the learner's files, as file:line:column. */
export function locate(stack: string, opts: CollectOptions): SourceLocation | undefined {
  if (!opts.isImplPath) return undefined;
  for (const line of stack.split('\n')) {
    const m = FRAME.exec(line.trim());
    if (m && opts.isImplPath(m[1])) {
      return { file: opts.displayPath ? opts.displayPath(m[1]) : m[1], line: Number(m[2]), column: Number(m[3]) };
    }
  }
  return undefined;
}
