// Why a lab, or a task, was not graded the normal way, as data. Runtimes and the core
// return a GradeReason; whoever shows it words it: describeReason, in the report's
// locale, fills GradeReport.message (English by default for the CLI), and the page can
// word the same reason in its own language.
import { LANGUAGE_TAGS, type Locale } from '../i18n/locale';
import { gradingText } from '../i18n/grading';

/** A place in the learner's code; columns are 1-based. */
export interface SourceLocation { file: string; line: number; column: number }

/** An import the lab does not allow (src/core/prechecks.ts). */
export interface RefusedImport {
  /** The learner's file, relative to the lab folder ("lru-cache.ts"). */
  file: string;
  line: number;
  /** Undefined for an import() or require() of a computed name. */
  specifier?: string;
  why: 'not-allowed' | 'outside-lab' | 'computed';
}

/** Why a whole lab was not graded (every task fails with it), or failed beside its scores. */
export type GradeReason =
  /** Files from lab.json "files" absent from the submission (names relative to the lab folder). */
  | { kind: 'missing-files'; files: string[] }
  /** Names the graders import that the learner's files do not export. */
  | { kind: 'missing-exports'; missing: { file: string; name: string }[] }
  /** Imports outside lab.json "imports" and the lab's own folder; `allowed` is that list. */
  | { kind: 'refused-import'; imports: RefusedImport[]; allowed: string[] }
  /** A file that does not compile. */
  | ({ kind: 'syntax'; detail: string } & SourceLocation)
  /** The code threw while loading, before any test ran. */
  | { kind: 'load-failed'; detail: string; location?: SourceLocation }
  /** A watchdog or time limit ended the run: no progress ('idle'), past the page's limit ('total'), past the CLI's ('time-limit'). */
  | { kind: 'stopped'; why: 'idle' | 'total' | 'time-limit'; seconds: number; test?: string; task?: string }
  /**
   * The grading process or worker died without a report. `detail` is the runtime's own words;
   * the CLI's grading process says instead how it ended and when (`end`, `during`, `file`).
   */
  | { kind: 'crashed'; detail: string; end?: ProcessEnd; during?: 'startup' | 'loading'; file?: string }
  /** No grader file of this lab can run in this runtime. */
  | { kind: 'no-graders' }
  /** Errors no test could be charged with: the lab fails, the scores earned stand. */
  | { kind: 'stray-errors'; errors: string[] }
  /** grade-batch: the student handed in no folder for this lab. */
  | { kind: 'not-submitted' }
  /** A submission grading refuses to read (`path` relative to the submission; `limit` for too-many-files, MiB for too-big). */
  | { kind: 'submission-refused'; why: SubmissionRefusal; path: string; limit?: number; detail?: string }
  /** The submission reached for the test framework or the result channel: the lab scores 0. */
  | { kind: 'tampered'; found: TamperFinding }
  /** A reason already worded by the tool that found it. */
  | { kind: 'error'; detail: string };

/** Why a submission, or one lab folder of it, is not read at all. */
export type SubmissionRefusal =
  /** A lab folder, or the submission's labs folder, that links outside the submission. */
  | 'folder-link'
  /** A file that links outside its lab folder. */
  | 'file-link'
  | 'too-many-files'
  | 'too-big'
  /** A .zip that cannot be read (`detail` says what the reader found). */
  | 'unreadable-zip'
  /** No `<slug>/<file>` anywhere the submission could hold its labs (`path` names the expected one). */
  | 'no-lab-folder';

/** What the sandbox caught a submission doing to the grading itself. */
export type TamperFinding =
  /** The value under test held an impostor that would decide equality itself. */
  | { what: 'impostor'; holds: 'proxy' | 'asymmetric-match' }
  /** Matchers that stopped failing on a false claim. */
  | { what: 'silent-matchers'; matchers: string[] }
  /** Lines on the result channel the grader did not sign. */
  | { what: 'forged-events'; lines: number };

/** How a grading process ended before it finished (src/node/sandbox/grade.ts). */
export type ProcessEnd =
  /** Stopped: a test ran past its timeout, a setup step past the limit, the lab past its time limit. */
  | { why: 'test-timeout' | 'setup-timeout' | 'lab-limit'; seconds: number }
  /** Stopped for using more than `mb` (the whole process), or its JavaScript heap reached its cap. */
  | { why: 'memory' | 'heap'; mb: number }
  | { why: 'signal'; signal: string }
  /** Exited on its own; `said` is the last line it wrote to stderr. */
  | { why: 'exit'; code: number | null; said?: string };

/** Why one task was not graded here: it runs only in the CLI, it is hidden, it has no test, or its lab failed. */
export type TaskReason = { kind: 'cli-only' } | { kind: 'hidden' } | { kind: 'no-tests' } | GradeReason;

const list = (locale: Locale, items: string[]) =>
  new Intl.ListFormat(LANGUAGE_TAGS[locale], { type: 'conjunction' }).format(items);

