// Grades one implementation's labs in sandboxed grading processes (process.ts): all the labs
// in one process, the hidden graders in a second one, so nothing a hidden test shows the
// submission can surface in what the learner sees. Results arrive test by test; when a test
// hangs, crashes the process or exhausts its memory, that test is charged with it (by name),
// and a fresh process grades the tests still to run. A lab is never zeroed for one slow test.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Lab } from '../../core/lab';
import { graderFileRole } from '../../core/grader-files';
import { precheck } from '../../core/prechecks';
import { buildReport, type GradeReason, type GradeReport, type TestResult } from '../../core/report';
import type { Locale } from '../../i18n/locale';
import { catalog } from '../../catalog/lab-catalog';
import { describeLoadError } from '../load-errors';
import { redisServerInstalled, startRedis, type RunningRedis } from '../redis-server';
import { buildJob, readSubmission, submissionModules, SubmissionProblem, toVirtual } from './job';
import { display, SUBMISSION_ROOT, type SandboxModule } from './module-loader';
import { startGradingProcess, type ProcessExit, type StopReason } from './process';
import type { PlannedTest } from './protocol';
import { DEFAULT_LIMITS } from './limits';
import { stripAnsi } from '../../i18n/text';
import { describeProcessEnd, describeReason, type ProcessEnd, type TamperFinding } from '../../core/reason';

export interface SandboxOptions {
  /** The folder holding `<slug>/` lab folders. */
  implRoot: string;
  /** Run the instructor-only graders (graders/<slug>/hidden/) too. */
  hidden?: boolean;
  /** Wall-clock budget per lab, seconds: a backstop beyond the per-test limits. */
  timeoutSec?: number;
  /** Memory cap for a grading process, MB, the whole process (heap, buffers, code). */
  memoryMb?: number;
  /** Vitest's per-test timeout, ms (a grader may set its own). */
  testTimeoutMs?: number;
  /** The reports' language (reasons, task titles); English by default, as the CLI prints. */
  locale?: Locale;
}

/** How long a test may block past its own timeout before the process is stopped. */
const GRACE_MS = 5_000;
/** Loading natives and the grading code; generous, a loaded CI machine is slow. */
const STARTUP_MS = 60_000;
/** At most this many fresh processes per phase: each one charges at least one test. */
const MAX_ATTEMPTS = 30;

/** A lab (or the student's whole row in a batch) is marked tampered when its reason says so. */
export const isTampered = (report: GradeReport) => report.reason?.kind === 'tampered';

interface LabState {
  lab: Lab;
  modules: Record<string, SandboxModule>;
  files: { visible: string[]; hidden: string[] };
  results: Map<string, TestResult>;
  /** Test ids in the order they were collected: the report lists them so. */
  order: string[];
  planned: Map<string, PlannedTest & { file: string }>;
  doneFiles: Set<string>;
  /** Why the lab could not be graded at all (every task fails with it). */
  reason?: GradeReason;
  strays: string[];
  tamper?: TamperFinding;
  elapsedMs: number;
}

export async function gradeSandboxed(labs: Lab[], opts: SandboxOptions): Promise<GradeReport[]> {
  const hidden = opts.hidden !== false;
  const states = new Map<string, LabState>();
  const reports = new Map<string, GradeReport>();
  for (const lab of labs) {
    const checked = prepare(lab, opts.implRoot, hidden);
    if ('reason' in checked) {
      reports.set(lab.slug, buildReport(lab, [], { runtime: 'node', locale: opts.locale, reason: checked.reason }));
      continue;
    }
    const files = catalog.nodeTestFiles(lab.slug, { hidden });
    const isHidden = (f: string) => graderFileRole(relative(join(catalog.dirs.graders, lab.slug), f).split(sep).join('/')) === 'hidden';
    states.set(lab.slug, {
      lab, modules: checked.modules, files: { visible: files.filter((f) => !isHidden(f)), hidden: files.filter(isHidden) },
      results: new Map(), order: [], planned: new Map(), doneFiles: new Set(), strays: [], elapsedMs: 0,
    });
  }

  const redis = await redisFor([...states.values()]);
  try {
    await runPhase([...states.values()], 'visible', opts, redis?.url);
    if (hidden) await runPhase([...states.values()], 'hidden', opts, redis?.url);
  } finally {
    await redis?.stop();
  }

  for (const s of states.values()) reports.set(s.lab.slug, finalReport(s, hidden, opts.locale));
  return labs.map((lab) => reports.get(lab.slug)!);
}

