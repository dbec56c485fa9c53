// The CLI as an instructor meets it: broken submissions become failed entries, never a crash.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { catalog } from '../../src/catalog/lab-catalog';
import type { GradeReport, GradeSummary } from '../../src/core/report';
import { solutionProblems } from '../../src/cli/check';

const REPO = join(import.meta.dirname, '../..');
const workbook = (...args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin/workbook.mjs'), ...args], { cwd: REPO, encoding: 'utf8' });

describe('workbook list', () => {
  it('lists every lab with its tasks and points as JSON', () => {
    const run = workbook('list', '--json');
    expect(run.status).toBe(0);
    const listed = JSON.parse(run.stdout) as { slug: string; max_score: number; tasks: { id: string; points: number }[] }[];
    expect(listed.map((l) => l.slug)).toEqual(catalog.labs().map((l) => l.slug));
    for (const l of listed) expect(l.max_score).toBe(l.tasks.reduce((s, t) => s + t.points, 0));
  });
  it('rejects bad usage with exit 2 and a sentence', () => {
    const run = workbook('grade', 'no-such-lab');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown lab "no-such-lab"; known labs:/);
    expect(workbook('grade', '--format', 'pdf').stderr).toMatch(/--format must be one of/);
  });
});

describe('workbook grade on a broken submission', () => {
  const labs = catalog.labs().slice(0, 3);
  let dir: string;
  let summary: GradeSummary;
  let status: number | null;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'submission-'));
    for (const lab of labs) cpSync(join(catalog.dirs.solutions, lab.slug), join(dir, lab.slug), { recursive: true });
    // Lab 1: a syntax error on line 2 of its first file. Lab 2: its first file is missing.
    const broken = join(dir, labs[0].slug, labs[0].files[0]);
    const lines = readFileSync(broken, 'utf8').split('\n');
    lines.splice(1, 0, 'const = ;');
    writeFileSync(broken, lines.join('\n'));
    rmSync(join(dir, labs[1].slug, labs[1].files[0]));
    const out = join(dir, 'report.json');
    const run = workbook('grade', ...labs.map((l) => l.slug), '--impl', dir, '--format', 'json', '--out', out);
    status = run.status;
    summary = JSON.parse(readFileSync(out, 'utf8'));
    return () => rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('exits 1 and reports every lab', () => {
    expect(labs.length).toBe(3);
    expect(status).toBe(1);
    expect(summary.labs.map((l) => l.lab)).toEqual(labs.map((l) => l.slug));
  });
  it('names the file and line of the syntax error', () => {
    const r = summary.labs[0];
    expect(r.status).toBe('error');
    expect(r.message).toContain(`${labs[0].slug}/${labs[0].files[0]}:2:`);
    expect(r.score).toBe(0);
  });
  it('names the missing file', () => {
    expect(summary.labs[1].reason).toEqual({ kind: 'missing-files', files: [labs[1].files[0]] });
    expect(summary.labs[1].message).toBe(`missing file(s): ${labs[1].files[0]}`);
  });
  it('grades the other lab normally', () => {
    expect(summary.labs[2]).toMatchObject({ status: 'pass' });
    expect(summary.labs[2].score).toBe(summary.labs[2].max_score);
  });
  it('writes JUnit and GitHub summaries too', () => {
    const junit = join(dir, 'junit.xml');
    workbook('grade', labs[2].slug, '--impl', dir, '--format', 'junit', '--out', junit);
    expect(existsSync(junit) && readFileSync(junit, 'utf8')).toMatch(/<testsuite name="[^"]+" tests="\d+" failures="0"/);
  }, 120_000);
});

describe('workbook <command> --help', () => {
  it('explains every subcommand on its own, with exit 0', () => {
    for (const command of ['list', 'grade', 'format', 'check', 'grade-batch', 'merge-batches', 'gradebook', 'ops']) {
      const run = workbook(command, '--help');
      expect(run.status, command).toBe(0);
      expect(run.stdout, command).toMatch(new RegExp(`^workbook ${command}`));
    }
  });
});

describe('workbook grade shows a student nothing of the hidden checks', () => {
  // A known bug that the hidden graders catch: the output must say a hidden check failed, and no more.
  const fixture = join(REPO, 'tests/fixtures/buggy/memory-budget--recency-only');
  const outputs: Record<string, string> = {};
  let instructor = '';

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'hidden-'));
    const json = join(dir, 'report.json');
    workbook('grade', 'memory-budget', '--impl', fixture, '--format', 'json', '--out', json);
    outputs.json = readFileSync(json, 'utf8');
    for (const format of ['text', 'junit', 'github', 'classroom']) outputs[format] = workbook('format', json, '--format', format).stdout;
    outputs.direct = workbook('grade', 'memory-budget', '--impl', fixture, '--format', 'junit').stdout;
    instructor = workbook('grade', 'memory-budget', '--impl', fixture, '--format', 'json', '--show-hidden').stdout;
    rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  it('names a failed hidden check by its title only, in every format', () => {
    expect(instructor).toMatch(/matches the model on a workload of/);
    for (const [format, text] of Object.entries(outputs)) {
      expect(text, format).not.toMatch(/matches the model on a workload of|priorities, budget/);
    }
    expect(outputs.json).toMatch(/a hidden check failed/);
  });
});

