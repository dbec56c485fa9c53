// A graded class on disk: batch.json is the record, and everything else an instructor reads
// (gradebook.csv, lms.csv, report.html) is derived from it, so it can be re-derived and
// checked: `workbook gradebook batch.json --check` finds any grade changed after the fact.
// Shards of one class (`grade-batch --shard i/n`) merge into one record here, and a student
// graded again (`--only`) replaces their row.
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Lab } from '../core/lab';
import type { Locale } from '../i18n/locale';
import type { GradeReport, TestStatus } from '../core/report';
import { classReportHtml } from './class-report';
import { UsageError } from './usage';

export const RECORD_VERSION = 2;

/** What batch.json records about the labs, so derived files need nothing else. */
export interface LabColumn {
  slug: string;
  title: string;
  max: number;
  tasks: Array<{ id: string; title: string; points: number; hidden: boolean }>;
}

export type StudentStatus = 'pass' | 'fail' | 'error' | 'tampered';

export interface LabRow {
  /** False when the student handed nothing in for this lab. */
  submitted: boolean;
  status: 'pass' | 'fail' | 'error' | 'tampered' | 'not submitted';
  score: number;
  /** Each task's outcome. */
  tasks: Record<string, TestStatus>;
  /** The lab's one-line reason when it could not be graded normally. */
  message?: string;
}

export interface StudentRow {
  student: string;
  /** The submission as it was found: a folder name or a zip's file name. */
  entry: string;
  status: StudentStatus;
  total: number;
  max: number;
  labs: Record<string, LabRow>;
  seconds: number;
  /** sha256 of <student>/instructor-report.json as written. */
  report_sha256: string;
}

export interface BatchRecord {
  version: typeof RECORD_VERSION;
  labs: LabColumn[];
  limits: { timeoutSec: number; memoryMb: number };
  /** The language of report.html (and of the students' feedback). */
  locale: Locale;
  students: StudentRow[];
}

export const labColumns = (labs: Lab[], locale: Locale): LabColumn[] => labs.map((l) => ({
  slug: l.slug, title: l.title[locale], max: l.tasks.reduce((s, t) => s + t.points, 0),
  tasks: l.tasks.map((t) => ({ id: t.id, title: t.title[locale], points: t.points, hidden: t.hidden })),
}));

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A student's row from their reports (one per lab, "not submitted" ones included). */
export function studentRow(student: string, entry: string, reports: GradeReport[], notSubmitted: Set<string>, tampered: Set<string>, seconds: number, reportText: string): StudentRow {
  const labs: Record<string, LabRow> = {};
  for (const r of reports) {
    const submitted = !notSubmitted.has(r.lab);
    labs[r.lab] = {
      submitted,
      status: !submitted ? 'not submitted' : tampered.has(r.lab) ? 'tampered' : r.status,
      score: r.score,
      tasks: Object.fromEntries(r.tasks.map((t) => [t.id, t.status])),
      ...(r.message ? { message: r.message.split('\n')[0] } : {}),
    };
  }
  const rows = Object.values(labs);
  const status: StudentStatus = rows.some((l) => l.status === 'tampered') ? 'tampered'
    : rows.some((l) => l.status === 'error') ? 'error'
      : rows.every((l) => l.status === 'pass') ? 'pass' : 'fail';
  return {
    student, entry, status,
    total: reports.reduce((s, r) => s + r.score, 0),
    max: reports.reduce((s, r) => s + r.max_score, 0),
    labs, seconds: Math.round(seconds * 10) / 10, report_sha256: sha256(reportText),
  };
}

// ---- derived files ---------------------------------------------------------------------------

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote when needed, and defuse spreadsheet formulas in student-chosen names ("-" alone is ours: not submitted).
  const safe = /^[=+\-@\t\r]/.test(s) && s !== '-' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};
const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';

/** One row per student: a column per lab ("-" when not handed in), then total, max and status. */
export function gradebookCsv(record: BatchRecord): string {
  const cell = (s: StudentRow, slug: string) => (s.labs[slug]?.submitted === false ? '-' : s.labs[slug]?.score ?? 0);
  return csv([
    ['student', ...record.labs.map((l) => l.slug), 'total', 'max', 'status'],
    ...record.students.map((s) => [s.student, ...record.labs.map((l) => cell(s, l.slug)), s.total, s.max, s.status]),
  ]);
}

/** For a learning management system's grade import: numbers only, one column per lab with its maximum in the header. */
export function lmsCsv(record: BatchRecord): string {
  const max = record.labs.reduce((s, l) => s + l.max, 0);
  return csv([
    ['student_id', 'total', 'max', 'percent', ...record.labs.map((l) => `${l.slug} (max ${l.max})`)],
    ...record.students.map((s) => [s.student, s.total, max, max ? Math.round((s.total / max) * 1000) / 10 : 0, ...record.labs.map((l) => s.labs[l.slug]?.score ?? 0)]),
  ]);
}

