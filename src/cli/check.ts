// `workbook check`: the course checks itself. Every reference solution earns full
// marks, every scaffold fails each graded task, and every known-bad implementation
// in tests/fixtures/buggy/ fails the tasks that are meant to catch it.
import { rmSync } from 'node:fs';
import type { GradeReport } from '../core/report';
import { catalog } from '../catalog/lab-catalog';
import { gradeLabs } from '../node/run-graders';
import { mapLimit } from '../core/map-limit';
import { loadAlternativeFixtures, loadBuggyFixtures, materializeFixture, type BuggyFixture } from '../node/fixtures';

/**
 * A skipped task is one this machine cannot grade (no Redis outside CI); locally it is
 * reported, not counted as a problem. In CI (`ci`, default: CI is set) nothing may skip:
 * a skipped task is a problem like a failed one, so a green CI run graded every task.
 */
export function solutionProblems(r: GradeReport, who = `${r.lab}: the solution`, { ci = Boolean(process.env.CI) } = {}): string[] {
  if (r.message) return [`${who} did not load: ${r.message}`];
  return r.tasks
    .filter((t) => t.status !== 'pass' && (ci || t.status !== 'skip'))
    .map((t) => `${who} does not earn task "${t.id}" (${t.status}${t.status === 'skip' ? ', and CI must grade every task' : ''}): ${t.message ?? ''}`);
}

export function scaffoldProblems(r: GradeReport): string[] {
  return r.tasks.filter((t) => t.status === 'pass').map((t) => `${r.lab}: the scaffold already passes task "${t.id}": nothing is left for the learner`);
}

export function fixtureProblems(f: BuggyFixture, r: GradeReport): string[] {
  return f.mustFail.flatMap((id) => {
    const task = r.tasks.find((t) => t.id === id);
    if (!task) return [`${f.name}: expect.json names task "${id}", which ${f.lab} does not have`];
    return task.status === 'pass' ? [`${f.name}: task "${id}" passed, but this known bug must fail it`] : [];
  });
}

/** Checks the labs named (all when none are), their known-bad and alternative implementations included. */
export async function runCheck(slugs: readonly string[] = []): Promise<number> {
  const labs = catalog.select(slugs);
  const problems = labs.flatMap((lab) => catalog.layoutProblems(lab));
  const log = (s: string) => process.stderr.write(s + '\n');

  log(`Grading ${labs.length} reference solutions…`);
  const solved = await gradeLabs(labs, { implRoot: catalog.dirs.solutions, jobs: 2 });
  solved.forEach((r) => log(`  ${r.status === 'pass' ? '✔' : '✘'} ${r.lab} ${r.score}/${r.max_score}`));
  const skipped = solved.flatMap((r) => r.tasks.filter((t) => t.status === 'skip').map((t) => `${r.lab}/${t.id}: ${t.message}`));
  if (skipped.length) log(`  not graded on this machine (${process.env.CI ? 'CI must grade them' : 'they run in CI'}):\n${skipped.map((s) => `    - ${s}`).join('\n')}`);
  problems.push(...solved.flatMap((r) => solutionProblems(r)));

  log(`Grading ${labs.length} scaffolds (each must fail every task)…`);
  const scaffolds = await gradeLabs(labs, { implRoot: catalog.dirs.labs, jobs: 2 });
  scaffolds.forEach((r) => log(`  ${r.tasks.every((t) => t.status !== 'pass') ? '✔' : '✘'} ${r.lab} ${r.score}/${r.max_score}`));
  problems.push(...scaffolds.flatMap(scaffoldProblems));

  const fixtures = loadBuggyFixtures().filter((f) => slugs.length === 0 || slugs.includes(f.lab));
  log(`Grading ${fixtures.length} known-bad implementations…`);
  // Two at a time, like the labs above: each is its own child process.
  await mapLimit(fixtures, 2, async (f) => {
    const lab = labs.find((l) => l.slug === f.lab);
    if (!lab) { problems.push(`${f.name}: no lab "${f.lab}"`); return; }
    const implRoot = materializeFixture(f.dir);
    const [report] = await gradeLabs([lab], { implRoot }).finally(() => rmSync(implRoot, { recursive: true, force: true }));
    const found = fixtureProblems(f, report);
    log(`  ${found.length === 0 ? '✔' : '✘'} ${f.name}: fails ${report.tasks.filter((t) => t.status !== 'pass').map((t) => t.id).join(', ') || 'nothing'}`);
    problems.push(...found);
  });

  // Fairness: a correct design other than the reference (tests/fixtures/alternative/) earns full marks too.
  const alternatives = loadAlternativeFixtures().filter((f) => slugs.length === 0 || slugs.includes(f.lab));
  log(`Grading ${alternatives.length} alternative designs (each must earn full marks)…`);
  await mapLimit(alternatives, 2, async (f) => {
    const lab = labs.find((l) => l.slug === f.lab);
    if (!lab) { problems.push(`${f.name}: no lab "${f.lab}"`); return; }
    const implRoot = materializeFixture(f.dir);
    const [report] = await gradeLabs([lab], { implRoot }).finally(() => rmSync(implRoot, { recursive: true, force: true }));
    const found = solutionProblems(report, `${f.name} (alternative design)`);
    log(`  ${found.length === 0 ? '✔' : '✘'} ${f.name} ${report.score}/${report.max_score}`);
    problems.push(...found);
  });

  if (problems.length) {
    console.log(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log(`\nworkbook check: ${labs.length} labs, ${fixtures.length} known bugs caught, all solutions and ${alternatives.length} alternative designs full marks, all scaffolds failing.`);
  return 0;
}
