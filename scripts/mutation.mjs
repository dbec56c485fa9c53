#!/usr/bin/env node
// Mutation testing of one lab's graders: StrykerJS makes small changes ("mutants") to
// solutions/<slug>/ and runs the lab's graders against each. A mutant the graders do not
// fail ("survived") is a property of the solution that no grader pins down: a place where a
// learner's bug of that shape would earn full marks. Not part of CI: a lab takes minutes.
//
//   node scripts/mutation.mjs <slug> [--with-performance] [--with-node] [--concurrency N] [--mutate GLOB]
//
// Performance tasks are left out by default: each one times its workload for seconds, and
// with per-test coverage every mutant on a hot path would run them (hours per lab). Their
// targets are proven by the known-bad fixtures instead (tests/fixtures/buggy/, `workbook check`).
// Node-only graders (*.node.test.ts, Redis) are left out unless --with-node.
//
// Writes reports/mutation/<slug>.json (Stryker's report, for its HTML viewer) and
// reports/mutation/<slug>-survivors.txt (one surviving mutant a line), and prints the score:
// killed (+ timed out) ÷ (all mutants that compile), the Stryker definition.
//
// StrykerJS 9.6.1, not 10.x: 10.x refuses to start on Node < 22 and this project runs on Node 20.
import { parseArgs } from 'node:util';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Stryker } from '@stryker-mutator/core';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'with-performance': { type: 'boolean', default: false },
    'with-node': { type: 'boolean', default: false },
    concurrency: { type: 'string', default: '2' },
    mutate: { type: 'string' },
  },
});
const [slug] = positionals;
const labFile = slug && join(root, 'labs', slug, 'lab.json');
if (!slug || !existsSync(labFile)) {
  console.error('usage: node scripts/mutation.mjs <slug> [--with-performance] [--with-node] [--concurrency N] [--mutate GLOB]');
  process.exit(2);
}
const lab = JSON.parse(readFileSync(labFile, 'utf8'));
const skipTasks = values['with-performance'] ? [] : lab.tasks.filter((t) => t.kind === 'performance').map((t) => t.id);
const outDir = join(root, 'reports/mutation');
mkdirSync(outDir, { recursive: true });

// Read by scripts/mutation/vitest.config.ts and skip-tasks.ts in Stryker's test-runner processes.
process.env.MUTATION_LAB = slug;
process.env.MUTATION_SKIP_TASKS = skipTasks.join(',');
process.env.MUTATION_NODE = values['with-node'] ? '1' : '0';

const started = Date.now();
const results = await new Stryker({
  mutate: [values.mutate ?? `solutions/${slug}/**/*.ts`],
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'scripts/mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: Number(values.concurrency),
  // The graders are TypeScript run by Vitest, which strips types: no type-check step, so a
  // mutant that would not compile is run anyway (and usually killed by a failing test).
  disableTypeChecks: `solutions/${slug}/**/*.ts`,
  timeoutMS: 10_000,
  reporters: ['progress', 'json'],
  jsonReporter: { fileName: relative(root, join(outDir, `${slug}.json`)) },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  ignorePatterns: ['dist', 'reports', '.astro', 'test-results', '.workbook'],
}).runMutationTest();

const count = (...statuses) => results.filter((r) => statuses.includes(r.status)).length;
const detected = count('Killed', 'Timeout');
const undetected = count('Survived', 'NoCoverage');
const score = detected + undetected ? (100 * detected) / (detected + undetected) : NaN;
const survivors = results
  .filter((r) => r.status === 'Survived' || r.status === 'NoCoverage')
  .sort((a, b) => a.fileName.localeCompare(b.fileName) || a.location.start.line - b.location.start.line)
  .map((r) => `${relative(root, resolve(r.fileName))}:${r.location.start.line}:${r.location.start.column + 1}  ${r.status === 'NoCoverage' ? 'no coverage' : 'survived'}  ${r.mutatorName}  → ${JSON.stringify(r.replacement)}`);
writeFileSync(join(outDir, `${slug}-survivors.txt`), survivors.join('\n') + '\n');

console.log(`\nmutation score, ${slug}: ${score.toFixed(1)}%  (killed ${count('Killed')}, timed out ${count('Timeout')}, survived ${count('Survived')}, no coverage ${count('NoCoverage')}, compile/runtime errors ${count('CompileError', 'RuntimeError')}, ignored ${count('Ignored')})`);
console.log(`left out: ${skipTasks.length ? `performance tasks ${skipTasks.join(', ')}` : 'nothing'}${values['with-node'] ? '' : '; Node-only graders'}`);
console.log(`${Math.round((Date.now() - started) / 1000)} s; survivors in ${relative(root, join(outDir, `${slug}-survivors.txt`))}`);
