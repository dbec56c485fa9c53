// Instructor grading at class scale: a class mixing honest, broken, zipped, cheating and
// escaping submissions grades to the expected scores, every cheat scores no more than the
// honest version of its bug, no submission reaches outside its folder or a classmate, and
// the gradebook is a checkable product of batch.json.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '../../src/node/zip';
import { catalog } from '../../src/catalog/lab-catalog';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import { redisServerInstalled, startRedis, type RunningRedis } from '../../src/node/redis-server';
import type { GradeSummary } from '../../src/core/report';
import type { BatchRecord } from '../../src/cli/class-records';
import { MARKERS, writeHostileClass, type HostileCase } from './hostile-class';

const REPO = join(import.meta.dirname, '../..');
const LABS = ['lru-cache', 'connection-pool', 'two-level-cache'];
const lab = catalog.labs().find((l) => l.slug === 'lru-cache')!;
const FILE = lab.files[0];
const MAX = lab.tasks.reduce((s, t) => s + t.points, 0);
const solution = readFileSync(join(catalog.dirs.solutions, 'lru-cache', FILE), 'utf8');
const PARTIAL = 'lru-cache--update-keeps-recency';

/** The classic malformed submissions, beside the hostile class. */
function addMalformed(dir: string) {
  const put = (student: string, text: string) => {
    mkdirSync(join(dir, student, 'lru-cache'), { recursive: true });
    writeFileSync(join(dir, student, 'lru-cache', FILE), text);
  };
  const partial = materializeFixture(join(BUGGY_DIR, PARTIAL));
  cpSync(partial, join(dir, 'm-partial'), { recursive: true });
  rmSync(partial, { recursive: true, force: true });
  put('m-syntax-error', solution.replace(/\n/, '\nconst = ;\n'));
  writeFileSync(join(dir, 'm-zipped.zip'), writeZip({ [`my-repo/labs/lru-cache/${FILE}`]: solution, 'my-repo/README.md': 'hi' }));
  writeFileSync(join(dir, 'm-broken.zip'), 'this is not a zip file');
  put('m-overwrites-expect', `import { expect } from 'vitest';\nexpect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\n${solution}`);
  put('m-fake-reporter-output', `console.log('✓ 42 tests passed'); console.log(JSON.stringify({ status: 'pass', score: ${MAX}, max_score: ${MAX} }));\nexport class LRUCache {}\n`);
  mkdirSync(join(dir, 'm-empty'));
}

function runBatch(input: string, extra: string[], env: NodeJS.ProcessEnv = process.env) {
  const out = mkdtempSync(join(tmpdir(), 'batch-out-'));
  const run = spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), 'grade-batch', input, '--out', out, '--labs', LABS.join(','), '--memory', '1024', '--timeout', '120', ...extra], { cwd: REPO, encoding: 'utf8', env });
  const record = existsSync(join(out, 'batch.json')) ? JSON.parse(readFileSync(join(out, 'batch.json'), 'utf8')) as BatchRecord : undefined;
  return { run, out, record };
}

const row = (record: BatchRecord | undefined, student: string) => record!.students.find((s) => s.student === student)!;
const labScore = (record: BatchRecord | undefined, student: string, slug: string) => row(record, student).labs[slug].score;
const report = (out: string, student: string, file = 'report.json') => JSON.parse(readFileSync(join(out, student, file), 'utf8')) as GradeSummary;
/** Everything the student is told: lab messages, task and test messages. */
const told = (out: string, student: string) => JSON.stringify(report(out, student)) + readFileSync(join(out, student, 'feedback.md'), 'utf8');

