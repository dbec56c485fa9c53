// Instructor grading at class scale: a batch mixing correct, partial, broken, zipped and
// hostile submissions grades to the expected scores, writes every file, and never stops early.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '../../src/node/zip';
import { catalog } from '../../src/catalog/lab-catalog';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import type { GradeSummary } from '../../src/core/report';

const REPO = join(import.meta.dirname, '../..');
const SLUG = 'lru-cache';
const lab = catalog.find(SLUG)!;
const FILE = lab.files[0];
const MAX = lab.tasks.reduce((s, t) => s + t.points, 0);
const solution = readFileSync(join(catalog.dirs.solutions, SLUG, FILE), 'utf8');
const PARTIAL = 'lru-cache--update-keeps-recency';

/** Submissions as folder name → file text of the lab's one file (or a zip). */
function makeBatch(dir: string) {
  const put = (student: string, text: string) => {
    mkdirSync(join(dir, student, SLUG), { recursive: true });
    writeFileSync(join(dir, student, SLUG, FILE), text);
  };
  put('01-correct', solution);
  cpSync(materializeFixture(join(BUGGY_DIR, PARTIAL)), join(dir, '02-partial'), { recursive: true });
  put('03-syntax-error', solution.replace(/\n/, '\nconst = ;\n'));
  writeFileSync(join(dir, '04-zipped.zip'), writeZip({ [`my-repo/labs/${SLUG}/${FILE}`]: solution, 'my-repo/README.md': 'hi' }));
  writeFileSync(join(dir, '05-broken.zip'), 'this is not a zip file');
  put('06-exits-early', `${solution}\nprocess.exit(0);\n`);
  put('07-overwrites-expect', `import { expect } from 'vitest';\nexpect.extend({ toBe: () => ({ pass: true, message: () => '' }) });\n${solution}`);
  put('08-patches-clock', `${solution}\nlet fake = 0;\nperformance.now = () => (fake += 0.001);\n`);
  put('09-fake-reporter-output', `console.log('✓ 42 tests passed'); console.log(JSON.stringify({ status: 'pass', score: ${MAX}, max_score: ${MAX} }));\nexport class LRUCache {}\n`);
  // Climbs out of its folder to the grading code (the private copy that grades it sits beside the
  // submission) and plants a grader, through an import of a computed name: refused before it runs.
  put('10-writes-outside', `const fs = await import('node:' + 'fs');\nfs.writeFileSync(new URL('../../grader/graders/${SLUG}/evil.test.ts', import.meta.url), 'x');\n${solution}`);
  put('11-loops-forever', `${solution}\nwhile (true) {}\n`);
  mkdirSync(join(dir, '12-empty'));
}

function runBatch(input: string, jobs: number) {
  const out = mkdtempSync(join(tmpdir(), 'batch-out-'));
  const run = spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), 'grade-batch', input, '--out', out, '--labs', SLUG, '--jobs', String(jobs), '--timeout', '60'], { cwd: REPO, encoding: 'utf8' });
  return { run, out, csv: readFileSync(join(out, 'gradebook.csv'), 'utf8') };
}

const scoreOf = (csv: string) => Object.fromEntries(csv.trim().split('\n').slice(1).map((l) => { const c = l.split(','); return [c[0], { score: Number(c[1]), status: c.at(-1) }]; }));

describe('grade-batch', () => {
  let input: string;
  let one: ReturnType<typeof runBatch>;
  let two: ReturnType<typeof runBatch>;
  let partialScore: number;

  beforeAll(() => {
    input = mkdtempSync(join(tmpdir(), 'batch-in-'));
    makeBatch(input);
    one = runBatch(input, 1);
    two = runBatch(input, 2);
    const direct = spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), 'grade', SLUG, '--impl', join(BUGGY_DIR, PARTIAL), '--format', 'json'], { cwd: REPO, encoding: 'utf8' });
    partialScore = (JSON.parse(direct.stdout) as GradeSummary).score;
    return () => rmSync(input, { recursive: true, force: true });
  }, 900_000);

  it('finishes and writes a row per submission', () => {
    expect(one.run.status).toBe(0);
    expect(one.csv.split('\n')[0]).toBe(`student,${SLUG},total,max,status`);
    expect(Object.keys(scoreOf(one.csv))).toHaveLength(12);
  });

  it('grades each submission honestly', () => {
    const g = scoreOf(one.csv);
    expect(g['01-correct']).toEqual({ score: MAX, status: 'pass' });
    expect(g['04-zipped']).toEqual({ score: MAX, status: 'pass' });
    expect(partialScore).toBeGreaterThan(0);
    expect(partialScore).toBeLessThan(MAX);
    expect(g['02-partial'].score).toBe(partialScore);
    for (const name of ['03-syntax-error', '05-broken', '06-exits-early', '07-overwrites-expect', '08-patches-clock', '09-fake-reporter-output', '10-writes-outside', '11-loops-forever', '12-empty']) {
      expect(g[name].score, name).toBe(0);
    }
    expect(existsSync(join(catalog.dirs.graders, SLUG, 'evil.test.ts'))).toBe(false);
  });

  it('explains each failure in the report', () => {
    const msg = (student: string) => (JSON.parse(readFileSync(join(one.out, student, 'report.json'), 'utf8')) as GradeSummary).labs[0].message ?? '';
    expect(msg('03-syntax-error')).toMatch(new RegExp(`${SLUG}/${FILE}:2:`));
    expect(msg('05-broken')).toMatch(/could not read the submission: not a zip file/);
    expect(msg('07-overwrites-expect')).toMatch(/lru-cache\.ts:1: may not import "vitest"/);
    // Its printed "all passed" lines change nothing: results never travel through stdout.
    const faked = JSON.parse(readFileSync(join(one.out, '09-fake-reporter-output', 'report.json'), 'utf8')) as GradeSummary;
    expect(faked.labs[0].status).toBe('fail');
    expect(faked.labs[0].tasks.every((t) => t.status !== 'pass')).toBe(true);
    expect(msg('10-writes-outside')).toMatch(/lru-cache\.ts:1: an import\(\) or require\(\) of a computed name cannot be checked/);
    expect(msg('11-loops-forever')).toMatch(/timed out/);
    expect(msg('12-empty')).toMatch(/no lab folder found/);
  });

  it('writes feedback with hints for failed tasks', () => {
    const feedback = readFileSync(join(one.out, '02-partial', 'feedback.md'), 'utf8');
    expect(feedback).toMatch(/^# Feedback for 02-partial/);
    expect(feedback).toMatch(/❌/);
    expect(feedback).toMatch(/✅/);
  });

  it('gives the same grades with --jobs 2 as with --jobs 1', () => {
    expect(scoreOf(two.csv)).toEqual(scoreOf(one.csv));
  });
});
