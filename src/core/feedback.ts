// Learner-facing feedback for a graded submission: what passed, what failed and why,
// the hints from lab.json, and hidden checks named only by their title.
// (The class's gradebook is derived from batch.json: src/cli/class-records.ts.)
import type { Lab } from './lab';
import type { Locale } from '../i18n/locale';
import { redactHidden, type GradeReport } from './report';
import { perfLine } from './format';
import { gradingText } from '../i18n/grading';

export function feedbackMarkdown(student: string, reports: GradeReport[], labs: Lab[], locale: Locale = 'en'): string {
  const total = reports.reduce((s, r) => s + r.score, 0);
  const max = reports.reduce((s, r) => s + r.max_score, 0);
  const t = (key: Parameters<typeof gradingText.t>[1], vars?: Record<string, string | number>) => gradingText.t(locale, key, vars);
  const out = [`# ${t('feedback.title', { student })}`, '', `**${t('feedback.score', { total, max })}**`, ''];
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
      for (const test of r.tests.filter((x) => x.task_id === task.id && x.status !== 'pass')) {
        out.push(`  - ${test.name}${test.location ? ` (${test.location.file}:${test.location.line})` : ''}: ${(test.message ?? test.status).split('\n')[0]}`);
        if (test.perf) out.push(`    - ${perfLine(test.perf, locale)}`);
        if (test.diff) out.push('', '    ```diff', ...test.diff.split('\n').slice(0, 20).map((l) => `    ${l}`), '    ```', '');
      }
      if (!r.message && task.status !== 'skip') {
        const hint = lab?.tasks.find((x) => x.id === task.id)?.hint?.[locale];
        if (hint) out.push(`  - ${t('feedback.hint', { hint })}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}
