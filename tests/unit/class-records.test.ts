// The class record without grading anything: names, shards, merging, the derived files,
// and that sharded-then-merged equals unsharded on a real (small) class.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shardOf, submissionNames } from '../../src/cli/batch';
import { gradebookCsv, lmsCsv, mergeRecords, verifyRecord, type BatchRecord, type StudentRow } from '../../src/cli/class-records';
import { classReportHtml, scoreHistogram, taskStats } from '../../src/cli/class-report';
import { catalog } from '../../src/catalog/lab-catalog';

const REPO = join(import.meta.dirname, '../..');

const student = (name: string, score: number, tasks: Record<string, 'pass' | 'fail'>, submitted = true): StudentRow => ({
  student: name, entry: name, status: score === 3 ? 'pass' : 'fail', total: score, max: 3, seconds: 1, report_sha256: '',
  labs: { lab: { submitted, status: submitted ? (score === 3 ? 'pass' : 'fail') : 'not submitted', score, tasks } },
});
const record = (students: StudentRow[]): BatchRecord => ({
  version: 2, locale: 'en', limits: { timeoutSec: 60, memoryMb: 512 },
  labs: [{ slug: 'lab', title: 'A lab', max: 3, tasks: [{ id: 'a', title: 'Task A', points: 1, hidden: false }, { id: 'b', title: 'Task B', points: 2, hidden: true }] }],
  students,
});

describe('submission names', () => {
  it('keeps entries that would share a row apart, and says which', () => {
    const { submissions, clashes } = submissionNames(['dup', 'dup.zip', 'Alice', 'alice.zip', 'bob', 'a b', 'a_b']);
    const names = submissions.map((s) => s.student);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(submissions.find((s) => s.entry === 'dup')!.student).toBe('dup');
    expect(submissions.find((s) => s.entry === 'dup.zip')!.student).toBe('dup.zip');
    expect(submissions.find((s) => s.entry === 'bob')!.student).toBe('bob');
    expect(clashes).toHaveLength(3);
    expect(clashes.join('\n')).toMatch(/"dup" \(dup, dup\.zip\)/);
  });
});

describe('shards', () => {
  it('put every student in exactly one shard, the same one on every runner', () => {
    const names = Array.from({ length: 200 }, (_, i) => `student-${i}`);
    const counts = [0, 0, 0];
    for (const n of names) {
      const s = shardOf(n, 3);
      expect(s).toBe(shardOf(n, 3));
      counts[s - 1]++;
    }
    expect(counts.reduce((a, b) => a + b)).toBe(200);
    for (const c of counts) expect(c).toBeGreaterThan(40);
  });
});

