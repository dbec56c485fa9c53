// `workbook grade-batch`: a folder of student submissions (folders or .zip files) in; a
// report, feedback and a row per student out, recorded in batch.json (class-records.ts).
// Each student is graded by one sandboxed grading process for all of their labs (and one for
// the hidden graders), with a private Redis when their labs need one; whatever one submission
// does, the batch goes on and the other students' grades do not move.
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import type { Lab } from '../core/lab';
import type { Locale } from '../i18n/locale';
import { buildReport, redactHidden, summarize, type GradeReason, type GradeReport } from '../core/report';
import { feedbackMarkdown } from '../core/feedback';
import { catalog } from '../catalog/lab-catalog';
import { extractZip } from '../node/zip';
import { gradeSandboxed, isTampered } from '../node/sandbox/grade';
import { mapLimit } from '../core/map-limit';
import {
  RECORD_VERSION, labColumns, mergeRecords, readRecord, studentRow, writeRecord, type BatchRecord, type StudentRow,
} from './class-records';
import { UsageError, positiveInt } from './usage';
import { DEFAULT_LIMITS } from '../node/sandbox/limits';

interface Limits { timeoutSec: number; memoryMb: number }

export async function gradeBatch(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      out: { type: 'string' }, labs: { type: 'string' }, jobs: { type: 'string', default: '1' },
      timeout: { type: 'string', default: String(DEFAULT_LIMITS.labSeconds) }, memory: { type: 'string', default: String(DEFAULT_LIMITS.memoryMb) },
      shard: { type: 'string' }, only: { type: 'string' }, locale: { type: 'string', default: 'en' },
    },
  });
  const [inputDir] = positionals;
  if (!inputDir || !values.out) throw new UsageError('usage: workbook grade-batch DIR --out DIR [--labs a,b] [--jobs N] [--timeout S] [--memory MB] [--shard I/N] [--only NAME,...] [--locale zh|en]');
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory()) throw new UsageError(`${inputDir} is not a folder`);
  const labs = catalog.select(listOption(values.labs));
  const limits: Limits = { timeoutSec: positiveInt(values.timeout, '--timeout'), memoryMb: positiveInt(values.memory, '--memory') };
  const jobs = positiveInt(values.jobs, '--jobs');
  if (values.locale !== 'zh' && values.locale !== 'en') throw new UsageError(`--locale must be zh or en, got "${values.locale}"`);
  const locale: Locale = values.locale;
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const { submissions, clashes } = submissionNames(readdirSync(inputDir)
    .filter((name) => !name.startsWith('.'))
    .filter((name) => statSync(join(inputDir, name)).isDirectory() || name.endsWith('.zip')));
  for (const clash of clashes) process.stderr.write(`warning: ${clash}\n`);
  let selected = submissions;
  if (values.shard) {
    const [i, n] = parseShard(values.shard);
    selected = selected.filter((s) => shardOf(s.student, n) === i);
  }
  const only = listOption(values.only);
  if (only.length) {
    const unknown = only.filter((name) => !submissions.some((s) => s.student === name));
    if (unknown.length) throw new UsageError(`no submission called ${unknown.map((u) => `"${u}"`).join(', ')} in ${inputDir}`);
    selected = selected.filter((s) => only.includes(s.student));
  }

  const scratch = mkdtempSync(join(tmpdir(), 'workbook-batch-'));
  const started = Date.now();
  let done = 0;
  let rows: StudentRow[];
  try {
    rows = await mapLimit(selected, jobs, async ({ entry, student }, i) => {
      const row = await gradeStudent(join(inputDir, entry), entry, student, join(scratch, String(i)), outDir, labs, limits, locale);
      done++;
      process.stderr.write(`[${done}/${selected.length}] ${student.padEnd(24)} ${`${row.total}/${row.max}`.padStart(9)}  ${row.status.padEnd(8)} ${row.seconds.toFixed(1)} s\n`);
      return row;
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  let record: BatchRecord = { version: RECORD_VERSION, labs: labColumns(labs, locale), limits, locale, students: rows };
  // Grading some students again: their rows replace the old ones, everyone else's stay.
  const existing = join(outDir, 'batch.json');
  if (only.length && existsSync(existing)) record = mergeRecords(readRecord(existing), record);
  writeRecord(outDir, record);
  process.stderr.write(`graded ${selected.length} submission(s) in ${((Date.now() - started) / 1000).toFixed(0)} s → ${join(outDir, 'gradebook.csv')}\n`);
  return 0;
}

const listOption = (value?: string) => (value ? value.split(',').map((s) => s.trim()).filter(Boolean) : []);

function parseShard(value: string): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const [i, n] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || n < 1 || i < 1 || i > n) throw new UsageError(`--shard must look like 2/5 (part 2 of 5), got "${value}"`);
  return [i, n];
}

/** Which of n shards (1-based) a student falls in: a hash of the name, so every runner agrees without talking. */
export function shardOf(student: string, n: number): number {
  return (parseInt(createHash('sha256').update(student).digest('hex').slice(0, 8), 16) % n) + 1;
}

const safeName = (s: string) => s.replace(/[^\w.@-]+/g, '_').replace(/^\.+/, '_') || 'unnamed';

