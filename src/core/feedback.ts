// Learner-facing feedback for a graded submission: what passed, what failed and why,
// the hints from lab.json, and hidden checks named only by their title.
import type { Lab } from './lab';
import type { Locale } from '../i18n/locale';
import { redactHidden, type GradeReport } from './report';
import { perfLine } from './format';

export function feedbackMarkdown(student: string, reports: GradeReport[], labs: Lab[], locale: Locale = 'en'): string {
  const total = reports.reduce((s, r) => s + r.score, 0);
  const max = reports.reduce((s, r) => s + r.max_score, 0);
  const out = [`# Feedback for ${student}`, '', `**Score: ${total} / ${max}**`, ''];
  for (const full of reports) {
    const lab = labs.find((l) => l.slug === full.lab);
    const r = lab ? redactHidden(full, lab, locale) : full;
    out.push(`## ${lab?.title[locale] ?? r.lab} (\`${r.lab}\`): ${r.score} / ${r.max_score}`, '');
    if (r.message) out.push(`> ${r.message.replace(/\n/g, '\n> ')}`, '');
    for (const task of r.tasks) {
      const mark = task.status === 'pass' ? '✅' : task.status === 'skip' ? '⏭️' : '❌';
      out.push(`- ${mark} **${task.title}** (${task.score} / ${task.points})`);
      if (task.status === 'pass') continue;
      if (task.hidden) { out.push(`  - ${task.message}`); continue; }
      for (const t of r.tests.filter((x) => x.task_id === task.id && x.status !== 'pass')) {
        out.push(`  - ${t.name}${t.location ? ` (${t.location.file}:${t.location.line})` : ''}: ${(t.message ?? t.status).split('\n')[0]}`);
        if (t.perf) out.push(`    - ${perfLine(t.perf)}`);
        if (t.diff) out.push('', '    ```diff', ...t.diff.split('\n').slice(0, 20).map((l) => `    ${l}`), '    ```', '');
      }
      if (!r.message && task.status !== 'skip') {
        const hint = lab?.tasks.find((x) => x.id === task.id)?.hint?.[locale];
        if (hint) out.push(`  - Hint: ${hint}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

const csvCell = (v: string | number) => {
  const s = String(v);
  // Quote when needed, and defuse spreadsheet formulas in student-chosen names.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** One row per student, a column per lab, then total, max and status. */
export function gradebookCsv(rows: { student: string; reports: GradeReport[]; status: string }[], labs: Lab[]): string {
  const header = ['student', ...labs.map((l) => l.slug), 'total', 'max', 'status'];
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) {
    const score = (slug: string) => row.reports.find((r) => r.lab === slug)?.score ?? 0;
    const total = labs.reduce((s, l) => s + score(l.slug), 0);
    const max = labs.reduce((s, l) => s + l.tasks.reduce((n, t) => n + t.points, 0), 0);
    lines.push([row.student, ...labs.map((l) => score(l.slug)), total, max, row.status].map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
