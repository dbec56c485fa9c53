import { describe, expect, it } from 'vitest';
import { parseLab, LabFormatError, type Lab } from '../../src/core/lab';
import { buildReport, redactHidden, summarize, type TestResult } from '../../src/core/report';
import { formatSummary } from '../../src/core/format';
import { display } from '../../src/core/task-tree';
import { describeReason, type GradeReason } from '../../src/core/reason';

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
  it('a reason the lab cannot be graded fails every task with it, as data and as a sentence', () => {
    const reason = { kind: 'syntax', file: 'demo.ts', line: 3, column: 1, detail: 'Unexpected token' } as const;
    const r = buildReport(lab, [], { runtime: 'node', reason });
    expect(r).toMatchObject({ status: 'error', reason, message: 'demo.ts:3:1: Unexpected token' });
    expect(r.tasks.every((x) => x.status === 'error' && x.reason === reason && x.message === 'demo.ts:3:1: Unexpected token')).toBe(true);
  });
  it('tasks not graded here say why, as data, in the report\'s locale', () => {
    const r = buildReport(lab, [t('a', 'pass'), t('b', 'pass')], { runtime: 'worker', browser: true, locale: 'zh' });
    expect(r.tasks.find((x) => x.id === 'redis')).toMatchObject({ reason: { kind: 'cli-only' }, message: '此任务只在命令行评分（需要 Node）' });
    expect(r.tasks.find((x) => x.id === 'secret')?.reason).toEqual({ kind: 'hidden' });
    const node = buildReport(lab, [t('a', 'pass')], { runtime: 'node' });
    expect(node.tasks.find((x) => x.id === 'b')).toMatchObject({ status: 'error', reason: { kind: 'no-tests' }, message: 'no test ran for task "b"' });
  });
  it('an error no test can be charged with fails the lab but keeps the scores earned', () => {
    const r = buildReport(lab, [t('a', 'pass'), t('b', 'fail'), t('redis', 'pass'), t('secret', 'pass')], { runtime: 'node', strayErrors: ['boom'] });
    expect([r.status, r.score, r.message]).toEqual(['error', 4, 'uncaught error outside any test: boom']);
    expect(r.reason).toEqual({ kind: 'stray-errors', errors: ['boom'] });
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
  it('learners never see what a hidden check printed, in any format', () => {
    const full = buildReport(lab, [t('a', 'pass'), { ...t('secret', 'fail'), output: 'workload key 31337', output_dropped: 9 }], { runtime: 'node' });
    const learner = summarize('me', [redactHidden(full, lab)]);
    for (const format of ['text', 'json', 'junit', 'github'] as const) expect(formatSummary(learner, format), format).not.toContain('31337');
    expect(formatSummary(summarize('me', [full]), 'text')).toContain('workload key 31337');
  });
});

describe('formats', () => {
  const summary = summarize('solutions', [buildReport(lab, [t('a', 'pass'), { ...t('b', 'fail'), message: 'expected 1 to be 2 <&>', diff: '- 2\n+ 1' }], { runtime: 'node' })]);
  it('text names failures with their message', () => {
    expect(formatSummary(summary, 'text')).toMatch(/✘ b .*0\/3[\s\S]*expected 1 to be 2/);
  });
  it('text shows what a failing test printed, its first lines and how many were left out', () => {
    const printed = Array.from({ length: 15 }, (_, i) => `line ${i}`).join('\n');
    const chatty = summarize('solutions', [buildReport(lab, [t('a', 'pass'), { ...t('b', 'fail'), message: 'boom', output: printed, output_dropped: 200 }], { runtime: 'node' })]);
    const out = formatSummary(chatty, 'text');
    expect(out).toMatch(/boom\n\s+console:\n\s+line 0\n/);
    expect(out).toContain('line 11');
    expect(out).not.toContain('line 12');
    // 3 lines beyond the text report's 12, plus the 200 the capture already dropped.
    expect(out).toContain('… 203 more line(s)');
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

describe('grade-batch reasons, worded through the message catalog', () => {
  const reasons: GradeReason[] = [
    { kind: 'not-submitted' },
    { kind: 'submission-refused', why: 'file-link', path: 'lru-cache/ref.ts' },
    { kind: 'submission-refused', why: 'too-big', path: 'lru-cache/', limit: 2 },
    { kind: 'submission-refused', why: 'unreadable-zip', path: 'bob.zip', detail: 'not a zip file' },
    { kind: 'tampered', found: { what: 'impostor', holds: 'proxy' } },
    { kind: 'tampered', found: { what: 'silent-matchers', matchers: ['toBe', 'toEqual'] } },
    { kind: 'crashed', detail: 'x', end: { why: 'memory', mb: 512 }, during: 'startup' },
    { kind: 'crashed', detail: 'x', end: { why: 'test-timeout', seconds: 30 }, during: 'loading', file: 'lru-cache.test.ts' },
  ];
  it('says each in Chinese for zh, with the same facts as in English', () => {
    for (const reason of reasons) {
      const zh = describeReason(reason, 'zh');
      const en = describeReason(reason, 'en');
      expect(zh, JSON.stringify(reason)).toMatch(/[\u4e00-\u9fff]/);
      expect(en, JSON.stringify(reason)).not.toMatch(/[\u4e00-\u9fff]/);
      for (const fact of en.match(/\d+|[\w-]+\.(ts|zip)|toBe|toEqual|Proxy/g) ?? []) expect(zh, `${en} | ${zh}`).toContain(fact);
    }
  });
  it('keeps the English words the CLI printed before', () => {
    expect(describeReason(reasons[0], 'en')).toBe('not submitted');
    expect(describeReason(reasons[1], 'en')).toBe('lru-cache/ref.ts is a link to a file outside the lab folder; a lab may use only its own files');
    expect(describeReason(reasons[3], 'en')).toBe('could not read the submission: not a zip file');
    expect(describeReason(reasons[4], 'en')).toBe("tampering detected: the value under test holds a Proxy; only the graders' matchers may decide equality; this lab scores 0");
  });
});
