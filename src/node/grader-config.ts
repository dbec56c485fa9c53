// The one Vitest configuration graders run under in Node: the CLI, batch grading
// and the WebContainer workspace all build theirs here.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { ViteUserConfig } from 'vitest/config';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** Packages a learner's code may import; resolved from this repo even when the code lives elsewhere. */
const SHARED_PACKAGES = ['ioredis', 'nodemailer'];

export function graderConfig(implRoot: string): ViteUserConfig {
  const alias: Record<string, string> = {
    '@impl': resolve(implRoot),
    '@grader-kit/node': resolve(REPO_ROOT, 'src/grader-kit/node.ts'),
    '@grader-kit': resolve(REPO_ROOT, 'src/grader-kit/index.ts'),
  };
  for (const pkg of SHARED_PACKAGES) alias[pkg] = resolve(REPO_ROOT, 'node_modules', pkg);
  return {
    root: REPO_ROOT,
    resolve: { alias },
    server: { fs: { strict: false } },
    test: {
      include: ['graders/**/*.test.ts'],
      testTimeout: 20_000,
      hookTimeout: 20_000,
      pool: 'forks',
      // Graders compare timings inside one file; two files timing at once on two cores skews ratios less than it costs.
      fileParallelism: true,
      watch: false,
      globalSetup: [resolve(REPO_ROOT, 'src/node/redis-global-setup.ts')],
    },
  };
}
