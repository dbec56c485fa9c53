// The Vitest config inside the WebContainer workspace. The page ships this file as text
// (?raw) and mounts it at this same path beside the repository sources it imports, so tsc
// checks it here and it grades there by the CLI's rules: the grader-file globs and time
// limits of src/core/grader-files.ts, the aliases of src/node/grader-config.ts (a unit test,
// tests/workbench/webcontainer-config.test.ts, compares the two) and the CLI's GradeReporter.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ViteUserConfig } from 'vitest/config';
import { GRADER_GLOBS, GRADER_TIME_LIMITS } from '../../core/grader-files';
import type { Lab } from '../../core/lab';
import { isLocale, type Locale } from '../../i18n/locale';
import { GradeReporter } from '../../node/grade-reporter';
import { RUN_FILES } from './run-files';

/** Grades one lab's browser tests: the learner's files under impl/<slug>/, graders under graders/<slug>/. */
export function workspaceConfig(root: string, lab: Lab, locale: Locale): ViteUserConfig {
  const implRoot = join(root, RUN_FILES.impl);
  const graders = `${RUN_FILES.graders}/${lab.slug}`;
  return {
    resolve: { alias: { '@impl': implRoot, '@grader-kit': join(root, 'src/grader-kit/index.ts') } },
    test: {
      root,
      include: [`${graders}/${GRADER_GLOBS.tests}`],
      exclude: [`${graders}/${GRADER_GLOBS.nodeOnlyTests}`, `${graders}/${GRADER_GLOBS.hidden}`, '**/node_modules/**'],
      testTimeout: GRADER_TIME_LIMITS.testMs,
      hookTimeout: GRADER_TIME_LIMITS.hookMs,
      watch: false,
      reporters: [
        'default',
        new GradeReporter({
          labs: [lab], implRoot, gradersRoot: join(root, RUN_FILES.graders), runtime: 'webcontainer', browser: true, locale,
          outFile: join(root, RUN_FILES.report),
        }),
      ],
    },
  };
}

// The workspace root: this file sits at src/runtimes/webcontainer/ there, as here.
const root = fileURLToPath(new URL('../../..', import.meta.url));

export default defineConfig(() => workspaceConfig(
  root,
  JSON.parse(readFileSync(join(root, RUN_FILES.lab), 'utf8')) as Lab,
  isLocale(process.env.WORKBOOK_LOCALE) ? process.env.WORKBOOK_LOCALE : 'en',
));
