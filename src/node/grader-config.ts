// The one Vitest configuration graders run under in Node: the CLI and batch grading build
// theirs here (the WebContainer's, src/runtimes/webcontainer/vitest.config.ts, is tested against it).
import { resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { REPO_ROOT } from '../catalog/paths';
import { catalog } from '../catalog/lab-catalog';
import { givenFilesPlugin } from '../catalog/given-files';
import { GRADER_GLOBS, GRADER_TIME_LIMITS } from '../core/grader-files';

export function graderConfig(implRoot: string): ViteUserConfig {
  // Packages some lab lets learner code import (lab.json "imports"): resolved from this repo even when the code lives elsewhere.
  const shared = new Set(catalog.labs().flatMap((lab) => lab.imports).filter((name) => !name.startsWith('node:')));
  const alias: Record<string, string> = {
    '@impl': resolve(implRoot),
    '@grader-kit/node': resolve(REPO_ROOT, 'src/grader-kit/node.ts'),
    '@grader-kit': resolve(REPO_ROOT, 'src/grader-kit/index.ts'),
  };
  for (const pkg of shared) alias[pkg] = resolve(REPO_ROOT, 'node_modules', pkg);
  return {
    root: REPO_ROOT,
    plugins: [denyImports(resolve(implRoot)), givenFilesPlugin(catalog, implRoot)],
    resolve: { alias },
    server: { fs: { strict: false } },
    test: {
      include: [`graders/${GRADER_GLOBS.tests}`],
      testTimeout: GRADER_TIME_LIMITS.testMs,
      hookTimeout: GRADER_TIME_LIMITS.hookMs,
      pool: 'forks',
      // Graders compare timings inside one file; two files timing at once on two cores skews ratios less than it costs.
      fileParallelism: true,
      watch: false,
      globalSetup: [resolve(REPO_ROOT, 'src/node/redis-global-setup.ts')],
      setupFiles: [resolve(REPO_ROOT, 'src/node/tamper-guard.ts')],
    },
  };
}

/**
 * Learner code may not reach the test framework, the grader kit, the file system or
 * other processes: a classroom-level guard against grading tricks, not a sandbox.
 */
const DENIED = /^(?:vitest|chai|@vitest\/.*|@grader-kit(?:\/.*)?|(?:node:)?(?:fs|fs\/promises|child_process|worker_threads|cluster|module|vm|inspector|v8))$/;

function denyImports(implRoot: string): Plugin {
  // Vitest loads node: built-ins without asking plugins to resolve them, so the check
  // reads the learner's source instead: static imports, dynamic imports and require.
  const specifier = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s*)['"]([^'"]+)['"]/gm;
  return {
    name: 'workbook:deny-imports',
    enforce: 'pre',
    transform(code, id) {
      if (!resolve(id.split('?')[0]).startsWith(implRoot + '/')) return null;
      for (const m of code.matchAll(specifier)) {
        if (DENIED.test(m[1])) {
          const line = code.slice(0, m.index).split('\n').length;
          this.error(`${id.slice(implRoot.length + 1)}:${line}: learner code may not import "${m[1]}"`);
        }
      }
      return null;
    },
  };
}
