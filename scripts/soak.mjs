#!/usr/bin/env node
// Soak test of the graders' fairness and sharpness under load: grades the reference
// solutions, the alternative designs and the known-bad fixtures of the chosen labs N times
// while CPU burners (one per core) keep every core busy, then reports every verdict that
// changed. A solution or an alternative design must pass every task N/N; a known-bad
// fixture must fail each task its expect.json names N/N.
//
//   node scripts/soak.mjs [slug...] [--runs 20] [--fixtures all|performance|none] [--jobs 2] [--no-burn] [--out FILE]
//
// --fixtures performance (the default) soaks only the known-bad fixtures that must fail a
// performance task: the others fail on a count or a value, which load cannot change (a
// single `workbook check` proves them). Exit status 0 when no verdict changed, 1 otherwise.
import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { catalog } = await import('../src/catalog/lab-catalog.ts');
const { gradeLabs } = await import('../src/node/run-graders.ts');
const { loadBuggyFixtures, loadAlternativeFixtures, materializeFixture } = await import('../src/node/fixtures.ts');
const { mapLimit } = await import('../src/core/map-limit.ts');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '20' },
    fixtures: { type: 'string', default: 'performance' },
    jobs: { type: 'string', default: '2' },
    'no-burn': { type: 'boolean', default: false },
    out: { type: 'string', default: join(root, 'reports/soak.json') },
  },
});
const runs = Number(values.runs);
const jobs = Number(values.jobs);
if (!(runs >= 1) || !(jobs >= 1) || !['all', 'performance', 'none'].includes(values.fixtures)) {
  console.error('usage: node scripts/soak.mjs [slug...] [--runs N] [--fixtures all|performance|none] [--jobs N] [--no-burn] [--out FILE]');
  process.exit(2);
}
const labs = catalog.select(positionals);
const bySlug = new Map(labs.map((l) => [l.slug, l]));
const isPerf = (slug, taskId) => bySlug.get(slug)?.tasks.find((t) => t.id === taskId)?.kind === 'performance';

/** What is graded each run: the solution, each alternative design, each chosen known-bad fixture. */
const subjects = [
  ...labs.map((lab) => ({ name: `${lab.slug} (solution)`, lab, mustPass: true })),
  ...loadAlternativeFixtures().filter((f) => bySlug.has(f.lab)).map((f) => ({ name: `${f.name} (alternative)`, lab: bySlug.get(f.lab), dir: f.dir, mustPass: true })),
  ...(values.fixtures === 'none' ? [] : loadBuggyFixtures()
    .filter((f) => bySlug.has(f.lab) && (values.fixtures === 'all' || f.mustFail.some((id) => isPerf(f.lab, id))))
    .map((f) => ({ name: f.name, lab: bySlug.get(f.lab), dir: f.dir, mustFail: f.mustFail }))),
];

// Busy loops at normal priority, one per core: the grading competes for every core.
const burners = values['no-burn'] ? [] : Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBurners = () => { for (const b of burners) if (b.exitCode === null) b.kill('SIGKILL'); };
process.on('exit', stopBurners);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { stopBurners(); process.exit(130); });

