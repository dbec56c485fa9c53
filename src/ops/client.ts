// The playground in the browser: decides which code runs (learner-code.ts), drives
// a Session (session.ts) on a timer, and draws what it records: uPlot charts, the
// alert list, silences, incidents, the in-page channel and the alert history.
// Every string comes from ./i18n; the markup is OpsPlayground.astro's.
import uPlot from 'uplot';
// As a string, added to this page only: a plain CSS import would be hoisted into the stylesheet every page shares.
import uPlotCss from 'uplot/dist/uPlot.min.css?inline';
import { formatElapsed, t, type Key } from './i18n';
import { loadLearnerCode, type CodeStatus } from './learner-code';
import { OPS_LABS, type LabModules, type OpsLab } from './labs';
import { DEFAULT_SPEED, SPEEDS, type PageData } from './page-data';
import { REFERENCE } from './reference';
import { ALERT_ROUTE } from './rules';
import { DEFAULT_CONTROLS, type Controls, type Fault } from './service';
import { Session, type AlertRow, type History } from './session';

/** How long learner-visible silences last, in virtual time. */
const SILENCE_MS = 10 * 60_000;
/** A hidden tab wakes rarely; never jump more than this much real time at once. */
const MAX_STEP_MS = 1000;

/**
 * Replaces a list's markup only when it changed, and keeps keyboard focus on the
 * same button (found again by its data attributes): the lists redraw several times a second.
 */
