// package.json tells the truth about the code: every package the code imports is listed,
// every listed package is used, what the site, the CLI and grading import at run time is a
// dependency (tests, benchmarks and tools are devDependencies), type packages match their
// library's major, and `engines` is the highest Node 20 floor of the installed packages.
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/catalog/paths';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string>;
};
const listed = { ...pkg.dependencies, ...pkg.devDependencies };

/** Folders whose code runs when the site, the CLI or a grader runs; the rest (tests, bench, scripts) is development. */
const RUN_TIME = ['src', 'bin', 'graders', 'labs', 'solutions'];
const DEVELOPMENT = ['tests', 'bench', 'scripts'];
/** Listed but never imported, each for a reason. */
const TOOLS: Record<string, string> = {
  typescript: 'tsc, the typecheck step',
  '@astrojs/mdx': 'Starlight loads it for the .mdx chapters; pinned here with the rest of the site',
  '@stryker-mutator/vitest-runner': 'a plugin Stryker loads by name (scripts/mutation.mjs)',
  '@types/node': 'types', '@types/nodemailer': 'types', '@types/smtp-server': 'types',
};

/** Bare package names a folder's code imports at run time (type-only imports left out), with the files. */
function importsIn(dir: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  const root = join(REPO_ROOT, dir);
  if (!existsSync(root)) return found;
  // The repository's root: its own config files only.
  for (const rel of readdirSync(root, { recursive: dir !== '.', encoding: 'utf8' })) {
    if (!/\.(m?[jt]s|astro)$/.test(rel) || rel.split(/[\\/]/).some((p) => p === 'node_modules' || p === 'fixtures')) continue;
    if (!lstatSync(join(root, rel)).isFile()) continue;
    const text = readFileSync(join(root, rel), 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm)) {
      const spec = m[1] ?? m[2];
      if (/^(\.|\/|node:|@impl\/|@grader-kit|@workload-kit|astro:|virtual:|~)/.test(spec) || builtinModules.includes(spec.split('/')[0])) continue;
      const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
      found.set(name, [...(found.get(name) ?? []), `${dir}/${rel}`]);
    }
  }
  return found;
}
const merge = (dirs: string[]) => {
  const all = new Map<string, string[]>();
  for (const d of dirs) for (const [name, files] of importsIn(d)) all.set(name, [...(all.get(name) ?? []), ...files]);
  return all;
};
const runTime = merge(RUN_TIME);
const development = merge([...DEVELOPMENT, '.']);

describe('package.json', () => {
  it('lists every package the code imports', () => {
    const unlisted = [...runTime.keys(), ...development.keys()].filter((name) => !(name in listed) && name !== 'vite');
    expect([...new Set(unlisted)], 'npm install --save-exact (run time) or --save-dev (tests, bench, scripts)').toEqual([]);
  });

  it('lists nothing unused', () => {
    const used = new Set([...runTime.keys(), ...development.keys()]);
    expect(Object.keys(listed).filter((name) => !used.has(name) && !(name in TOOLS))).toEqual([]);
  });

  it('what the site, the CLI and grading import at run time is a dependency; the rest is a devDependency', () => {
    const devAtRunTime = [...runTime].filter(([name]) => name in pkg.devDependencies).map(([name, files]) => `${name} (${files[0]})`);
    expect(devAtRunTime).toEqual([]);
    const depOnlyInDev = Object.keys(pkg.dependencies).filter((name) => !runTime.has(name) && !(name in TOOLS));
    expect(depOnlyInDev).toEqual([]);
  });

  it('each @types package has its library\'s major version', () => {
    const major = (v: string) => v.replace(/^[^\d]*/, '').split('.')[0];
    for (const [name, version] of Object.entries(listed)) {
      const lib = name.replace(/^@types\//, '');
      if (!name.startsWith('@types/') || !(lib in listed)) continue;
      expect(`${name}@${major(version)}`).toBe(`${name}@${major(listed[lib])}`);
    }
  });

  it('engines.node is the highest Node 20 floor among the installed packages', () => {
    const version = (v: string) => v.split('.').map(Number).concat(0, 0).slice(0, 3);
    const compare = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
    /** The lowest 20.x a range admits, or undefined when it admits none ("18 || >=22"). */
    const floor20 = (range: string): number[] | undefined => {
      const floors = range.split('||').map((alt) => alt.trim()).flatMap((alt) => {
        const m = /^(>=|\^)?\s*v?(\d+(?:\.\d+){0,2})(?:\.x)?$/.exec(alt);
        if (!m) return [];
        const v = version(m[2]);
        if (m[1] === '>=') return v[0] <= 20 ? [[20, 0, 0].map((x, i) => (v[0] === 20 ? v[i] : x))] : [];
        return v[0] === 20 ? [v] : []; // "^20.17.0", "20"
      });
      return floors.sort(compare)[0];
    };
    let highest = [20, 0, 0];
    let who = '';
    const walk = (dir: string) => {
      for (const name of existsSync(dir) ? readdirSync(dir) : []) {
        if (name.startsWith('.')) continue;
        if (name.startsWith('@')) { walk(join(dir, name)); continue; }
        const file = join(dir, name, 'package.json');
        if (existsSync(file)) {
          const p = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string; engines?: { node?: string } };
          const f = p.engines?.node ? floor20(p.engines.node) : undefined;
          if (f && compare(f, highest) > 0) { highest = f; who = `${p.name}@${p.version} (${p.engines!.node})`; }
        }
        walk(join(dir, name, 'node_modules'));
      }
    };
    walk(join(REPO_ROOT, 'node_modules'));
    expect(pkg.engines.node, `the highest floor comes from ${who}`).toBe(`>=${highest.join('.')}`);
  });
});
