// Writes a GradeSummary as text (terminals), JUnit XML (CI test tabs) and
// GitHub Actions markdown (job summaries). JSON is the summary itself.
import type { GradeReport, GradeSummary, PerfResult, TestResult } from './report';
import { formatNumber } from '../i18n/text';
import { gradingText } from '../i18n/grading';
import type { Locale } from '../i18n/locale';

export type Format = 'text' | 'json' | 'junit' | 'github' | 'classroom';
export const FORMATS: Format[] = ['text', 'json', 'junit', 'github', 'classroom'];

export function formatSummary(summary: GradeSummary, format: Format): string {
  switch (format) {
    case 'json': return JSON.stringify(summary, null, 2) + '\n';
    case 'junit': return junit(summary);
    case 'github': return github(summary);
    case 'classroom': return JSON.stringify(classroom(summary)) + '\n';
    default: return text(summary);
  }
}

const MARK: Record<string, string> = { pass: '✔', fail: '✘', error: '✘', skip: '–' };

export function perfLine(p: PerfResult, locale: Locale = 'en'): string {
  return gradingText.t(locale, 'perf.line', {
    metric: p.metric, observed: formatNumber(p.observed), unit: p.unit, cmp: p.direction === 'max' ? '≤' : '≥',
    target: formatNumber(p.target), samples: p.samples.length, margin: perfMargin(p, locale),
  });
}

/** How far a measurement sits from its target, so a borderline verdict reads as one: "12% to spare", "missed by 3%". */
export function perfMargin(p: PerfResult, locale: Locale = 'en'): string {
  const rel = p.direction === 'max' ? (p.target - p.observed) / p.target : (p.observed - p.target) / p.target;
  if (!Number.isFinite(rel)) return gradingText.t(locale, 'perf.noMargin');
  const pct = Math.abs(rel) * 100;
  const shown = pct < 10 ? pct.toFixed(1) : pct.toFixed(0);
  return gradingText.t(locale, rel >= 0 ? 'perf.spare' : 'perf.missed', { pct: shown });
}

export function labText(r: GradeReport): string {
  const lines = [`${MARK[r.status]} ${r.lab}  ${r.score}/${r.max_score}  (${(r.duration_ms / 1000).toFixed(1)} s)`];
  if (r.message) lines.push(`    ${r.message}`);
  for (const task of r.tasks) {
    lines.push(`  ${MARK[task.status]} ${task.id.padEnd(28)} ${`${task.score}/${task.points}`.padStart(5)}  ${task.title}`);
    for (const t of r.tests.filter((x) => x.task_id === task.id)) {
      if (t.perf) lines.push(`      ${MARK[t.status]} ${perfLine(t.perf)}`);
      if (t.status === 'pass') continue;
      lines.push(`      ${MARK[t.status]} ${t.name}${t.location ? `  (${t.location.file}:${t.location.line})` : ''}`);
      if (t.message && !t.perf) lines.push(...indent(t.message.split('\n').slice(0, 6), 10));
      if (t.diff) lines.push(...indent(t.diff.split('\n').slice(0, 12), 10));
      if (t.output) lines.push(...indent(consoleLines(t), 10));
    }
  }
  return lines.join('\n');
}

const indent = (lines: string[], n: number) => lines.map((l) => ' '.repeat(n) + l);

/** What a failing test printed, as the text report shows it: the first lines, and how many more there were. */
function consoleLines(t: TestResult): string[] {
  const shown = t.output!.split('\n');
  const more = shown.length - 12 + (t.output_dropped ?? 0);
  return ['console:', ...shown.slice(0, 12).map((l) => `  ${l}`), ...(more > 0 ? [`  … ${more} more line(s)`] : [])];
}

function text(s: GradeSummary): string {
  const labs = s.labs.map(labText).join('\n\n');
  return `${labs}\n\n${s.status === 'pass' ? 'PASS' : 'FAIL'}  ${s.score}/${s.max_score} points (${s.impl})\n`;
}

const xml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!)
    // XML 1.0 forbids most control characters; ANSI colour codes in messages would break parsers.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function junitCase(lab: string, t: TestResult): string {
  const attrs = `classname="${xml(`${lab}.${t.task_id}`)}" name="${xml(t.name)}" time="${(t.duration_ms / 1000).toFixed(3)}"`;
  const body = [t.message, t.perf && perfLine(t.perf), t.diff].filter(Boolean).join('\n');
  if (t.status === 'pass') return `    <testcase ${attrs}/>`;
  if (t.status === 'skip') return `    <testcase ${attrs}><skipped message="${xml(t.message ?? '')}"/></testcase>`;
  const tag = t.status === 'error' ? 'error' : 'failure';
  return `    <testcase ${attrs}><${tag} message="${xml((t.message ?? '').split('\n')[0])}">${xml(body)}</${tag}></testcase>`;
}

function junit(s: GradeSummary): string {
  const suites = s.labs.map((r) => {
    const cases = r.tests.map((t) => junitCase(r.lab, t));
    if (r.message) cases.unshift(`    <testcase classname="${xml(r.lab)}" name="load"><error message="${xml(r.message)}"/></testcase>`);
    const failures = r.tests.filter((t) => t.status === 'fail').length;
    const errors = r.tests.filter((t) => t.status === 'error').length + (r.message ? 1 : 0);
    const skipped = r.tests.filter((t) => t.status === 'skip').length;
    return `  <testsuite name="${xml(r.lab)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${(r.duration_ms / 1000).toFixed(3)}">\n` +
      `    <properties><property name="score" value="${r.score}"/><property name="max_score" value="${r.max_score}"/></properties>\n` +
      `${cases.join('\n')}\n  </testsuite>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="workbook" tests="${s.labs.reduce((n, r) => n + r.tests.length, 0)}">\n${suites.join('\n')}\n</testsuites>\n`;
}

const md = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function github(s: GradeSummary): string {
  const rows = s.labs.map((r) => `| ${r.status === 'pass' ? '✅' : '❌'} | \`${r.lab}\` | ${r.score} / ${r.max_score} |`);
  const details = s.labs.filter((r) => r.status !== 'pass').map((r) => {
    const tasks = r.tasks.filter((t) => t.status !== 'pass').map((t) => `- **${md(t.title)}** (${t.points} pts): ${md(t.message ?? t.status)}`);
    return `<details><summary><code>${r.lab}</code>: ${r.score} / ${r.max_score}</summary>\n\n${r.message ? `${md(r.message)}\n\n` : ''}${tasks.join('\n')}\n\n</details>`;
  });
  return `## Perf Workbook grades: ${s.score} / ${s.max_score}\n\n| | lab | score |\n|---|---|---|\n${rows.join('\n')}\n| | **total** | **${s.score} / ${s.max_score}** |\n\n${details.join('\n\n')}\n`;
}

/**
 * GitHub Classroom's autograding reporter reads `{ version: 1, status, max_score, tests[{ name, status,
 * score, message }] }` (base64-encoded in a step output) and adds up the tests' scores, so each
 * task becomes one "test" carrying its points.
 */
export function classroom(s: GradeSummary) {
  return {
    version: 1,
    status: s.status,
    max_score: s.max_score,
    tests: s.labs.flatMap((r) => r.tasks.map((t) => ({
      name: `${r.lab}: ${t.title}`,
      status: t.status === 'pass' ? 'pass' : t.status === 'skip' ? 'fail' : t.status,
      score: t.score,
      message: t.message ?? '',
      test_code: `workbook grade ${r.lab}`,
      filename: '',
      line_no: 0,
      execution_time: `${(r.duration_ms / 1000).toFixed(2)}s`,
    }))),
  };
}