/**
 * A row name (and output folder) for each submission. `alice/` and `alice.zip` would both be
 * "alice": when two entries clash (case-insensitively, as some file systems do), each keeps its
 * whole entry name instead ("alice" and "alice.zip"), and the clash is reported.
 */
export function submissionNames(entries: string[]): { submissions: Array<{ entry: string; student: string }>; clashes: string[] } {
  const sorted = [...entries].sort();
  const base = (entry: string) => safeName(entry.replace(/\.zip$/, ''));
  const groups = new Map<string, string[]>();
  for (const entry of sorted) groups.set(base(entry).toLowerCase(), [...(groups.get(base(entry).toLowerCase()) ?? []), entry]);
  const taken = new Set<string>();
  const clashes: string[] = [];
  const submissions = sorted.map((entry) => {
    const group = groups.get(base(entry).toLowerCase())!;
    let student = group.length > 1 ? safeName(entry) : base(entry);
    for (let n = 2; taken.has(student.toLowerCase()); n++) student = `${safeName(entry)}-${n}`;
    taken.add(student.toLowerCase());
    return { entry, student };
  });
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const names = group.map((e) => submissions.find((s) => s.entry === e)!.student);
    clashes.push(`${group.length} submissions would share the name "${base(group[0])}" (${group.join(', ')}): graded separately as ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  return { submissions, clashes };
}

/** A lab the student did not hand in: no points, and no error either. */
function notSubmitted(lab: Lab, locale: Locale): GradeReport {
  return { ...buildReport(lab, [], { runtime: 'node', locale, reason: { kind: 'not-submitted' } }), status: 'fail' };
}

async function gradeStudent(source: string, entry: string, student: string, work: string, outDir: string, labs: Lab[], limits: Limits, locale: Locale): Promise<StudentRow> {
  const t0 = Date.now();
  mkdirSync(work, { recursive: true });
  let reports: GradeReport[];
  const missing = new Set<string>();
  let dir = source;
  let failure: GradeReason | undefined;
  if (entry.endsWith('.zip')) {
    dir = join(work, 'submission');
    try {
      extractZip(readFileSync(source), dir);
    } catch (err) {
      failure = { kind: 'submission-refused', why: 'unreadable-zip', path: entry, detail: (err as Error).message };
    }
  }
  let implRoot = failure ? undefined : findImplRoot(dir, labs);
  // A labs/ (or repository) folder that links out of the submission is not the student's.
  if (implRoot && !(realpathSync(implRoot) + sep).startsWith(realpathSync(dir) + sep) && realpathSync(implRoot) !== realpathSync(dir)) {
    failure = { kind: 'submission-refused', why: 'folder-link', path: implRoot.slice(dir.length + 1) };
    implRoot = undefined;
  }
  if (!failure && !implRoot) failure = { kind: 'submission-refused', why: 'no-lab-folder', path: `${labs[0]?.slug}/${labs[0]?.files[0]}` };
  if (failure || !implRoot) {
    reports = labs.map((lab) => buildReport(lab, [], { runtime: 'node', locale, reason: failure! }));
  } else {
    // Folders are graded where they are: the grading process reads nothing from disk itself.
    const handedIn = labs.filter((lab) => existsSync(join(implRoot, lab.slug)));
    for (const lab of labs) if (!handedIn.includes(lab)) missing.add(lab.slug);
    const graded = await gradeSandboxed(handedIn, { implRoot, hidden: true, timeoutSec: limits.timeoutSec, memoryMb: limits.memoryMb, locale });
    reports = labs.map((lab) => graded.find((r) => r.lab === lab.slug) ?? notSubmitted(lab, locale));
  }
  rmSync(work, { recursive: true, force: true });

  const summary = summarize(entry, reports);
  const studentDir = join(outDir, student);
  mkdirSync(studentDir, { recursive: true });
  const instructorReport = JSON.stringify(summary, null, 2);
  // report.json and feedback.md go back to the student: hidden checks are named only by title there.
  const learnerView = { ...summary, labs: summary.labs.map((r) => redactHidden(r, labs.find((l) => l.slug === r.lab)!)) };
  writeFileSync(join(studentDir, 'report.json'), JSON.stringify(learnerView, null, 2));
  writeFileSync(join(studentDir, 'instructor-report.json'), instructorReport);
  writeFileSync(join(studentDir, 'feedback.md'), feedbackMarkdown(student, summary.labs, labs, locale));
  const tampered = new Set(reports.filter(isTampered).map((r) => r.lab));
  return studentRow(student, entry, reports, missing, tampered, (Date.now() - t0) / 1000, instructorReport);
}

/** The folder that holds `<slug>/<file>` lab folders: the submission itself, its labs/, or one level down. */
export function findImplRoot(dir: string, labs: Lab[]): string | undefined {
  const holdsLabs = (d: string) => labs.some((lab) => lab.files.some((f) => existsSync(join(d, lab.slug, f))));
  const candidates = [dir, join(dir, 'labs')];
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const sub = join(dir, name);
    if (statSync(sub).isDirectory()) candidates.push(sub, join(sub, 'labs'));
  }
  return candidates.find((d) => existsSync(d) && holdsLabs(d));
}
