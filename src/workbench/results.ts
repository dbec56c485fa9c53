// Renders a GradeReport into the results panel: per task status and points, for each
// failing test its message, expected/received diff and a link to the line; for each
// latency target the measurement against the target with a small chart of samples.
import type { Locale } from '../i18n/locale';
import type { GradeReport, PerfResult, SourceLocation, TestResult } from '../core/report';
import { describeReason, reasonLocation } from '../core/reason';
import { workbenchText } from '../i18n/workbench';
import { formatNumber, stripAnsi } from '../i18n/text';

export interface ResultHandlers {
  goto(location: SourceLocation): void;
}

const t = workbenchText.t;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) if (c !== undefined) node.append(c);
  return node;
}

/** Where the reason a lab was not graded points in the learner's code (a syntax error, a throw at import, a refused import). */
export function loadErrorLocation(report: GradeReport): SourceLocation | undefined {
  return report.status === 'error' ? reasonLocation(report.reason) : undefined;
}

function gotoButton(loc: SourceLocation, locale: Locale, handlers: ResultHandlers): HTMLButtonElement {
  const label = `${loc.file}:${loc.line}:${loc.column}`;
  const link = el('button', { type: 'button', class: 'wb-goto', 'data-testid': 'goto-location', 'data-file': loc.file, 'data-line': String(loc.line) }, t(locale, 'test.goto', { location: label }));
  link.addEventListener('click', () => handlers.goto(loc));
  return link;
}

export function renderSummary(node: HTMLElement, report: GradeReport, locale: Locale, handlers: ResultHandlers): void {
  node.dataset.status = report.status;
  node.dataset.score = String(report.score);
  node.dataset.maxScore = String(report.max_score);
  // For measuring: the run's own time and the part its tests took.
  node.dataset.durationMs = String(report.duration_ms);
  node.dataset.testsMs = String(Math.round(report.tests.reduce((s, x) => s + x.duration_ms, 0)));
  const runtime = t(locale, report.runtime === 'webcontainer' ? 'runtime.webcontainer' : 'runtime.worker');
  const head = report.status === 'error'
    ? t(locale, 'summary.error', { message: report.reason ? describeReason(report.reason, locale) : report.message ?? '' })
    : t(locale, report.status === 'pass' ? 'summary.pass' : 'summary.fail', { score: report.score, max: report.max_score });
  node.replaceChildren(el('span', {}, head), ' ', el('small', {}, `(${t(locale, 'summary.duration', { ms: report.duration_ms, runtime })})`));
  const loc = loadErrorLocation(report);
  if (loc) node.append(' ', gotoButton(loc, locale, handlers));
}

export function renderTasks(list: HTMLElement, report: GradeReport, locale: Locale, handlers: ResultHandlers): void {
  list.replaceChildren();
  for (const task of report.tasks) {
    const tests = report.tests.filter((x) => x.task_id === task.id);
    const item = el('li', { class: 'wb-task-result', 'data-testid': 'task-result', 'data-task': task.id, 'data-status': task.status });
    const head = el('div', { class: 'wb-task-head' },
      el('span', { class: `wb-status wb-status-${task.status}` }, t(locale, `status.${task.status}`)),
      el('span', { class: 'wb-task-name' }, task.title),
      el('span', { class: 'wb-task-score' }, t(locale, 'task.score', { score: task.score, points: task.points })),
    );
    item.append(head);
    const why = task.reason ? describeReason(task.reason, locale, { task: task.id }) : task.message;
    if (why && task.status !== 'pass' && tests.length === 0) item.append(el('p', { class: 'wb-task-message' }, why));
    for (const test of tests) {
      if (test.status === 'pass' && !test.perf) continue;
      item.append(renderTest(test, locale, handlers));
    }
    list.append(item);
  }
}

function renderTest(test: TestResult, locale: Locale, handlers: ResultHandlers): HTMLElement {
  const box = el('div', { class: `wb-test wb-test-${test.status}`, 'data-test': test.name });
  box.append(el('p', { class: 'wb-test-name' }, el('span', { class: `wb-status wb-status-${test.status}` }, t(locale, `status.${test.status}`)), ' ', test.name));
  if (test.perf) box.append(renderPerf(test.perf, locale));
  if (test.message && test.status !== 'pass') box.append(el('pre', { class: 'wb-message' }, stripAnsi(test.message)));
  if (test.diff) {
    const pre = el('pre', { class: 'wb-diff', 'aria-label': t(locale, 'test.diff') });
    for (const line of stripAnsi(test.diff).split('\n')) {
      const cls = line.startsWith('- ') || line === '-' ? 'wb-del' : line.startsWith('+ ') || line === '+' ? 'wb-ins' : '';
      pre.append(el('span', cls ? { class: cls } : {}, line), '\n');
    }
    box.append(pre);
  } else if (test.expected !== undefined && test.actual !== undefined) {
    box.append(el('dl', { class: 'wb-expected' },
      el('dt', {}, t(locale, 'test.expected')), el('dd', {}, el('code', {}, test.expected)),
      el('dt', {}, t(locale, 'test.received')), el('dd', {}, el('code', {}, test.actual))));
  }
  if (test.location) box.append(gotoButton(test.location, locale, handlers));
  return box;
}

function renderPerf(perf: PerfResult, locale: Locale): HTMLElement {
  const ok = perf.direction === 'max' ? perf.observed <= perf.target : perf.observed >= perf.target;
  const wrap = el('div', { class: 'wb-perf', 'data-testid': 'perf', 'data-ok': String(ok) });
  wrap.append(el('p', {}, el('strong', {}, perf.metric), ': ', t(locale, 'perf.measured', {
    observed: formatNumber(perf.observed), target: formatNumber(perf.target), unit: perf.unit, cmp: perf.direction === 'max' ? '≤' : '≥',
  })));
  if (perf.samples.length > 1) {
    const chart = el('div', { class: 'wb-chart', role: 'img', 'aria-label': `${t(locale, 'perf.samples', { n: perf.samples.length })}: ${perf.samples.map(formatNumber).join(', ')}` });
    wrap.append(chart);
    void drawSamples(chart, perf);
  }
  return wrap;
}

/** A small chart: samples in order of size, and the target as a line. uPlot loads on first use. */
async function drawSamples(host: HTMLElement, perf: PerfResult): Promise<void> {
  const [{ default: uPlot }, { default: css }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]);
  if (!document.querySelector('style[data-uplot]')) {
    const style = document.createElement('style');
    style.dataset.uplot = '';
    style.textContent = css;
    document.head.append(style);
  }
  const sorted = [...perf.samples].sort((a, b) => a - b);
  const xs = sorted.map((_, i) => i + 1);
  const styles = getComputedStyle(document.documentElement);
  const accent = styles.getPropertyValue('--sl-color-accent').trim() || '#3b82f6';
  const muted = styles.getPropertyValue('--sl-color-gray-3').trim() || '#888';
  const lo = Math.min(0, ...sorted, perf.target);
  const hi = Math.max(...sorted, perf.target) * 1.1;
  new uPlot({
    width: Math.min(360, host.clientWidth || 360), height: 120,
    legend: { show: false }, cursor: { show: false },
    scales: { x: { time: false }, y: { range: [lo, hi] } },
    axes: [{ stroke: muted, size: 24 }, { stroke: muted, size: 40 }],
    series: [{}, { stroke: accent, width: 0, points: { show: true, size: 6, fill: accent } }, { stroke: 'crimson', dash: [4, 4], width: 1, points: { show: false } }],
  }, [xs, sorted, xs.map(() => perf.target)], host);
}
