// The editor itself, loaded lazily by the code view: Monaco's core, the editor features
// (contribs.ts) and TypeScript highlighting, and nothing of the TypeScript language service,
// which is 7 MB and comes later (language-service.ts), so the code is editable first.
// Learner files are models under file:///impl/<slug>/, graders under file:///graders/<slug>/,
// solutions under file:///solution/<slug>/. Monaco's CSS arrives with this chunk (vite-plugin-monaco-css).
import './contribs';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { SourceLocation } from '../../core/report';

// The TypeScript worker is created by the language service once it loads; until then only the editor worker runs.
let tsWorker: (() => Worker) | undefined;
(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id, label) => (tsWorker && (label === 'typescript' || label === 'javascript') ? tsWorker() : new EditorWorker()),
};

/** Called by the language service: the worker that runs TypeScript. */
export function provideTypeScriptWorker(create: () => Worker): void {
  tsWorker = create;
}

export type Monaco = typeof monaco;
export type Model = monaco.editor.ITextModel;
export type CodeEditor = monaco.editor.IStandaloneCodeEditor;
export type DiffEditor = monaco.editor.IStandaloneDiffEditor;
export { monaco };

export type ModelKind = 'impl' | 'graders' | 'solution';

export const modelUri = (kind: ModelKind, slug: string, file: string) => monaco.Uri.parse(`file:///${kind}/${slug}/${file}`);

export function model(kind: ModelKind, slug: string, file: string, text: string): Model {
  const uri = modelUri(kind, slug, file);
  const existing = monaco.editor.getModel(uri);
  if (existing) {
    if (existing.getValue() !== text) existing.setValue(text);
    return existing;
  }
  return monaco.editor.createModel(text, 'typescript', uri);
}

const common = {
  automaticLayout: true,
  minimap: { enabled: false },
  fontSize: 14,
  tabSize: 2,
  scrollBeyondLastLine: false,
  fixedOverflowWidgets: true,
  // Tab moves focus out when toggled with Ctrl+M; the default keeps Tab for indenting.
  tabFocusMode: false,
} satisfies monaco.editor.IStandaloneEditorConstructionOptions;

export function createEditor(host: HTMLElement, opts: { readOnly?: boolean; ariaLabel: string }): CodeEditor {
  return monaco.editor.create(host, { ...common, readOnly: opts.readOnly ?? false, ariaLabel: opts.ariaLabel, theme: themeNow() });
}

/** The solution beside the learner's code: the solution on the left (read-only), the learner's own model on the right (editable). */
export function createDiffEditor(host: HTMLElement, ariaLabel: string): DiffEditor {
  return monaco.editor.createDiffEditor(host, {
    ...common,
    ariaLabel,
    theme: themeNow(),
    originalEditable: false,
    renderSideBySide: true,
    useInlineViewWhenSpaceIsLimited: true,
    renderSideBySideInlineBreakpoint: 700,
    ignoreTrimWhitespace: true,
  });
}

export const themeNow = () => (document.documentElement.dataset.theme === 'light' ? 'vs' : 'vs-dark');

/** Follows Starlight's `data-theme` on <html>. */
export function followSiteTheme(): void {
  const apply = () => monaco.editor.setTheme(themeNow());
  new MutationObserver(apply).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  apply();
}

/** Replaces a model's text as one undoable edit (Ctrl+Z brings the old text back). */
export function replaceUndoable(m: Model, text: string): void {
  if (m.getValue() === text) return;
  m.pushStackElement();
  m.pushEditOperations([], [{ range: m.getFullModelRange(), text }], () => null);
  m.pushStackElement();
}

export interface GradeMarker { location: SourceLocation; message: string }

/** The markers of the last run on one model (owner "grader"), replacing any before. */
export function setGradeMarkers(m: Model, marks: GradeMarker[]): void {
  monaco.editor.setModelMarkers(m, 'grader', marks.map(({ location, message }) => {
    const line = Math.min(Math.max(1, location.line), m.getLineCount());
    const col = Math.max(1, location.column);
    const end = m.getLineMaxColumn(line);
    return {
      severity: monaco.MarkerSeverity.Error, message, source: 'grader',
      startLineNumber: line, startColumn: Math.min(col, end), endLineNumber: line, endColumn: col >= end ? end : Math.max(col + 1, end),
    };
  }));
}

/** TypeScript's own diagnostics on a model (owner "typescript"), for tests and tools. */
export const typeErrors = (m: Model) =>
  monaco.editor.getModelMarkers({ resource: m.uri, owner: 'typescript' }).filter((x) => x.severity === monaco.MarkerSeverity.Error);