/** The sentence for a reason, in a locale. */
export function describeReason(reason: TaskReason, locale: Locale, context: { task?: string } = {}): string {
  const t = (key: Parameters<typeof gradingText.t>[1], vars?: Record<string, string | number>) => gradingText.t(locale, key, vars);
  switch (reason.kind) {
    case 'missing-files': return t('reason.missingFiles', { files: list(locale, reason.files) });
    case 'missing-exports': return reason.missing.map((m) => t('reason.missingExport', m)).join(t('reason.separator'));
    case 'refused-import': return reason.imports.map((imp) => {
      const vars = { file: imp.file, line: imp.line, specifier: imp.specifier ?? '' };
      if (imp.why === 'computed') return t('reason.importComputed', vars);
      if (imp.why === 'outside-lab') return t('reason.importOutsideLab', vars);
      const also = reason.allowed.length ? t('reason.importAlso', { allowed: list(locale, reason.allowed.map((a) => `"${a}"`)) }) : '';
      return t('reason.importNotAllowed', { ...vars, also });
    }).join('\n');
    case 'syntax': return `${reason.file}:${reason.line}:${reason.column}: ${reason.detail}`;
    case 'load-failed': {
      const at = reason.location;
      return at ? `${at.file}:${at.line}:${at.column}: ${reason.detail}` : reason.detail;
    }
    case 'stopped': {
      const where = reason.test && reason.task ? t('reason.stoppedWhere', { test: reason.test, task: reason.task }) : '';
      const key = reason.why === 'idle' ? 'reason.stoppedIdle' : reason.why === 'total' ? 'reason.stoppedTotal' : 'reason.stoppedLimit';
      return t(key, { seconds: reason.seconds, where });
    }
    case 'crashed': {
      if (!reason.end) return t('reason.crashed', { detail: reason.detail });
      const end = describeProcessEnd(reason.end, locale);
      if (reason.during === 'startup') return t('reason.crashedAtStartup', { end });
      return t('reason.crashedLoading', { file: reason.file ?? '', end });
    }
    case 'not-submitted': return t('reason.notSubmitted');
    case 'submission-refused': return t(REFUSAL_KEYS[reason.why], { path: reason.path, limit: reason.limit ?? '', detail: reason.detail ?? '' });
    case 'tampered': return t('reason.tampered', { found: describeTampering(reason.found, locale) });
    case 'no-graders': return t('reason.noGraders');
    case 'stray-errors': return reason.errors.map((detail) => t('reason.stray', { detail })).join('\n');
    case 'error': return reason.detail;
    case 'cli-only': return t('task.cliOnly');
    case 'hidden': return t('task.hidden');
    case 'no-tests': return t('task.noTests', { task: context.task ?? '' });
  }
}

const REFUSAL_KEYS = {
  'folder-link': 'refused.folderLink', 'file-link': 'refused.fileLink', 'too-many-files': 'refused.tooManyFiles',
  'too-big': 'refused.tooBig', 'unreadable-zip': 'refused.unreadableZip', 'no-lab-folder': 'refused.noLabFolder',
} as const satisfies Record<SubmissionRefusal, string>;

/** How a grading process ended, as a clause ("timed out after 30 s …"), in a locale. */
export function describeProcessEnd(end: ProcessEnd, locale: Locale): string {
  const t = (key: Parameters<typeof gradingText.t>[1], vars?: Record<string, string | number>) => gradingText.t(locale, key, vars);
  switch (end.why) {
    case 'test-timeout': return t('end.testTimeout', { seconds: end.seconds });
    case 'setup-timeout': return t('end.setupTimeout', { seconds: end.seconds });
    case 'lab-limit': return t('end.labLimit', { seconds: end.seconds });
    case 'memory': return t('end.memory', { mb: end.mb });
    case 'heap': return t('end.heap', { mb: end.mb });
    case 'signal': return t(end.signal === 'SIGKILL' ? 'end.killed' : 'end.signal', { signal: end.signal });
    case 'exit': return t(end.said ? 'end.exitSaid' : 'end.exit', { code: String(end.code), said: end.said ?? '' });
  }
}

/** What tampering was found, as a clause, in a locale. */
export function describeTampering(found: TamperFinding, locale: Locale): string {
  const t = (key: Parameters<typeof gradingText.t>[1], vars?: Record<string, string | number>) => gradingText.t(locale, key, vars);
  switch (found.what) {
    case 'impostor': return t(found.holds === 'proxy' ? 'tamper.proxy' : 'tamper.asymmetricMatch');
    case 'silent-matchers': return t('tamper.silentMatchers', { matchers: list(locale, found.matchers), n: found.matchers.length });
    case 'forged-events': return t('tamper.forged', { lines: found.lines });
  }
}

/** Where in the learner's code a reason points, for a "go to" link and an editor marker. */
export function reasonLocation(reason: TaskReason | undefined): SourceLocation | undefined {
  if (reason?.kind === 'syntax') return { file: reason.file, line: reason.line, column: reason.column };
  if (reason?.kind === 'load-failed') return reason.location;
  if (reason?.kind === 'refused-import') return { file: reason.imports[0].file, line: reason.imports[0].line, column: 1 };
  return undefined;
}
