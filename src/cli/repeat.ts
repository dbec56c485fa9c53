// `grade --repeat N`: the same grading N times; any test whose outcome changed is flaky.
import type { GradeReport, TestStatus } from '../core/report';

export interface FlakyTest {
  lab: string;
  task_id: string;
  name: string;
  outcomes: Record<TestStatus, number>;
  /** For latency targets: the observed values, run by run. */
  observed?: number[];
  messages: string[];
}

export function findFlaky(runs: GradeReport[][]): FlakyTest[] {
  const byTest = new Map<string, FlakyTest>();
  for (const run of runs) {
    for (const report of run) {
      // A lab that failed to load has no tests: count it as one outcome of its own.
      const tests = report.message && report.tests.length === 0
        ? [{ name: '(load)', task_id: '-', status: report.status as TestStatus, message: report.message }]
        : report.tests;
      for (const t of tests) {
        const key = `${report.lab}\0${t.task_id}\0${t.name}`;
        const entry = byTest.get(key) ?? { lab: report.lab, task_id: t.task_id, name: t.name, outcomes: { pass: 0, fail: 0, error: 0, skip: 0 }, messages: [] };
        entry.outcomes[t.status]++;
        if ('perf' in t && t.perf) (entry.observed ??= []).push(t.perf.observed);
        if (t.status !== 'pass' && t.message && entry.messages.length < 3) entry.messages.push(t.message.split('\n')[0]);
        byTest.set(key, entry);
      }
    }
  }
  return [...byTest.values()].filter((t) => Object.values(t.outcomes).filter((n) => n > 0).length > 1 || (t.outcomes.pass > 0 && t.outcomes.pass < runs.length));
}

export function formatFlaky(runs: number, flaky: FlakyTest[]): string {
  if (flaky.length === 0) return `No flaky test: every test had the same outcome in all ${runs} runs.\n`;
  const lines = [`${flaky.length} flaky test(s) over ${runs} runs:`];
  for (const f of flaky) {
    const counts = Object.entries(f.outcomes).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ');
    lines.push(`  ${f.lab} › ${f.task_id} › ${f.name}: ${counts}`);
    if (f.observed) lines.push(`      observed: ${f.observed.map((x) => x.toPrecision(3)).join(', ')}`);
    for (const m of f.messages) lines.push(`      ${m}`);
  }
  return lines.join('\n') + '\n';
}
