// The code pane: file tabs, the code at once (the build's highlighted preview), then the
// Monaco editor as soon as its chunk arrives, then the TypeScript language service behind
// it. Edits go to the FilesStore; changes from outside (reset, import, undo) come back as
// undoable edits. Grader markers of the last run are cleared on a file as soon as it changes.
// The reference solution opens as a diff editor: the solution (read-only) against the
// learner's own model, which stays editable.
import type { LabBundle } from '../../core/lab';
import type { SourceLocation } from '../../core/report';
import type { FilesStore } from '../state/files';
import type { WorkbenchText } from './text';
import { el, part } from './dom';

type EditorModule = typeof import('../monaco/editor');
type Model = import('../monaco/editor').Model;
type CodeEditor = import('../monaco/editor').CodeEditor;
type DiffEditor = import('../monaco/editor').DiffEditor;
export type { GradeMarker } from '../monaco/editor';

/** impl: a file the learner edits; given: a read-only file of the lab (lab.json "given"); grader: a read-only grader. */
interface Tab { id: string; kind: 'impl' | 'given' | 'grader'; name: string; dataFile: string }

// Reference solutions: one lazy chunk per file, fetched only after "Show solution" is confirmed.
const solutionLoaders = import.meta.glob<string>('/solutions/*/*.ts', { query: '?raw', import: 'default' });

export class CodeView {
  private readonly tabs: Tab[];
  private readonly tabButtons: HTMLButtonElement[];
  private active: Tab;
  private ed?: EditorModule;
  private editor?: CodeEditor;
  private readonly models = new Map<string, Model>();
  private readonly viewStates = new Map<string, unknown>();
  private diff?: { editor: DiffEditor; originals: Map<string, Model> };
  private solutionOpen = false;
  private readonly editorHost: HTMLElement;
  private readonly solutionHost: HTMLElement;
  /** Files with grader markers now, as file → "file:line" entries (mirrored on the root for tests and tools). */
  private readonly marked = new Map<string, string[]>();

  constructor(
    private readonly root: HTMLElement,
    private readonly bundle: LabBundle,
    private readonly files: FilesStore,
    private readonly tr: WorkbenchText,
  ) {
    const { lab } = bundle;
    this.tabs = [
      ...lab.files.map((name): Tab => ({ id: `impl:${name}`, kind: 'impl', name, dataFile: name })),
      ...lab.given.map((name): Tab => ({ id: `given:${name}`, kind: 'given', name, dataFile: name })),
      ...Object.keys(bundle.graders).map((rel): Tab => ({ id: `grader:${rel}`, kind: 'grader', name: rel, dataFile: `graders/${rel}` })),
    ];
    this.active = this.tabs[0];
    this.editorHost = part(root, 'editor-host');
    this.solutionHost = part(root, 'solution-host');
    const tablist = part(root, 'tabs');
    this.tabButtons = this.tabs.map((tab) => {
      const b = el('button', { type: 'button', role: 'tab', 'data-testid': 'file-tab', 'data-file': tab.dataFile, 'data-kind': tab.kind });
      b.textContent = tab.kind === 'impl' ? tab.name : `${tab.name} · ${tr(tab.kind === 'grader' ? 'editor.grader' : 'editor.readonly')}`;
      if (tab.kind !== 'impl') b.title = tr('editor.readonly');
      b.addEventListener('click', () => this.activate(tab));
      b.addEventListener('keydown', (e) => this.tabKey(e, tab));
      tablist.append(b);
      return b;
    });
    files.onExternalChange(({ file, text }) => {
      const m = this.models.get(`impl:${file}`);
      if (m && this.ed) this.ed.replaceUndoable(m, text);
      else if (this.active.kind === 'impl' && this.active.name === file) this.showPreview(text);
    });
    this.activate(this.active);
    // Saved work that differs from the scaffold replaces the build's preview (plain until the editor comes).
    if (files.files[this.active.name] !== bundle.scaffold[this.active.name]) this.showPreview(files.files[this.active.name]);
  }

  private loading?: Promise<void>;

