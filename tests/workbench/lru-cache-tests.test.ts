// The lru-cache-tests lab, whose learner writes tests, in both browser runtimes run from
// Node: the worker's grading core (src/runtimes/worker/grade.ts, in a child process per
// run, as worker-core.test.ts does) and the WebContainer runtime against its fake. The
// lab's own bundle is graded, so what the page ships is what is tested here.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { composeImplementation } from '../../src/core/lab';
import type { GradeReport } from '../../src/core/report';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import { WebContainerRuntime, type ContainerApi } from '../../src/runtimes/webcontainer-runtime';
import { WORKSPACE_SOURCES } from '../../src/runtimes/webcontainer-workspace';
import { FakeWebContainer } from './fake-webcontainer';

const ROOT = catalog.dirs.root;
const lab = catalog.find('lru-cache-tests')!;
const bundle = catalog.bundle(lab);
const FILE = 'lru-cache.spec.ts';
const solution = readFileSync(join(catalog.dirs.solutions, lab.slug, FILE), 'utf8');
const scaffold = bundle.scaffold[FILE];

/** The spec of a known-bad fixture (tests/fixtures/buggy/lru-cache-tests--<name>). */
function fixtureSpec(name: string): string {
  const root = materializeFixture(join(BUGGY_DIR, `lru-cache-tests--${name}`));
  try {
    return readFileSync(join(root, lab.slug, FILE), 'utf8');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function gradeInWorker(spec: string): GradeReport {
  const input = { lab, files: composeImplementation({ [FILE]: spec }, bundle.given), graders: bundle.graders, locale: 'en' };
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', 'tests/workbench/grade-here.cli.ts'], { cwd: ROOT, input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  // The report is the last line: what the graders print (which test caught a bug) comes before it.
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as GradeReport;
}

const statuses = (report: GradeReport) => Object.fromEntries(report.tasks.map((t) => [t.id, t.status]));
const allTasks = (status: string) => Object.fromEntries(lab.tasks.map((t) => [t.id, status]));

describe('lru-cache-tests in the worker runtime', () => {
  it('the reference spec passes every task: sound, and every broken cache caught', () => {
    const report = gradeInWorker(solution);
    expect(statuses(report)).toEqual(allTasks('pass'));
    expect(report.score).toBe(report.max_score);
    // One test per learner test in "sound", one per broken cache in the other tasks.
    expect(report.tests.filter((t) => t.task_id === 'sound')).toHaveLength(1 + solution.match(/^\s+test\('/gm)!.length);
    expect(report.tests.filter((t) => t.task_id !== 'sound')).toHaveLength(28);
  });

  it('the scaffold fails every task, saying why', () => {
    const report = gradeInWorker(scaffold);
    expect(statuses(report)).toEqual(allTasks('fail'));
    expect(report.tasks.find((t) => t.id === 'sound')!.message).toMatch(/declares 1 test\(s\); a specification of the cache needs at least 5/);
    expect(report.tasks.find((t) => t.id === 'recency-bugs')!.message).toMatch(/your one counted test passes on this cache too/);
  });

  it('a happy-path spec is sound but catches no family of bugs, and each miss names the broken behaviour', () => {
    const report = gradeInWorker(fixtureSpec('happy-path-only'));
    expect(statuses(report)).toEqual({ ...allTasks('fail'), sound: 'pass' });
    const missed = report.tests.find((t) => t.name === 'a cache whose peek counts as a use of the key')!;
    expect(missed).toMatchObject({ status: 'fail', message: 'all 5 of your counted tests pass on this cache too' });
  });

  it('a test that is wrong fails "sound" with its own assertion and line, and does not count', () => {
    const spec = fixtureSpec('touches-with-has');
    const report = gradeInWorker(spec);
    const wrong = report.tests.find((t) => t.name === 'your test "get makes the key the most recently used" passes on every correct cache')!;
    expect(wrong.status).toBe('fail');
    expect(wrong.message).toMatch(/^fails on every correct cache: expected \[ 'c', 'b', 'a' \] to deeply equal \[ 'a', 'c', 'b' \]/);
    // The line of the failing expect, right after the has('a') the fixture put in place of get('a').
    expect(wrong.location).toMatchObject({ file: FILE, line: spec.split('\n').findIndex((l) => l.trim() === "cache.has('a');") + 2 });
    expect(statuses(report)).toEqual({ ...allTasks('pass'), sound: 'fail' });
  });

  it('a test that would loop forever is stopped by the call budget, and the run goes on', () => {
    const looping = solution.replace(
      "  // ---- reading and writing ----\n",
      "  // ---- reading and writing ----\n\n  test('fills until it overflows', () => {\n    const cache = create<number, number>(2);\n    for (let i = 0; cache.size <= 2; i++) cache.set(i, i);\n    expect(cache.size).toBe(3);\n  });\n",
    );
    const report = gradeInWorker(looping);
    const stopped = report.tests.find((t) => t.name === 'your test "fills until it overflows" passes on every correct cache')!;
    expect(stopped.message).toMatch(/stopped after 100,000 calls on caches in one run/);
    expect(statuses(report)).toEqual({ ...allTasks('pass'), sound: 'fail' });
  });

  it('learner code that is not a spec is refused before grading: no export named spec', () => {
    const report = gradeInWorker(solution.replace('export function spec', 'export function specification'));
    expect(report).toMatchObject({ status: 'error', reason: { kind: 'missing-exports', missing: [{ file: FILE, name: 'spec' }] } });
  });

  it('learner code may not import vitest (lab.json "imports" is empty)', () => {
    const report = gradeInWorker(`import { expect } from 'vitest';\n${solution}`);
    expect(report.reason).toMatchObject({ kind: 'refused-import', imports: [{ file: FILE, line: 1, specifier: 'vitest' }] });
  });
});

describe('lru-cache-tests in the WebContainer runtime (fake container, real Vitest)', () => {
  const sources = Object.fromEntries(WORKSPACE_SOURCES.map((p) => [p, readFileSync(join(ROOT, p), 'utf8')]));
  let runtime: WebContainerRuntime;
  beforeAll(async () => {
    FakeWebContainer.settings = { nodeModules: join(ROOT, 'node_modules') };
    runtime = await WebContainerRuntime.start(FakeWebContainer as unknown as ContainerApi, { sources });
  });
  afterAll(() => runtime?.dispose());

  it('grades the reference spec with full marks and the scaffold with none', async () => {
    const solved = await runtime.run({ bundle, files: { [FILE]: solution }, locale: 'en' });
    expect(solved.runtime).toBe('webcontainer');
    expect(statuses(solved)).toEqual(allTasks('pass'));
    const started = await runtime.run({ bundle, files: { [FILE]: scaffold }, locale: 'zh' });
    expect(statuses(started)).toEqual(allTasks('fail'));
  });
});
