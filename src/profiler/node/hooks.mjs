// Node module hooks for `workbook profile` (registered in its child process by
// ./v8-profile.ts): the workload's `@impl/<slug>/<file>` and `@grader-kit` resolve as in
// grading (given files from labs/<slug>/, whatever the submission holds), and the lab's
// TypeScript (the implementation, given files, the workload) is compiled by sucrase,
// which keeps every line where the learner wrote it, so the .cpuprofile's line numbers
// are the editor's. Everything else goes on to tsx's hooks.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve as resolvePath, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transform } from 'sucrase';

/** @type {{ slug: string, implDir: string, labDir: string, graderDir: string, graderKit: string, workloadKit: string, given: string[] }} */
let config;

export function initialize(data) {
  config = data;
}

const inside = (dir, path) => path === dir || path.startsWith(dir + sep);
const withTs = (path) => (/\.[cm]?[jt]s$/.test(path) ? path.replace(/\.(m?js)$/, '.ts') : `${path}.ts`);

/** A file of the lab by name (no extension needed): the course's copy of a given file, else the submission's. */
function labFile(name) {
  const file = withTs(name);
  return config.given.includes(file) ? join(config.labDir, file) : join(config.implDir, file);
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === '@grader-kit') return nextResolve(pathToFileURL(config.graderKit).href, context);
  if (specifier === '@workload-kit') return nextResolve(pathToFileURL(config.workloadKit).href, context);
  const prefix = `@impl/${config.slug}/`;
  if (specifier.startsWith(prefix)) return { url: pathToFileURL(labFile(specifier.slice(prefix.length))).href, shortCircuit: true };
  const parent = context.parentURL?.startsWith('file:') ? fileURLToPath(context.parentURL) : undefined;
  if (parent && specifier.startsWith('.') && (inside(config.implDir, parent) || inside(config.labDir, parent))) {
    const base = inside(config.implDir, parent) ? config.implDir : config.labDir;
    const target = resolvePath(dirname(parent), specifier);
    if (inside(base, target)) {
      const path = labFile(target.slice(base.length + 1));
      if (existsSync(path)) return { url: pathToFileURL(path).href, shortCircuit: true };
    }
  }
  return nextResolve(specifier, context);
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  if (!inside(config.implDir, path) && !inside(config.labDir, path) && !inside(config.graderDir, path)) return nextLoad(url, context);
  const source = transform(readFileSync(path, 'utf8'), { transforms: ['typescript'], disableESTransforms: true, filePath: path, production: true }).code;
  return { format: 'module', source, shortCircuit: true };
}
