// `workbook grade-batch`: a folder of student submissions (folders or .zip files) in,
// a report, feedback and a gradebook row per student out. Each student is graded in
// a child process with a time and memory limit, in a scratch folder outside the repo;
// whatever one submission does, the batch goes on.
import { parseArgs } from 'node:util';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Lab } from '../core/lab';
import { redactHidden, summarize, type GradeReport, type GradeSummary } from '../core/report';
import { feedbackMarkdown, gradebookCsv } from '../core/feedback';
import { catalog } from '../catalog/lab-catalog';
import { RepoSnapshot, copyGradingCode } from '../node/integrity';
import { extractZip } from '../node/zip';
import { runNodeScript } from '../node/child';
import { errorReport } from '../node/run-graders';
import { mapLimit } from '../core/map-limit';
import { UsageError, positiveInt } from './main';

interface StudentResult { student: string; reports: GradeReport[]; status: string; seconds: number }

export async function gradeBatch(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: {
      out: { type: 'string' }, labs: { type: 'string' }, jobs: { type: 'string', default: '1' },
      timeout: { type: 'string', default: '120' }, memory: { type: 'string', default: '2048' },
    },
  });
  const [inputDir] = positionals;
  if (!inputDir || !values.out) throw new UsageError('usage: workbook grade-batch DIR --out DIR [--labs a,b] [--jobs N] [--timeout S] [--memory MB]');
  if (!existsSync(inputDir) || !statSync(inputDir).isDirectory()) throw new UsageError(`${inputDir} is not a folder`);
  const labs = catalog.select(values.labs ? values.labs.split(',').map((s) => s.trim()).filter(Boolean) : []);
  const limits = { timeoutSec: positiveInt(values.timeout, '--timeout'), memoryMb: positiveInt(values.memory, '--memory') };
  const jobs = positiveInt(values.jobs, '--jobs');
  const outDir = resolve(values.out);
  mkdirSync(outDir, { recursive: true });

  const entries = readdirSync(inputDir)
    .filter((name) => !name.startsWith('.'))
    .filter((name) => statSync(join(inputDir, name)).isDirectory() || name.endsWith('.zip'))
    .sort();
  const scratch = mkdtempSync(join(tmpdir(), 'workbook-batch-'));
  let done = 0;
  const started = Date.now();

  const results = await mapLimit(entries, jobs, async (entry, i): Promise<StudentResult> => {
    const student = studentName(entry);
    const t0 = Date.now();
    // Each student is graded by a private copy of the grading code beside the submission, so
    // nothing a submission does touches the working tree, and a changed copy betrays who changed it.
    const work = join(scratch, `${i}`);
    const graderRoot = copyGradingCode(join(work, 'grader'));
    const snapshot = new RepoSnapshot(graderRoot);
    let reports = await gradeStudent(join(inputDir, entry), work, graderRoot, labs, limits);
    const tampered = snapshot.changes();
    rmSync(work, { recursive: true, force: true });
    if (tampered.length) {
      reports = failAll(labs, `tampering: the submission changed the grading code (${tampered.slice(0, 3).join(', ')}); this submission scores 0`);
    }
    const summary = summarize(entry, reports);
    const result = { student, reports, status: tampered.length ? 'tampered' : summary.status, seconds: (Date.now() - t0) / 1000 };
    writeStudent(outDir, student, summary, labs);
    done++;
    process.stderr.write(`[${done}/${entries.length}] ${student.padEnd(24)} ${`${summary.score}/${summary.max_score}`.padStart(9)}  ${result.status.padEnd(8)} ${result.seconds.toFixed(1)} s\n`);
    return result;
  });
  rmSync(scratch, { recursive: true, force: true });

  writeFileSync(join(outDir, 'gradebook.csv'), gradebookCsv(results, labs));
  writeFileSync(join(outDir, 'batch.json'), JSON.stringify({
    version: 1, labs: labs.map((l) => l.slug), jobs, ...limits,
    students: results.map((r) => ({ student: r.student, status: r.status, score: r.reports.reduce((s, x) => s + x.score, 0), seconds: r.seconds })),
  }, null, 2));
  process.stderr.write(`graded ${entries.length} submission(s) in ${((Date.now() - started) / 1000).toFixed(0)} s → ${join(outDir, 'gradebook.csv')}\n`);
  return 0;
}

/** A file-system-safe, unique-enough name for a student's output folder. */
function studentName(entry: string): string {
  return basename(entry).replace(/\.zip$/, '').replace(/[^\w.@-]+/g, '_').replace(/^\.+/, '_') || 'unnamed';
}

function writeStudent(outDir: string, student: string, summary: GradeSummary, labs: Lab[]) {
  const dir = join(outDir, student);
  mkdirSync(dir, { recursive: true });
  // report.json goes back to the student: hidden checks are named only by title there.
  const learnerView = { ...summary, labs: summary.labs.map((r) => {
    const lab = labs.find((l) => l.slug === r.lab);
    return lab ? redactHidden(r, lab) : r;
  }) };
  writeFileSync(join(dir, 'report.json'), JSON.stringify(learnerView, null, 2));
  writeFileSync(join(dir, 'instructor-report.json'), JSON.stringify(summary, null, 2));
  writeFileSync(join(dir, 'feedback.md'), feedbackMarkdown(student, summary.labs, labs));
}

const failAll = (labs: Lab[], message: string) => labs.map((lab) => errorReport(lab, message));

async function gradeStudent(source: string, work: string, graderRoot: string, labs: Lab[], limits: { timeoutSec: number; memoryMb: number }): Promise<GradeReport[]> {
  const copy = join(work, 'submission');
  mkdirSync(copy, { recursive: true });
  try {
    if (source.endsWith('.zip')) extractZip(readFileSync(source), copy);
    else cpSync(source, copy, { recursive: true, filter: (p) => !p.includes('/node_modules') && !p.includes('/.git/') });
  } catch (err) {
    return failAll(labs, `could not read the submission: ${(err as Error).message}`);
  }
  const implRoot = findImplRoot(copy, labs);
  if (!implRoot) return failAll(labs, `no lab folder found in the submission (expected folders like ${labs[0]?.slug}/ holding ${labs[0]?.files[0]})`);

  const out = join(work, 'summary.json');
  const args = [join(graderRoot, 'bin/workbook.mjs'), 'grade', ...labs.map((l) => l.slug), '--impl', implRoot,
    '--format', 'json', '--out', out, '--jobs', '1', '--timeout', String(limits.timeoutSec)];
  // Each lab has its own limit inside; this one catches anything that outlives them all.
  const hardLimitMs = (limits.timeoutSec * labs.length + 60) * 1000;
  const { timedOut, stderrTail } = await runNodeScript(args, {
    cwd: work, timeoutMs: hardLimitMs, env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${limits.memoryMb}` },
  });
  if (timedOut) return failAll(labs, `timed out after ${hardLimitMs / 1000} s`);
  if (!existsSync(out)) return failAll(labs, `grading crashed: ${stderrTail || 'no output'}`);
  const summary = JSON.parse(readFileSync(out, 'utf8')) as GradeSummary;
  return summary.labs;
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
