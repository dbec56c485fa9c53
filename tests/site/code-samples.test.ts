// Every ```ts / ```typescript block in the chapters must type-check on its own,
// as a module, under the settings a reader would use: strict, ES2022, Node types,
// DOM, and `using` declarations. Errors are reported at the MDX file and line.
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { chapterFiles, fences, read, ROOT } from './markdown';

const TS_LANGS = new Set(['ts', 'typescript']);

const options: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  moduleDetection: ts.ModuleDetectionKind.Force, // each sample is its own module
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts', 'lib.esnext.disposable.d.ts'],
  types: ['node'],
  typeRoots: [join(ROOT, 'node_modules/@types')],
  allowImportingTsExtensions: true,
  noEmit: true,
  skipLibCheck: true,
  esModuleInterop: true,
};

interface Sample { mdx: string; fenceLine: number; virtualPath: string; code: string }

const samples: Sample[] = chapterFiles().flatMap((mdx) =>
  fences(read(mdx))
    .filter((f) => TS_LANGS.has(f.lang))
    .map((f) => ({
      mdx,
      fenceLine: f.line,
      // Beside the page, so a relative import in a sample resolves as it would there.
      virtualPath: join(ROOT, dirname(mdx), `__sample_${mdx.replace(/\W+/g, '_')}_L${f.line}.ts`),
      code: f.code,
    })),
);

/** Type-checks all samples in one program (one lib load) and returns errors per MDX file. */
function check(): Map<string, string[]> {
  const byPath = new Map(samples.map((s) => [s.virtualPath, s]));
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => {
    const s = byPath.get(name);
    return s ? ts.createSourceFile(name, s.code, lang) : getSourceFile.call(host, name, lang, ...rest);
  };
  host.fileExists = (name) => byPath.has(name) || fileExists.call(host, name);
  host.readFile = (name) => byPath.get(name)?.code ?? readFile.call(host, name);
  host.getCurrentDirectory = () => ROOT;

  const program = ts.createProgram([...byPath.keys()], options, host);
  const errors = new Map<string, string[]>();
  const all = [...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics()];
  for (const file of byPath.keys()) {
    const sf = program.getSourceFile(file)!;
    all.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  for (const d of all) {
    const s = d.file && byPath.get(d.file.fileName);
    const text = ts.flattenDiagnosticMessageText(d.messageText, '\n    ');
    if (!s) { errors.set('(compiler)', [...(errors.get('(compiler)') ?? []), `TS${d.code}: ${text}`]); continue; }
    const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
    const where = `${s.mdx}:${s.fenceLine + line + 1}`;
    errors.set(s.mdx, [...(errors.get(s.mdx) ?? []), `${where}: TS${d.code}: ${text}`]);
  }
  return errors;
}

describe('TypeScript samples in the chapters', () => {
  const files = [...new Set(samples.map((s) => s.mdx))];
  let errors: Map<string, string[]> | undefined;
  const errorsOf = (file: string) => (errors ??= check()).get(file) ?? [];

  it.skipIf(samples.length === 0)('the compiler settings themselves are valid', () => {
    expect(errorsOf('(compiler)')).toEqual([]);
  });

  it.each(files)('%s: every ts block type-checks as its own module', (file) => {
    expect(errorsOf(file), `type errors (file:line: code: message)`).toEqual([]);
  });
});
