// The workbench in the browser: tabs, the lazily loaded Monaco editor, saving,
// running the graders in the chosen runtime and showing the results. Everything it
// says comes from ./i18n; the page gives it the lab as JSON (Workbench.astro).
import type { Locale } from '../i18n/locale';
import type { GradeReport, SourceLocation } from '../core/report';
import type { LabBundle, RunEvent, Runtime } from '../runtimes/types';
import { WorkerRuntime } from '../runtimes/worker-runtime';
import { workbenchText, type WorkbenchKey } from '../i18n/workbench';
import { stripAnsi } from '../i18n/text';
import { attachProfiler } from '../profiler/attach';
import { loadErrorLocation, renderSummary, renderTasks } from './results';
import * as store from './storage';

type EditorModule = typeof import('./editor');
type Model = import('monaco-editor/editor/editor.api').editor.ITextModel;
type CodeEditor = import('monaco-editor/editor/editor.api').editor.IStandaloneCodeEditor;

interface PageData { bundle: LabBundle; locale: Locale; hasSolution: boolean }
/** impl: a file the learner edits; given: a read-only file of the lab (lab.json "given"); grader: a read-only grader. */
interface Tab { id: string; kind: 'impl' | 'given' | 'grader'; name: string; dataFile: string }

// Reference solutions: one lazy chunk per file, fetched only after "Show solution" is confirmed.
const solutionLoaders = import.meta.glob<string>('/solutions/*/*.ts', { query: '?raw', import: 'default' });

const RUNTIME_PREF = 'perf-workbook:runtime';

