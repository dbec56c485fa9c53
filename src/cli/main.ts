// `workbook`: list labs, grade implementations, check the course itself.
import { parseArgs } from 'node:util';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORMATS, formatSummary, labText, type Format } from '../core/format';
import { summarize, type GradeReport, type GradeSummary } from '../core/report';
import { LabFormatError } from '../core/lab';
import { catalog, UnknownLabError } from '../catalog/lab-catalog';
import { gradeLabHere, gradeLabs } from '../node/run-graders';
import { isFixture, materializeFixture } from '../node/fixtures';
import { runCheck } from './check';
import { findFlaky, formatFlaky } from './repeat';
import { gradeBatch } from './batch';
import { ops } from './ops';
import { newLab } from './new-lab';
import { NewLabError } from '../catalog/new-lab';

const HELP = `workbook — grade the Perf Workbook labs

  workbook list [--json]
  workbook grade [slug...] [--impl solutions|labs|DIR] [--format text|json|junit|github|classroom] [--out FILE]
                 [--repeat N] [--jobs N] [--timeout S] [--no-hidden]
  workbook format REPORT.json --format text|json|junit|github|classroom [--out FILE]
  workbook check [slug...]
  workbook new-lab <slug> [--section 3.x.y] [--chapter <page>]
  workbook grade-batch DIR --out DIR [--labs a,b] [--jobs N] [--timeout S] [--memory MB]
  workbook ops serve [--port N] [--host H] [--impl solutions|DIR] [--seed N] [--speed X] [--locale zh|en]

--impl DIR: a folder with one sub-folder per lab (DIR/lru-cache/lru-cache.ts, …), like labs/.
Exit status: 0 when everything graded passed, 1 when something failed, 2 on bad usage.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'list': return list(rest);
      case 'grade': return await grade(rest);
      case 'grade-one': return await gradeOne(rest);
      case 'check': return await runCheck(rest);
      case 'format': return reformat(rest);
      case 'grade-batch': return await gradeBatch(rest);
      case 'ops': return await ops(rest);
      case 'new-lab': return newLab(rest);
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

export class UsageError extends Error {}

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

/** `--impl solutions|labs|DIR` → an absolute folder; a known-bad fixture is applied to a fresh copy of its solution. */
export function implRootOf(impl: string): string {
  if (impl === 'solutions') return catalog.dirs.solutions;
  if (impl === 'labs') return catalog.dirs.labs;
  return isFixture(impl) ? materializeFixture(resolve(impl)) : resolve(impl);
}

const gradeOptions = {
  impl: { type: 'string', default: 'solutions' },
  format: { type: 'string', default: 'text' },
  out: { type: 'string' },
  repeat: { type: 'string', default: '1' },
  jobs: { type: 'string', default: '2' },
  timeout: { type: 'string', default: '180' },
  'no-hidden': { type: 'boolean', default: false },
} as const;

async function grade(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: gradeOptions, allowPositionals: true });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const repeat = positiveInt(values.repeat, '--repeat');
  const labs = catalog.select(positionals);
  const implRoot = implRootOf(values.impl);
  const run = () => gradeLabs(labs, {
    implRoot,
    hidden: !values['no-hidden'],
    jobs: positiveInt(values.jobs, '--jobs'),
    timeoutSec: positiveInt(values.timeout, '--timeout'),
    onReport: (r) => process.stderr.write(`${r.status === 'pass' ? '✔' : '✘'} ${r.lab} ${r.score}/${r.max_score}\n`),
  });

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

/** Internal: the child process of `grade`, one lab, results to a file. */
async function gradeOne(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { impl: { type: 'string' }, out: { type: 'string' }, 'no-hidden': { type: 'boolean', default: false } }, allowPositionals: true });
  const [lab] = catalog.select(positionals);
  const report = await gradeLabHere(lab, implRootOf(values.impl ?? 'solutions'), { hidden: !values['no-hidden'] });
  if (values.out) writeFileSync(values.out, JSON.stringify([report]));
  else console.log(labText(report));
  return 0;
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

export function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got "${value}"`);
  return n;
}
