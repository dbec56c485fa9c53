// The Profile panel of a lab page: runs the lab's workload on the learner's code and on
// the reference in a profile worker (./runtime.ts), and shows each side as a flame
// graph (./flame.ts) and a table of functions, side by side, with the sentence that
// matters first ("Most time: Array#indexOf (built-in), called from get…"). The page
// loads this module on the first click of Profile; nothing here weighs on a lab page
// before that. Every sentence comes from src/i18n/profiler.ts.
import { composeImplementation, type LabBundle } from '../core/lab';
import { describeReason, type SourceLocation } from '../core/reason';
import type { Locale } from '../i18n/locale';
import { profilerText, type ProfilerKey } from '../i18n/profiler';
import { renderFlameGraph } from './flame';
import { formatCount, formatNumber, frameLabel, frameWhere, hotSpotSentence, percent } from './format';
import { functionTable, totalCalls, withoutOverhead, type CallProfile, type FunctionRow } from './profile';
import type { Side, SideOutcome } from './run-profile';
import { ProfileRuntime, type ProfileRunResult, type ProfileStop } from './runtime';
import css from './panel.css?inline';

// Fetched only when a profile runs: the reference's files and the workload, one small chunk each.
const solutionLoaders = import.meta.glob<string>('/solutions/*/*.ts', { query: '?raw', import: 'default' });
const graderLoaders = import.meta.glob<string>(['/graders/*/*.ts', '!/graders/*/*.test.ts', '!/graders/*/*.node.ts'], { query: '?raw', import: 'default' });

export interface ProfilePanelContext {
  bundle: LabBundle;
  locale: Locale;
  /** The learner's files as they are in the editor now. */
  files: () => Record<string, string>;
  /** Shows a place in the learner's code in the editor. */
  goto?: (location: SourceLocation) => void;
  /** The page's Profile button (data-testid="profile-run"): the panel labels it Stop while a run is under way. */
  button?: HTMLButtonElement;
}

export interface ProfilePanel {
  /** Profiles the learner's code and the reference; a second call while running stops the run. */
  run(): Promise<void>;
  stop(): void;
}

const TABLE_ROWS = 30;
const SIDES: readonly Side[] = ['learner', 'reference'];

