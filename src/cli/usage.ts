// How each `workbook` subcommand is called, and the one kind of error bad usage raises.
// Shared by main.ts (which dispatches) and the subcommands (which parse their own flags).
import { DEFAULT_LIMITS } from '../node/sandbox/limits';

/** Bad usage: printed as one sentence, exit status 2. */
export class UsageError extends Error {}

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}

export const USAGE = {
  list: `workbook list [--json]

  Lists the labs, their tasks and points.
  --json   one JSON array instead of a table`,
  grade: `workbook grade [slug...] [--impl solutions|labs|DIR] [--format text|json|junit|github|classroom] [--out FILE]
               [--repeat N] [--jobs N] [--timeout S] [--memory MB] [--no-hidden] [--show-hidden]

  Grades labs (all of them when no slug is given) in sandboxed grading processes.
  --impl DIR      a folder with one sub-folder per lab (DIR/lru-cache/lru-cache.ts, …), like labs/;
                  "solutions" and "labs" name the course's own folders (default: solutions)
  --format F      text (default), json, junit, github (a job summary), classroom (GitHub Classroom)
  --out FILE      write there instead of stdout
  --repeat N      grade N times and report every test whose outcome changed (flakiness)
  --jobs N        labs graded at once (default 2)
  --timeout S     time budget per lab, seconds (default ${DEFAULT_LIMITS.labSeconds}; each test has its own limit too)
  --memory MB     memory cap per grading process, buffers included (default ${DEFAULT_LIMITS.memoryMb})
  --no-hidden     leave out the instructor-only graders
  --show-hidden   show what hidden checks found (instructors); by default output names a failed
                  hidden check only by its title, because a student may be reading it
  Exit status: 0 when everything graded passed, 1 when something failed, 2 on bad usage.`,
  format: `workbook format REPORT.json --format text|json|junit|github|classroom [--out FILE]

  Rewrites a saved JSON report in another format, without grading again.`,
  check: `workbook check [slug...]

  The course checks itself (all labs, or the ones named): every reference solution earns full
  marks, every scaffold fails each task, every known-bad implementation in tests/fixtures/buggy/
  fails the tasks it must, every alternative design in tests/fixtures/alternative/ earns full marks.
  In CI (CI=true) a task that was skipped is a problem too.`,
  'new-lab': `workbook new-lab <slug> [--section 3.x.y] [--chapter <page>]

  Lays out a new lab: labs/<slug>/ (lab.json, a scaffold, instructions.zh.md and .en.md),
  solutions/<slug>/ (the reference) and graders/<slug>/ (one grader file, one task).
  \`workbook check <slug>\` passes on it at once: the scaffold fails the task, the solution earns it.
  Then edit lab.json (titles, tasks, section), the scaffold, the solution and the graders.

    <slug>            kebab-case, like "lru-cache"; refused when the lab exists
    --section 3.x.y   the source section (default: the last lab's)
    --chapter <page>  the chapter page that links the lab (default: the last lab's)`,
  'grade-batch': `workbook grade-batch DIR --out DIR [--labs a,b] [--jobs N] [--timeout S] [--memory MB]
               [--shard I/N] [--only NAME,...] [--locale zh|en]

  Grades a class: each entry of DIR (a folder or a .zip) is one student.
  --out DIR       where gradebook.csv, lms.csv, report.html, batch.json and one folder per student go
  --labs a,b      the labs to grade (default: every lab; a lab a student did not hand in is "not submitted")
  --jobs N        students graded at once (default 1)
  --timeout S     time budget per lab, seconds (default ${DEFAULT_LIMITS.labSeconds})
  --memory MB     memory cap per grading process, buffers included (default ${DEFAULT_LIMITS.memoryMb})
  --shard I/N     grade only the I-th of N parts of the class (stable: by a hash of the student's name);
                  combine the parts with \`workbook merge-batches\`
  --only a,b      grade only these students, replacing their rows in an existing --out
  --locale L      language of feedback.md and report.html: zh or en (default en)`,
  'merge-batches': `workbook merge-batches OUT_DIR IN_DIR...

  Combines the output folders of several grade-batch runs (the shards of one class) into one:
  one batch.json, gradebook.csv, lms.csv and report.html, and every student's folder.`,
  profile: `workbook profile <slug> [--impl solutions|labs|DIR] [--out FILE.cpuprofile] [--heap] [--top N] [--lines N] [--interval US] [--timeout S]

  Runs the lab's workload (the one the lab page's Profile button runs) under V8's sampling CPU
  profiler in a child process, writes a .cpuprofile (Chrome DevTools, speedscope) and prints the
  functions with the most self time, then the hottest lines of the implementation's functions.
  --impl DIR      whose code to profile (default: solutions)
  --out FILE      where the .cpuprofile goes (default: <slug>.cpuprofile)
  --heap          also sample allocations: a .heapprofile beside it and the top allocation sites
  --top N         functions to print (default 15)
  --lines N       the implementation's hottest functions shown line by line (default 2; 0 for none)
  --interval US   sampling interval, microseconds (default 100)
  --timeout S     time limit for the run, seconds (default 120)`,
  ops: `workbook ops serve [--port N] [--host H] [--impl solutions|DIR] [--seed N] [--speed X] [--locale zh|en]

  Runs the operations playground's simulated service in Node: /metrics for a real Prometheus,
  its notifications in the terminal.`,
  gradebook: `workbook gradebook BATCH.json [--check]

  Writes gradebook.csv, lms.csv and report.html beside BATCH.json from what it records, or with
  --check verifies that they (and each student's instructor-report.json) still match it: exit 1
  naming every difference. Nothing written after a batch can change a grade silently.`,
} as const;

export type Command = keyof typeof USAGE;

export const HELP = `workbook — grade the Perf Workbook labs

${Object.values(USAGE).map((u) => `  ${u.split('\n')[0]}`).join('\n')}

\`workbook <command> --help\` says more about one command.
Exit status: 0 when everything graded passed, 1 when something failed, 2 on bad usage.`;

/** `--help` or `-h` anywhere in a subcommand's arguments. */
export const wantsHelp = (argv: readonly string[]) => argv.includes('--help') || argv.includes('-h');
