// A Vitest reporter that turns a run into GradeReports. The CLI uses it in Node and
// the WebContainer runtime uses it inside the container, so both grade alike.
import { writeFileSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { experimental_getRunnerTask, type Reporter, type TestModule } from 'vitest/node';
import type { SerializedError } from '@vitest/utils';
import type { File } from '@vitest/runner';
import type { Lab } from '../core/lab';
import type { Locale } from '../i18n/locale';
import { buildReport, type GradeReport, type RuntimeName } from '../core/report';
import { collectTests, fileLoadError } from '../core/task-tree';
import { describeLoadError } from './load-errors';

export interface GradeReporterOptions {
  labs: Lab[];
  implRoot: string;
  gradersRoot: string;
  runtime: RuntimeName;
  /** Grading for a page (WebContainer): node-only and hidden tasks show as graded by the CLI. */
  browser?: boolean;
  locale?: Locale;
  /** Hidden graders were not run. */
  withoutHidden?: boolean;
  /** Receives the reports when the run ends. */
  onReports?: (reports: GradeReport[]) => void;
  /** Or: writes them there as JSON. */
  outFile?: string;
}

export class GradeReporter implements Reporter {
  constructor(private readonly opts: GradeReporterOptions) {}

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<SerializedError>): void {
    const reports = reportsFromFiles(modules.map((m) => experimental_getRunnerTask(m)), errors, this.opts);
    this.opts.onReports?.(reports);
    if (this.opts.outFile) writeFileSync(this.opts.outFile, JSON.stringify(reports));
  }
}

export function reportsFromFiles(
  files: File[],
  unhandled: ReadonlyArray<SerializedError>,
  opts: Pick<GradeReporterOptions, 'labs' | 'implRoot' | 'gradersRoot' | 'runtime' | 'browser' | 'locale' | 'withoutHidden'>,
): GradeReport[] {
  const implRoot = resolve(opts.implRoot);
  const isImplPath = (p: string) => p.replace(/^file:\/\//, '').startsWith(implRoot + sep);
  const displayPath = (p: string) => relative(implRoot, p.replace(/^file:\/\//, ''));
  return opts.labs.map((lab) => {
    const graderDir = resolve(opts.gradersRoot, lab.slug) + sep;
    const mine = files.filter((f) => f.filepath.startsWith(graderDir));
    const broken = mine.map(fileLoadError).find(Boolean);
    const tests = collectTests(mine, { isImplPath, displayPath });
    // Errors thrown outside the flow of a test (a rejection nobody awaited, a throw in a timer):
    // Vitest names the test that was running, which is charged with it; otherwise the lab is.
    const stray: string[] = [];
    for (const err of unhandled as ReadonlyArray<SerializedError & { VITEST_TEST_PATH?: string; VITEST_TEST_NAME?: string }>) {
      const ours = (err.VITEST_TEST_PATH ?? '').startsWith(graderDir) || (err.stack ?? '').includes(resolve(implRoot, lab.slug) + sep);
      if (!ours) continue;
      const message = `unhandled error while this test ran (a rejected promise nobody awaited?): ${err.message}`;
      const test = err.VITEST_TEST_NAME && tests.find((t) => t.name === err.VITEST_TEST_NAME || t.name.endsWith(` › ${err.VITEST_TEST_NAME}`));
      if (test) Object.assign(test, { status: 'error', message });
      else stray.push(err.message);
    }
    const reason = broken ? describeLoadError(broken, implRoot) : undefined;
    return buildReport(lab, tests, { runtime: opts.runtime, browser: opts.browser, locale: opts.locale, withoutHidden: opts.withoutHidden, reason, strayErrors: stray, duration_ms: tests.reduce((s, t) => s + t.duration_ms, 0) });
  });
}
