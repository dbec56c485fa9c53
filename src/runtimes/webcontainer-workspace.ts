// The files a WebContainer workspace holds: a package.json pinning the same Vitest
// the CLI uses, a Vitest config wired to the lab's files, the grading core and the
// CLI's own GradeReporter (src/node/grade-reporter.ts), so the container grades
// exactly as `workbook grade` does. Pure data: the browser fills `sources` with
// ?raw imports, the tests with files read from disk.
import type { FileSystemTree } from '@webcontainer/api';

/** Source files the workspace needs, by repository path. */
export const WORKSPACE_SOURCES = [
  'src/core/lab.ts',
  'src/core/random.ts',
  'src/core/report.ts',
  'src/core/task-tree.ts',
  'src/grader-kit/index.ts',
  'src/node/grade-reporter.ts',
  'src/node/load-errors.ts',
] as const;

export const VITEST_VERSION = '4.1.12';
export const REPORT_FILE = 'grade-report.json';

export const PACKAGE_JSON = JSON.stringify({
  name: 'perf-workbook-lab',
  private: true,
  type: 'module',
  devDependencies: { vitest: VITEST_VERSION },
}, null, 2);

/** The Vitest config inside the container: the same aliases and conventions as src/node/grader-config.ts. */
export const VITEST_CONFIG = `// Written by the Perf Workbook page: grades lab.json's lab with the CLI's reporter.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { GradeReporter } from './src/node/grade-reporter';

const root = process.cwd();
const lab = JSON.parse(readFileSync(resolve(root, 'lab.json'), 'utf8'));

export default defineConfig({
  resolve: {
    alias: {
      '@impl': resolve(root, 'impl'),
      '@grader-kit': resolve(root, 'src/grader-kit/index.ts'),
    },
  },
  test: {
    root,
    include: [\`graders/\${lab.slug}/**/*.test.ts\`],
    exclude: ['**/*.node.test.ts', '**/hidden/**', '**/node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    watch: false,
    reporters: [
      'default',
      new GradeReporter({
        labs: [lab], implRoot: resolve(root, 'impl'), gradersRoot: resolve(root, 'graders'),
        runtime: 'webcontainer', browser: true, locale: process.env.WORKBOOK_LOCALE === 'zh' ? 'zh' : 'en',
        outFile: resolve(root, '${REPORT_FILE}'),
      }),
    ],
  },
});
`;

/** Turns { "a/b.ts": text } into a nested FileSystemTree. */
export function toTree(files: Record<string, string>): FileSystemTree {
  const tree: FileSystemTree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = tree;
    for (const part of parts.slice(0, -1)) {
      const node = (dir[part] ??= { directory: {} });
      if (!('directory' in node)) throw new Error(`${path}: ${part} is a file, not a folder`);
      dir = node.directory;
    }
    dir[parts[parts.length - 1]] = { file: { contents } };
  }
  return tree;
}

/** The base workspace, mounted once after boot. */
export function baseWorkspace(sources: Record<string, string>): FileSystemTree {
  const missing = WORKSPACE_SOURCES.filter((p) => sources[p] === undefined);
  if (missing.length) throw new Error(`workspace sources missing: ${missing.join(', ')}`);
  return toTree({ 'package.json': PACKAGE_JSON, 'vitest.config.ts': VITEST_CONFIG, ...sources });
}