/** subject name → task id → { outcomes: statuses by run, observed: perf values by run, target } */
const record = new Map();
/** Written after every run, so an interrupted soak still leaves its evidence. */
function writeReport(problems) {
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, JSON.stringify({
    runs, burners: burners.length, jobs, minutes: (Date.now() - started) / 60000,
    subjects: Object.fromEntries([...record].map(([name, tasks]) => [name, Object.fromEntries(tasks)])),
    ...(problems ? { problems } : {}),
  }, null, 2));
}
const started = Date.now();
console.error(`soak: ${subjects.length} implementations × ${runs} runs, ${burners.length} CPU burners, ${jobs} at a time`);
for (let run = 1; run <= runs; run++) {
  await mapLimit(subjects, jobs, async (s) => {
    let implRoot;
    try {
      implRoot = s.dir ? materializeFixture(s.dir) : catalog.dirs.solutions;
      const [report] = await gradeLabs([s.lab], { implRoot });
      const tasks = record.get(s.name) ?? new Map();
      record.set(s.name, tasks);
      for (const task of report.tasks) {
        const entry = tasks.get(task.id) ?? { outcomes: [], observed: [], messages: [] };
        entry.outcomes.push(task.status);
        if (task.status !== 'pass' && task.status !== 'skip' && entry.messages.length < 3) entry.messages.push((task.message ?? report.message ?? '').split('\n')[0]);
        tasks.set(task.id, entry);
        // A task may hold several latency targets: each test's measurements are kept apart.
        for (const t of report.tests.filter((t) => t.task_id === task.id && t.perf)) {
          const key = `${task.id} › ${t.perf.metric}`;
          const perf = tasks.get(key) ?? { outcomes: [], observed: [], messages: [], perfOnly: true };
          perf.observed.push(t.perf.observed);
          perf.target = `${t.perf.direction === 'max' ? '≤' : '≥'} ${t.perf.target}${t.perf.unit}`;
          perf.task = task.id;
          tasks.set(key, perf);
        }
      }
    } catch (err) {
      // A fixture that no longer applies is a problem to report, not a reason to lose the soak.
      const tasks = record.get(s.name) ?? new Map();
      record.set(s.name, tasks);
      const entry = tasks.get('(setup)') ?? { outcomes: [], observed: [], messages: [] };
      entry.outcomes.push('error');
      if (entry.messages.length < 3) entry.messages.push(String(err.message ?? err).split('\n')[0]);
      tasks.set('(setup)', entry);
    } finally {
      if (s.dir && implRoot) rmSync(implRoot, { recursive: true, force: true });
    }
  });
  console.error(`  run ${run}/${runs} done (${Math.round((Date.now() - started) / 1000)} s)`);
  writeReport();
}
stopBurners();

// A verdict is wrong when a must-pass task did not pass, or a must-fail task passed.
const problems = [];
const perfLines = [];
for (const s of subjects) {
  for (const [taskId, e] of record.get(s.name) ?? []) {
    if (e.perfOnly) {
      if (s.mustPass || s.mustFail.includes(e.task)) {
        const sorted = [...e.observed].sort((a, b) => a - b);
        perfLines.push(`${s.name} › ${taskId}: target ${e.target}; observed min ${sorted[0].toPrecision(3)}, median ${sorted[sorted.length >> 1].toPrecision(3)}, max ${sorted.at(-1).toPrecision(3)} (${sorted.length} runs)`);
      }
      continue;
    }
    const passes = e.outcomes.filter((o) => o === 'pass').length;
    const skips = e.outcomes.filter((o) => o === 'skip').length;
    const wrong = s.mustPass || taskId === '(setup)' ? e.outcomes.length - passes - skips : s.mustFail.includes(taskId) ? passes : 0;
    if (wrong > 0) problems.push(`${s.name} › ${taskId}: ${s.mustPass ? `failed ${wrong}/${runs}` : `passed ${wrong}/${runs} (must fail)`}${e.messages.length ? `\n      ${e.messages.join('\n      ')}` : ''}`);
  }
}
writeReport(problems);
console.log(`\nsoak: ${runs} runs with ${burners.length} CPU burners, ${subjects.length} implementations, ${Math.round((Date.now() - started) / 60000)} min`);
console.log(`\nperformance measurements:\n${perfLines.map((l) => `  ${l}`).join('\n') || '  (none)'}`);
console.log(problems.length ? `\n${problems.length} changed verdict(s):\n${problems.map((p) => `  ✘ ${p}`).join('\n')}` : '\nno verdict changed: every solution and alternative passed every run, every known bug failed every run.');
process.exitCode = problems.length ? 1 : 0;
