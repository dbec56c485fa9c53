// The bar above the panes: check (Ctrl/⌘+Enter), full grade, the runtime picker and its
// notice, and the file actions (reset, solution, download, import) with undoable toasts.
import type { RuntimeChoice, RuntimeStatus } from '../state/runtime-choice';
import type { RunMode, RunStore } from '../state/runs';
import type { FilesStore } from '../state/files';
import type { CodeView } from './code';
import type { WorkbenchText } from './text';
import { part } from './dom';

export function mountRunButtons(root: HTMLElement, runs: RunStore, tr: WorkbenchText): void {
  const check = part<HTMLButtonElement>(root, 'check');
  const grade = part<HTMLButtonElement>(root, 'grade');
  const start = (mode: RunMode) => void runs.run(mode);
  check.addEventListener('click', () => start({ kind: 'check' }));
  grade.addEventListener('click', () => start({ kind: 'grade' }));
  root.addEventListener('click', (e) => {
    const one = (e.target as HTMLElement).closest<HTMLButtonElement>('[data-wb="run-task"]');
    if (one) start({ kind: 'task', task: one.dataset.task! });
  });
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      start({ kind: 'check' });
    }
  }, true);
  runs.state.subscribe((s) => {
    const busy = s.phase === 'running';
    for (const [button, kind, label] of [[check, 'check', 'run.check'], [grade, 'grade', 'run.grade']] as const) {
      if (busy && s.mode?.kind === kind) button.setAttribute('aria-busy', 'true');
      else button.removeAttribute('aria-busy');
      part(button, `${kind}-label`).textContent = tr(busy && s.mode?.kind === kind ? 'run.running' : label);
    }
    for (const b of root.querySelectorAll<HTMLButtonElement>('[data-wb="run-task"]')) {
      if (busy && s.mode?.kind === 'task' && s.mode.task === b.dataset.task) b.setAttribute('aria-busy', 'true');
      else b.removeAttribute('aria-busy');
    }
  });
}

export function mountRuntimePicker(root: HTMLElement, runtimes: RuntimeChoice, tr: WorkbenchText, onTerminal: (shown: boolean) => void): void {
  const select = part<HTMLSelectElement>(root, 'runtime-select');
  const label = part(root, 'runtime');
  const notice = part(root, 'notice');
  const terminal = part(root, 'terminal');
  const wcOption = select.querySelector<HTMLOptionElement>('option[value="webcontainer"]')!;
  if (!runtimes.available) {
    wcOption.disabled = true;
    wcOption.title = tr('runtime.needsIsolation');
    select.title = tr('runtime.needsIsolation');
  }
  select.addEventListener('change', () => runtimes.choose(select.value === 'webcontainer' ? 'webcontainer' : 'worker'));
  const say = (text: string | undefined, kind?: string) => {
    notice.hidden = !text;
    notice.textContent = text ?? '';
    if (kind) notice.dataset.kind = kind;
  };
  runtimes.status.subscribe((s: RuntimeStatus) => {
    const on = s.kind === 'booting' || s.kind === 'installing' || s.kind === 'webcontainer';
    select.value = on ? 'webcontainer' : 'worker';
    label.dataset.runtime = s.kind === 'webcontainer' ? 'webcontainer' : 'worker';
    if (s.kind === 'booting' || s.kind === 'installing') label.dataset.busy = '';
    else delete label.dataset.busy;
    label.textContent = tr(s.kind === 'booting' ? 'runtime.booting' : s.kind === 'installing' ? 'runtime.installing' : s.kind === 'webcontainer' ? 'runtime.webcontainer' : 'runtime.worker');
    if (s.kind === 'fallback') say(tr(s.remembered ? 'runtime.fallbackRemembered' : 'runtime.fallback', { reason: s.reason }), 'fallback');
    else if (s.kind === 'webcontainer') say(tr('runtime.licence'), 'info');
    else say(undefined);
    onTerminal(on);
  });
  runtimes.terminal.subscribe((text) => {
    terminal.textContent = text;
    terminal.scrollTop = terminal.scrollHeight;
  });
}

/** Reset, solution, download and import; what they did is said in a toast, with undo where it changed code. */
export function mountFileActions(root: HTMLElement, files: FilesStore, code: CodeView, tr: WorkbenchText): void {
  const toast = part(root, 'toast');
  const undoButton = root.querySelector<HTMLButtonElement>('[data-action="undo"]')!;
  let undoAction: (() => void) | undefined;
  const say = (text: string, undo?: () => void) => {
    toast.querySelector('span')!.textContent = text;
    toast.hidden = false;
    undoAction = undo;
    undoButton.hidden = !undo;
  };
  undoButton.addEventListener('click', () => {
    const u = undoAction;
    undoAction = undefined;
    undoButton.hidden = true;
    u?.();
    say(tr('actions.undone'));
  });
  if (files.restored) say(tr('storage.restored'));

  const saved = part(root, 'saved');
  files.saveState.subscribe((s) => {
    saved.textContent = s.kind === 'saved' ? tr('storage.saved') : s.kind === 'failed' ? tr('storage.failed', { reason: s.reason }) : '';
  });

  root.querySelector('[data-action="reset"]')!.addEventListener('click', () => say(tr('actions.resetDone'), files.reset()));

  const solutionButton = root.querySelector<HTMLButtonElement>('[data-action="solution"]');
  const dialog = part<HTMLDialogElement>(root, 'solution-dialog');
  let confirmed = false;
  const pressed = (on: boolean) => {
    solutionButton!.setAttribute('aria-pressed', String(on));
    solutionButton!.textContent = tr(on ? 'actions.hideSolution' : 'actions.solution');
  };
  solutionButton?.addEventListener('click', async () => {
    if (code.solutionShown) {
      code.closeSolution();
      pressed(false);
      return;
    }
    if (!confirmed) {
      dialog.returnValue = '';
      dialog.showModal();
      await new Promise((r) => dialog.addEventListener('close', r, { once: true }));
      if (dialog.returnValue !== 'confirm') return;
      confirmed = true;
    }
    if (await code.openSolution()) pressed(true);
    else say(tr('actions.solutionMissing'));
  });

  root.querySelector('[data-action="download"]')!.addEventListener('click', () => files.download());
  const importInput = part<HTMLInputElement>(root, 'import-input');
  root.querySelector('[data-action="import"]')!.addEventListener('click', () => importInput.click());
  importInput.addEventListener('change', async () => {
    const picked = [...(importInput.files ?? [])];
    importInput.value = '';
    try {
      const { names, undo } = await files.import(picked);
      if (names.length === 0) say(tr('actions.importNone', { files: files.names.join(', ') }));
      else say(tr('actions.importDone', { n: names.length }), undo);
    } catch (err) {
      say(tr('actions.importBad', { reason: (err as Error).message }));
    }
  });
}
