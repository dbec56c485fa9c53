// Grades one lab in this thread: transpile with sucrase, run the grader files with
// @vitest/runner, build the GradeReport with the shared core. The browser worker
// calls it; it touches no DOM and no Node API.
// First: the clock wrapper must be in place before the grader kit binds performance.now.
import { onHeartbeat } from './heartbeat';
import { startTests, type File, type Test, type VitestRunner, type VitestRunnerConfig } from '@vitest/runner';
import type { Lab } from '../../core/lab';
import type { Locale } from '../../i18n/locale';
import { GRADER_TIME_LIMITS, IMPL_PREFIX, GRADER_KIT, sortGraderFiles } from '../../core/grader-files';
import { buildReport, type GradeReason, type GradeReport } from '../../core/report';
import { precheck } from '../../core/prechecks';
import { collectTests, fileLoadError, locate } from '../../core/task-tree';
import * as kit from '../../grader-kit/index';
import { CompileError, Loader } from './loader';
import * as vitest from './vitest-shim';
import { createExpect } from './vitest-shim';
import { graderPath, implPath, type RunEvent } from '../types';

export interface GradeInput {
  lab: Lab;
  /** The implementation by name ("lru-cache.ts"): the learner's files with the lab's given files on top. */
  files: Record<string, string>;
  /** Browser grader files by path relative to graders/<slug>/ (tests and helpers). */
  graders: Record<string, string>;
  locale: Locale;
  testTimeout?: number;
  /** Run only the tests of these task ids. */
  only?: string[];
}

const config: VitestRunnerConfig = {
  root: '/',
  setupFiles: [],
  name: undefined,
  passWithNoTests: false,
  testNamePattern: undefined,
  allowOnly: false,
  sequence: { shuffle: false, concurrent: false, seed: 0, hooks: 'stack', setupFiles: 'list' },
  chaiConfig: undefined,
  maxConcurrency: 5,
  testTimeout: GRADER_TIME_LIMITS.testMs,
  hookTimeout: GRADER_TIME_LIMITS.hookMs,
  retry: 0,
  includeTaskLocation: false,
  diffOptions: undefined,
  tags: [],
  tagsFilter: undefined,
  strictTags: false,
};

const topTask = (test: Test): string => {
  let s = test.suite;
  while (s?.suite && s.suite.type === 'suite' && s.suite.suite) s = s.suite;
  return s && s.type === 'suite' && s.name ? s.name : '';
};

export async function gradeHere(input: GradeInput, onEvent: (e: RunEvent) => void = () => {}): Promise<GradeReport> {
  const started = performance.now();
  onHeartbeat(() => onEvent({ type: 'heartbeat' }));
  const { lab } = input;
  const slug = lab.slug;
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(input.files)) files[implPath(slug, name)] = text;
  for (const [rel, text] of Object.entries(input.graders)) files[graderPath(slug, rel)] = text;

  const implDir = implPath(slug, '');
  const isImplPath = (p: string) => p.replace(/^[a-z]+:\/\//, '').startsWith(implDir);
  const displayPath = (p: string) => p.replace(/^[a-z]+:\/\//, '').slice(implDir.length);
  const finish = (tests: ReturnType<typeof collectTests>, reason?: GradeReason) =>
    buildReport(lab, tests, { runtime: 'worker', browser: true, locale: input.locale, reason, duration_ms: performance.now() - started });

  const testNames = sortGraderFiles(Object.keys(input.graders)).browserTests;
  if (testNames.length === 0) return finish([], { kind: 'no-graders' });
  // The same pre-checks as the CLI, before any test runs.
  const blocked = precheck({ lab, files: input.files, graders: testNames.map((p) => input.graders[p]) });
  if (blocked) return finish([], blocked);

  const loader = new Loader({
    files,
    builtins: { vitest: vitest, [GRADER_KIT]: kit },
    alias: (spec) => (spec.startsWith(IMPL_PREFIX) ? `/impl/${spec.slice(IMPL_PREFIX.length)}` : undefined),
  });

  // Compile every learner file first: a syntax error is reported once, with its place.
  try {
    for (const name of Object.keys(input.files)) loader.compile(implPath(slug, name));
  } catch (err) {
    if (err instanceof CompileError) return finish([], { kind: 'syntax', file: displayPath(err.file), line: err.line, column: err.column, detail: err.reason });
    throw err;
  }

  const testFiles = testNames.map((p) => graderPath(slug, p));

  const runner: VitestRunner = {
    config: {
      ...config,
      testNamePattern: input.only?.length ? new RegExp(`^(${input.only.map((id) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')}) `) : undefined,
      testTimeout: input.testTimeout ?? config.testTimeout, hookTimeout: input.testTimeout ?? config.hookTimeout },
    importFile: (path) => {
      loader.require(path);
    },
    extendTaskContext: (context) => {
      Object.defineProperty(context, 'expect', { value: createExpect(context.task as Test), enumerable: true });
      return context;
    },
    onBeforeRunTask: (test) => onEvent({ type: 'test-start', name: test.name, task: topTask(test) }),
    onAfterRunTask: (test) => onEvent({ type: 'test-end', name: test.name, task: topTask(test), status: test.result?.state ?? 'unknown' }),
  };

  let results: File[];
  try {
    results = await startTests(testFiles, runner);
  } catch (err) {
    const e = err as Error;
    const location = e.stack ? locate(e.stack, { isImplPath, displayPath }) : undefined;
    return finish([], { kind: 'load-failed', detail: e.message, ...(location ? { location } : {}) });
  }

  // A grader file that threw while loading (the learner's code threw at import): where, as the editor shows it.
  const broken = results.map(fileLoadError).find(Boolean);
  const location = broken?.stack ? locate(broken.stack, { isImplPath, displayPath }) : undefined;
  if (location) location.column = loader.sourceColumn(implPath(slug, location.file), location.line, location.column);
  const tests = collectTests(results, { isImplPath, displayPath });
  for (const t of tests) if (t.location) t.location.column = loader.sourceColumn(implPath(slug, t.location.file), t.location.line, t.location.column);
  return finish(tests, broken ? { kind: 'load-failed', detail: broken.message, ...(location ? { location } : {}) } : undefined);
}
