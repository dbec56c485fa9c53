// `workbook profile <slug>`: runs the lab's workload (the same file the page's Profile
// button runs) under V8's sampling CPU profiler in a child process with a time limit,
// writes a .cpuprofile that Chrome DevTools and speedscope open, and prints the
// functions with the most self time, the implementation's own files marked. `--heap`
// also samples allocations: a .heapprofile and the top allocation sites.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { catalog } from '../catalog/lab-catalog';
import { REPO_ROOT } from '../catalog/paths';
import { precheck } from '../core/prechecks';
import { describeReason } from '../core/reason';
import { runNodeScript } from '../profiler/node/child';
import { formatCount, frameLabel, frameWhere, percent } from '../profiler/format';
import { labDirs, profileWithV8, type V8ProfileResult } from '../profiler/node/v8-profile';
import { fromCpuProfile, fromHeapProfile, functionTable, type CallProfile, type ClassifyUrl, type CpuProfile, type HeapProfile } from '../profiler/profile';
import { formatNumber } from '../i18n/text';
import { implRootOf } from './impl-root';
import { positiveInt, UsageError, USAGE } from './usage';

const options = {
  impl: { type: 'string', default: 'solutions' },
  out: { type: 'string' },
  heap: { type: 'boolean', default: false },
  top: { type: 'string', default: '15' },
  lines: { type: 'string', default: '2' },
  interval: { type: 'string', default: '100' },
  timeout: { type: 'string', default: '120' },
} as const;

export async function profile(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError(`usage:\n  ${USAGE.profile.split('\n')[0]}`);
  const [lab] = catalog.select(positionals);
  if (!lab.workload) throw new UsageError(`${lab.slug} has no workload to profile (lab.json "workload")`);
  const top = positiveInt(values.top, '--top');
  const lineFunctions = Number(values.lines);
  if (!Number.isInteger(lineFunctions) || lineFunctions < 0) throw new UsageError(`--lines must be a whole number, got "${values.lines}"`);
  const intervalUs = positiveInt(values.interval, '--interval');
  const timeoutSec = positiveInt(values.timeout, '--timeout');
  const implRoot = implRootOf(values.impl);
  const workloadText = readFileSync(join(catalog.dirs.graders, lab.slug, lab.workload.file), 'utf8');

  // The same pre-checks as grading, with the workload in the graders' place.
  const blocked = precheck({ lab, files: catalog.implementationFiles(lab, implRoot), graders: [workloadText] });
  if (blocked) {
    console.error(`workbook profile: cannot profile ${lab.slug}: ${describeReason(blocked, 'en')}`);
    return 1;
  }

  const cpuOut = resolve(values.out ?? `${lab.slug}.cpuprofile`);
  const heapOut = values.heap ? `${cpuOut.replace(/\.cpuprofile$/, '')}.heapprofile` : undefined;
  const scratch = mkdtempSync(join(tmpdir(), 'workbook-profile-'));
  const resultOut = join(scratch, 'result.json');
  try {
    const args = [join(REPO_ROOT, 'bin/workbook.mjs'), 'profile-one', lab.slug, '--impl', implRoot, '--out', cpuOut,
      '--result', resultOut, '--interval', String(intervalUs), ...(heapOut ? ['--heap', heapOut] : [])];
    const child = await runNodeScript(args, { cwd: REPO_ROOT, timeoutMs: timeoutSec * 1000 });
    if (child.timedOut) {
      console.error(`workbook profile: the workload did not finish within ${timeoutSec} s (an infinite loop, or far slower than the reference?); raise --timeout to wait longer`);
      return 1;
    }
    if (!existsSync(resultOut)) {
      console.error(`workbook profile: the profiling process exited with code ${child.code}: ${child.stderrTail || 'no output'}`);
      return 1;
    }
    const result = JSON.parse(readFileSync(resultOut, 'utf8')) as V8ProfileResult;
    if (!result.ok) {
      const at = result.location ? ` (${result.location.file}:${result.location.line}:${result.location.column})` : '';
      console.error(`workbook profile: the workload threw: ${result.message}${at}`);
      return 1;
    }
    const classify = classifier(labDirs(lab, implRoot));
    const shownImpl = relative(process.cwd(), join(implRoot, lab.slug)) || '.';
    console.log(`Profile of ${lab.slug} (${shownImpl}) under V8's sampling profiler`);
    console.log(`workload: ${lab.workload.title.en}`);
    const cpu = JSON.parse(readFileSync(cpuOut, 'utf8')) as CpuProfile;
    const cpuProfile = fromCpuProfile(cpu, classify);
    console.log(`cpu: ${formatNumber(cpuProfile.wallMs)} ms, ${formatCount(cpu.samples.length, 'en')} samples every ${intervalUs} µs → ${cpuOut}`);
    console.log('     open it in Chrome DevTools (Performance › Load profile) or https://www.speedscope.app\n');
    console.log(`top functions by self time (* = ${lab.slug}/ in the implementation profiled)`);
    console.log(topTable(cpuProfile, top));
    console.log('(a sampling profiler charges built-ins such as indexOf or splice, when V8 inlines them, to the function that calls them)');
    for (const text of lineTables(cpu, cpuProfile, lineFunctions, join(implRoot, lab.slug))) console.log(`\n${text}`);
    if (heapOut) {
      const heap = JSON.parse(readFileSync(heapOut, 'utf8')) as HeapProfile;
      const heapProfile = fromHeapProfile(heap, classify, cpuProfile.wallMs);
      console.log(`\nheap: ${formatNumber(heapProfile.root.total / 1024 / 1024)} MB allocated (sampled, objects collected since included) → ${heapOut}`);
      console.log('      open it in Chrome DevTools (Memory › Load profile)\n');
      console.log('top allocation sites by self size');
      console.log(topTable(heapProfile, top));
    }
    return 0;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Internal: the child process of `profile`, one workload under node:inspector. */
export async function profileChild(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true,
    options: { impl: { type: 'string' }, out: { type: 'string' }, result: { type: 'string' }, heap: { type: 'string' }, interval: { type: 'string', default: '100' } },
  });
  const [lab] = catalog.select(positionals);
  if (!values.impl || !values.out || !values.result) throw new UsageError('profile-one needs --impl, --out and --result');
  const result = await profileWithV8({ lab, implRoot: values.impl, cpuOut: values.out, heapOut: values.heap, intervalUs: positiveInt(values.interval, '--interval') });
  writeFileSync(values.result, JSON.stringify(result));
  return result.ok ? 0 : 1;
}