/**
 * The submission's code for a lab, or what keeps it from being graded at all. The order: refuse
 * what must never be read (links out of the folder, pipes, oversized folders), then the same
 * pre-checks as the browser runtimes (files present, imports allowed, exports there), then compile.
 */
function prepare(lab: Lab, implRoot: string, hidden: boolean): { modules: Record<string, SandboxModule> } | { reason: GradeReason } {
  try {
    const sources = readSubmission(lab, implRoot);
    const blocked = precheck({
      lab,
      files: catalog.implementationFiles(lab, implRoot),
      graders: catalog.nodeTestFiles(lab.slug, { hidden }).map((f) => readFileSync(f, 'utf8')),
    });
    if (blocked) return { reason: blocked };
    return { modules: submissionModules(lab, sources) };
  } catch (err) {
    if (err instanceof SubmissionProblem) return { reason: err.reason };
    throw err;
  }
}

/** A private Redis for this submission when its graders use one: nobody else's data, nobody else's FLUSHALL. */
async function redisFor(states: LabState[]): Promise<RunningRedis | undefined> {
  const needsRedis = states.some((s) => [...s.files.visible, ...s.files.hidden].some((f) => /REDIS_URL|redisForTests|requireRedis/.test(readFileSync(f, 'utf8'))));
  if (!needsRedis) return undefined;
  if (redisServerInstalled()) return startRedis({ password: true });
  // No redis-server here: fall back to the one configured, shared (the docs say what that costs).
  return process.env.REDIS_URL ? { url: process.env.REDIS_URL, stop: async () => {} } : undefined;
}

async function runPhase(states: LabState[], phase: 'visible' | 'hidden', opts: SandboxOptions, redisUrl?: string): Promise<void> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const todo = states
      .filter((s) => !s.reason && !s.tamper)
      .map((s) => ({ s, files: s.files[phase].filter((f) => !s.doneFiles.has(toVirtual(f))) }))
      .filter((x) => x.files.length > 0);
    if (todo.length === 0) return;
    const progress = await attemptOnce(todo, phase, opts, redisUrl);
    if (!progress) break;
  }
  // Still not done after every attempt: what is left was not run, and says so.
  for (const s of states) {
    const left = s.files[phase].filter((f) => !s.doneFiles.has(toVirtual(f)));
    if (left.length && !s.reason && !s.tamper) s.strays.push(`not graded: the grading process kept failing before ${left.map((f) => f.slice(catalog.dirs.graders.length + 1)).join(', ')} ran`);
  }
}