  /** Loads Monaco; resolves when the editor can be typed in. The language service follows on its own. */
  load(): Promise<void> {
    return (this.loading ??= this.loadNow());
  }

  private async loadNow(): Promise<void> {
    try {
      const ed = (this.ed = await import('../monaco/editor'));
      ed.followSiteTheme();
      const { slug } = this.bundle.lab;
      for (const tab of this.tabs) {
        // Given files sit beside the learner's (file:///impl/<slug>/), so their relative imports resolve.
        const m = tab.kind === 'grader' ? ed.model('graders', slug, tab.name, this.bundle.graders[tab.name])
          : ed.model('impl', slug, tab.name, tab.kind === 'given' ? this.bundle.given[tab.name] : this.files.files[tab.name]);
        this.models.set(tab.id, m);
        if (tab.kind === 'impl') {
          m.onDidChangeContent(() => {
            this.clearMarkers(tab.name);
            this.files.edited(tab.name, m.getValue());
          });
        }
      }
      this.editorHost.replaceChildren();
      this.editor = ed.createEditor(this.editorHost, { ariaLabel: this.tr('editor.label', { file: this.active.name }) });
      this.activate(this.active);
      this.root.dataset.editor = 'ready';
    } catch (err) {
      this.showPreview(this.files.files[this.active.name] ?? '');
      this.editorHost.append(el('p', { class: 'wb-muted' }, this.tr('editor.failed', { reason: (err as Error).message })));
      this.root.dataset.editor = 'failed';
      return;
    }
    this.startLanguageService();
  }

  /** IntelliSense after the editor: in idle time, so typing and the first check come first. */
  private startLanguageService(): void {
    const start = () => import('../monaco/language-service')
      .then(async (ls) => {
        await ls.startLanguageService(this.bundle.lab.imports);
        // A stable hook for tests and tools: TypeScript errors per learner file as first opened, "file:n".
        const impl = this.tabs.filter((t) => t.kind === 'impl');
        const counts = await ls.typeErrorCounts(impl.map((t) => this.models.get(t.id)!.uri));
        this.root.dataset.typeErrors = impl.map((t, i) => `${t.name}:${counts[i]}`).join(' ');
        this.root.dataset.languageService = 'ready';
      })
      .catch(() => { this.root.dataset.languageService = 'failed'; });
    if ('requestIdleCallback' in window) requestIdleCallback(() => void start(), { timeout: 1500 });
    else setTimeout(() => void start(), 200);
  }

  get editorReady(): boolean { return Boolean(this.editor); }

  activate(tab: Tab): void {
    if (this.editor && this.active) this.viewStates.set(this.active.id, this.editor.saveViewState());
    this.active = tab;
    this.tabButtons.forEach((b, i) => {
      const on = this.tabs[i] === tab;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
    });
    if (!this.editor) {
      if (this.tabs.indexOf(tab) > 0 || this.files.files[tab.name] !== this.bundle.scaffold[tab.name]) this.showPreview(this.textOf(tab));
      return;
    }
    this.editor.setModel(this.models.get(tab.id)!);
    this.editor.updateOptions({ readOnly: tab.kind !== 'impl', readOnlyMessage: { value: this.tr('editor.readonly') }, ariaLabel: this.tr('editor.label', { file: tab.name }) });
    const vs = this.viewStates.get(tab.id);
    if (vs) this.editor.restoreViewState(vs as never);
    this.showSolutionFor(tab);
  }

  /** Shows a place in the learner's code: its tab, the line, the cursor. */
  goto(loc: SourceLocation): void {
    const tab = this.tabs.find((x) => x.kind === 'impl' && x.name === loc.file) ?? this.tabs.find((x) => x.name === loc.file);
    if (!tab) return;
    this.activate(tab);
    this.tabButtons[this.tabs.indexOf(tab)].scrollIntoView({ block: 'nearest' });
    const target = this.diffShowing() ? this.diff!.editor.getModifiedEditor() : this.editor;
    if (!target) return;
    target.revealLineInCenter(loc.line);
    target.setPosition({ lineNumber: loc.line, column: loc.column });
    target.focus();
  }

