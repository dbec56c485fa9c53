// A Node module hook for running reference solutions in place (bench/ through
// bin/run-ts.mjs, `workbook ops serve` through bin/workbook.mjs): an import of a given
// file that solutions/<slug>/ does not hold resolves to labs/<slug>/, where given files
// live (see given-files.ts for the rule).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOLUTIONS = join(ROOT, 'solutions');

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (err) {
    const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
    if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !parent || !specifier.startsWith('.')) throw err;
    const wanted = resolvePath(dirname(parent), specifier).replace(/\.(ts|js|mjs)$/, '');
    const [slug, name, ...deeper] = wanted.startsWith(SOLUTIONS) ? wanted.slice(SOLUTIONS.length + 1).split(/[\\/]/) : [];
    const labJson = slug && join(ROOT, 'labs', slug, 'lab.json');
    if (!name || deeper.length || !existsSync(labJson)) throw err;
    const given = JSON.parse(readFileSync(labJson, 'utf8')).given ?? [];
    if (!given.includes(`${name}.ts`)) throw err;
    return nextResolve(pathToFileURL(join(ROOT, 'labs', slug, `${name}.ts`)).href, context);
  }
}
