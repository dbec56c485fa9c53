// The lab page's script: reads the lab the page carries (Workbench.astro), makes the stores
// (files, runtime choice, runs: src/workbench/state/) and mounts the views that show them
// (src/workbench/views/). Stores know nothing of the DOM; views find their elements by
// `data-wb` attributes. The first check can run before the editor has loaded: it grades the
// files the store holds (saved work or the scaffold).
import type { LabBundle } from '../core/lab';
import type { Locale } from '../i18n/locale';
import { attachProfiler } from '../profiler/attach';
import { FilesStore } from './state/files';
import { RuntimeChoice } from './state/runtime-choice';
import { RunStore } from './state/runs';
import { CodeView } from './views/code';
import { ConsoleView } from './views/console';
import { part } from './views/dom';
import { mountOutputTabs, mountSidebarToggle, mountSplitters } from './views/layout';
import { markersOf, renderProgress, renderSummary, renderTasks } from './views/results';
import { textFor } from './views/text';
import { mountFileActions, mountRunButtons, mountRuntimePicker } from './views/toolbar';

interface PageData { bundle: LabBundle; locale: Locale; hasSolution: boolean }

export function bootWorkbench(root: HTMLElement): void {
  const { bundle, locale } = JSON.parse(part(root, 'data').textContent!) as PageData;
  const { lab } = bundle;
  const tr = textFor(locale);

  const files = new FilesStore(bundle);
  const runtimes = new RuntimeChoice({ bootTimeout: (seconds) => tr('runtime.bootTimeout', { seconds }) });
  const runs = new RunStore(bundle, locale, files, runtimes);

  const code = new CodeView(root, bundle, files, tr);
  void code.load();
  mountSplitters(root);
  mountSidebarToggle(root, tr);
  const outputTabs = mountOutputTabs(root);
  mountRunButtons(root, runs, tr);
  mountRuntimePicker(root, runtimes, tr, (shown) => outputTabs.setVisible('terminal', shown));
  mountFileActions(root, files, code, tr);

  const summary = part(root, 'summary');
  const progress = part(root, 'progress');
  const taskList = part(root, 'task-results');
  const consoleView = new ConsoleView(part(root, 'console'), part(root, 'console-tab'), bundle, locale, tr);
  const handlers = { goto: (loc: Parameters<CodeView['goto']>[0]) => code.goto(loc) };
  const profileButton = root.querySelector<HTMLButtonElement>('[data-wb="profile"]');
  if (profileButton) {
    attachProfiler({
      bundle, locale, button: profileButton, host: part(root, 'profile-slot'),
      files: () => ({ ...files.files }), goto: handlers.goto,
      // Save pending edits and bring the Profile tab forward: the panel draws into it.
      beforeRun: () => { files.flushIfPending(); outputTabs.setVisible('profile', true); outputTabs.select('profile'); },
    });
  }

  runs.state.subscribe((s) => {
    if (s.phase === 'running') {
      summary.dataset.status = 'running';
      renderProgress(taskList, progress, s, lab, locale, tr);
      return;
    }
    progress.textContent = '';
    if (s.phase === 'failed') {
      summary.dataset.status = 'error';
      summary.textContent = tr('summary.error', { message: s.error ?? '' });
    } else if (s.phase === 'done' && s.report) {
      renderSummary(summary, s, lab, locale, tr, handlers);
      renderTasks(taskList, s, tr, locale, handlers);
      consoleView.final(s.report);
      code.setMarkers(markersOf(s.report, lab, files.files, locale, tr));
    }
  });
  runs.console.subscribe((streams) => consoleView.live(streams));
  // Results of older code are marked as such (the markers themselves go as soon as their file changes).
  files.revision.subscribe((revision) => {
    const s = runs.state.value;
    summary.dataset.stale = String(s.phase === 'done' && s.revision !== undefined && s.revision !== revision);
    summary.title = summary.dataset.stale === 'true' ? tr('summary.stale') : '';
  });
}
