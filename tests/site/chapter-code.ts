// The TypeScript code blocks of the chapters, and one compiler run over them.
//
// Two kinds of block:
// - an untagged ```ts block is a module of its own;
// - a block tagged with a lab, ```ts lab=lru-cache, is compiled as a file sitting
//   in labs/lru-cache/ beside the scaffold, so `import { LRUCache } from './lru-cache'`
//   type-checks against the very API the learner implements (and
//   '../metrics-collector/metrics' reaches a second lab).
// Used by code-samples.test.ts (untagged) and lab-fences.test.ts (tagged).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { chapterFiles, fences, read, ROOT } from './markdown';

export const LABS = join(ROOT, 'labs');
const TS_LANGS = new Set(['ts', 'typescript']);
const LAB_META = /(?:^|\s)lab=(\S+)/;

export const compilerOptions: ts.CompilerOptions = {
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

export interface Sample {
  /** The MDX file, relative to the repo root. */
  mdx: string;
  locale: string;
  /** The page slug, e.g. 3-3-caching. */
  page: string;
  /** 1-based line of the opening fence. */
  fenceLine: number;
  /** The lab slug from `lab=<slug>`, if tagged. */
  lab?: string;
  /** Where the compiler sees the sample: beside the page, or inside labs/<lab>/. */
  virtualPath: string;
  code: string;
}

/** Every ts block of every chapter page, with its lab tag. */
export function chapterSamples(): Sample[] {
  return chapterFiles().flatMap((mdx) => {
    const [, locale = '', file = ''] = /^content\/chapters\/([^/]+)\/(.+)$/.exec(mdx) ?? [];
    const page = file.replace(/\.mdx?$/, '');
    return fences(read(mdx))
      .filter((f) => TS_LANGS.has(f.lang))
      .map((f) => {
        const lab = LAB_META.exec(f.meta)?.[1];
        const name = `__chapter_${locale}_${page.replace(/\W+/g, '_')}_L${f.line}.ts`;
        // An unknown slug still gets a path; the lab-fence test reports the slug itself.
        const dir = lab ? join(LABS, lab) : join(ROOT, dirname(mdx));
        return { mdx, locale, page, fenceLine: f.line, lab, virtualPath: join(dir, name), code: f.code };
      });
  });
}

/** Lab slugs: the folders of labs/ that hold a lab.json. */
export function labSlugs(): string[] {
  if (!existsSync(LABS)) return [];
  return readdirSync(LABS).filter((d) => existsSync(join(LABS, d, 'lab.json'))).sort();
}

/** The files a lab's learner edits, as absolute paths (lab.json `files`). */
export function labFiles(slug: string): string[] {
  const lab = JSON.parse(readFileSync(join(LABS, slug, 'lab.json'), 'utf8')) as { files: string[] };
  return lab.files.map((f) => join(LABS, slug, f));
}

export interface Diagnostic { file: string; line: number; text: string }

/**
 * Type-checks `sources` (virtual path → code) in one program and returns the
 * errors found in those files, with 1-based lines. Files they import (lab
 * scaffolds, node_modules) are read from disk and never reported on.
 */
export function typeCheck(sources: ReadonlyMap<string, string>): { errors: Diagnostic[]; program: ts.Program } {
  const host = ts.createCompilerHost(compilerOptions, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.getSourceFile = (name, lang, ...rest) => {
    const code = sources.get(name);
    return code !== undefined ? ts.createSourceFile(name, code, lang) : getSourceFile.call(host, name, lang, ...rest);
  };
  host.fileExists = (name) => sources.has(name) || fileExists.call(host, name);
  host.readFile = (name) => sources.get(name) ?? readFile.call(host, name);
  host.getCurrentDirectory = () => ROOT;

  const program = ts.createProgram([...sources.keys()], compilerOptions, host);
  const errors: Diagnostic[] = [];
  const all = [...program.getGlobalDiagnostics(), ...program.getOptionsDiagnostics()];
  for (const file of sources.keys()) {
    const sf = program.getSourceFile(file)!;
    all.push(...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf));
  }
  for (const d of all) {
    const text = `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n    ')}`;
    if (!d.file || !sources.has(d.file.fileName)) { errors.push({ file: '(compiler)', line: 0, text }); continue; }
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    errors.push({ file: d.file.fileName, line: line + 1, text });
  }
  return { errors, program };
}

export type ExportKind = 'class' | 'function' | 'value' | 'type';
export interface LabExport { slug: string; file: string; name: string; kind: ExportKind }

/** Every name a lab's files export, with what kind of thing it is. */
export function labExports(): LabExport[] {
  const files = labSlugs().flatMap((slug) => labFiles(slug).map((file) => ({ slug, file })));
  const program = ts.createProgram(files.map((f) => f.file), compilerOptions);
  const checker = program.getTypeChecker();
  const out: LabExport[] = [];
  for (const { slug, file } of files) {
    const source = program.getSourceFile(file);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
      const f = symbol.flags;
      const kind: ExportKind = f & ts.SymbolFlags.Class ? 'class'
        : f & ts.SymbolFlags.Function ? 'function'
        : f & ts.SymbolFlags.Value ? 'value'
        : 'type';
      out.push({ slug, file: relative(ROOT, file), name: symbol.name, kind });
    }
  }
  return out;
}

export interface Declaration { name: string; kind: ExportKind; exported: boolean; line: number }

/** The top-level names a sample declares (its own, not the ones it imports). */
export function topLevelDeclarations(code: string): Declaration[] {
  const sf = ts.createSourceFile('sample.ts', code, ts.ScriptTarget.ES2022, true);
  const out: Declaration[] = [];
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const add = (name: ts.Node | undefined, kind: ExportKind, node: ts.Node) => {
    if (name && ts.isIdentifier(name)) {
      out.push({ name: name.text, kind, exported: exported(node), line: sf.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  for (const node of sf.statements) {
    if (ts.isClassDeclaration(node)) add(node.name, 'class', node);
    else if (ts.isFunctionDeclaration(node)) add(node.name, 'function', node);
    else if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) add(node.name, 'type', node);
    else if (ts.isVariableStatement(node)) for (const d of node.declarationList.declarations) add(d.name, 'value', node);
  }
  return out;
}

/** The module specifiers a sample imports from. */
export function importsOf(code: string): string[] {
  const sf = ts.createSourceFile('sample.ts', code, ts.ScriptTarget.ES2022, true);
  return sf.statements
    .filter(ts.isImportDeclaration)
    .map((d) => (d.moduleSpecifier as ts.StringLiteral).text);
}

/** Where `specifier` resolves from `fromFile`, or undefined. */
export function resolveImport(specifier: string, fromFile: string): string | undefined {
  const host: ts.ModuleResolutionHost = { fileExists: ts.sys.fileExists, readFile: ts.sys.readFile };
  return ts.resolveModuleName(specifier, fromFile, compilerOptions, host).resolvedModule?.resolvedFileName;
}
