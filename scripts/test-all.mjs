#!/usr/bin/env node
// `npm test`: every check the project has, in the order that fails fastest.
//   1. type-check everything (sources, labs, solutions, graders, tests), and the graders against the scaffolds
//   2. build the site (browser tests and page-weight checks need dist/)
//   3. unit tests (core, CLI, runtimes, chapters)
//   4. workbook check (solutions full marks, scaffolds failing, known bugs caught)
//   5. browser tests in Chromium against the built site
// Flags: --skip-build (reuse dist/), --only=unit,e2e,check,typecheck,build
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const skipBuild = args.includes('--skip-build');
const tmp = mkdtempSync(join(tmpdir(), 'workbook-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, argv, { vitestJson } = {}) {
  if (only && !only.includes(name)) return;
  console.log(`\n━━ ${name}: ${[cmd, ...argv].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(cmd, argv, { stdio: 'inherit', env: process.env });
  const ok = result.status === 0;
  // Count individual tests where the step reports them, so the closing line means something.
  if (vitestJson && existsSync(vitestJson)) {
    const json = JSON.parse(readFileSync(vitestJson, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests + (ok || json.numFailedTests ? 0 : 1);
  } else if (ok) passed += 1;
  else failed += 1;
  if (!ok) failures.push(name);
  console.log(`━━ ${name}: ${ok ? 'ok' : 'FAILED'} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const vitest = (project) => {
  const out = join(tmp, `${project}.json`);
  return [['npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]], out];
};

// astro sync writes .astro/types.d.ts (the astro:content types) before tsc reads it.
step('typecheck', 'sh', ['-c', 'npx astro sync >/dev/null && npx tsc -p tsconfig.json --noEmit && npx tsc -p tsconfig.scaffolds.json --noEmit']);
if (!skipBuild) step('build', 'npx', ['astro', 'build']);
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
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failures.length ? 1 : 0);