describe('workbook grade shows what a failing test printed', () => {
  // A tiny LRU cache that never evicts: every cache it builds prints 45 lines, and its first
  // clear() prints 100k more (a log left in a loop), all in the sandboxed grading process.
  const chatty = `let built = 0;
let cleared = 0;
export class LRUCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {
    built++;
    for (let i = 0; i < 45; i++) console.log(\`cache #\${built} says line \${i}\`);
  }
  get(key: K): V | undefined { return this.map.get(key); }
  set(key: K, value: V): this { this.map.set(key, value); return this; }
  has(key: K): boolean { return this.map.has(key); }
  delete(key: K): boolean { return this.map.delete(key); }
  clear(): void {
    if (cleared++ === 0) for (let i = 0; i < 100_000; i++) console.warn('flood', i);
    this.map.clear();
  }
  get size(): number { return this.map.size; }
}
`;
  let report: GradeReport;
  let text: string;

  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), 'chatty-'));
    cpSync(join(catalog.dirs.solutions, 'lru-cache'), join(dir, 'lru-cache'), { recursive: true });
    writeFileSync(join(dir, 'lru-cache', 'lru-cache.ts'), chatty);
    const json = join(dir, 'report.json');
    workbook('grade', 'lru-cache', '--impl', dir, '--format', 'json', '--out', json);
    report = (JSON.parse(readFileSync(json, 'utf8')) as GradeSummary).labs[0];
    text = workbook('format', json, '--format', 'text').stdout;
    rmSync(dir, { recursive: true, force: true });
  }, 300_000);

  it('shows a failing test\'s first lines and counts the rest', () => {
    const failing = report.tests.find((t) => t.status === 'fail' && t.name === 'get refreshes recency: after get(a), b is the one evicted')!;
    expect(failing.output?.split('\n')).toHaveLength(40);
    expect(failing.output_dropped).toBe(5);
    expect(text).toMatch(/✘ get refreshes recency: after get\(a\), b is the one evicted\n[\s\S]*?console:\n\s+cache #\d+ says line 0\n/);
    expect(text).toMatch(/says line 11\n\s+… 33 more line\(s\)/);
    expect(text).not.toMatch(/says line 12\n/);
  });

  it('keeps a test that logs 100k lines to a few lines and a count, within its time', () => {
    const flooded = report.tests.find((t) => (t.output_dropped ?? 0) > 1000)!;
    expect(flooded.name).toBe('clear empties the cache, which then works as new');
    // It fails on its own bug (no keys()), not on a timeout.
    expect(flooded.message).toMatch(/cache\.keys is not a function/);
    expect(flooded.output!.split('\n')).toHaveLength(40);
    expect(flooded.output).toMatch(/^cache #\d+ says line 0\n/);
    expect(flooded.output_dropped).toBe(45 + 100_000 - 40);
    expect(text).toContain(`… ${45 + 100_000 - 12} more line(s)`);
    // The other tests were graded normally.
    expect(report.tests.filter((t) => t.status === 'pass').length).toBeGreaterThan(3);
    expect(report.status).toBe('fail');
  });
});

describe('workbook grade on a lab that wraps a library', () => {
  it('refuses an import lab.json does not allow, naming file, line and package, before any grader runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'submission-'));
    try {
      cpSync(join(catalog.dirs.solutions, 'lru-cache'), join(dir, 'lru-cache'), { recursive: true });
      writeFileSync(join(dir, 'lru-cache', 'lru-cache.ts'), "import { LRUCache as Library } from 'lru-cache';\nexport class LRUCache<K, V> extends Library<K & {}, V & {}> {}\n");
      const out = join(dir, 'report.json');
      const run = workbook('grade', 'lru-cache', '--impl', dir, '--format', 'json', '--out', out);
      expect(run.status).toBe(1);
      const [report] = (JSON.parse(readFileSync(out, 'utf8')) as GradeSummary).labs;
      expect(report.reason).toEqual({ kind: 'refused-import', allowed: [], imports: [{ file: 'lru-cache.ts', line: 1, specifier: 'lru-cache', why: 'not-allowed' }] });
      expect(report.message).toMatch(/^lru-cache\.ts:1: may not import "lru-cache"/);
      expect(report.score).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('workbook check', () => {
  it('counts a task this machine could not grade (no Redis outside CI) as skipped, not as a broken solution', () => {
    const report = { lab: 'x', tasks: [{ id: 'redis', status: 'skip', message: 'Redis is not available' }, { id: 'b', status: 'fail', message: 'wrong' }] } as unknown as GradeReport;
    expect(solutionProblems(report, undefined, { ci: false })).toEqual(['x: the solution does not earn task "b" (fail): wrong']);
  });

  it('in CI a skipped task is a problem: a green CI run graded every task', () => {
    const report = { lab: 'x', tasks: [{ id: 'redis', status: 'skip', message: 'Redis is not available' }, { id: 'a', status: 'pass' }] } as unknown as GradeReport;
    expect(solutionProblems(report, undefined, { ci: true })).toEqual(['x: the solution does not earn task "redis" (skip, and CI must grade every task): Redis is not available']);
  });
});
