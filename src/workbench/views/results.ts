// The results pane: a summary that says exactly what was graded (a check, the full grade or
// one task; never "all passed" while tasks wait for the CLI), per-task progress during a run,
// then per task its status and points, for each failing test its message, expected/received
// diff and a link to the line, and for each measured test the measurement against its target
// with a chart of the samples, their median and the target. Also: where a run's failures
// point in the learner's code, as editor markers.
import type { Lab } from '../../core/lab';
import type { Locale } from '../../i18n/locale';
import type { GradeReport, PerfResult, SourceLocation, TestResult } from '../../core/report';
import { describeReason, reasonLocation } from '../../core/reason';
import { median } from '../../grader-kit/index';
import { formatNumber, stripAnsi } from '../../i18n/text';
import type { RunState } from '../state/runs';
import { browserTasks } from '../state/runs';
import type { WorkbenchText } from './text';
import { el } from './dom';
import type { GradeMarker } from './code';

export interface ResultHandlers {
  goto(location: SourceLocation): void;
}

/** Where the reason a lab was not graded points in the learner's code (a syntax error, a throw at import, a refused import). */
export function loadErrorLocation(report: GradeReport): SourceLocation | undefined {
  return report.status === 'error' ? reasonLocation(report.reason) : undefined;
}

function gotoButton(loc: SourceLocation, tr: WorkbenchText, handlers: ResultHandlers): HTMLButtonElement {
  const label = `${loc.file}:${loc.line}:${loc.column}`;
  const link = el('button', { type: 'button', class: 'wb-goto', 'data-testid': 'goto-location', 'data-file': loc.file, 'data-line': String(loc.line) }, tr('test.goto', { location: label }));
  link.addEventListener('click', () => handlers.goto(loc));
  return link;
}

/** The command that grades a lab in Node, as the page shows it. */
export const cliCommand = (slug: string) => `npx workbook grade ${slug} --impl <folder>`;

/** The summary line: what was graded, the score of that, the time from the click. */
export function renderSummary(node: HTMLElement, state: RunState, lab: Lab, locale: Locale, tr: WorkbenchText, handlers: ResultHandlers): void {
  const report = state.report;
  if (!report) return;
  const ran = report.tasks.filter((t) => state.tasks.includes(t.id));
  const score = ran.reduce((s, t) => s + t.score, 0);
  const max = ran.reduce((s, t) => s + t.points, 0);
  const allPass = report.status !== 'error' && ran.every((t) => t.status === 'pass');
  node.dataset.status = report.status === 'error' ? 'error' : allPass ? 'pass' : 'fail';
  node.dataset.mode = state.mode?.kind ?? '';
  node.dataset.score = String(score);
  node.dataset.maxScore = String(max);
  // For measuring: from the click to the results, and the part the tests themselves took.
  node.dataset.durationMs = String(Math.round(state.elapsedMs ?? report.duration_ms));
  node.dataset.testsMs = String(Math.round(report.tests.reduce((s, x) => s + x.duration_ms, 0)));

  const browser = browserTasks(lab);
  const cliPoints = lab.tasks.filter((t) => !browser.includes(t)).reduce((s, t) => s + t.points, 0);
  const perfPoints = browser.filter((t) => t.kind === 'performance').reduce((s, t) => s + t.points, 0);
  const mode = state.mode?.kind ?? 'grade';
  let head: string;
  if (report.status === 'error') {
    head = tr('summary.error', { message: report.reason ? describeReason(report.reason, locale) : report.message ?? '' });
  } else if (mode === 'task') {
    const task = state.tasks[0];
    head = tr(allPass ? 'summary.taskPass' : 'summary.taskFail', { task: `${lab.tasks.findIndex((t) => t.id === task) + 1}`, score, max });
  } else if (mode === 'check') {
    head = tr(allPass ? 'summary.checkPass' : 'summary.checkFail', { score, max, perf: perfPoints });
  } else {
    head = allPass ? tr(cliPoints ? 'summary.browserPass' : 'summary.pass', { score, max }) : tr('summary.fail', { score, max });
  }
  const runtime = tr(report.runtime === 'webcontainer' ? 'runtime.webcontainer' : 'runtime.worker');
  const waited = state.waitedMs && state.waitedMs >= 50 ? tr('summary.waited', { ms: Math.round(state.waitedMs) }) : '';
  node.replaceChildren(el('span', {}, head), ' ', el('small', {}, `(${tr('summary.duration', { ms: Math.round(state.elapsedMs ?? report.duration_ms), runtime })}${waited})`));
  // Tasks only the CLI grades are never hidden behind a pass: their points and the command are always said.
  if (cliPoints && report.status !== 'error' && mode !== 'task') {
    node.append(el('span', { class: 'wb-cli-rest', 'data-wb': 'cli-rest' }, tr('summary.cliRest', { points: cliPoints }), ' ', el('code', {}, cliCommand(lab.slug))));
  }
  const loc = loadErrorLocation(report);
  if (loc) node.append(' ', gotoButton(loc, tr, handlers));
}