export const DERIVED = ['gradebook.csv', 'lms.csv', 'report.html'] as const;

export function derivedFiles(record: BatchRecord): Record<(typeof DERIVED)[number], string> {
  return { 'gradebook.csv': gradebookCsv(record), 'lms.csv': lmsCsv(record), 'report.html': classReportHtml(record, record.locale) };
}

/** Writes batch.json (students in name order, so equal classes give equal files) and what derives from it. */
export function writeRecord(outDir: string, record: BatchRecord): void {
  const sorted = { ...record, students: [...record.students].sort((a, b) => a.student.localeCompare(b.student)) };
  writeFileSync(join(outDir, 'batch.json'), JSON.stringify(sorted, null, 2) + '\n');
  for (const [name, text] of Object.entries(derivedFiles(sorted))) writeFileSync(join(outDir, name), text);
}

export function readRecord(file: string): BatchRecord {
  let record: BatchRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as BatchRecord;
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  if (record?.version !== RECORD_VERSION || !Array.isArray(record.students)) throw new UsageError(`${file} is not a batch.json written by this version of workbook grade-batch`);
  return record;
}

/** Everything in `outDir` that no longer matches its batch.json, as sentences. */
export function verifyRecord(outDir: string, record: BatchRecord): string[] {
  const problems: string[] = [];
  for (const [name, text] of Object.entries(derivedFiles(record))) {
    const path = join(outDir, name);
    if (!existsSync(path)) problems.push(`${name} is missing`);
    else if (readFileSync(path, 'utf8') !== text) problems.push(`${name} does not match batch.json`);
  }
  for (const s of record.students) {
    const path = join(outDir, s.student, 'instructor-report.json');
    if (!existsSync(path)) { problems.push(`${s.student}/instructor-report.json is missing`); continue; }
    if (sha256(readFileSync(path, 'utf8')) !== s.report_sha256) problems.push(`${s.student}/instructor-report.json changed after grading`);
  }
  return problems;
}

/** Students of `add` replace those of `base` with the same name; everything else is kept. */
export function mergeRecords(base: BatchRecord, add: BatchRecord): BatchRecord {
  const slugs = (r: BatchRecord) => r.labs.map((l) => l.slug).join(',');
  if (slugs(base) !== slugs(add)) throw new UsageError(`these batches graded different labs (${slugs(base)} and ${slugs(add)}): they cannot be merged`);
  const replaced = new Set(add.students.map((s) => s.student));
  return { ...base, students: [...base.students.filter((s) => !replaced.has(s.student)), ...add.students] };
}

// ---- commands --------------------------------------------------------------------------------

/** `workbook gradebook batch.json [--check]`. */
export function gradebookCommand(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { check: { type: 'boolean', default: false } } });
  if (!positionals[0]) throw new UsageError('usage: workbook gradebook BATCH.json [--check]');
  const file = resolve(positionals[0]);
  const record = readRecord(file);
  if (!values.check) {
    for (const [name, text] of Object.entries(derivedFiles(record))) writeFileSync(join(dirname(file), name), text);
    process.stderr.write(`wrote ${DERIVED.join(', ')} from ${file}\n`);
    return 0;
  }
  const problems = verifyRecord(dirname(file), record);
  if (problems.length) {
    console.log(`${problems.length} difference(s) from ${file}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    return 1;
  }
  console.log(`${file}: the gradebook, the LMS export, the report and ${record.students.length} instructor report(s) match.`);
  return 0;
}

/** `workbook merge-batches OUT IN...`: the shards of one class, combined. */
export function mergeBatchesCommand(argv: string[]): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  const [out, ...inputs] = positionals;
  if (!out || inputs.length === 0) throw new UsageError('usage: workbook merge-batches OUT_DIR IN_DIR...');
  const records = inputs.map((dir) => ({ dir, record: readRecord(join(dir, 'batch.json')) }));
  const seen = new Map<string, string>();
  for (const { dir, record } of records) {
    for (const s of record.students) {
      if (seen.has(s.student)) throw new UsageError(`student "${s.student}" is in both ${seen.get(s.student)} and ${dir}: shards of one class never share a student`);
      seen.set(s.student, dir);
    }
  }
  const merged = records.slice(1).reduce((acc, { record }) => mergeRecords(acc, record), records[0].record);
  mkdirSync(out, { recursive: true });
  for (const { dir, record } of records) {
    for (const s of record.students) cpSync(join(dir, s.student), join(out, s.student), { recursive: true });
  }
  writeRecord(out, merged);
  process.stderr.write(`merged ${records.length} batch(es), ${merged.students.length} student(s) → ${join(out, 'gradebook.csv')}\n`);
  return 0;
}
