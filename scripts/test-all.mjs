#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest.
//   1. type-check everything (sources, labs, solutions, graders, tests), and the graders against the scaffolds
//   2. build the site (browser tests and page-weight checks need dist/)
//   3. unit tests (core, CLI, runtimes, chapters)
//   4. workbook check (solutions full marks, scaffolds failing, known bugs caught)
//   5. browser tests in Chromium against the built site, and a new lab added by folders alone
// Flags: --skip-build (reuse dist/), --only=unit,e2e,check,typecheck,build
//
// The closing Total counts every test: passed, failed, skipped and todo. Locally a test may
// skip with a reason (no Chromium, no Redis); in CI (CI=true) a skipped or todo test fails the
// run, and tests/setup/ci-strict.ts fails any test that asserted nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFlags } from './flags.mjs';

const STEPS = ['typecheck', 'build', 'unit', 'check', 'e2e'];
const { values } = parseFlags({ only: { type: 'string' }, 'skip-build': { type: 'boolean', default: false } });
const only = values.only?.split(',');
const unknown = only?.filter((s) => !STEPS.includes(s)) ?? [];
if (unknown.length) {
  console.error(`--only: unknown step ${unknown.join(', ')}; steps are ${STEPS.join(', ')}`);
  process.exit(2);
}
const inCI = Boolean(process.env.CI);
const tmp = mkdtempSync(join(tmpdir(), 'workbook-test-'));
const count = { passed: 0, failed: 0, skipped: 0, todo: 0 };
const failures = [];

function step(name, cmd, argv, { vitestJson } = {}) {
  if (only && !only.includes(name)) return;
  console.log(`\n━━ ${name}: ${[cmd, ...argv].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, argv, { stdio: 'inherit', env: process.env });
  let ok = result.status === 0;
  // Count individual tests where the step reports them, so the closing line means something.
  if (vitestJson && existsSync(vitestJson)) {
    const json = JSON.parse(readFileSync(vitestJson, 'utf8'));
    count.passed += json.numPassedTests;
    count.failed += json.numFailedTests + (ok || json.numFailedTests ? 0 : 1);
    count.skipped += json.numPendingTests;
    count.todo += json.numTodoTests;
    const notRun = json.numPendingTests + json.numTodoTests;
    if (notRun > 0) {
      const names = json.testResults.flatMap((file) => file.assertionResults
        .filter((t) => t.status === 'pending' || t.status === 'skipped' || t.status === 'todo')
        .map((t) => `${t.fullName} (${t.status})`));
      console.log(`${name}: ${notRun} test(s) did not run${inCI ? ', which fails CI' : ''}:\n${names.map((n) => `  - ${n}`).join('\n')}`);
      if (inCI) ok = false;
    }
  } else if (ok) count.passed += 1;
  else count.failed += 1;
  if (!ok) failures.push(name);
  console.log(`━━ ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const vitest = (project) => {
  const out = join(tmp, `${project}.json`);
  return [['npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]], out];
};

// astro sync writes .astro/types.d.ts (the astro:content types) before tsc reads it.
step('typecheck', 'sh', ['-c', 'npx astro sync >/dev/null && npx tsc -p tsconfig.json --noEmit && npx tsc -p tsconfig.scaffolds.json --noEmit']);
if (!values['skip-build']) step('build', 'npx', ['astro', 'build']);
{
  const [[cmd, argv], out] = vitest('unit');
  step('unit', cmd, argv, { vitestJson: out });
}
step('check', process.execPath, ['bin/workbook.mjs', 'check']);
{
  const [[cmd, argv], out] = vitest('e2e');
  step('e2e', cmd, argv, { vitestJson: out });
}

rmSync(tmp, { recursive: true, force: true });
console.log(failures.length ? `\nFailed steps: ${failures.join(', ')}` : '\nAll steps passed.');
console.log(`Total: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped, ${count.todo} todo`);
process.exit(failures.length ? 1 : 0);