/** One grading process over what is left; false when it made no progress at all. */
async function attemptOnce(todo: Array<{ s: LabState; files: string[] }>, phase: 'visible' | 'hidden', opts: SandboxOptions, redisUrl?: string): Promise<boolean> {
  const byLab = new Map(todo.map(({ s }) => [s.lab.slug, s]));
  const testTimeoutMs = opts.testTimeoutMs ?? DEFAULT_LIMITS.testTimeoutMs;
  const memoryMb = opts.memoryMb ?? DEFAULT_LIMITS.memoryMb;
  const skip = todo.flatMap(({ s }) => [...s.results.keys()]);
  const job = buildJob({
    labs: todo.map(({ s, files }) => ({ lab: s.lab, testFiles: files, modules: s.modules })),
    skip, testTimeout: testTimeoutMs,
  });
  const scratch = mkdtempSync(join(tmpdir(), 'workbook-sandbox-'));
  const env: Record<string, string> = { NO_COLOR: '1', LANG: 'C.UTF-8' };
  if (process.env.CI) env.CI = process.env.CI;
  if (redisUrl) env.REDIS_URL = redisUrl;

  // Where the process is: the parent charges a stop or a crash to exactly that.
  let lab: LabState | undefined;
  let file: string | undefined;
  let test: (PlannedTest & { timeoutMs: number }) | undefined;
  let stage: 'starting' | 'loading' | 'between' | 'test' = 'starting';
  let done = false;
  let progress = false;
  let last = Date.now();
  let deadline: NodeJS.Timeout | undefined;
  const labLimitMs = (opts.timeoutSec ?? DEFAULT_LIMITS.labSeconds) * 1000;

  const proc = startGradingProcess(job, {
    scratch, env, memoryMb,
    onEvent: (e) => {
      const now = Date.now();
      if (lab) lab.elapsedMs += now - last;
      last = now;
      switch (e.t) {
        case 'ready': stage = 'between'; break;
        case 'lab-start': lab = byLab.get(e.lab); file = undefined; break;
        case 'file-start': file = e.file; stage = 'loading'; break;
        case 'collected':
          for (const t of e.tests) {
            if (!lab!.planned.has(t.id)) { lab!.planned.set(t.id, { ...t, file: e.file }); lab!.order.push(t.id); }
          }
          stage = 'between';
          break;
        case 'test-start': test = { id: e.id, name: e.name, task: lab!.planned.get(e.id)?.task ?? '', timeoutMs: e.timeoutMs }; stage = 'test'; break;
        case 'test-end': lab!.results.set(e.id, plainText(e.result)); test = undefined; stage = 'between'; progress = true; break;
        case 'file-end':
          lab!.doneFiles.add(e.file);
          progress = true;
          if (e.loadError) fileFailed(lab!, phase, e.file, describeLoadError({ message: stripAnsi(e.loadError.message), stack: e.loadError.stack }, SUBMISSION_ROOT.slice(0, -1)));
          file = undefined;
          stage = 'between';
          break;
        case 'stray': { const s = byLab.get(e.lab); if (s) stray(s, phase, stripAnsi(e.message)); break; }
        case 'tamper': { const s = byLab.get(e.lab); if (s) s.tamper ??= e.found; break; }
        case 'done': done = true; break;
      }
      arm();
    },
  });

  // One deadline at a time: the running test's own timeout plus grace, or the setup-step limit between tests.
  function arm() {
    clearTimeout(deadline);
    const testMs = test ? test.timeoutMs + GRACE_MS : stage === 'starting' ? STARTUP_MS : testTimeoutMs + GRACE_MS;
    const labLeftMs = lab ? labLimitMs - lab.elapsedMs : Infinity;
    const ms = Math.min(testMs, labLeftMs);
    const reason: StopReason = labLeftMs < testMs
      ? { kind: 'lab-limit', seconds: labLimitMs / 1000 }
      : test ? { kind: 'test-timeout', seconds: Math.round(testMs / 1000) } : { kind: 'setup-timeout', seconds: Math.round(testMs / 1000) };
    deadline = setTimeout(() => proc.stop(reason), Math.max(0, ms));
  }
  arm();

  const exit = await proc.exited;
  clearTimeout(deadline);
  if (lab) lab.elapsedMs += Date.now() - last;
  rmSync(scratch, { recursive: true, force: true });
  if (exit.forged) {
    const s = lab ?? todo[0].s;
    s.tamper ??= { what: 'forged-events', lines: exit.forged };
  }
  if (done) return true;

  // The process ended early: charge what it was doing.
  const end = processEnd(exit, memoryMb);
  const why = describeProcessEnd(end, 'en');
  const crashed = (during: 'startup' | 'loading', file?: string): GradeReason => ({ kind: 'crashed', detail: why, end, during, ...(file ? { file } : {}) });
  if (stage === 'starting' || !lab) {
    for (const { s } of todo) fileFailed(s, phase, toVirtual(s.files[phase][0]), crashed('startup'));
    return false;
  }
  if (stage === 'test' && test) {
    lab.results.set(test.id, { name: test.name, task_id: test.task, status: 'error', duration_ms: 0, message: `${why} while this test ran; the lab's other tests were graded on` });
    // Its task has failed already: its other tests need not cost another stop (a loop in a method often hangs them all).
    for (const [id, t] of lab.planned) {
      if (t.task === test.task && !lab.results.has(id)) lab.results.set(id, { name: t.name, task_id: t.task, status: 'skip', duration_ms: 0, message: `not run: "${test.name}" of this task already failed` });
    }
    progress = true;
  } else if (stage === 'loading' && file) {
    fileFailed(lab, phase, file, crashed('loading', display(file)));
    progress = true;
  } else if (file) {
    // Between two tests of a file: a setup or teardown step never finished.
    chargeUnrun(lab, file, `not run: ${why} in a setup or teardown step of this file`);
    lab.doneFiles.add(file);
    progress = true;
  }
  if (exit.stopped?.kind === 'lab-limit') {
    for (const id of lab.order) if (!lab.results.has(id)) chargeUnrun(lab, lab.planned.get(id)!.file, `not run: the lab used up its ${exit.stopped.seconds} s`);
    for (const f of lab.files[phase]) lab.doneFiles.add(toVirtual(f));
    lab.strays.push(`the lab used up its time limit of ${exit.stopped.seconds} s; tests that had not run were not graded`);
  }
  return progress;
}

