// The Vitest configuration StrykerJS runs a lab's graders with (see scripts/mutation.mjs):
// the graders' own configuration (aliases @impl → solutions/, @grader-kit, the tamper
// guard), narrowed to one lab, plus a setup file that skips the tasks left out of the run.
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';
import { graderConfig } from '../../src/node/grader-config';
import { REPO_ROOT } from '../../src/catalog/paths';

const lab = process.env.MUTATION_LAB;
if (!lab) throw new Error('MUTATION_LAB is not set: run this through scripts/mutation.mjs');
const base = graderConfig('solutions');
const withNode = process.env.MUTATION_NODE === '1';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [`graders/${lab}/**/*.test.ts`],
    exclude: withNode ? [] : ['**/*.node.test.ts'],
    // Redis is started only for the Node-only graders.
    globalSetup: withNode ? base.test?.globalSetup : [],
    setupFiles: [...(base.test?.setupFiles as string[]), resolve(REPO_ROOT, 'scripts/mutation/skip-tasks.ts')],
  },
});