describe('grade-batch on a hostile class', () => {
  let input: string;
  let cases: Record<string, HostileCase>;
  let two: ReturnType<typeof runBatch>;
  let one: ReturnType<typeof runBatch>;
  let shared: RunningRedis | undefined;
  const sameInBoth = ['honest-solution', 'honest-scaffold', 'escape-writes-outside', 'cheat-patches-sort', 'honest-redis', 'hostile-redis', 'm-partial'];

  beforeAll(async () => {
    input = mkdtempSync(join(tmpdir(), 'batch-in-'));
    cases = writeHostileClass(input);
    addMalformed(input);
    // One Redis for everyone, as a CI service would give: each student must still get their own.
    shared = redisServerInstalled() ? await startRedis() : undefined;
    const env = { ...process.env, ...(shared ? { REDIS_URL: shared.url } : {}) };
    two = runBatch(input, ['--jobs', '2'], env);
    one = runBatch(input, ['--jobs', '1', '--only', sameInBoth.join(',')], env);
    return async () => {
      for (const dir of [input, two.out, one.out]) rmSync(dir, { recursive: true, force: true });
      await shared?.stop();
    };
  }, 1_200_000);

  it('finishes and records a row per submission', () => {
    expect(two.run.status, two.run.stderr).toBe(0);
    expect(two.record!.students).toHaveLength(readdirSync(input).length);
    expect(readFileSync(join(two.out, 'gradebook.csv'), 'utf8').split('\n')[0]).toBe(`student,${LABS.join(',')},total,max,status`);
  });

  it('scores every cheat no higher than the honest version of its bug', () => {
    for (const [student, c] of Object.entries(cases)) {
      const score = labScore(two.record, student, c.lab);
      if (c.score !== undefined) expect(score, student).toBe(c.score);
      if (c.honest) expect(score, `${student} vs ${c.honest}`).toBeLessThanOrEqual(labScore(two.record, c.honest, c.lab));
      if (c.says) expect(told(two.out, student), student).toMatch(c.says);
    }
    // The honest twins are what the comparison means: the buggy ones really lose points.
    expect(labScore(two.record, 'honest-solution', 'lru-cache')).toBe(MAX);
    expect(labScore(two.record, 'honest-linear-list', 'lru-cache')).toBeLessThan(MAX);
    expect(row(two.record, 'cheat-asymmetric-match').status).toBe('tampered');
  });

  it('lets no submission write outside its folder, start processes or touch a classmate', () => {
    expect(existsSync(MARKERS.nodeModules)).toBe(false);
    expect(existsSync(MARKERS.graders)).toBe(false);
    expect(readFileSync(join(input, 'honest-solution', 'lru-cache', FILE), 'utf8')).toBe(solution);
    expect(labScore(two.record, 'honest-solution', 'lru-cache')).toBe(MAX);
    const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
    expect(ps).not.toMatch(/^sh -c sleep 20$/m);
  });

  it('gives each student a Redis of their own: a FLUSHALL loop costs only its author', () => {
    const max = catalog.labs().find((l) => l.slug === 'two-level-cache')!.tasks.reduce((s, t) => s + t.points, 0);
    const honest = report(two.out, 'honest-redis', 'instructor-report.json').labs.find((l) => l.lab === 'two-level-cache')!;
    expect(honest.tasks.filter((t) => t.status !== 'pass' && t.status !== 'skip')).toEqual([]);
    if (shared || process.env.CI) expect(honest.score).toBe(max);
    expect(labScore(two.record, 'hostile-redis', 'two-level-cache')).toBeLessThanOrEqual(honest.score);
  });

  it('charges a hang, a crash or a memory hog to the test that ran, and grades the rest', () => {
    for (const student of ['hog-loops', 'hog-heap', 'hog-buffers']) {
      const lru = report(two.out, student, 'instructor-report.json').labs.find((l) => l.lab === 'lru-cache')!;
      expect(lru.message, student).toBeUndefined();
      const charged = lru.tests.filter((t) => t.status === 'error');
      expect(charged.length, student).toBeGreaterThan(0);
      expect(lru.tasks.filter((t) => t.status === 'pass').length, student).toBeGreaterThan(3);
    }
    expect(told(two.out, 'hog-loops')).toMatch(/timed out after \d+ s .*while this test ran/);
  });

  it('explains each malformed submission', () => {
    const msg = (student: string) => report(two.out, student).labs.find((l) => l.lab === 'lru-cache')!.message ?? '';
    expect(msg('m-syntax-error')).toMatch(new RegExp(`lru-cache/${FILE}:2:`));
    expect(msg('m-broken')).toMatch(/could not read the submission: not a zip file/);
    expect(msg('m-overwrites-expect')).toMatch(/may not import "vitest"/);
    expect(msg('m-empty')).toMatch(/no lab folder found/);
    expect(labScore(two.record, 'm-zipped', 'lru-cache')).toBe(MAX);
    expect(labScore(two.record, 'm-partial', 'lru-cache')).toBeGreaterThan(0);
    expect(labScore(two.record, 'm-partial', 'lru-cache')).toBeLessThan(MAX);
    // Printed "all passed" lines change nothing: results never travel through stdout.
    const faked = report(two.out, 'm-fake-reporter-output').labs.find((l) => l.lab === 'lru-cache')!;
    expect(faked.tasks.every((t) => t.status !== 'pass')).toBe(true);
  });

  it('calls a lab nobody handed in "not submitted", not an error', () => {
    const r = row(two.record, 'honest-solution');
    expect(r.labs['connection-pool']).toMatchObject({ submitted: false, status: 'not submitted', score: 0 });
    expect(r.status).toBe('fail');
    expect(readFileSync(join(two.out, 'gradebook.csv'), 'utf8')).toMatch(new RegExp(`^honest-solution,${MAX},-,-,${MAX},`, 'm'));
  });

  it('keeps dup/ and dup.zip apart, and says so', () => {
    expect(labScore(two.record, 'dup', 'lru-cache')).toBe(MAX);
    expect(labScore(two.record, 'dup.zip', 'lru-cache')).toBe(0);
    expect(two.run.stderr).toMatch(/2 submissions would share the name "dup" \(dup, dup\.zip\)/);
  });

  it('writes plain text: no colour codes in any report or feedback', () => {
    for (const student of two.record!.students.map((s) => s.student)) {
      for (const file of ['report.json', 'instructor-report.json', 'feedback.md']) {
        expect(readFileSync(join(two.out, student, file), 'utf8'), `${student}/${file}`).not.toMatch(/\u001b/);
      }
    }
    expect(told(two.out, 'ansi-message')).toMatch(/red failure/);
  });

  it('gives the same grades with --jobs 2 as with --jobs 1', () => {
    // hostile-redis is graded twice only as the honest Redis student's neighbour: its FLUSHALL loop
    // races its own graders, so its own score depends on timing; everyone else's must not.
    for (const student of sameInBoth.filter((s) => s !== 'hostile-redis')) expect(row(one.record, student).labs, student).toEqual(row(two.record, student).labs);
  });

  it('derives the gradebook from batch.json, and finds any change made after the batch', () => {
    const check = (out: string) => spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), 'gradebook', join(out, 'batch.json'), '--check'], { cwd: REPO, encoding: 'utf8' });
    expect(check(two.out).status).toBe(0);
    const copy = mkdtempSync(join(tmpdir(), 'batch-copy-'));
    cpSync(two.out, copy, { recursive: true });
    writeFileSync(join(copy, 'gradebook.csv'), readFileSync(join(copy, 'gradebook.csv'), 'utf8').replace(/^escape-spawns,\d+/m, 'escape-spawns,99'));
    appendFileSync(join(copy, 'honest-scaffold', 'instructor-report.json'), ' ');
    const tampered = check(copy);
    expect(tampered.status).toBe(1);
    expect(tampered.stdout).toMatch(/gradebook\.csv does not match batch\.json/);
    expect(tampered.stdout).toMatch(/honest-scaffold\/instructor-report\.json changed after grading/);
    rmSync(copy, { recursive: true, force: true });
  });

  it('writes an LMS export and a self-contained class report', () => {
    const lms = readFileSync(join(two.out, 'lms.csv'), 'utf8').split('\n');
    expect(lms[0]).toBe(`student_id,total,max,percent,${LABS.map((slug) => `${slug} (max ${catalog.labs().find((l) => l.slug === slug)!.tasks.reduce((s, t) => s + t.points, 0)})`).join(',')}`);
    const html = readFileSync(join(two.out, 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script|https?:\/\/|src=/);
  });
});

