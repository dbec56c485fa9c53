// Setup file for mutation runs: skips every test of the tasks named in MUTATION_SKIP_TASKS
// (comma-separated task ids, i.e. top-level describe titles). Stryker sets its own test-name
// filter on each run, so a filter in the Vitest config would be overwritten; a skip is not.
import { beforeEach } from 'vitest';

const skipped = new Set((process.env.MUTATION_SKIP_TASKS ?? '').split(',').filter(Boolean));

beforeEach((ctx) => {
  // The task is the outermost describe: climb until the parent is the file itself.
  let suite = ctx.task.suite;
  while (suite?.suite && suite.suite !== ctx.task.file) suite = suite.suite;
  if (suite && skipped.has(suite.name)) ctx.skip(`task "${suite.name}" is left out of mutation runs`);
});
