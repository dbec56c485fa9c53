// A tiny CommonJS-style module loader over an in-memory file map. Sucrase turns
// each TypeScript file into CommonJS with the same line numbers; the loader wraps
// it in a function on the same first line, so stack frames point at the lines
// the learner sees in the editor.
import { transform } from 'sucrase';

export interface LoaderOptions {
  /** TypeScript sources by absolute path ("/impl/lru-cache/lru-cache.ts"). */
  files: Record<string, string>;
  /** Modules provided by the runtime ("vitest", "@grader-kit"). */
  builtins: Record<string, unknown>;
  /** Maps a bare specifier to a path in `files`, or undefined. */
  alias?: (spec: string) => string | undefined;
}

/** A file that would not compile: where and why. Columns are 1-based. */
export class CompileError extends Error {
  name = 'CompileError';
  constructor(readonly file: string, readonly line: number, readonly column: number, readonly reason: string) {
    super(`${file}:${line}:${column}: ${reason}`);
  }
}

const WRAPPER = '(function (exports, require, module) {';

/** Transpiled code by path and source, kept across runs: graders rarely change, so warm runs skip sucrase. */
const transpiled = new Map<string, string>();

interface Module { exports: Record<string, unknown>; loaded: boolean }

export class Loader {
  private readonly cache = new Map<string, Module>();
  private readonly compiled = new Map<string, string>();

  constructor(private readonly opts: LoaderOptions) {}

  /** Transpiles one file (cached); throws CompileError with a 1-based line and column. */
  compile(path: string): string {
    const hit = this.compiled.get(path);
    if (hit !== undefined) return hit;
    const source = this.opts.files[path];
    if (source === undefined) throw new Error(`no such file: ${path}`);
    const memoKey = `${path}\0${source}`;
    let code = transpiled.get(memoKey);
    if (code !== undefined) {
      this.compiled.set(path, code);
      return code;
    }
    try {
      code = transform(source, { transforms: ['typescript', 'imports'], filePath: path, production: true }).code;
      if (transpiled.size > 200) transpiled.clear();
      transpiled.set(memoKey, code);
    } catch (err) {
      const e = err as Error & { loc?: { line: number; column: number } };
      const reason = e.message.replace(/\s*\(\d+:\d+\)\s*$/, '').replace(/^Error transforming \S+: /, '');
      throw new CompileError(path, e.loc?.line ?? 1, e.loc?.column ?? 1, reason);
    }
    this.compiled.set(path, code);
    return code;
  }

  /** Loads a module by path or specifier, as seen from `from`. */
  require(spec: string, from = '/'): unknown {
    if (Object.prototype.hasOwnProperty.call(this.opts.builtins, spec)) return this.opts.builtins[spec];
    const path = this.resolve(spec, from);
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const code = this.compile(path);
    const module: Module = { exports: {}, loaded: false };
    this.cache.set(path, module);
    // Indirect eval, wrapper on line 1: line numbers in stacks match the source.
    const fn = (0, eval)(`${WRAPPER}${code}\n})\n//# sourceURL=${path}`) as (
      e: unknown, r: (s: string) => unknown, m: Module) => void;
    try {
      fn.call(undefined, module.exports, (s: string) => this.require(s, path), module);
    } catch (err) {
      this.cache.delete(path);
      throw err;
    }
    module.loaded = true;
    return module.exports;
  }

  /**
   * A 1-based column on line 1 as the learner wrote it: line 1 also holds the wrapper
   * and sucrase's prelude, so its columns shift (other lines are untouched).
   */
  sourceColumn(path: string, line: number, column: number): number {
    if (line !== 1) return column;
    const compiled = this.compiled.get(path);
    const source = this.opts.files[path];
    if (compiled === undefined || source === undefined) return column;
    const shift = WRAPPER.length + compiled.split('\n')[0].length - source.split('\n')[0].length;
    return Math.max(1, column - shift);
  }

  resolve(spec: string, from: string): string {
    const aliased = this.opts.alias?.(spec);
    if (aliased) return this.pick(aliased, spec, from);
    if (spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/')) {
      const base = spec.startsWith('/') ? spec : join(dirname(from), spec);
      return this.pick(base, spec, from);
    }
    throw new Error(`Cannot import "${spec}" from ${from}: in the browser only "vitest", "@grader-kit", "@impl/…" and relative files are available`);
  }

  private pick(base: string, spec: string, from: string): string {
    const noJs = base.replace(/\.(m?js)$/, '');
    for (const p of [base, `${noJs}.ts`, `${noJs}/index.ts`]) if (this.opts.files[p] !== undefined) return p;
    throw new Error(`Cannot find module "${spec}" imported from ${from}`);
  }
}

const dirname = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

function join(dir: string, rel: string): string {
  const parts = dir.split('/').filter(Boolean);
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return '/' + parts.join('/');
}