describe('the record and what derives from it', () => {
  const r = record([student('ann', 3, { a: 'pass', b: 'pass' }), student('ben', 1, { a: 'pass', b: 'fail' }), student('cy', 0, {}, false), student('=cmd', 0, { a: 'fail', b: 'fail' })]);

  it('writes a gradebook with "-" for a lab not handed in, and formulas defused', () => {
    expect(gradebookCsv(r)).toBe("student,lab,total,max,status\nann,3,3,3,pass\nben,1,1,3,fail\ncy,-,0,3,fail\n'=cmd,0,0,3,fail\n");
    expect(lmsCsv(r).split('\n')[0]).toBe('student_id,total,max,percent,lab (max 3)');
    expect(lmsCsv(r).split('\n')[2]).toBe('ben,1,3,33.3,1');
  });
  it('counts, per task, how many of those who handed the lab in earned it', () => {
    expect(taskStats(r).map((t) => [t.task, t.passed, t.submitted])).toEqual([['b', 1, 3], ['a', 2, 3]]);
    expect(scoreHistogram(r)).toEqual([2, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    const html = classReportHtml(r, 'zh');
    expect(html).toMatch(/班级评分报告/);
    expect(html).toContain('Task B (隐藏)');
  });
  it('merges: a student graded again replaces the old row, the others stay', () => {
    const again = record([student('ben', 3, { a: 'pass', b: 'pass' })]);
    const merged = mergeRecords(r, again);
    expect(merged.students.map((s) => [s.student, s.total]).sort()).toEqual([['=cmd', 0], ['ann', 3], ['ben', 3], ['cy', 0]]);
    expect(() => mergeRecords(r, { ...again, labs: [] })).toThrow(/graded different labs/);
  });
  it('verifies the files on disk against the record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'record-'));
    const one = record([{ ...student('ann', 3, { a: 'pass', b: 'pass' }), report_sha256: '2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae' }]);
    mkdirSync(join(dir, 'ann'));
    writeFileSync(join(dir, 'ann', 'instructor-report.json'), 'foo');
    writeFileSync(join(dir, 'gradebook.csv'), gradebookCsv(one));
    writeFileSync(join(dir, 'lms.csv'), lmsCsv(one));
    writeFileSync(join(dir, 'report.html'), classReportHtml(one, 'en'));
    expect(verifyRecord(dir, one)).toEqual([]);
    writeFileSync(join(dir, 'lms.csv'), 'student_id,total\nann,99\n');
    expect(verifyRecord(dir, one)).toEqual(['lms.csv does not match batch.json']);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('sharded, then merged', () => {
  let whole: string;
  let merged: string;
  let input: string;
  const workbook = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), ...args], { cwd: REPO, encoding: 'utf8' });

  beforeAll(() => {
    input = mkdtempSync(join(tmpdir(), 'shard-in-'));
    const put = (name: string, text: string) => {
      mkdirSync(join(input, name, 'lru-cache'), { recursive: true });
      writeFileSync(join(input, name, 'lru-cache', 'lru-cache.ts'), text);
    };
    const solution = readFileSync(join(catalog.dirs.solutions, 'lru-cache', 'lru-cache.ts'), 'utf8');
    const scaffold = readFileSync(join(catalog.dirs.labs, 'lru-cache', 'lru-cache.ts'), 'utf8');
    put('ada', solution);
    put('bo', scaffold);
    put('cai', solution.replace('this.moveToFront(entry);\n    return entry.value;', 'return entry.value;'));
    put('dee', solution.replace(/\n/, '\nconst = ;\n'));
    put('eve', scaffold);
    const out = (name: string) => join(input, '..', `${input.split('/').pop()}-${name}`);
    whole = out('whole');
    merged = out('merged');
    expect(workbook('grade-batch', input, '--out', whole, '--labs', 'lru-cache', '--jobs', '2').status).toBe(0);
    expect(workbook('grade-batch', input, '--out', out('s1'), '--labs', 'lru-cache', '--shard', '1/2').status).toBe(0);
    expect(workbook('grade-batch', input, '--out', out('s2'), '--labs', 'lru-cache', '--shard', '2/2').status).toBe(0);
    expect(workbook('merge-batches', merged, out('s1'), out('s2')).status).toBe(0);
    return () => { for (const d of [input, whole, merged, out('s1'), out('s2')]) rmSync(d, { recursive: true, force: true }); };
  }, 600_000);

  it('gives the same gradebook as grading the class in one go', () => {
    expect(readFileSync(join(merged, 'gradebook.csv'), 'utf8')).toBe(readFileSync(join(whole, 'gradebook.csv'), 'utf8'));
    expect(readFileSync(join(merged, 'lms.csv'), 'utf8')).toBe(readFileSync(join(whole, 'lms.csv'), 'utf8'));
    const students = (dir: string) => (JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8')) as BatchRecord).students.map(({ seconds: _s, report_sha256: _h, ...rest }) => rest);
    expect(students(merged)).toEqual(students(whole));
    expect(workbook('gradebook', join(merged, 'batch.json'), '--check').status).toBe(0);
  });

  it('grades one student again into the existing batch, keeping everyone else', () => {
    const before = JSON.parse(readFileSync(join(whole, 'batch.json'), 'utf8')) as BatchRecord;
    writeFileSync(join(input, 'bo', 'lru-cache', 'lru-cache.ts'), readFileSync(join(catalog.dirs.solutions, 'lru-cache', 'lru-cache.ts'), 'utf8'));
    expect(workbook('grade-batch', input, '--out', whole, '--labs', 'lru-cache', '--only', 'bo').status).toBe(0);
    const after = JSON.parse(readFileSync(join(whole, 'batch.json'), 'utf8')) as BatchRecord;
    expect(after.students.map((s) => s.student)).toEqual(before.students.map((s) => s.student));
    expect(after.students.find((s) => s.student === 'bo')!.total).toBe(catalog.find('lru-cache')!.tasks.reduce((sum, t) => sum + t.points, 0));
    expect(after.students.filter((s) => s.student !== 'bo')).toEqual(before.students.filter((s) => s.student !== 'bo'));
    expect(workbook('gradebook', join(whole, 'batch.json'), '--check').status).toBe(0);
    expect(workbook('grade-batch', input, '--out', whole, '--only', 'nobody').stderr).toMatch(/no submission called "nobody"/);
  }, 300_000);
});
