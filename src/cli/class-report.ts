// report.html for a graded class: which tasks most students fail, how the totals spread,
// how each lab went. One self-contained file (inline CSS and SVG, no script, nothing fetched),
// so it opens from an artifact download or an e-mail attachment as it is.
import type { Locale } from '../i18n/locale';
import { defineMessages } from '../i18n/messages';
import type { BatchRecord } from './class-records';

const TEXT = defineMessages(
  {
    title: '班级评分报告', students: '名学生', labs: '个实验', distribution: '总分分布（占满分的百分比）',
    statuses: '状态', tasks: '各任务通过率（从最低开始）', task: '任务', passed: '通过', submitted: '提交人数',
    labSummary: '各实验', lab: '实验', mean: '平均分', median: '中位数', hidden: '隐藏', none: '还没有学生。',
    pass: '通过', fail: '未通过', error: '出错', tampered: '篡改', generated: '由 workbook grade-batch 生成',
  },
  {
    title: 'Class grading report', students: 'students', labs: 'labs', distribution: 'Distribution of totals (percent of the maximum)',
    statuses: 'Status', tasks: 'Pass rate per task (lowest first)', task: 'Task', passed: 'Passed', submitted: 'Submitted',
    labSummary: 'Labs', lab: 'Lab', mean: 'Mean', median: 'Median', hidden: 'hidden', none: 'No students yet.',
    pass: 'pass', fail: 'fail', error: 'error', tampered: 'tampered', generated: 'Written by workbook grade-batch',
  },
);

const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const median = (xs: number[]) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export interface TaskStat { lab: string; task: string; title: string; hidden: boolean; submitted: number; passed: number }

/** Per task: of the students who handed the lab in, how many earned it. Lowest pass rate first. */
export function taskStats(record: BatchRecord): TaskStat[] {
  const stats = record.labs.flatMap((lab) => lab.tasks.map((task) => {
    const rows = record.students.map((s) => s.labs[lab.slug]).filter((l) => l?.submitted);
    return { lab: lab.slug, task: task.id, title: task.title, hidden: task.hidden, submitted: rows.length, passed: rows.filter((l) => l.tasks[task.id] === 'pass').length };
  }));
  const rate = (s: TaskStat) => (s.submitted ? s.passed / s.submitted : 1);
  return stats.sort((a, b) => rate(a) - rate(b) || a.lab.localeCompare(b.lab) || a.task.localeCompare(b.task));
}

/** Students per tenth of the maximum total (the last bin includes full marks). */
export function scoreHistogram(record: BatchRecord): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const s of record.students) bins[Math.min(9, Math.floor((s.max ? s.total / s.max : 0) * 10))]++;
  return bins;
}

function histogramSvg(bins: number[]): string {
  const w = 560, h = 180, pad = 28, bw = (w - pad) / bins.length;
  const top = Math.max(1, ...bins);
  const bars = bins.map((n, i) => {
    const bh = ((h - 2 * pad) * n) / top;
    const x = pad + i * bw;
    return `<rect x="${x + 2}" y="${h - pad - bh}" width="${bw - 4}" height="${bh}" fill="#4f7cac"/>`
      + `<text x="${x + bw / 2}" y="${h - pad - bh - 4}" text-anchor="middle">${n || ''}</text>`
      + `<text x="${x + bw / 2}" y="${h - pad + 14}" text-anchor="middle">${i * 10}–${i === 9 ? 100 : i * 10 + 9}</text>`;
  }).join('');
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" font-size="11">${bars}<line x1="${pad}" y1="${h - pad}" x2="${w}" y2="${h - pad}" stroke="#888"/></svg>`;
}

function taskBarsSvg(stats: TaskStat[], t: typeof TEXT.en): string {
  const row = 22, labelW = 330, barW = 220, h = stats.length * row + 8;
  const rows = stats.map((s, i) => {
    const rate = s.submitted ? s.passed / s.submitted : 0;
    const y = 4 + i * row;
    const label = `${s.lab} › ${s.title}${s.hidden ? ` (${t.hidden})` : ''}`;
    return `<text x="0" y="${y + 14}">${esc(label.length > 56 ? `${label.slice(0, 55)}…` : label)}</text>`
      + `<rect x="${labelW}" y="${y + 3}" width="${barW}" height="14" fill="#eee"/>`
      + `<rect x="${labelW}" y="${y + 3}" width="${barW * rate}" height="14" fill="${rate < 0.5 ? '#c0504d' : '#4f9a5b'}"/>`
      + `<text x="${labelW + barW + 6}" y="${y + 14}">${pct(rate)} (${s.passed}/${s.submitted})</text>`;
  }).join('');
  return `<svg viewBox="0 0 ${labelW + barW + 90} ${h}" width="${labelW + barW + 90}" height="${h}" role="img" font-size="11">${rows}</svg>`;
}

export function classReportHtml(record: BatchRecord, locale: Locale): string {
  const t = TEXT.strings(locale);
  const n = record.students.length;
  const stats = taskStats(record);
  const statusCounts = (['pass', 'fail', 'error', 'tampered'] as const).map((s) => `<li>${esc(t[s])}: ${record.students.filter((x) => x.status === s).length}</li>`).join('');
  const labRows = record.labs.map((lab) => {
    const scores = record.students.map((s) => s.labs[lab.slug]).filter((l) => l?.submitted).map((l) => l.score);
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
    return `<tr><td><code>${esc(lab.slug)}</code> ${esc(lab.title)}</td><td>${scores.length}/${n}</td><td>${mean.toFixed(1)} / ${lab.max}</td><td>${median(scores)} / ${lab.max}</td></tr>`;
  }).join('');
  const body = n === 0 ? `<p>${t.none}</p>` : `
<h2>${t.distribution}</h2>
${histogramSvg(scoreHistogram(record))}
<h2>${t.statuses}</h2>
<ul>${statusCounts}</ul>
<h2>${t.labSummary}</h2>
<table><tr><th>${t.lab}</th><th>${t.submitted}</th><th>${t.mean}</th><th>${t.median}</th></tr>${labRows}</table>
<h2>${t.tasks}</h2>
${taskBarsSvg(stats, t)}`;
  return `<!doctype html>
<html lang="${locale === 'zh' ? 'zh-CN' : 'en'}">
<head><meta charset="utf-8"><title>${t.title}</title>
<style>body{font-family:system-ui,"WenQuanYi Micro Hei",sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse}td,th{border-bottom:1px solid #ddd;padding:.3rem .6rem;text-align:left}svg text{fill:#222}</style></head>
<body>
<h1>${t.title}</h1>
<p>${n} ${t.students}, ${record.labs.length} ${t.labs}: ${record.labs.map((l) => `<code>${esc(l.slug)}</code>`).join(', ')}</p>
${body}
<p><small>${t.generated}</small></p>
</body>
</html>
`;
}