/** Names V8's script URLs: the implementation's files as the learner knows them, the workload, the rest by path. */
function classifier(dirs: ReturnType<typeof labDirs>): ClassifyUrl {
  const under = (dir: string, path: string) => path.startsWith(dir + sep);
  return (url) => {
    if (!url.startsWith('file:')) return { kind: 'other', file: url };
    const path = fileURLToPath(url);
    if (under(dirs.implDir, path)) return { kind: 'lab', file: relative(dirs.implDir, path) };
    if (under(dirs.labDir, path)) return { kind: 'other', file: relative(REPO_ROOT, path) };
    if (under(dirs.graderDir, path)) return { kind: 'workload', file: relative(dirs.graderDir, path) };
    return { kind: under(join(REPO_ROOT, 'src/grader-kit'), path) ? 'workload' : 'other', file: relative(REPO_ROOT, path) };
  };
}

/**
 * Line-level time, as Python's line_profiler shows it: for the `count` functions of the
 * implementation with the most self time, each source line with the samples V8 took there
 * (a .cpuprofile's positionTicks) and its share of the function's samples.
 */
function lineTables(cpu: CpuProfile, profile: CallProfile, count: number, implDir: string): string[] {
  const labRows = functionTable(profile).filter((row) => profile.frames[row.frame].kind === 'lab' && row.self > 0).slice(0, count);
  return labRows.map((row) => {
    const frame = profile.frames[row.frame];
    const ticks = new Map<number, number>();
    for (const node of cpu.nodes) {
      const cf = node.callFrame;
      if (cf.functionName !== frame.name || cf.lineNumber + 1 !== frame.line || !cf.url.endsWith(`/${frame.file}`)) continue;
      for (const { line, ticks: n } of (node as { positionTicks?: { line: number; ticks: number }[] }).positionTicks ?? []) ticks.set(line, (ticks.get(line) ?? 0) + n);
    }
    const all = [...ticks.values()].reduce((a, b) => a + b, 0);
    const source = readFileSync(join(implDir, frame.file!), 'utf8').split('\n');
    // The function's first line, then only the lines that have samples: a function V8 inlined
    // here brings its own lines, elsewhere in the file, and ⋮ marks each jump.
    const shown = [...new Set([frame.line!, ...ticks.keys()])].sort((a, b) => a - b);
    const lines = [`line by line: ${frameLabel(frame, 'en')} · ${frameWhere(frame)} (${formatCount(all, 'en')} samples in its own code)`];
    shown.forEach((line, i) => {
      if (i > 0 && line > shown[i - 1] + 1) lines.push(`${''.padStart(6)} ${''.padStart(7)}  ⋮`);
      const n = ticks.get(line) ?? 0;
      lines.push(`${String(line).padStart(6)} ${(n ? `${percent(n / (all || 1))}%` : '').padStart(7)}  ${source[line - 1] ?? ''}`);
    });
    return lines.join('\n');
  });
}

/** The top rows by self, as aligned text; the implementation's rows marked with * (and bold on a terminal). */
function topTable(profile: CallProfile, top: number): string {
  const whole = profile.root.total || 1;
  const bytes = profile.unit === 'bytes';
  const amount = (n: number) => formatNumber(bytes ? n / 1024 : n);
  const unit = bytes ? 'KB' : 'ms';
  const bold = process.stdout.isTTY && !process.env.NO_COLOR ? (s: string) => `\u001b[1m${s}\u001b[22m` : (s: string) => s;
  const rows = functionTable(profile).filter((row) => row.self > 0).slice(0, top);
  const lines = [`${`self ${unit}`.padStart(10)} ${'self %'.padStart(7)} ${`total ${unit}`.padStart(10)} ${'total %'.padStart(8)}  function · where`];
  for (const row of rows) {
    const frame = profile.frames[row.frame];
    const mine = frame.kind === 'lab';
    const where = frameWhere(frame);
    const line = `${amount(row.self).padStart(10)} ${`${percent(row.self / whole)}%`.padStart(7)} ${amount(row.total).padStart(10)} ${`${percent(row.total / whole)}%`.padStart(8)}  ${mine ? '* ' : '  '}${frameLabel(frame, 'en') || '(anonymous)'}${where ? ` · ${where}` : ''}`;
    lines.push(mine ? bold(line) : line);
  }
  return lines.join('\n');
}