describe('grade-batch --locale zh', () => {
  let out: string;
  let input: string;

  beforeAll(() => {
    input = mkdtempSync(join(tmpdir(), 'batch-zh-'));
    // lru-cache never finishes loading (a loop at the top level of its file); the other labs were not handed in.
    mkdirSync(join(input, 'loops-at-load', 'lru-cache'), { recursive: true });
    writeFileSync(join(input, 'loops-at-load', 'lru-cache', FILE), `while (Date.now() > 0) {}\n${solution}`);
    ({ out } = runBatch(input, ['--locale', 'zh', '--timeout', '5']));
    return () => { for (const dir of [input, out]) rmSync(dir, { recursive: true, force: true }); };
  }, 300_000);

  it('words a lab not handed in and a crash in Chinese, in the feedback and the report', () => {
    const feedback = readFileSync(join(out, 'loops-at-load', 'feedback.md'), 'utf8');
    const labs = report(out, 'loops-at-load').labs;
    const lru = labs.find((l) => l.lab === 'lru-cache')!;
    expect(lru.reason).toMatchObject({ kind: 'crashed', during: 'loading', end: { why: 'lab-limit', seconds: 5 } });
    expect(lru.message).toMatch(/lru-cache\.test\.ts：加载实验代码时用完了本实验 5 秒的时限（文件顶层有死循环？）$/);
    expect(labs.find((l) => l.lab === 'connection-pool')).toMatchObject({ reason: { kind: 'not-submitted' }, message: '未提交' });
    expect(feedback).toContain(`> ${lru.message}`);
    expect(feedback).toContain('> 未提交');
    expect(feedback).not.toMatch(/not submitted|grading stopped|time limit/);
    // Its own words are Chinese too: the title and the score line.
    expect(feedback).toMatch(/^# loops-at-load 的评分反馈\n\n\*\*总分：0 \/ \d+\*\*/);
    expect(feedback).not.toMatch(/Feedback for|Score:|Hint:/);
  });
});
