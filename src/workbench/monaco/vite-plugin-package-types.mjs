// @ts-check
// Type declarations for the packages a lab lets the learner import (lab.json "imports":
// ioredis, nodemailer, Node built-ins), bundled at build time so the editor shows no
// "Cannot find module 'ioredis'" on an untouched scaffold. One lazy chunk per package:
//   virtual:perf-workbook/package-types         → { typePackages: { name: () => import(chunk) }, typesFor: { import: name } }
//   virtual:perf-workbook/package-types/<name>  → { files: { path: text }, entry, root, names, deps }
// A package's chunk holds the .d.ts files its types entry reaches (relative imports and
// reference paths); other packages it names are `deps`, loaded on their own (the 2 MB of
// @types/node exist once, however many packages need them).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, normalize, relative, sep } from 'node:path';

const ROOT_ID = 'virtual:perf-workbook/package-types';
const PREFIX = `${ROOT_ID}/`;
const RESOLVED = '\0' + ROOT_ID;
const BUILTINS = new Set(builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]));

/**
 * @param {{ root: string, imports: string[] }} options root: the repository; imports: every lab's lab.json "imports"
 * @returns {import('vite').Plugin}
 */
export function packageTypes({ root, imports }) {
  const nodeModules = join(root, 'node_modules');

  /**
   * The package holding the types of a bare specifier ("events" → @types/node, "nodemailer" → @types/nodemailer).
   * @param {string} spec
   * @returns {string | undefined}
   */
  function typesPackage(spec) {
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    if (spec.startsWith('node:') || BUILTINS.has(name) || name === 'node') return '@types/node';
    if (typesEntry(name)) return name;
    const atTypes = `@types/${name.replace(/^@/, '').replace('/', '__')}`;
    return typesEntry(atTypes) ? atTypes : undefined;
  }

  /**
   * A package's .d.ts entry, relative to node_modules, or undefined when it ships none.
   * @param {string} name
   * @returns {string | undefined}
   */
  function typesEntry(name) {
    const dir = join(nodeModules, name);
    if (!existsSync(join(dir, 'package.json'))) return undefined;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const entry = pkg.types ?? pkg.typings ?? (existsSync(join(dir, 'index.d.ts')) ? 'index.d.ts' : undefined);
    if (!entry) return undefined;
    const file = normalize(join(dir, entry.endsWith('.d.ts') ? entry : `${entry.replace(/\.js$/, '')}.d.ts`));
    return existsSync(file) ? relative(nodeModules, file).split(sep).join('/') : undefined;
  }

  /**
   * @typedef {{ files: Record<string, string>, entry: string, root: string, deps: string[] }} TypePackage
   */
  /**
   * Every .d.ts a package's entry reaches inside the package, and the packages it names.
   * @param {string} name
   * @returns {TypePackage}
   */
  function collect(name) {
    const entry = typesEntry(name);
    if (!entry) throw new Error(`no type declarations for "${name}" (lab.json "imports" names it)`);
    const pkgDir = join(nodeModules, name);
    /** @type {Record<string, string>} */
    const files = {};
    /** @type {Set<string>} */
    const deps = new Set();
    // @types/node is a set of ambient declarations: take all of it.
    const start = name === '@types/node' ? walkDts(pkgDir) : [join(nodeModules, entry)];
    const queue = [...start];
    while (queue.length) {
      const file = /** @type {string} */ (queue.pop());
      const key = `node_modules/${relative(nodeModules, file).split(sep).join('/')}`;
      if (files[key] !== undefined) continue;
      const text = readFileSync(file, 'utf8');
      files[key] = text;
      const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+|require\s*\(\s*)['"]([^'"]+)['"]|\/\/\/\s*<reference\s+(path|types)="([^"]+)"/g)];
      for (const m of specs) {
        const spec = m[1] ?? m[3];
        if (m[2] === 'types' || !(spec.startsWith('.') || m[2] === 'path')) {
          const dep = typesPackage(spec);
          if (dep && dep !== name) deps.add(dep);
          continue;
        }
        const base = normalize(join(dirname(file), spec));
        const hit = [base, `${base}.d.ts`, base.replace(/\.js$/, '.d.ts'), join(base, 'index.d.ts')].find((p) => p.endsWith('.d.ts') && existsSync(p) && statSync(p).isFile());
        if (hit && hit.startsWith(pkgDir + sep)) queue.push(hit);
      }
    }
    return { files, entry: `node_modules/${entry}`, root: `node_modules/${name}`, deps: [...deps] };
  }

  /**
   * @param {string} dir
   * @returns {string[]}
   */
  function walkDts(dir) {
    /** @type {string[]} */
    const out = [];
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, entry.name);
      // Declarations for older TypeScript versions (ts5.6/…) would clash with the current ones.
      if (entry.isDirectory() && !/^ts\d/.test(entry.name)) out.push(...walkDts(p));
      else if (entry.isFile() && entry.name.endsWith('.d.ts')) out.push(p);
    }
    return out;
  }

  /** Every package reachable from the labs' imports. */
  function packages() {
    /** @type {Map<string, TypePackage>} */
    const all = new Map();
    /** @param {string | undefined} name */
    const visit = (name) => {
      if (!name || all.has(name)) return;
      const pkg = collect(name);
      all.set(name, pkg);
      pkg.deps.forEach(visit);
    };
    for (const spec of imports) visit(typesPackage(spec));
    return all;
  }

  /** @type {Map<string, TypePackage> | undefined} */
  let cache;
  return {
    name: 'perf-workbook:package-types',
    resolveId(id) {
      return id === ROOT_ID || id.startsWith(PREFIX) ? '\0' + id : undefined;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return undefined;
      cache ??= packages();
      if (id === RESOLVED) {
        const loaders = [...cache.keys()].map((name) => `  ${JSON.stringify(name)}: () => import(${JSON.stringify(PREFIX + name)}),`);
        const typesFor = Object.fromEntries(imports.map((spec) => [spec, typesPackage(spec)]).filter(([, pkg]) => pkg));
        return `export const typePackages = {\n${loaders.join('\n')}\n};\nexport const typesFor = ${JSON.stringify(typesFor)};\n`;
      }
      const name = id.slice(RESOLVED.length + 1);
      const pkg = cache.get(name);
      if (!pkg) throw new Error(`unknown type package ${name}`);
      const names = name === '@types/node' ? [] : [name.startsWith('@types/') ? name.slice('@types/'.length).replace('__', '/') : name];
      return `export const files = ${JSON.stringify(pkg.files)};\nexport const entry = ${JSON.stringify(pkg.entry)};\nexport const root = ${JSON.stringify(pkg.root)};\nexport const names = ${JSON.stringify(names)};\nexport const deps = ${JSON.stringify(pkg.deps)};\n`;
    },
  };
}