function injectStyles(): void {
  if (document.querySelector('style[data-profiler]')) return;
  const style = document.createElement('style');
  style.dataset.profiler = '';
  style.textContent = css;
  document.head.append(style);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

export function mountProfilePanel(host: HTMLElement, ctx: ProfilePanelContext): ProfilePanel {
  injectStyles();
  const { bundle, locale } = ctx;
  const { lab } = bundle;
  const tr = (key: ProfilerKey, vars?: Record<string, string | number>) => profilerText.t(locale, key, vars);
  const runtime = new ProfileRuntime();
  let running = false;

  const status = el('p', { className: 'pf-status', role: 'status' });
  status.setAttribute('aria-live', 'polite');
  const compare = el('p', { className: 'pf-compare' });
  const overheadNote = el('p', { className: 'pf-overhead' }, tr('panel.overhead'));
  const sideViews = Object.fromEntries(SIDES.map((side) => [side, sideView(side)])) as Record<Side, ReturnType<typeof sideView>>;
  const panel = el('section', { className: 'pf', dataset: { testid: 'profile-panel', state: 'idle' } },
    el('h2', { className: 'pf-title' }, tr('panel.title')),
    ...(lab.workload ? [el('p', { className: 'pf-workload' }, tr('panel.workload', { title: lab.workload.title[locale] }))] : []),
    el('details', { className: 'pf-about' },
      el('summary', {}, tr('panel.about')),
      el('p', {}, tr('panel.method')),
      el('p', {}, tr('panel.cli'), ' ', el('code', {}, `npx workbook profile ${lab.slug} --impl labs`))),
    status, compare, overheadNote,
    el('div', { className: 'pf-sides' }, ...SIDES.map((side) => sideViews[side].root)));
  panel.setAttribute('aria-label', tr('panel.title'));
  host.replaceChildren(panel);
  status.textContent = lab.workload ? tr('panel.idle') : tr('panel.noWorkload');

  function sideView(side: Side) {
    const title = tr(side === 'learner' ? 'side.learner' : 'side.reference');
    const summary = el('p', { className: 'pf-summary' });
    const hot = el('p', { className: 'pf-hot', dataset: { testid: 'profile-hotspot', side } });
    const flame = el('div', { className: 'pf-flame', role: 'group', dataset: { testid: 'flame-graph', side } });
    flame.setAttribute('aria-label', tr('flame.label', { side: title }));
    const legend = el('p', { className: 'pf-legend' },
      ...(['lab', 'workload', 'builtin'] as const).map((kind) => {
        const swatch = el('span', {}, tr(`legend.${kind}`));
        swatch.style.setProperty('--pf-swatch', kind === 'lab' ? 'var(--sl-color-accent)' : kind === 'builtin' ? 'var(--sl-color-orange)' : 'var(--sl-color-gray-3)');
        return swatch;
      }));
    legend.hidden = true;
    const table = el('div', { className: 'pf-table-wrap' });
    const root = el('section', { className: 'pf-side', dataset: { side, state: 'waiting' } }, el('h3', {}, title), summary, hot, flame, legend, table);
    root.hidden = true;
    return { root, summary, hot, flame, legend, table, title };
  }

  function showOutcome(side: Side, outcome: SideOutcome): void {
    const view = sideViews[side];
    view.root.dataset.state = outcome.ok ? 'done' : 'failed';
    view.flame.replaceChildren();
    view.table.replaceChildren();
    view.hot.textContent = '';
    view.legend.hidden = !outcome.ok;
    if (!outcome.ok) {
      view.summary.textContent = 'reason' in outcome
        ? tr('side.failed', { reason: describeReason(outcome.reason, locale) })
        : tr('side.threw', { message: outcome.threw.location ? `${outcome.threw.message} (${outcome.threw.location.file}:${outcome.threw.location.line})` : outcome.threw.message });
      return;
    }
    // What instrumentation cost this run, per call: the profiled run's time less the plain run's.
    const calls = totalCalls(outcome.profile);
    const { plainMs } = outcome;
    const overheadNs = plainMs === undefined || calls === 0 ? 0 : Math.max(0, ((outcome.profile.wallMs - plainMs) * 1e6) / calls);
    view.summary.textContent = plainMs === undefined
      ? tr('side.summaryRaw', { calls: formatCount(calls, locale), ms: formatNumber(outcome.profile.wallMs) })
      : tr('side.summary', { calls: formatCount(calls, locale), ms: formatNumber(outcome.profile.wallMs), plain: formatNumber(plainMs), ns: formatNumber(overheadNs) });
    if (plainMs !== undefined) view.root.dataset.plainMs = String(Math.round(plainMs));
    const profile = withoutOverhead(outcome.profile, overheadNs);
    view.hot.textContent = hotSpotSentence(profile, locale) ?? '';
    renderFlameGraph(view.flame, profile, {
      label: (frame) => frameLabel(frame, locale),
      tooltip: (node, frame, share) => tr('frame.tooltip', {
        name: [frameLabel(frame, locale), frameWhere(frame)].filter(Boolean).join(' · '),
        self: formatNumber(node.self), total: formatNumber(node.total), share: percent(share), calls: formatCount(node.calls ?? 0, locale),
      }),
    });
    renderTable(view.table, side, profile);
  }

  function renderTable(host: HTMLElement, side: Side, profile: CallProfile): void {
    const whole = profile.root.total || 1;
    const all = functionTable(profile);
    let sortKey: 'self' | 'total' | 'calls' = 'self';
    const draw = () => {
      const rows = [...all].sort((a, b) => (b[sortKey] ?? 0) - (a[sortKey] ?? 0)).slice(0, TABLE_ROWS);
      const header = (key: 'calls' | 'self' | 'total', label: string) => {
        const th = el('th', { scope: 'col', className: 'pf-num' }, el('button', { type: 'button', title: tr('table.sortBy', { column: label }) }, label));
        if (key === sortKey) th.setAttribute('aria-sort', 'descending');
        th.querySelector('button')!.addEventListener('click', () => { sortKey = key; draw(); });
        return th;
      };
      const table = el('table', { className: 'pf-table', dataset: { testid: 'profile-table', side } },
        el('caption', {}, tr('table.caption', { side: sideViews[side].title })),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col' }, tr('table.function')),
          header('calls', tr('table.calls')), header('self', tr('table.self')), header('total', tr('table.total')),
          el('th', { scope: 'col' }, tr('table.where')))),
        el('tbody', {}, ...rows.map((row) => tableRow(row, profile, whole, side))));
      const more = all.length - rows.length;
      host.replaceChildren(table, ...(more > 0 ? [el('p', { className: 'pf-more' }, tr('table.more', { n: more }))] : []));
    };
    draw();
  }

  function tableRow(row: FunctionRow, profile: CallProfile, whole: number, side: Side): HTMLTableRowElement {
    const frame = profile.frames[row.frame];
    const selfShare = row.self / whole;
    const totalShare = row.total / whole;
    const where = frameWhere(frame);
    const canGo = side === 'learner' && ctx.goto && frame.file && frame.line && (frame.kind === 'lab' || frame.kind === 'builtin');
    const place = canGo
      ? el('button', { type: 'button', className: 'pf-goto', title: tr('frame.goto', { file: frame.file!, line: frame.line! }) }, where)
      : document.createTextNode(where);
    if (canGo) place.addEventListener('click', () => ctx.goto!({ file: frame.file!, line: frame.line!, column: frame.column ?? 1 }));
    const time = (ms: number, share: number) => {
      const cell = el('td', { className: 'pf-num pf-bar' }, tr('table.time', { ms: formatNumber(ms), share: percent(share) }));
      cell.style.setProperty('--pf-share', `${Math.min(100, share * 100).toFixed(1)}%`);
      return cell;
    };
    return el('tr', {
      dataset: {
        kind: frame.kind, name: frame.name, context: frame.context ?? '',
        selfShare: selfShare.toFixed(4), totalShare: totalShare.toFixed(4), calls: String(row.calls ?? ''),
      },
    },
    el('th', { scope: 'row' },
      el('span', { className: 'pf-fn' }, frameLabel(frame, locale)),
      ...(frame.kind === 'builtin' && frame.context ? [el('span', { className: 'pf-ctx' }, tr('frame.calledFrom', { caller: frame.context }))] : [])),
    el('td', { className: 'pf-num' }, row.calls === undefined ? '' : formatCount(row.calls, locale)),
    time(row.self, selfShare),
    time(row.total, totalShare),
    el('td', {}, place));
  }

  function showStop(stop: ProfileStop): void {
    panel.dataset.state = 'stopped';
    const key = ({ idle: 'stop.idle', total: 'stop.total', user: 'stop.user', crash: 'stop.crash' } as const)[stop.why];
    status.textContent = tr(key, { seconds: stop.seconds ?? 0, detail: stop.detail ?? '' });
    if (stop.side) {
      const view = sideViews[stop.side];
      view.root.dataset.state = 'failed';
      view.summary.textContent = status.textContent;
    }
  }

  function showRatio(result: ProfileRunResult): void {
    const { learner, reference } = result.outcomes;
    const learnerMs = learner?.ok ? learner.plainMs : undefined;
    const referenceMs = reference?.ok ? reference.plainMs : undefined;
    if (learnerMs !== undefined && referenceMs !== undefined && referenceMs > 0) {
      compare.textContent = tr('side.compare', { ratio: formatNumber(learnerMs / referenceMs), learner: formatNumber(learnerMs), reference: formatNumber(referenceMs) });
    }
  }

  async function loadInputs() {
    const workloadFile = lab.workload!.file;
    const load = (loaders: Record<string, () => Promise<string>>, path: string) => {
      const loader = loaders[path];
      if (!loader) throw new Error(`${path.slice(1)} is not part of the site`);
      return loader();
    };
    const [workload, ...reference] = await Promise.all([
      load(graderLoaders, `/graders/${lab.slug}/${workloadFile}`),
      ...lab.files.map((f) => load(solutionLoaders, `/solutions/${lab.slug}/${f}`)),
    ]);
    return {
      graders: { ...bundle.graders, [workloadFile]: workload },
      workload: workloadFile,
      reference: composeImplementation(Object.fromEntries(lab.files.map((f, i) => [f, reference[i]])), bundle.given),
    };
  }

  function setButton(busy: boolean): void {
    if (!ctx.button) return;
    ctx.button.textContent = tr(busy ? 'button.stop' : 'button.profile');
    if (busy) ctx.button.setAttribute('aria-busy', 'true');
    else ctx.button.removeAttribute('aria-busy');
  }

  async function run(): Promise<void> {
    if (running) { runtime.stop(); return; }
    if (!lab.workload) return;
    running = true;
    setButton(true);
    panel.dataset.state = 'running';
    compare.textContent = '';
    for (const side of SIDES) {
      const view = sideViews[side];
      view.root.hidden = false;
      view.root.dataset.state = 'waiting';
      view.summary.textContent = tr('side.waiting');
      view.hot.textContent = '';
      view.flame.replaceChildren();
      view.table.replaceChildren();
      view.legend.hidden = true;
    }
    status.textContent = tr('side.running');
    try {
      const inputs = await loadInputs();
      const result = await runtime.run({
        bundle, graders: inputs.graders, workload: inputs.workload,
        sides: { learner: composeImplementation(ctx.files(), bundle.given), reference: inputs.reference },
      }, (event) => {
        const view = sideViews[event.side];
        if (event.type === 'started') {
          view.root.dataset.state = 'running';
          view.summary.textContent = tr('side.running');
        } else if (event.type === 'timing') {
          view.summary.textContent = tr('side.timing');
        } else {
          showOutcome(event.side, event.outcome);
        }
      });
      showRatio(result);
      if (result.stopped) showStop(result.stopped);
      else {
        panel.dataset.state = 'done';
        status.textContent = tr('status.done');
      }
    } catch (err) {
      showStop({ why: 'crash', detail: (err as Error).message });
    } finally {
      running = false;
      setButton(false);
    }
  }

  return { run, stop: () => runtime.stop() };
}

