import { describe, expect, it } from 'vitest';
import { parseLab, LabFormatError, type Lab } from '../../src/core/lab';
import { buildReport, redactHidden, summarize, type TestResult } from '../../src/core/report';
import { formatSummary } from '../../src/core/format';
import { exportedNames, missingExports } from '../../src/core/exports';
import { display } from '../../src/core/task-tree';

const lab: Lab = parseLab('labs/demo/lab.json', JSON.stringify({
  slug: 'demo', order: 1, section: '3.1', chapter: '3-1-profiling',
  title: { zh: '演示', en: 'Demo' }, summary: { zh: '演示', en: 'Demo' }, files: ['demo.ts'],
  tasks: [
    { id: 'a', points: 2, title: { zh: '甲', en: 'A' } },
    { id: 'b', points: 3, title: { zh: '乙', en: 'B' } },
    { id: 'redis', points: 1, env: 'node', title: { zh: '丙', en: 'Redis' } },
    { id: 'secret', points: 1, hidden: true, title: { zh: '丁', en: 'Secret' } },
  ],
}));

const t = (task_id: string, status: TestResult['status'], name = `${task_id} test`): TestResult => ({ name, task_id, status, duration_ms: 1 });

describe('lab.json validation', () => {
  it('names the file and each bad field', () => {
    const bad = JSON.stringify({ slug: 'Bad Slug', order: 1, section: '9', chapter: 'x', title: { zh: 'x' }, summary: { zh: 'a', en: 'b' }, files: [], tasks: [] });
    try {
      parseLab('labs/bad/lab.json', bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(LabFormatError);
      const msg = (err as Error).message;
      expect(msg).toContain('labs/bad/lab.json');
      for (const field of ['slug', 'section', 'title.en', 'files', 'tasks']) expect(msg).toContain(`${field}:`);
    }
  });
  it('rejects invalid JSON, unknown fields, duplicate task ids and a slug that is not its folder', () => {
    expect(() => parseLab('x.json', '{')).toThrow(/not valid JSON/);
    const base = JSON.parse(JSON.stringify(lab));
    expect(() => parseLab('x.json', JSON.stringify({ ...base, extra: 1 }))).toThrow(/extra/);
    expect(() => parseLab('x.json', JSON.stringify({ ...base, tasks: [base.tasks[0], base.tasks[0]] }))).toThrow(/duplicate task id "a"/);
    expect(() => parseLab('x.json', JSON.stringify(base), 'other')).toThrow(/does not match its folder "other"/);
  });
});

describe('scoring rule', () => {
  it('earns a task only when every one of its tests passed', () => {
    const r = buildReport(lab, [t('a', 'pass'), t('a', 'pass', 'a2'), t('b', 'pass'), t('b', 'fail', 'b2'), t('redis', 'pass'), t('secret', 'pass')], { runtime: 'node' });
    expect(r.tasks.map((x) => [x.id, x.score, x.status])).toEqual([['a', 2, 'pass'], ['b', 0, 'fail'], ['redis', 1, 'pass'], ['secret', 1, 'pass']]);
    expect([r.score, r.max_score, r.status]).toEqual([4, 7, 'fail']);
  });
  it('a task with no test is an error, except a node-only task in the browser, which is skipped', () => {
    const node = buildReport(lab, [t('a', 'pass'), t('b', 'pass'), t('secret', 'pass')], { runtime: 'node' });
    expect(node.tasks.find((x) => x.id === 'redis')?.status).toBe('error');
    const browser = buildReport(lab, [t('a', 'pass'), t('b', 'pass'), t('secret', 'pass')], { runtime: 'worker', browser: true });
    expect(browser.tasks.find((x) => x.id === 'redis')).toMatchObject({ status: 'skip', score: 0 });
    const noHidden = buildReport(lab, [t('a', 'pass'), t('b', 'pass')], { runtime: 'worker', browser: true });
    expect(noHidden.tasks.find((x) => x.id === 'secret')).toMatchObject({ status: 'skip', message: 'hidden check, graded by the CLI only' });
    expect(noHidden.status).toBe('pass');
    expect(browser.status).toBe('pass');
  });
  it('a load error fails every task with its message', () => {
    const r = buildReport(lab, [], { runtime: 'node', loadError: { message: 'demo.ts:3:1: Unexpected token' } });
    expect(r.status).toBe('error');
    expect(r.tasks.every((x) => x.status === 'error' && x.message === 'demo.ts:3:1: Unexpected token')).toBe(true);
  });
  it('an error no test can be charged with fails the lab but keeps the scores earned', () => {
    const r = buildReport(lab, [t('a', 'pass'), t('b', 'fail'), t('redis', 'pass'), t('secret', 'pass')], { runtime: 'node', strayErrors: ['uncaught error outside any test: boom'] });
    expect([r.status, r.score, r.message]).toEqual(['error', 4, 'uncaught error outside any test: boom']);
  });
  it('a test naming an unknown task is an error, not silently ignored', () => {
    const r = buildReport(lab, [t('a', 'pass'), t('b', 'pass'), t('redis', 'pass'), t('secret', 'pass'), t('typo', 'pass')], { runtime: 'node' });
    expect(r.status).toBe('fail');
    expect(r.tests.find((x) => x.task_id === 'typo')?.message).toMatch(/does not list/);
  });
  it('learners see hidden tasks only by title', () => {
    const r = redactHidden(buildReport(lab, [t('a', 'pass'), t('b', 'pass'), t('redis', 'pass'), t('secret', 'fail')], { runtime: 'node' }), lab);
    expect(r.tasks.find((x) => x.id === 'secret')?.message).toBe('a hidden check failed: Secret');
    expect(r.tests.some((x) => x.task_id === 'secret')).toBe(false);
  });
});

describe('formats', () => {
  const summary = summarize('solutions', [buildReport(lab, [t('a', 'pass'), { ...t('b', 'fail'), message: 'expected 1 to be 2 <&>', diff: '- 2\n+ 1' }], { runtime: 'node' })]);
  it('text names failures with their message', () => {
    expect(formatSummary(summary, 'text')).toMatch(/✘ b .*0\/3[\s\S]*expected 1 to be 2/);
  });
  it('junit escapes XML and counts failures', () => {
    const xml = formatSummary(summary, 'junit');
    expect(xml).toContain('failures="1"');
    expect(xml).toContain('expected 1 to be 2 &lt;&amp;&gt;');
    expect(xml).not.toMatch(/<&>/);
  });
  it('github writes a score table', () => {
    expect(formatSummary(summary, 'github')).toMatch(/\| ❌ \| `demo` \| 2 \/ 7 \|/);
  });
  it('json is the summary itself', () => {
    expect(JSON.parse(formatSummary(summary, 'json'))).toEqual(summary);
  });
});

describe('missing exports', () => {
  it('reads declarations and export lists', () => {
    const names = exportedNames('export class A {}\nexport async function b() {}\nconst c = 1, d = 2;\nexport { c, d as e }\nexport type F = 1;\n// export class Commented {}');
    expect([...(names as Set<string>)].sort()).toEqual(['A', 'F', 'b', 'c', 'e']);
  });
  it('names the file and the export a grader needs', () => {
    const grader = "import { LRUCache, type Options } from '@impl/lru-cache/lru-cache';";
    expect(missingExports([grader], { 'lru-cache.ts': 'export class LRU {}\nexport interface Options {}' }, 'lru-cache')).toEqual(['lru-cache.ts does not export LRUCache']);
  });
});

describe('expected/actual as text', () => {
  it('never throws, whatever the value', () => {
    expect(display('x')).toBe('x');
    expect(display(3)).toBe('3');
    expect(display({ a: 1 })).toBe('{"a":1}');
    expect(display(Object.create(null))).toBe('{}');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(display(cyclic)).toBe('[object Object]');
    expect(display(Symbol('s'))).toBe('Symbol(s)');
    expect(display(RangeError)).toMatch(/RangeError/);
  });
});