export function bootWorkbench(root: HTMLElement): void {
  const data = JSON.parse(root.querySelector('[data-workbench-data]')!.textContent!) as PageData;
  const { bundle, locale } = data;
  const { lab } = bundle;
  const slug = lab.slug;
  const tr = (key: WorkbenchKey, vars?: Record<string, string | number>) => workbenchText.t(locale, key, vars);
  const $ = <T extends Element = HTMLElement>(sel: string) => root.querySelector<T>(sel)!;

  // ---- files and saving -------------------------------------------------------------
  const saved = store.loadSaved(slug, lab.files);
  const files: Record<string, string> = { ...bundle.scaffold, ...(saved?.files ?? {}) };
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const savedNote = $('.wb-saved');
  const flushSave = () => {
    clearTimeout(saveTimer);
    saveTimer = undefined;
    const error = store.saveNow(slug, files);
    savedNote.textContent = error ? tr('storage.failed', { reason: error }) : tr('storage.saved');
  };
  const scheduleSave = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(flushSave, 300);
  };
  addEventListener('pagehide', () => { if (saveTimer) flushSave(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden' && saveTimer) flushSave(); });

  // ---- toasts -----------------------------------------------------------------------
  const toast = $('.wb-toast');
  const undoButton = $<HTMLButtonElement>('[data-action="undo"]');
  let undoAction: (() => void) | undefined;
  const say = (text: string, undo?: () => void) => {
    toast.querySelector('span')!.textContent = text;
    toast.hidden = false;
    undoAction = undo;
    undoButton.hidden = !undo;
  };
  undoButton.addEventListener('click', () => { const u = undoAction; undoAction = undefined; undoButton.hidden = true; u?.(); });
  if (saved) say(tr('storage.restored'));

  // ---- tabs -------------------------------------------------------------------------
  const tabs: Tab[] = [
    ...lab.files.map((name): Tab => ({ id: `impl:${name}`, kind: 'impl', name, dataFile: name })),
    ...lab.given.map((name): Tab => ({ id: `given:${name}`, kind: 'given', name, dataFile: name })),
    ...Object.keys(bundle.graders).map((rel): Tab => ({ id: `grader:${rel}`, kind: 'grader', name: rel, dataFile: `graders/${rel}` })),
  ];
  let active = tabs[0];
  const tablist = $('.wb-tabs');
  const tabButtons = tabs.map((tab) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('role', 'tab');
    b.setAttribute('data-testid', 'file-tab');
    b.dataset.file = tab.dataFile;
    b.dataset.kind = tab.kind;
    b.textContent = tab.kind === 'impl' ? tab.name : `${tab.name} · ${tr(tab.kind === 'grader' ? 'editor.grader' : 'editor.readonly')}`;
    if (tab.kind !== 'impl') b.title = tr('editor.readonly');
    b.addEventListener('click', () => activate(tab));
    b.addEventListener('keydown', (e) => {
      const i = tabs.indexOf(tab);
      const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
      if (to === -1 && e.key !== 'ArrowLeft') return;
      e.preventDefault();
      const next = tabs[(to + tabs.length) % tabs.length];
      activate(next);
      tabButtons[tabs.indexOf(next)].focus();
    });
    tablist.append(b);
    return b;
  });

  // ---- editor (lazy) ----------------------------------------------------------------
  let ed: EditorModule | undefined;
  let editor: CodeEditor | undefined;
  const models = new Map<string, Model>();
  const viewStates = new Map<string, unknown>();
  let solution: { editor: CodeEditor; models: Map<string, Model> } | undefined;
  const solutionHost = $('[data-solution-host]');

  function activate(tab: Tab): void {
    if (editor && active) viewStates.set(active.id, editor.saveViewState());
    active = tab;
    tabButtons.forEach((b, i) => {
      const on = tabs[i] === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    if (!editor) return;
    editor.setModel(models.get(tab.id)!);
    editor.updateOptions({ readOnly: tab.kind !== 'impl', readOnlyMessage: { value: tr('editor.readonly') }, ariaLabel: tr('editor.label', { file: tab.name }) });
    const vs = viewStates.get(tab.id);
    if (vs) editor.restoreViewState(vs as never);
    showSolutionFor(tab);
  }
  activate(active);

  const editorHost = $('[data-editor-host]');
  import('./editor').then((mod) => {
    ed = mod;
    ed.followSiteTheme();
    for (const tab of tabs) {
      // Given files sit beside the learner's (file:///impl/<slug>/), so their relative imports resolve.
      const m = tab.kind === 'grader' ? ed.model('graders', slug, tab.name, bundle.graders[tab.name])
        : ed.model('impl', slug, tab.name, tab.kind === 'given' ? bundle.given[tab.name] : files[tab.name]);
      models.set(tab.id, m);
      if (tab.kind === 'impl') {
        m.onDidChangeContent(() => {
          files[tab.name] = m.getValue();
          scheduleSave();
        });
      }
    }
    editorHost.replaceChildren();
    editor = ed.createEditor(editorHost, { ariaLabel: tr('editor.label', { file: active.name }) });
    activate(active);
    root.dataset.editor = 'ready';
  }).catch((err: Error) => {
    editorHost.querySelector('.wb-loading')!.textContent = tr('editor.failed', { reason: err.message });
    root.dataset.editor = 'failed';
  });

  /** Sets a learner file from outside the editor (reset, import, undo): one undoable edit. */
  function setFile(name: string, text: string): void {
    const m = models.get(`impl:${name}`);
    if (m && ed) ed.replaceUndoable(m, text);
    else files[name] = text;
  }

  function goto(loc: SourceLocation): void {
    const tab = tabs.find((x) => x.kind === 'impl' && x.name === loc.file) ?? tabs.find((x) => x.name === loc.file);
    if (!tab) return;
    activate(tab);
    tabButtons[tabs.indexOf(tab)].scrollIntoView({ block: 'nearest' });
    if (!editor) return;
    editor.revealLineInCenter(loc.line);
    editor.setPosition({ lineNumber: loc.line, column: loc.column });
    editor.focus();
  }

  // ---- runtimes ---------------------------------------------------------------------
  const worker = new WorkerRuntime();
  worker.prewarm();
  let runtime: Runtime = worker;
  const runtimeLabel = $('[data-testid="runtime"]');
  const notice = $('[data-testid="runtime-notice"]');
  const select = $<HTMLSelectElement>('[data-testid="runtime-select"]');
  const terminal = $<HTMLDetailsElement>('.wb-terminal');
  const terminalText = $('[data-testid="terminal"]');
  const wcOption = select.querySelector<HTMLOptionElement>('option[value="webcontainer"]')!;
  if (!globalThis.crossOriginIsolated) {
    wcOption.disabled = true;
    wcOption.title = tr('runtime.needsIsolation');
    select.title = tr('runtime.needsIsolation');
  }
  const showRuntime = (name: 'worker' | 'webcontainer', text?: string) => {
    runtimeLabel.dataset.runtime = name;
    runtimeLabel.textContent = text ?? tr(name === 'worker' ? 'runtime.worker' : 'runtime.webcontainer');
  };
  const appendTerminal = (text: string) => {
    terminalText.textContent = (terminalText.textContent + stripAnsi(text)).slice(-200_000);
    terminalText.scrollTop = terminalText.scrollHeight;
  };

  let booting: Promise<void> | undefined;
  async function useWebContainer(): Promise<void> {
    notice.hidden = true;
    showRuntime('worker', tr('runtime.booting'));
    terminal.hidden = false;
    try {
      const { startBrowserWebContainer } = await import('../runtimes/webcontainer-browser');
      runtime = await startBrowserWebContainer({
        onOutput: appendTerminal,
        onInstall: () => showRuntime('worker', tr('runtime.installing')),
        bootTimeoutSeconds: 20,
        timeoutMessage: (seconds) => tr('runtime.bootTimeout', { seconds }),
      });
      showRuntime('webcontainer');
      notice.textContent = tr('runtime.licence');
      notice.hidden = false;
      notice.dataset.kind = 'info';
    } catch (err) {
      runtime = worker;
      select.value = 'worker';
      terminal.hidden = true;
      showRuntime('worker');
      notice.textContent = tr('runtime.fallback', { reason: (err as Error).message || String(err) });
      notice.dataset.kind = 'fallback';
      notice.hidden = false;
    }
  }
  select.addEventListener('change', () => {
    try { localStorage.setItem(RUNTIME_PREF, select.value); } catch { /* private mode */ }
    if (select.value === 'webcontainer') {
      if (runtime.name !== 'webcontainer') booting = useWebContainer().finally(() => { booting = undefined; });
    } else {
      if (runtime !== worker) runtime.dispose();
      runtime = worker;
      terminal.hidden = true;
      notice.hidden = true;
      showRuntime('worker');
    }
  });
  if (globalThis.crossOriginIsolated && localStorage.getItem(RUNTIME_PREF) === 'webcontainer') {
    select.value = 'webcontainer';
    select.dispatchEvent(new Event('change'));
  }

  // ---- running ----------------------------------------------------------------------
  const runButton = $<HTMLButtonElement>('[data-testid="run-tests"]');
  const runLabel = $('.wb-run-label');
  const summary = $('[data-testid="grade-summary"]');
  const progress = $('.wb-progress');
  const taskList = $('.wb-task-results');
  let running = false;
  // `?tasks=correctness` (or `?tasks=id,id`) grades only those tasks: for measuring the runtime itself.
  const tasksParam = new URLSearchParams(location.search).get('tasks');
  const only = tasksParam === 'correctness'
    ? lab.tasks.filter((x) => x.kind === 'correctness').map((x) => x.id)
    : tasksParam?.split(',').filter((id) => lab.tasks.some((x) => x.id === id));

  async function run(): Promise<void> {
    if (running) return;
    running = true;
    runButton.setAttribute('aria-busy', 'true');
    runLabel.textContent = tr('run.running');
    summary.dataset.status = 'running';
    if (saveTimer) flushSave();
    ed?.clearGradeMarkers();
    root.dataset.gradeMarkers = '';
    if (runtime.name === 'webcontainer') terminalText.textContent = '';
    try {
      if (booting) await booting;
      const onEvent = (e: RunEvent) => {
        if (e.type === 'test-start') progress.textContent = tr('run.progress', { test: e.name });
        else if (e.type === 'output') appendTerminal(e.text);
      };
      const report = await runtime.run({ bundle, files: { ...files }, locale, only }, onEvent);
      show(report);
    } catch (err) {
      summary.dataset.status = 'error';
      summary.textContent = tr('summary.error', { message: (err as Error).message });
    } finally {
      progress.textContent = '';
      running = false;
      runButton.removeAttribute('aria-busy');
      runLabel.textContent = tr('run.button');
    }
  }

  function show(report: GradeReport): void {
    renderSummary(summary, report, locale, { goto });
    renderTasks(taskList, report, locale, { goto });
    if (!ed) return;
    const marks = new Map<string, { location: SourceLocation; message: string; severity: 'error' | 'warning' }[]>();
    const add = (location: SourceLocation, message: string) => {
      if (!lab.files.includes(location.file)) return;
      marks.set(location.file, [...(marks.get(location.file) ?? []), { location, message, severity: 'error' }]);
    };
    const at = loadErrorLocation(report);
    if (at) add(at, tr('compile.marker', { reason: report.message!.split(': ').slice(1).join(': ') }));
    for (const test of report.tests) if (test.location && test.status !== 'pass') add(test.location, `${test.name}: ${stripAnsi(test.message ?? '')}`);
    for (const [file, list] of marks) {
      const m = models.get(`impl:${file}`);
      if (m) ed.setGradeMarkers(m, list);
    }
    // A stable hook for tests and tools: where the grader put markers, as file:line.
    root.dataset.gradeMarkers = [...marks.values()].flat().map((x) => `${x.location.file}:${x.location.line}`).join(' ');
  }

  runButton.addEventListener('click', () => void run());
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      void run();
    }
  }, true);

  // ---- profiling: the panel, its worker and its styles load on the first click --------
  const profileButton = root.querySelector<HTMLButtonElement>('[data-testid="profile-run"]');
  if (profileButton) {
    attachProfiler({
      bundle, locale, button: profileButton, host: $('[data-profile-host]'),
      files: () => ({ ...files }), goto, say,
      beforeRun: () => { if (saveTimer) flushSave(); },
    });
  }

  // ---- actions ----------------------------------------------------------------------
  root.querySelector('[data-action="reset"]')!.addEventListener('click', () => {
    const before = { ...files };
    for (const name of lab.files) setFile(name, bundle.scaffold[name]);
    flushSave();
    say(tr('actions.resetDone'), () => {
      for (const name of lab.files) setFile(name, before[name]);
      flushSave();
      say(tr('actions.undone'));
    });
  });

  const solutionButton = root.querySelector<HTMLButtonElement>('[data-action="solution"]');
  const dialog = $<HTMLDialogElement>('dialog');
  solutionButton?.addEventListener('click', async () => {
    if (solution && !solutionHost.hidden) {
      solutionHost.hidden = true;
      $('.wb-editors').classList.remove('with-solution');
      solutionButton.setAttribute('aria-pressed', 'false');
      solutionButton.textContent = tr('actions.solution');
      return;
    }
    if (!solution) {
      dialog.returnValue = '';
      dialog.showModal();
      await new Promise((r) => dialog.addEventListener('close', r, { once: true }));
      if (dialog.returnValue !== 'confirm') return;
      const loaders = lab.files.map((f) => solutionLoaders[`/solutions/${slug}/${f}`]);
      if (!ed || loaders.some((l) => !l)) { say(tr('actions.solutionMissing')); return; }
      const texts = await Promise.all(loaders.map((l) => l()));
      const host = solutionHost.querySelector<HTMLElement>('.wb-solution-editor')!;
      const sModels = new Map(lab.files.map((f, i) => [f, ed!.model('solution', slug, f, texts[i])]));
      solution = { editor: ed.createEditor(host, { readOnly: true, ariaLabel: tr('editor.solution', { file: lab.files[0] }) }), models: sModels };
    }
    solutionHost.hidden = false;
    $('.wb-editors').classList.add('with-solution');
    solutionButton.setAttribute('aria-pressed', 'true');
    solutionButton.textContent = tr('actions.hideSolution');
    showSolutionFor(active);
  });

  function showSolutionFor(tab: Tab): void {
    if (!solution) return;
    const name = tab.kind === 'impl' ? tab.name : lab.files[0];
    solution.editor.setModel(solution.models.get(name)!);
    solution.editor.updateOptions({ ariaLabel: tr('editor.solution', { file: name }) });
    solutionHost.querySelector('.wb-solution-label')!.textContent = tr('editor.solution', { file: name });
  }

  root.querySelector('[data-action="download"]')!.addEventListener('click', () => {
    flushSave();
    store.download(store.exportBundle(slug, files), `${slug}.workbook.json`);
  });
  const importInput = $<HTMLInputElement>('[data-import-input]');
  root.querySelector('[data-action="import"]')!.addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', async () => {
    const picked = [...(importInput.files ?? [])];
    importInput.value = '';
    try {
      const got = await store.readImport(picked, lab.files);
      const names = Object.keys(got);
      if (names.length === 0) { say(tr('actions.importNone', { files: lab.files.join(', ') })); return; }
      const before = { ...files };
      for (const name of names) setFile(name, got[name]);
      flushSave();
      say(tr('actions.importDone', { n: names.length }), () => {
        for (const name of lab.files) setFile(name, before[name]);
        flushSave();
        say(tr('actions.undone'));
      });
    } catch (err) {
      say(tr('actions.importBad', { reason: (err as Error).message }));
    }
  });
}