/**
 * Messages reach a report, feedback.md and JUnit as plain text: the grading process runs with
 * NO_COLOR, and whatever colour codes the submission's own messages carry go here.
 */
function plainText(result: TestResult): TestResult {
  const out = { ...result };
  for (const key of ['message', 'diff', 'expected', 'actual'] as const) if (out[key] !== undefined) out[key] = stripAnsi(out[key]!);
  return out;
}

/** An error outside any test: the lab's status says so, scores stand. While hidden graders ran, without its text. */
function stray(lab: LabState, phase: 'visible' | 'hidden', message: string) {
  lab.strays.push(phase === 'visible' ? message : 'an error outside any test while the hidden checks ran (its text is not shown: it could reveal them)');
}

function chargeUnrun(lab: LabState, file: string, message: string) {
  for (const [id, t] of lab.planned) {
    if (t.file === file && !lab.results.has(id)) lab.results.set(id, { name: t.name, task_id: t.task, status: 'error', duration_ms: 0, message });
  }
}

/**
 * A grader file that did not load. Visible graders: the lab cannot be graded (its report says
 * why). Hidden graders: the hidden tasks fail, and the reason stays with the instructor.
 */
function fileFailed(lab: LabState, phase: 'visible' | 'hidden', file: string, reason: GradeReason) {
  if (phase === 'visible') {
    lab.reason ??= reason;
    return;
  }
  lab.doneFiles.add(file);
  hiddenFailure(lab, display(file), describeReason(reason, 'en'));
}

/** Fails every hidden task that has no result yet, with a message only the instructor's report shows. */
function hiddenFailure(lab: LabState, what: string, message: string) {
  for (const task of lab.lab.tasks.filter((t) => t.hidden)) {
    const id = `(hidden ${what})::${task.id}`;
    if (lab.results.has(id) || [...lab.results.values()].some((r) => r.task_id === task.id && r.status !== 'pass')) continue;
    lab.results.set(id, { name: `${what}`, task_id: task.id, status: 'error', duration_ms: 0, message });
    lab.order.push(id);
  }
}

/** How a grading process ended early, as data (src/core/reason.ts words it). */
export function processEnd(exit: ProcessExit, memoryMb: number): ProcessEnd {
  const s = exit.stopped;
  if (s?.kind === 'test-timeout' || s?.kind === 'setup-timeout' || s?.kind === 'lab-limit') return { why: s.kind, seconds: s.seconds };
  if (s?.kind === 'memory') return { why: 'memory', mb: s.mb };
  if (/heap out of memory|Reached heap limit/i.test(exit.stderr)) return { why: 'heap', mb: memoryMb };
  if (exit.signal) return { why: 'signal', signal: exit.signal };
  const said = exit.stderr.split('\n').filter(Boolean).at(-1);
  return { why: 'exit', code: exit.code, ...(said ? { said } : {}) };
}

/** The same, in English words: a charged test's message says it. */
export const describeExit = (exit: ProcessExit, memoryMb: number): string => describeProcessEnd(processEnd(exit, memoryMb), 'en');

function finalReport(s: LabState, hidden: boolean, locale?: Locale): GradeReport {
  if (s.tamper) return buildReport(s.lab, [], { runtime: 'node', locale, reason: { kind: 'tampered', found: s.tamper } });
  const tests = s.order.map((id) => s.results.get(id)).filter((t): t is TestResult => t !== undefined);
  return buildReport(s.lab, tests, {
    runtime: 'node', locale, withoutHidden: !hidden, reason: s.reason, strayErrors: s.strays,
    duration_ms: s.elapsedMs,
  });
}