export function renderTasks(list: HTMLElement, state: RunState, tr: WorkbenchText, locale: Locale, handlers: ResultHandlers): void {
  const report = state.report;
  list.replaceChildren();
  if (!report) return;
  for (const task of report.tasks) {
    if (!state.tasks.includes(task.id) && task.status === 'skip' && !task.reason) continue;
    const tests = report.tests.filter((x) => x.task_id === task.id);
    const item = el('li', { class: 'wb-task-result', 'data-testid': 'task-result', 'data-task': task.id, 'data-status': task.status });
    item.append(el('div', { class: 'wb-task-head' },
      el('span', { class: `wb-status wb-status-${task.status}` }, tr(`status.${task.status}`)),
      el('span', { class: 'wb-task-name' }, task.title),
      el('span', { class: 'wb-task-score' }, tr('task.score', { score: task.score, points: task.points })),
    ));
    const why = task.reason ? describeReason(task.reason, locale, { task: task.id }) : task.message;
    if (why && task.status !== 'pass' && tests.length === 0) item.append(el('p', { class: 'wb-task-message' }, why));
    for (const test of tests) {
      if (test.status === 'pass' && !test.perf) continue;
      item.append(renderTest(test, tr, handlers));
    }
    list.append(item);
  }
}

/** While a run is under way: every task it grades, with its progress so far. */
export function renderProgress(list: HTMLElement, progressLine: HTMLElement, state: RunState, lab: Lab, locale: Locale, tr: WorkbenchText): void {
  const done = state.tasks.filter((id) => state.progress[id] === 'pass' || state.progress[id] === 'fail').length;
  progressLine.textContent = [tr('run.taskProgress', { done, total: state.tasks.length }), state.current ? tr('run.progress', { test: state.current }) : '']
    .filter(Boolean).join(' · ');
  list.replaceChildren(...state.tasks.map((id) => {
    const task = lab.tasks.find((t) => t.id === id)!;
    const p = state.progress[id];
    const label = p === 'pass' ? tr('status.pass') : p === 'fail' ? tr('status.fail') : p === 'running' ? tr('run.running') : '…';
    return el('li', { class: 'wb-task-result', 'data-testid': 'task-progress', 'data-task': id, 'data-progress': p },
      el('div', { class: 'wb-task-head' }, el('span', { class: `wb-status wb-status-${p}` }, label), el('span', { class: 'wb-task-name' }, task.title[locale])));
  }));
}

function renderTest(test: TestResult, tr: WorkbenchText, handlers: ResultHandlers): HTMLElement {
  const box = el('div', { class: `wb-test wb-test-${test.status}`, 'data-test': test.name });
  box.append(el('p', { class: 'wb-test-name' }, el('span', { class: `wb-status wb-status-${test.status}` }, tr(`status.${test.status}`)), ' ', test.name));
  if (test.perf) box.append(renderPerf(test.perf, tr));
  // A missed target says it in the chart's line; other failures show their message.
  if (test.message && test.status !== 'pass' && !(test.perf && test.status === 'fail')) box.append(el('pre', { class: 'wb-message' }, stripAnsi(test.message)));
  if (test.diff) {
    const pre = el('pre', { class: 'wb-diff', 'aria-label': tr('test.diff') });
    for (const line of stripAnsi(test.diff).split('\n')) {
      const cls = line.startsWith('- ') || line === '-' ? 'wb-del' : line.startsWith('+ ') || line === '+' ? 'wb-ins' : '';
      pre.append(el('span', cls ? { class: cls } : {}, line), '\n');
    }
    box.append(pre);
  } else if (test.expected !== undefined && test.actual !== undefined) {
    box.append(el('dl', { class: 'wb-expected' },
      el('dt', {}, tr('test.expected')), el('dd', {}, el('code', {}, test.expected)),
      el('dt', {}, tr('test.received')), el('dd', {}, el('code', {}, test.actual))));
  }
  if (test.location) box.append(gotoButton(test.location, tr, handlers));
  return box;
}

