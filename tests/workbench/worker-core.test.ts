// The offline worker's grading core, run in Node (a child process per run, because
// @vitest/runner cannot nest inside this Vitest): transpile, load, run, report.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GradeReport } from '../../src/core/report';
import { broken, bundle, buggy, scaffold, solution } from './fixtures';

const ROOT = join(import.meta.dirname, '../..');

function grade(stack: string, locale: 'zh' | 'en' = 'en', only?: string[]): GradeReport {
  const input = { lab: bundle.lab, files: { 'stack.ts': stack }, graders: bundle.graders, locale, only };
  const r = spawnSync(process.execPath, ['bin/run-ts.mjs', 'tests/workbench/grade-here.cli.ts'], { cwd: ROOT, input: JSON.stringify(input), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as GradeReport;
}

describe('worker grading core', () => {
  it('the reference passes every browser task and the Node-only task is skipped', () => {
    const report = grade(solution);
    expect(report.runtime).toBe('worker');
    expect(report.tasks.map((t) => [t.id, t.status])).toEqual([['basics', 'pass'], ['push-is-fast', 'pass'], ['persists', 'skip']]);
    expect(report.status).toBe('pass');
    expect(report.score).toBe(3);
    const perf = report.tests.find((t) => t.perf)!.perf!;
    expect(perf.samples.length).toBe(5);
    expect(perf.metric).toBe('push ÷ Array#push');
  });

  it('the scaffold fails, pointing at the line that threw', () => {
    const report = grade(scaffold);
    expect(report.status).toBe('fail');
    const test = report.tests.find((t) => t.task_id === 'basics')!;
    expect(test.location).toEqual({ file: 'stack.ts', line: 4, column: expect.any(Number) });
  });

  it('a wrong answer carries expected, received and a diff', () => {
    const report = grade(buggy);
    const test = report.tests.find((t) => t.name === 'pop returns the last pushed value')!;
    expect(test.status).toBe('fail');
    expect(test.expected).toContain('2');
    expect(test.diff).toContain('Expected');
  });

  it('a syntax error is a load error naming file, line and column', () => {
    const report = grade(broken, 'zh');
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/^stack\.ts:6:\d+: /);
    expect(report.tasks[0].message).toBe(report.message);
  });

  it('runs the same pre-checks as the CLI: a missing export is named, not "not a constructor" on every test', () => {
    const report = grade(solution.replace('export class Stack', 'class Stack'));
    expect(report).toMatchObject({ status: 'error', reason: { kind: 'missing-exports', missing: [{ file: 'stack.ts', name: 'Stack' }] }, message: 'stack.ts does not export Stack' });
    expect(report.tests).toEqual([]);
    const refused = grade(`import { LRUCache } from 'lru-cache';\n${solution}`, 'zh');
    expect(refused.reason).toMatchObject({ kind: 'refused-import', imports: [{ file: 'stack.ts', line: 1, specifier: 'lru-cache' }] });
    expect(refused.message).toMatch(/^stack\.ts:1：不能导入“lru-cache”/);
  });

  it('runs only the tasks asked for; the rest show as skipped', () => {
    const report = grade(solution, 'en', ['basics']);
    expect(report.tasks.map((t) => [t.id, t.status])).toEqual([['basics', 'pass'], ['push-is-fast', 'skip'], ['persists', 'skip']]);
  });
});