function replaceHtml(container: HTMLElement, html: string): void {
  if (container.dataset.html === html) return;
  container.dataset.html = html;
  const focused = document.activeElement instanceof HTMLElement && container.contains(document.activeElement) ? document.activeElement : undefined;
  const key = focused && Object.entries(focused.dataset).map(([k, v]) => `[data-${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}="${CSS.escape(v ?? '')}"]`).join('');
  container.innerHTML = html;
  if (key) container.querySelector<HTMLElement>(`${focused!.tagName.toLowerCase()}${key}`)?.focus();
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function bootPlayground(root: HTMLElement): void {
  const data = JSON.parse(root.querySelector('[data-ops-data]')!.textContent!) as PageData;
  const { locale } = data;
  const tr = (key: Key, vars?: Record<string, string | number>) => t(locale, key, vars);
  const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;

  const params = new URL(location.href).searchParams;
  let seed = parseSeed(params.get('seed') ?? '1') ?? 1;
  let speed: number = SPEEDS.find((x) => String(x) === params.get('speed')) ?? DEFAULT_SPEED;
  let paused = false;
  let range = $<HTMLSelectElement>('[data-control="range"]').value;
  let historyFilter = 'all';
  let session: Session | undefined;
  let learner: Partial<LabModules> = {};
  const codeStatus = new Map<OpsLab, CodeStatus>();

  $<HTMLInputElement>('[data-control="seed"]').value = String(seed);
  $<HTMLSelectElement>('[data-control="speed"]').value = String(speed);

  // ---- which code runs ------------------------------------------------------------
  function renderCode(): void {
    const failures = session?.runtimeFailures() ?? {};
    for (const lab of OPS_LABS) {
      const li = $(`[data-testid="code-source"][data-lab="${lab}"]`);
      const status = codeStatus.get(lab) ?? { source: 'checking' };
      const failure = failures[lab];
      const source = failure ? 'reference' : status.source;
      let text: string;
      if (failure) text = tr('code.threw', { time: formatElapsed(failure.at), reason: failure.message });
      else if (status.source === 'checking') text = tr('code.checking');
      else if (status.source === 'learner') text = tr('code.learner', { total: status.total });
      else if (status.reason === 'no-saved') text = tr('code.noSaved');
      else if (status.reason === 'failing') text = tr('code.failing', { failed: status.failed.length, total: status.total, tasks: status.failed.join(locale === 'zh' ? '、' : '; ') });
      else text = tr(status.reason === 'check-error' ? 'code.checkError' : 'code.loadError', { reason: status.message });
      li.dataset.source = source;
      li.dataset.reason = failure ? 'threw' : status.source === 'reference' ? status.reason : '';
      li.querySelector('[data-code-text]')!.textContent = text;
    }
  }

  // ---- the session ------------------------------------------------------------------
  function start(): void {
    session = new Session({ seed, locale, reference: REFERENCE, learner, startEpochMs: Date.now() });
    for (const [name, value] of Object.entries(DEFAULT_CONTROLS)) {
      $<HTMLInputElement>(`input[data-control="${name}"]`).value = String(value);
      $(`[data-output="${name}"]`).textContent = formatControl(name as keyof Controls, value);
    }
    root.dataset.state = paused ? 'paused' : 'running';
    rendered = { version: -1, messages: -1, history: -1, world: undefined };
    render();
  }

  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    const real = Math.min(now - last, MAX_STEP_MS);
    last = now;
    if (!session || paused) return;
    session.advance(real * speed);
    $('[data-testid="clock"]').textContent = formatElapsed(session.elapsed());
  }, 100);
  setInterval(() => render(), 250);

  void loadLearnerCode(data, (lab, status) => {
    codeStatus.set(lab, status);
    renderCode();
  }).then((modules) => {
    learner = modules;
    start();
  });

  // ---- controls ---------------------------------------------------------------------
  root.addEventListener('input', (e) => {
    const input = e.target as HTMLInputElement;
    const name = input.dataset.control as keyof Controls | undefined;
    if (!session || !name || !(name in DEFAULT_CONTROLS)) return;
    const value = Number(input.value);
    session.act({ type: 'set', control: name, value });
    $(`[data-output="${name}"]`).textContent = formatControl(name, value);
  });

  root.addEventListener('change', (e) => {
    const el = e.target as HTMLSelectElement;
    if (el.dataset.control === 'speed') speed = Number(el.value);
    if (el.dataset.control === 'range') range = el.value;
    if (el.dataset.control === 'history-filter') historyFilter = el.value;
    rendered.version = -1;
    rendered.history = -1;
    render();
  });

  root.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest('button');
    if (!button || !session) return;
    const { action, fault, alertname, silence, fingerprint } = button.dataset;
    if (fault) session.act({ type: 'fault', fault: fault as Fault });
    else if (action === 'pause') {
      paused = !paused;
      button.setAttribute('aria-pressed', String(paused));
      button.textContent = tr(paused ? 'run.resume' : 'run.pause');
      root.dataset.state = paused ? 'paused' : 'running';
    } else if (action === 'restart') {
      const picked = parseSeed($<HTMLInputElement>('[data-control="seed"]').value);
      $('[data-seed-error]').hidden = picked !== undefined;
      if (picked === undefined) return;
      seed = picked;
      start();
    } else if (action === 'silence' && alertname) session.act({ type: 'silence', alertname, durationMs: SILENCE_MS });
    else if (action === 'expire-silence' && silence) session.act({ type: 'expire-silence', silence: Number(silence) });
    else if (action === 'ack' && fingerprint) session.act({ type: 'ack', fingerprint });
    else if (action === 'refresh-metrics') showExposition();
    render();
  });

  const metricsDetails = $<HTMLDetailsElement>('[data-testid="metrics"]');
  metricsDetails.addEventListener('toggle', () => { if (metricsDetails.open) showExposition(); });
  function showExposition(): void {
    if (session) $('[data-exposition]').textContent = session.exposition();
  }

  // ---- drawing ----------------------------------------------------------------------
  if (!document.querySelector('style[data-uplot]')) {
    const style = document.createElement('style');
    style.dataset.uplot = ''; // the workbench's charts look for the same marker
    style.textContent = uPlotCss;
    document.head.append(style);
  }
  const charts = createCharts(root, tr);
  let rendered: { version: number; messages: number; history: number; world: unknown } = { version: -1, messages: -1, history: -1, world: undefined };

  function render(): void {
    if (!session || session.version === rendered.version) return;
    rendered.version = session.version;
    renderCode();
    $('[data-testid="clock"]').textContent = formatElapsed(session.elapsed());
    renderFaults(session);
    charts.update(session.history, range);
    renderNow(session.history);
    renderAlerts(session.alerts());
    renderSilences(session);
    renderIncidents(session);
    renderFeed(session);
    renderHistory(session);
  }

  function renderFaults(s: Session): void {
    const active = s.faults();
    $('[data-testid="active-faults"]').textContent = active.length === 0
      ? tr('faults.none')
      : tr('faults.active', { list: active.map(({ fault, endsAt }) => tr('faults.left', { fault: tr(`faults.${fault}` as Key), left: formatElapsed(endsAt - s.elapsed()) })).join(', ') });
  }

  function renderNow(history: History): void {
    const last = (name: keyof History['series']) => history.series[name].at(-1) ?? null;
    const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v * 1000)} ms`);
    const rate = last('request_rate');
    const errors = last('error_ratio');
    $('[data-testid="now"]').textContent = history.t.length === 0 ? '' : tr('charts.now', {
      rate: rate === null ? '–' : rate.toFixed(1), p50: ms(last('latency_p50_seconds')), p95: ms(last('latency_p95_seconds')),
      p99: ms(last('latency_p99_seconds')), errors: errors === null ? '–' : `${(errors * 100).toFixed(1)}%`,
    });
  }

  const announced = { events: undefined as unknown, count: 0 };
  function renderAlerts(rows: AlertRow[]): void {
    const groupBy = ALERT_ROUTE.groupBy ?? ['alertname'];
    const groups = new Map<string, AlertRow[]>();
    for (const row of rows) {
      const key = groupBy.map((name) => `${name}="${row.labels[name] ?? ''}"`).join(', ');
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const html = [...groups].map(([key, members]) => `<div class="ops-group" data-group="${escapeHtml(key)}"><h3>${escapeHtml(tr('alerts.group', { labels: `{${key}}` }))}</h3>${members.map(alertRow).join('')}</div>`).join('');
    replaceHtml($('[data-testid="alert-list"]'), html || `<p class="ops-muted">${escapeHtml(tr('alerts.empty'))}</p>`);
    // Tell screen readers about state changes, not about every redraw.
    const events = session!.alertEvents;
    if (announced.events !== events) Object.assign(announced, { events, count: 0 }); // a restart or replay rebuilt the history
    const fresh = events.slice(announced.count);
    announced.count = events.length;
    if (fresh.length > 0) $('[data-announce]').textContent = fresh.map((e) => `${e.alertname}: ${tr(`state.${e.state}`)}`).join('. ');
  }

  function alertRow(row: AlertRow): string {
    const muted = [row.silenced && tr('alerts.silenced'), row.inhibited && tr('alerts.inhibited')].filter(Boolean) as string[];
    const meta = [
      row.severity,
      row.state === 'resolved' && row.resolvedAt !== undefined ? tr('alerts.resolvedAt', { time: formatElapsed(row.resolvedAt) }) : tr('alerts.since', { time: formatElapsed(row.since) }),
      row.value !== undefined && row.state !== 'resolved' ? tr('alerts.value', { value: formatValue(row.value) }) : '',
    ].filter(Boolean).join(' · ');
    const canSilence = row.state !== 'resolved' && !row.silenced;
    return `<div class="ops-alert" data-alert="${escapeHtml(row.alertname)}" data-state="${row.state}" data-severity="${escapeHtml(row.severity)}" data-silenced="${row.silenced}" data-inhibited="${row.inhibited}">
      <span class="ops-badge" data-state="${row.state}">${escapeHtml(tr(`state.${row.state}`))}</span>
      <span><strong>${escapeHtml(row.alertname)}</strong> — ${escapeHtml(row.summary)} ${muted.map((m) => `<span class="ops-badge" data-state="muted">${escapeHtml(m)}</span>`).join(' ')}</span>
      ${canSilence ? `<button type="button" data-action="silence" data-alertname="${escapeHtml(row.alertname)}">${escapeHtml(tr('alerts.silence'))}</button>` : '<span></span>'}
      <span class="ops-alert-meta">${escapeHtml(meta)}</span>
    </div>`;
  }

  function renderSilences(s: Session): void {
    const silences = s.silences();
    replaceHtml($('[data-testid="silences"]'), silences.length === 0
      ? `<li class="ops-muted">${escapeHtml(tr('silences.none'))}</li>`
      : silences.map((silence) => `<li data-silence="${silence.id}">
      <span>${escapeHtml(tr('silences.until', { name: silence.alertname, time: formatElapsed(silence.endsAt) }))}</span>
      <button type="button" data-action="expire-silence" data-silence="${silence.id}">${escapeHtml(tr('silences.expire'))}</button></li>`).join(''));
  }

  function renderIncidents(s: Session): void {
    replaceHtml($('[data-testid="incidents"]'), s.incidents().map((incident) => `<li data-incident="${escapeHtml(incident.alertname)}" data-state="${incident.state}">
      <strong>${escapeHtml(incident.alertname)}</strong> <span>#${escapeHtml(incident.id.split('#').pop() ?? incident.id)}</span>
      <span class="ops-badge" data-state="${incident.state === 'resolved' ? 'resolved' : incident.state === 'firing' ? 'firing' : 'muted'}">${escapeHtml(tr(`incidents.state.${incident.state}`))}</span>
      <span class="ops-muted">${escapeHtml(tr('incidents.level', { n: incident.level }))}</span>
      ${incident.state === 'firing' ? `<button type="button" data-action="ack" data-fingerprint="${escapeHtml(incident.fingerprint)}">${escapeHtml(tr('incidents.ack'))}</button>` : ''}
    </li>`).join(''));
  }

  /** New messages are prepended, so a payload the learner opened stays open. */
  function renderFeed(s: Session): void {
    const feed = $('[data-testid="notification-feed"]');
    const messages = s.messages; // append-only within a run; a new array after a restart or replay
    if (rendered.world !== messages) {
      rendered.world = messages;
      rendered.messages = 0;
      feed.innerHTML = `<li class="ops-muted">${escapeHtml(tr('channel.empty'))}</li>`;
    }
    if (messages.length === rendered.messages) return;
    if (rendered.messages === 0) feed.innerHTML = '';
    const fresh = messages.slice(rendered.messages).reverse().map((m) => `<li class="ops-message" data-testid="notification" data-channel="${m.channel}">
      <div class="ops-message-head"><time>${formatElapsed(m.at)}</time><span class="ops-message-channel">${escapeHtml(tr(`channel.${m.channel}` as Key))}</span><span>${escapeHtml(m.title)}</span></div>
      <details><summary>${escapeHtml(tr('channel.payload'))}</summary><pre>${escapeHtml(m.body)}</pre></details></li>`).join('');
    feed.insertAdjacentHTML('afterbegin', fresh);
    rendered.messages = messages.length;
  }

  function renderHistory(s: Session): void {
    const size = s.alertEvents.length + s.groupNotices.length;
    if (size === rendered.history) return;
    rendered.history = size;
    const rows: Array<{ at: number; html: string }> = [];
    for (const e of s.alertEvents) {
      if (historyFilter !== 'all' && e.state !== historyFilter) continue;
      rows.push({ at: e.at, html: `<tr data-state="${e.state}"><td>${formatElapsed(e.at)}</td><td>${escapeHtml(e.alertname)}</td><td>${escapeHtml(e.severity)}</td><td><span class="ops-badge" data-state="${e.state}">${escapeHtml(tr(`state.${e.state}`))}</span></td></tr>` });
    }
    if (historyFilter === 'all') {
      for (const n of s.groupNotices) {
        const group = Object.entries(n.group).map(([k, v]) => `${k}="${v}"`).join(', ');
        const text = tr('history.notice', { group: `{${group}}`, firing: n.firing.length, resolved: n.resolved.length, alerts: [...n.firing, ...n.resolved].join(', ') });
        rows.push({ at: n.at, html: `<tr data-state="notice"><td>${formatElapsed(n.at)}</td><td colspan="3">${escapeHtml(text)}</td></tr>` });
      }
    }
    rows.sort((a, b) => b.at - a.at);
    $('[data-testid="alert-history"] tbody').innerHTML = rows.length === 0
      ? `<tr><td colspan="4" class="ops-muted">${escapeHtml(tr('history.empty'))}</td></tr>`
      : rows.slice(0, 300).map((r) => r.html).join('');
  }
}

function parseSeed(text: string): number | undefined {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? n : undefined;
}

function formatControl(name: keyof Controls, value: number): string {
  return name === 'errorRate' ? `${(value * 100).toFixed(1)}%` : String(value);
}

function formatValue(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2);
}

// ---- charts ---------------------------------------------------------------------------

type Tr = (key: Key, vars?: Record<string, string | number>) => string;

/** The three uPlot charts; `update` redraws them from the history over a time range. */
function createCharts(root: HTMLElement, tr: Tr) {
  const ink = getComputedStyle(root).color;
  const grid = { stroke: 'rgba(128, 128, 128, 0.2)', width: 1 };
  // Units are in each chart's caption, so the y axis shows bare numbers and stays narrow.
  const axes: uPlot.Axis[] = [
    { stroke: ink, grid, values: (_u, ticks) => ticks.map((s) => formatElapsed(s * 1000)) },
    { stroke: ink, grid, size: 50 },
  ];
  const line = (label: string, stroke: string, dash?: number[]): uPlot.Series => ({ label, stroke, width: 1.5, dash, spanGaps: false });
  const time: uPlot.Series = { label: tr('run.clock'), value: (_u, v) => (v == null ? '–' : formatElapsed(v * 1000)) };
  const specs: Record<string, { series: uPlot.Series[]; pick: (h: History) => (number | null)[][] }> = {
    rate: {
      series: [time, line(tr('series.rate'), '#2563eb'), line(tr('series.queued'), '#9333ea', [4, 3])],
      pick: (h) => [h.series.request_rate, h.series.queued_requests],
    },
    latency: {
      series: [time, line(tr('series.p50'), '#16a34a'), line(tr('series.p95'), '#d97706'), line(tr('series.p99'), '#dc2626'), line(tr('series.dependency'), '#64748b', [4, 3])],
      pick: (h) => [h.series.latency_p50_seconds, h.series.latency_p95_seconds, h.series.latency_p99_seconds, h.series.dependency_p95_seconds].map(scale(1000)),
    },
    errors: {
      series: [time, line(tr('series.errors'), '#dc2626')],
      pick: (h) => [scale(100)(h.series.error_ratio)],
    },
  };
  const plots = Object.entries(specs).map(([name, spec]) => {
    const host = root.querySelector<HTMLElement>(`[data-chart="${name}"]`)!;
    const plot = new uPlot({
      width: Math.max(200, host.clientWidth), height: 200,
      // Every chart starts at zero: a tail doubling should look like one.
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.05 : 1] } },
      axes,
      series: spec.series,
      cursor: { drag: { x: false, y: false } },
    }, [[], ...spec.series.slice(1).map(() => [])], host);
    new ResizeObserver(() => plot.setSize({ width: Math.max(200, host.clientWidth), height: 200 })).observe(host);
    return { plot, spec };
  });

  return {
    update(history: History, range: string): void {
      const end = history.t.at(-1) ?? 0;
      const from = range === 'all' ? 0 : lowerBound(history.t, end - Number(range));
      const t = history.t.slice(from);
      for (const { plot, spec } of plots) plot.setData([t, ...spec.pick(history).map((column) => column.slice(from))] as uPlot.AlignedData);
    },
  };
}

const scale = (factor: number) => (column: (number | null)[]) => column.map((v) => (v === null ? null : v * factor));

/** The first index whose value is ≥ x, in a sorted array. */
function lowerBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
