// Given files (lab.json "given") live once, in labs/<slug>/. When Node grades an
// implementation folder, an import of a given file, from a grader (`@impl/<slug>/types`)
// or from the learner's code (`./types`), resolves to the course's copy: a submission
// never replaces one, and solutions/ need not repeat them. The same rule elsewhere:
// composeImplementation (src/core/lab.ts) for the browser runtimes, `rootDirs` in
// tsconfig.json for tsc, given-files-hook.mjs for scripts run in place with tsx. The site
// build and the project's own tests use this plugin over solutions/, for code that imports
// a reference solution in place (the ops playground's reference).
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { LabCatalog } from './lab-catalog';

export function givenFilesPlugin(catalog: LabCatalog, implRoot: string): Plugin {
  const root = resolve(implRoot);
  /** "<implRoot>/<slug>/<name without .ts>" → the course's copy. */
  const given = new Map<string, string>();
  for (const lab of catalog.labs()) {
    for (const file of lab.given) given.set(join(root, lab.slug, file.replace(/\.ts$/, '')), join(catalog.dirs.labs, lab.slug, file));
  }
  return {
    name: 'workbook:given-files',
    // Before Vite's own resolver, so a learner's copy of a given file is never picked; after the aliases.
    enforce: 'pre',
    resolveId(source, importer) {
      const target = source.startsWith('.') && importer ? resolve(dirname(importer.split('?')[0]), source) : source;
      return given.get(target.replace(/\.(ts|js|mjs)$/, '')) ?? null;
    },
  };
}