  /** The markers of a run, per learner file; replaces any earlier run's. */
  setMarkers(byFile: Map<string, import('../monaco/editor').GradeMarker[]>): void {
    for (const file of [...this.marked.keys()]) this.clearMarkers(file);
    for (const [file, list] of byFile) {
      const m = this.models.get(`impl:${file}`);
      if (!m || !this.ed || list.length === 0) continue;
      this.ed.setGradeMarkers(m, list);
      this.marked.set(file, list.map((x) => `${x.location.file}:${x.location.line}`));
    }
    this.mirrorMarkers();
  }

  private clearMarkers(file: string): void {
    if (!this.marked.has(file)) return;
    const m = this.models.get(`impl:${file}`);
    if (m && this.ed) this.ed.setGradeMarkers(m, []);
    this.marked.delete(file);
    this.mirrorMarkers();
  }

  private mirrorMarkers(): void {
    // A stable hook for tests and tools: where the grader's markers are now, as file:line.
    this.root.dataset.gradeMarkers = [...this.marked.values()].flat().join(' ');
  }

  // ---- the solution, as a diff ---------------------------------------------------------

  get solutionShown(): boolean { return this.solutionOpen; }

  /** Opens the solution beside the learner's code; false when it cannot be had. */
  async openSolution(): Promise<boolean> {
    const { lab } = this.bundle;
    await this.load();
    if (!this.ed) return false;
    if (!this.diff) {
      const loaders = lab.files.map((f) => solutionLoaders[`/solutions/${lab.slug}/${f}`]);
      if (loaders.some((l) => !l)) return false;
      const texts = await Promise.all(loaders.map((l) => l()));
      const originals = new Map(lab.files.map((f, i) => [f, this.ed!.model('solution', lab.slug, f, texts[i])]));
      this.solutionHost.hidden = false;
      this.diff = { editor: this.ed.createDiffEditor(part(this.solutionHost, 'solution-editor'), this.tr('editor.solution', { file: lab.files[0] })), originals };
    }
    this.solutionOpen = true;
    this.showSolutionFor(this.active);
    return true;
  }

  closeSolution(): void {
    this.solutionOpen = false;
    this.showSolutionFor(this.active);
  }

  private diffShowing(): boolean {
    return this.solutionOpen && this.active.kind === 'impl' && Boolean(this.diff);
  }

  /** With the solution open, an impl tab shows the diff; other tabs show the plain editor. */
  private showSolutionFor(tab: Tab): void {
    const showing = this.diffShowing();
    this.solutionHost.hidden = !showing;
    this.editorHost.hidden = showing;
    if (!showing || !this.diff) return;
    this.diff.editor.setModel({ original: this.diff.originals.get(tab.name)!, modified: this.models.get(tab.id)! });
    part(this.solutionHost, 'solution-label').textContent = this.tr('editor.solutionDiff', { file: tab.name });
  }

  // ---- before the editor ---------------------------------------------------------------

  private textOf(tab: Tab): string {
    return tab.kind === 'grader' ? this.bundle.graders[tab.name] : tab.kind === 'given' ? this.bundle.given[tab.name] : this.files.files[tab.name];
  }

  /** Plain text in the preview while the editor loads (the build highlighted only the first scaffold). */
  private showPreview(text: string): void {
    if (this.editor) return;
    const preview = this.editorHost.querySelector<HTMLElement>('[data-wb="preview"]');
    if (!preview) return;
    preview.setAttribute('aria-label', this.tr('editor.preview', { file: this.active.name }));
    preview.replaceChildren(el('pre', {}, el('code', {}, text)));
  }

  private tabKey(e: KeyboardEvent, tab: Tab): void {
    const i = this.tabs.indexOf(tab);
    const to = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? this.tabs.length - 1 : undefined;
    if (to === undefined) return;
    e.preventDefault();
    const next = this.tabs[(to + this.tabs.length) % this.tabs.length];
    this.activate(next);
    this.tabButtons[this.tabs.indexOf(next)].focus();
  }
}
