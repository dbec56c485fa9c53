// Everything Monaco: loaded lazily (dynamic import from the workbench script, on lab
// pages only), with its CSS injected by vite-plugin-monaco-css. Learner files are
// models under file:///impl/<slug>/, graders under file:///graders/<slug>/, and the
// TypeScript service resolves `@impl/<slug>/*`, `@grader-kit` and `vitest` like the graders do.
import './monaco-contribs';
import * as monaco from 'monaco-editor/editor/editor.api';
import 'monaco-editor/languages/definitions/typescript/register';
import { typescriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import vitestTypes from './types/vitest-api.d.ts.txt?raw';
import kitSource from '../grader-kit/index.ts?raw';
import reportSource from '../core/report.ts?raw';
import randomSource from '../core/random.ts?raw';
import type { SourceLocation } from '../core/report';

(self as unknown as { MonacoEnvironment: monaco.Environment }).MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  lib: ['esnext', 'dom'],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
  esModuleInterop: true,
  baseUrl: 'file:///',
  paths: { '@impl/*': ['impl/*'], '@grader-kit': ['src/grader-kit/index.ts'] },
});
typescriptDefaults.setEagerModelSync(true);
typescriptDefaults.addExtraLib(vitestTypes, 'file:///node_modules/@types/vitest-subset/index.d.ts');
typescriptDefaults.addExtraLib(kitSource, 'file:///src/grader-kit/index.ts');
typescriptDefaults.addExtraLib(reportSource, 'file:///src/core/report.ts');
typescriptDefaults.addExtraLib(randomSource, 'file:///src/core/random.ts');
// report.ts names lab.ts only for types; the real one needs zod, which the editor does not have.
typescriptDefaults.addExtraLib(
  "export type Lab = { slug: string; tasks: LabTask[] };\nexport type LabTask = { id: string; points: number; hidden: boolean; env: 'any' | 'node'; title: Record<'zh' | 'en', string> };\n",
  'file:///src/core/lab.ts',
);

export type Monaco = typeof monaco;
export { monaco };

export const modelUri = (kind: 'impl' | 'graders' | 'solution', slug: string, file: string) =>
  monaco.Uri.parse(`file:///${kind}/${slug}/${file}`);

export function model(kind: 'impl' | 'graders' | 'solution', slug: string, file: string, text: string): monaco.editor.ITextModel {
  const uri = modelUri(kind, slug, file);
  const existing = monaco.editor.getModel(uri);
  if (existing) {
    if (existing.getValue() !== text) existing.setValue(text);
    return existing;
  }
  return monaco.editor.createModel(text, 'typescript', uri);
}

export function createEditor(host: HTMLElement, opts: { readOnly?: boolean; ariaLabel: string }): monaco.editor.IStandaloneCodeEditor {
  return monaco.editor.create(host, {
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    scrollBeyondLastLine: false,
    readOnly: opts.readOnly ?? false,
    ariaLabel: opts.ariaLabel,
    theme: themeNow(),
    fixedOverflowWidgets: true,
    // Tab moves focus out when toggled with Ctrl+M; the default keeps Tab for indenting.
    tabFocusMode: false,
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
export function replaceUndoable(m: monaco.editor.ITextModel, text: string): void {
  if (m.getValue() === text) return;
  m.pushStackElement();
  m.pushEditOperations([], [{ range: m.getFullModelRange(), text }], () => null);
  m.pushStackElement();
}

export function setGradeMarkers(m: monaco.editor.ITextModel, marks: { location: SourceLocation; message: string; severity: 'error' | 'warning' }[]): void {
  monaco.editor.setModelMarkers(m, 'grader', marks.map(({ location, message, severity }) => {
    const line = Math.min(Math.max(1, location.line), m.getLineCount());
    const col = Math.max(1, location.column);
    const end = m.getLineMaxColumn(line);
    return {
      severity: severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message, source: 'grader',
      startLineNumber: line, startColumn: Math.min(col, end), endLineNumber: line, endColumn: col >= end ? end : Math.max(col + 1, end),
    };
  }));
}

export function clearGradeMarkers(): void {
  for (const m of monaco.editor.getModels()) monaco.editor.setModelMarkers(m, 'grader', []);
}