function renderPerf(perf: PerfResult, tr: WorkbenchText): HTMLElement {
  const ok = perf.direction === 'max' ? perf.observed <= perf.target : perf.observed >= perf.target;
  const cmp = perf.direction === 'max' ? '≤' : '≥';
  const wrap = el('div', { class: 'wb-perf', 'data-testid': 'perf', 'data-ok': String(ok) });
  wrap.append(el('p', {}, el('strong', {}, perf.metric), ': ', tr('perf.measured', {
    observed: formatNumber(perf.observed), target: formatNumber(perf.target), unit: perf.unit, cmp,
  })));
  // Every measured test gets a chart, one sample or many: the samples, their median and the target.
  const samples = perf.samples.length ? perf.samples : [perf.observed];
  const mid = median(samples);
  const chart = el('div', {
    class: 'wb-chart', role: 'img', 'data-testid': 'perf-chart', 'data-median': String(mid), 'data-target': String(perf.target),
    'aria-label': `${tr('perf.chart', { metric: perf.metric, n: samples.length, median: formatNumber(mid), cmp, target: formatNumber(perf.target) })}: ${samples.map(formatNumber).join(', ')}`,
  });
  wrap.append(chart);
  void drawSamples(chart, samples, mid, perf.target, tr);
  return wrap;
}

/** Samples in order of size as points, the median as a solid line, the target as a dashed one. uPlot loads on first use. */
async function drawSamples(host: HTMLElement, samples: number[], mid: number, target: number, tr: WorkbenchText): Promise<void> {
  const [{ default: uPlot }, { default: css }] = await Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css?inline')]);
  if (!document.querySelector('style[data-uplot]')) {
    const style = document.createElement('style');
    style.dataset.uplot = '';
    style.textContent = css;
    document.head.append(style);
  }
  const sorted = [...samples].sort((a, b) => a - b);
  // One sample still needs an x range: draw it in the middle of three slots.
  const xs = sorted.length === 1 ? [1, 2, 3] : sorted.map((_, i) => i + 1);
  const ys = sorted.length === 1 ? [null, sorted[0], null] : sorted;
  const styles = getComputedStyle(document.documentElement);
  const accent = styles.getPropertyValue('--sl-color-accent').trim() || '#3b82f6';
  const muted = styles.getPropertyValue('--sl-color-gray-3').trim() || '#888';
  const lo = Math.min(0, ...sorted, target);
  const hi = Math.max(...sorted, target) * 1.15 || 1;
  new uPlot({
    width: Math.max(160, Math.min(360, host.clientWidth || 320)), height: 130,
    legend: { show: true, live: false }, cursor: { show: false },
    scales: { x: { time: false }, y: { range: [lo, hi] } },
    axes: [{ stroke: muted, size: 20, ticks: { show: false }, values: () => [] }, { stroke: muted, size: 44 }],
    series: [
      {},
      { label: '', stroke: accent, width: 0, points: { show: true, size: 7, fill: accent } },
      { label: tr('perf.median'), stroke: accent, width: 2, points: { show: false } },
      { label: tr('perf.target'), stroke: 'crimson', dash: [4, 4], width: 1.5, points: { show: false } },
    ],
  }, [xs, ys, xs.map(() => mid), xs.map(() => target)], host);
}

/** Where a run's failures point in the learner's files, as editor markers. */
export function markersOf(report: GradeReport, lab: Lab, files: Record<string, string>, locale: Locale, tr: WorkbenchText): Map<string, GradeMarker[]> {
  const marks = new Map<string, GradeMarker[]>();
  const add = (location: SourceLocation, message: string) => {
    if (!lab.files.includes(location.file)) return;
    marks.set(location.file, [...(marks.get(location.file) ?? []), { location, message }]);
  };
  const reason = report.reason;
  if (reason?.kind === 'refused-import') {
    // Every refused import, at its own line, worded as the summary words it.
    for (const imp of reason.imports) add({ file: imp.file, line: imp.line, column: 1 }, describeReason({ ...reason, imports: [imp] }, locale));
  } else if (reason?.kind === 'missing-exports') {
    // The pre-check reads text: put the marker where the name is declared without `export`, else on line 1.
    for (const m of reason.missing) add(declarationOf(files[m.file] ?? '', m.file, m.name), describeReason({ kind: 'missing-exports', missing: [m] }, locale));
  } else if (reason?.kind === 'syntax') {
    add({ file: reason.file, line: reason.line, column: reason.column }, tr('compile.marker', { reason: reason.detail }));
  } else if (reason) {
    const at = loadErrorLocation(report);
    if (at) add(at, describeReason(reason, locale));
  }
  for (const test of report.tests) if (test.location && test.status !== 'pass') add(test.location, `${test.name}: ${stripAnsi(test.message ?? '')}`);
  return marks;
}

function declarationOf(text: string, file: string, name: string): SourceLocation {
  const escaped = name.replace(/[$]/g, '\\$');
  const decl = new RegExp(`^(\\s*)(?:declare\\s+)?(?:abstract\\s+)?(?:async\\s+)?(?:class|function\\*?|const|let|var|interface|type|enum)\\s+${escaped}\\b`);
  const lines = text.split('\n');
  const i = lines.findIndex((l) => decl.test(l));
  return i < 0 ? { file, line: 1, column: 1 } : { file, line: i + 1, column: lines[i].search(/\S/) + 1 };
}
