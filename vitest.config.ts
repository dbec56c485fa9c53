// The project's own tests (not the graders, which run through `workbook`):
// unit tests of the core and CLI, and browser tests against the built site.
import { defineConfig } from 'vitest/config';
import { graderConfig } from './src/node/grader-config';
import { catalog } from './src/catalog/lab-catalog';
import { givenFilesPlugin } from './src/catalog/given-files';

const { resolve } = graderConfig('solutions');
// Code that imports a reference solution in place (the ops playground's reference) finds its lab's given files in labs/.
const plugins = [givenFilesPlugin(catalog, catalog.dirs.solutions)];

export default defineConfig({
  resolve,
  test: {
    projects: [
      { resolve, plugins, test: { name: 'unit', setupFiles: ['tests/setup/ci-strict.ts'], include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**', 'tests/fixtures/**'], testTimeout: 120_000 } },
      { resolve, plugins, test: { name: 'e2e', setupFiles: ['tests/setup/ci-strict.ts'], include: ['tests/e2e/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false } },
    ],
  },
});
