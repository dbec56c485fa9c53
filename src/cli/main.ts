// `workbook`: list labs, grade implementations, check the course itself.
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { FORMATS, formatSummary, type Format } from '../core/format';
import { redactHidden, summarize, type GradeReport, type GradeSummary } from '../core/report';
import { LabFormatError } from '../core/lab';
import { catalog, UnknownLabError } from '../catalog/lab-catalog';
import { gradeLabs } from '../node/run-graders';
import { runCheck } from './check';
import { findFlaky, formatFlaky } from './repeat';
import { gradeBatch } from './batch';
import { profile, profileChild } from './profile';
import { newLab } from './new-lab';
import { NewLabError } from '../catalog/new-lab';
import { gradebookCommand, mergeBatchesCommand } from './class-records';
import { HELP, USAGE, UsageError, positiveInt, wantsHelp, type Command } from './usage';
import { DEFAULT_LIMITS } from '../node/sandbox/limits';
import { implRootOf } from './impl-root';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command && Object.hasOwn(USAGE, command) && wantsHelp(rest)) {
    console.log(USAGE[command as Command]);
    return 0;
  }
  try {
    switch (command) {
      case 'list': return list(rest);
      case 'grade': return await grade(rest);
      case 'check': return await runCheck(rest);
      case 'new-lab': return newLab(rest);
      case 'format': return reformat(rest);
      case 'grade-batch': return await gradeBatch(rest);
      case 'profile': return await profile(rest);
      case 'profile-one': return await profileChild(rest);
      case 'merge-batches': return mergeBatchesCommand(rest);
      case 'gradebook': return gradebookCommand(rest);
      // Loaded only when asked for: the playground brings the reference solutions with it.
      case 'ops': return await (await import('./ops')).ops(rest);
      case undefined: case 'help': case '--help': case '-h':
        console.log(HELP);
        return command ? 0 : 2;
      default:
        console.error(`unknown command "${command}"\n\n${HELP}`);
        return 2;
    }
  } catch (err) {
    // Bad usage (a malformed lab.json, an unknown lab or flag) is a sentence and exit 2; anything else is a bug.
    const parseArgsError = (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    if (err instanceof LabFormatError || err instanceof UsageError || err instanceof UnknownLabError || err instanceof NewLabError || parseArgsError) {
      console.error(`workbook: ${(err as Error).message}`);
      return 2;
    }
    throw err;
  }
}

function list(argv: string[]): number {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' } } });
  const labs = catalog.labs();
  if (values.json) {
    console.log(JSON.stringify(labs.map((l) => ({
      slug: l.slug, title: l.title, section: l.section,
      max_score: l.tasks.reduce((s, t) => s + t.points, 0),
      tasks: l.tasks.map((t) => ({ id: t.id, title: t.title, points: t.points, kind: t.kind, env: t.env, hidden: t.hidden })),
    })), null, 2));
    return 0;
  }
  for (const l of labs) {
    console.log(`${l.slug.padEnd(20)} ${l.section.padEnd(6)} ${String(l.tasks.reduce((s, t) => s + t.points, 0)).padStart(3)} pts  ${l.title.en}`);
    for (const t of l.tasks) console.log(`    ${t.id.padEnd(28)} ${String(t.points).padStart(2)}  ${t.title.en}${t.env === 'node' ? '  [CLI only]' : ''}${t.hidden ? '  [hidden]' : ''}`);
  }
  return 0;
}


const gradeOptions = {
  impl: { type: 'string', default: 'solutions' },
  format: { type: 'string', default: 'text' },
  out: { type: 'string' },
  repeat: { type: 'string', default: '1' },
  jobs: { type: 'string', default: '2' },
  timeout: { type: 'string', default: String(DEFAULT_LIMITS.labSeconds) },
  memory: { type: 'string', default: String(DEFAULT_LIMITS.memoryMb) },
  'no-hidden': { type: 'boolean', default: false },
  'show-hidden': { type: 'boolean', default: false },
} as const;

async function grade(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: gradeOptions, allowPositionals: true });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const repeat = positiveInt(values.repeat, '--repeat');
  const labs = catalog.select(positionals);
  const implRoot = implRootOf(values.impl);
  // Whoever runs `grade` may be the student (their repository's CI runs it): hidden checks
  // show only their titles unless an instructor asks for more.
  const learnerView = (r: GradeReport) => (values['show-hidden'] ? r : redactHidden(r, labs.find((l) => l.slug === r.lab)!));
  const run = async () => (await gradeLabs(labs, {
    implRoot,
    hidden: !values['no-hidden'],
    jobs: positiveInt(values.jobs, '--jobs'),
    timeoutSec: positiveInt(values.timeout, '--timeout'),
    memoryMb: positiveInt(values.memory, '--memory'),
    onReport: (r) => process.stderr.write(`${r.status === 'pass' ? '✔' : '✘'} ${r.lab} ${r.score}/${r.max_score}\n`),
  })).map(learnerView);

  if (repeat > 1) {
    const runs: GradeReport[][] = [];
    for (let i = 0; i < repeat; i++) {
      process.stderr.write(`run ${i + 1}/${repeat}\n`);
      runs.push(await run());
    }
    const flaky = findFlaky(runs);
    const output = format === 'json' ? JSON.stringify({ runs: repeat, impl: values.impl, flaky }, null, 2) + '\n' : formatFlaky(repeat, flaky);
    emit(output, values.out);
    return flaky.length === 0 ? 0 : 1;
  }

  const summary = summarize(values.impl, await run());
  emit(formatSummary(summary, format), values.out);
  if (format !== 'text' && values.out) process.stderr.write(`${summary.status.toUpperCase()} ${summary.score}/${summary.max_score}\n`);
  return summary.status === 'pass' ? 0 : 1;
}

/** Rewrites a saved JSON report in another format, so CI grades once and reports many ways. */
function reformat(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, options: { format: { type: 'string', default: 'text' }, out: { type: 'string' } }, allowPositionals: true });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  if (!positionals[0]) throw new UsageError('usage: workbook format REPORT.json --format FORMAT [--out FILE]');
  let summary: GradeSummary;
  try {
    summary = JSON.parse(readFileSync(positionals[0], 'utf8')) as GradeSummary;
  } catch (err) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
  }
  if (summary?.version !== 3 || !Array.isArray(summary.labs)) throw new UsageError(`${positionals[0]} is not a workbook JSON report`);
  emit(formatSummary(summary, format), values.out);
  return 0;
}

function emit(text: string, out?: string) {
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
