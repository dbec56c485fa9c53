// The TypeScript language service (IntelliSense, type errors), started after the editor
// is usable: its worker is 7 MB. It resolves what the graders and the learner's code
// import: `@impl/<slug>/*`, `@grader-kit`, `vitest`, and the packages lab.json "imports"
// allows (ioredis, nodemailer, Node built-ins), whose .d.ts files are bundled at build
// time (vite-plugin-package-types.mjs) and fetched only for labs that import them.
import { getTypeScriptWorker, typescriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import { typePackages, typesFor } from 'virtual:perf-workbook/package-types';
import vitestTypes from './types/vitest-api.d.ts.txt?raw';
import kitSource from '../../grader-kit/index.ts?raw';
import reportSource from '../../core/report.ts?raw';
import randomSource from '../../core/random.ts?raw';
import { provideTypeScriptWorker } from './editor';

async function loadPackageTypes(imports: readonly string[]): Promise<Record<string, string>> {
  const paths: Record<string, string[]> = {};
  const done = new Set<string>();
  const load = async (name: string): Promise<void> => {
    if (done.has(name) || !typePackages[name]) return;
    done.add(name);
    const pkg = await typePackages[name]();
    for (const [path, text] of Object.entries(pkg.files)) typescriptDefaults.addExtraLib(text, `file:///${path}`);
    for (const bare of pkg.names) {
      paths[bare] = [pkg.entry];
      paths[`${bare}/*`] = [`${pkg.root}/*`];
    }
    await Promise.all(pkg.deps.map(load));
  };
  await Promise.all(imports.map((spec) => load(typesFor[spec])));
  return Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, v[0]]));
}

/** Starts IntelliSense for the models already open; resolves when the service is set up. */
export async function startLanguageService(imports: readonly string[]): Promise<void> {
  provideTypeScriptWorker(() => new TsWorker());
  const packagePaths = await loadPackageTypes(imports);
  typescriptDefaults.setCompilerOptions({
    target: ScriptTarget.ESNext,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    lib: ['esnext', 'dom'],
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    baseUrl: 'file:///',
    paths: {
      '@impl/*': ['impl/*'],
      '@grader-kit': ['src/grader-kit/index.ts'],
      ...Object.fromEntries(Object.entries(packagePaths).map(([k, v]) => [k, [v]])),
    },
  });
  typescriptDefaults.setEagerModelSync(true);
  typescriptDefaults.addExtraLib(vitestTypes, 'file:///node_modules/@types/vitest-subset/index.d.ts');
  typescriptDefaults.addExtraLib(kitSource, 'file:///src/grader-kit/index.ts');
  typescriptDefaults.addExtraLib(reportSource, 'file:///src/core/report.ts');
  typescriptDefaults.addExtraLib(randomSource, 'file:///src/core/random.ts');
  // report.ts names these modules for types only; the real ones need zod, which the editor does not have.
  typescriptDefaults.addExtraLib(
    "export type Lab = { slug: string; tasks: LabTask[] };\nexport type LabTask = { id: string; points: number; hidden: boolean; env: 'any' | 'node'; title: Record<'zh' | 'en', string> };\n",
    'file:///src/core/lab.ts',
  );
  // The models exist already, so Monaco's own "first TypeScript model" hook has fired; start the mode here.
  const mode = await import('monaco-editor/languages/features/typescript/tsMode');
  mode.setupTypeScript(typescriptDefaults as never);
}

/** TypeScript errors per model (syntax and types), as the editor's squiggles show them. */
export async function typeErrorCounts(uris: { toString(): string }[]): Promise<number[]> {
  const worker = await (await getTypeScriptWorker())(...(uris as never[]));
  return Promise.all(uris.map(async (uri) => {
    const all = [...await worker.getSyntacticDiagnostics(uri.toString()), ...await worker.getSemanticDiagnostics(uri.toString())];
    return all.filter((d) => d.category === 1).length;
  }));
}
