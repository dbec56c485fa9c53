// The files a WebContainer workspace holds: a package.json pinning the Vitest the CLI uses,
// the Vitest config (src/runtimes/webcontainer/vitest.config.ts) and the repository sources
// it imports, at their repository paths, so the container grades exactly as `workbook
// grade` does. Pure data: the browser fills `sources` with ?raw imports, the tests with
// files read from disk.
import type { FileSystemTree } from '@webcontainer/api';
import { dependencies } from '../../package.json';

/** The config Vitest runs with, by its path in the workspace (and the repository). */
export const CONFIG_PATH = 'src/runtimes/webcontainer/vitest.config.ts';

/**
 * Repository files the workspace needs: the config and everything it imports at run time.
 * webcontainer-browser.ts must list the same (tests/workbench/webcontainer-config.test.ts checks).
 */
export const WORKSPACE_SOURCES = [
  CONFIG_PATH,
  'src/runtimes/webcontainer/run-files.ts',
  'src/core/grader-files.ts',
  'src/core/random.ts',
  'src/core/reason.ts',
  'src/core/report.ts',
  'src/core/task-tree.ts',
  'src/grader-kit/index.ts',
  'src/i18n/grading.ts',
  'src/i18n/locale.ts',
  'src/i18n/messages.ts',
  'src/i18n/text.ts',
  'src/node/grade-reporter.ts',
  'src/node/load-errors.ts',
] as const;

/** The same Vitest as the CLI's, read from package.json. */
export const VITEST_VERSION = dependencies.vitest;

export const PACKAGE_JSON = JSON.stringify({
  name: 'perf-workbook-lab',
  private: true,
  type: 'module',
  devDependencies: { vitest: VITEST_VERSION },
}, null, 2);

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
  return toTree({ 'package.json': PACKAGE_JSON, ...sources });
}
