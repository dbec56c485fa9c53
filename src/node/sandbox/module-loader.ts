// The module system inside a grading process (see bootstrap.mjs). Every module arrives
// already transpiled to CommonJS by the parent; this file only resolves and evaluates.
// Two kinds of module, two sets of rules:
//   - grading code (/grading/…: the graders, the grader kit, the runner) may import
//     anything the job provides;
//   - submission code (/submission/<slug>/…) may import only files of its own lab folder
//     and the packages its lab allows. There is no file system behind either: a module
//     that is not in the job does not exist, whatever path or symlink names it.
// It is evaluated before anything else, so it imports nothing at run time.

export interface SandboxModule {
  /** CommonJS, as sucrase writes it: same line numbers as the source. */
  code: string;
}

export interface ModuleLoaderOptions {
  /** Every module of the job by virtual path: /grading/… and /submission/<slug>/…. */
  modules: Record<string, SandboxModule>;
  /** Bare specifiers the grading code uses for its own modules ("@grader-kit" → /grading/src/grader-kit/index.ts). */
  aliases: Record<string, string>;
  /** Modules made by the runner for grading code ("vitest" → the guarded shim). */
  provided: Record<string, unknown>;
  /** Packages and Node built-ins, loaded natively; throws when the job did not include one. */
  native: (spec: string) => unknown;
  /** Why submission code may not import `spec` (a package or built-in), or undefined when it may. */
  refuseForSubmission: (spec: string, importer: string) => string | undefined;
  /** Compiles a wrapped module into a function (vm.Script: stack frames name `filename`). */
  evaluate: (wrapped: string, filename: string) => (...args: unknown[]) => void;
  /** What submission code sees as `globalThis` / `global`. */
  submissionGlobal: object;
}

interface Module { exports: unknown; loaded: boolean }

export const GRADING_ROOT = '/grading/';
export const SUBMISSION_ROOT = '/submission/';

/** Thrown when submission code imports something it may not: a sentence the learner can act on. */
export class ImportRefusedError extends Error {
  name = 'ImportRefusedError';
}

// Wrappers start on line 1, so line numbers in stacks are the source's. Submission code is
// always strict, and sees a `globalThis` that is not the real one (runner internals hang off it).
const GRADING_WRAPPER = '(function (exports, require, module, __filename, __dirname) {';
const SUBMISSION_WRAPPER = '(function (exports, require, module, __filename, __dirname, globalThis, global) {"use strict";';

export class ModuleLoader {
  private cache = new Map<string, Module>();

  constructor(private opts: ModuleLoaderOptions) {}

  /** The runner completes the rules once it has built what they refer to (the guarded shim, the policy). */
  configure(more: Partial<ModuleLoaderOptions>): void {
    this.opts = { ...this.opts, ...more };
  }

  /** Forgets the graders' and the submission's module instances: each grader file gets fresh ones, as in Vitest. */
  resetScope(): void {
    for (const path of [...this.cache.keys()]) {
      if (path.startsWith(SUBMISSION_ROOT) || path.startsWith(`${GRADING_ROOT}graders/`)) this.cache.delete(path);
    }
  }

  /** Loads a module by path or specifier, as seen from `from` (a virtual path). */
  require(spec: string, from = GRADING_ROOT): unknown {
    const fromSubmission = from.startsWith(SUBMISSION_ROOT);
    const path = fromSubmission ? this.resolveForSubmission(spec, from) : this.resolveForGrading(spec, from);
    if (typeof path !== 'string') return path.value;
    const cached = this.cache.get(path);
    if (cached) return cached.exports;
    const submission = path.startsWith(SUBMISSION_ROOT);
    const module: Module = { exports: {}, loaded: false };
    this.cache.set(path, module);
    const fn = this.opts.evaluate(`${submission ? SUBMISSION_WRAPPER : GRADING_WRAPPER}${this.opts.modules[path].code}\n})`, path);
    const args: unknown[] = [module.exports, (s: string) => this.require(s, path), module, path, dirname(path)];
    if (submission) args.push(this.opts.submissionGlobal, this.opts.submissionGlobal);
    try {
      fn.apply(undefined, args);
    } catch (err) {
      this.cache.delete(path);
      throw err;
    }
    module.loaded = true;
    return module.exports;
  }

  private resolveForGrading(spec: string, from: string): string | { value: unknown } {
    if (Object.prototype.hasOwnProperty.call(this.opts.provided, spec)) return { value: this.opts.provided[spec] };
    const aliased = this.opts.aliases[spec];
    if (aliased) return this.pick(aliased, spec, from);
    if (spec.startsWith('@impl/')) return this.pick(`${SUBMISSION_ROOT}${spec.slice('@impl/'.length)}`, spec, from);
    if (isRelative(spec)) return this.pick(join(dirname(from), spec), spec, from);
    return { value: this.opts.native(spec) };
  }

  private resolveForSubmission(spec: string, from: string): string | { value: unknown } {
    if (isRelative(spec)) {
      // The lab folder is /submission/<slug>/: nothing above it exists for the learner's code.
      const labDir = SUBMISSION_ROOT + from.slice(SUBMISSION_ROOT.length).split('/')[0] + '/';
      const target = join(dirname(from), spec);
      if (!target.startsWith(labDir)) {
        throw new ImportRefusedError(`${display(from)}: "${spec}" is outside the lab's folder: import only files in the lab's own folder`);
      }
      return this.pick(target, spec, from);
    }
    const refusal = this.opts.refuseForSubmission(spec, display(from));
    if (refusal) throw new ImportRefusedError(refusal);
    return { value: this.opts.native(spec) };
  }

  private pick(base: string, spec: string, from: string): string {
    const noJs = base.replace(/\.(m?js)$/, '');
    for (const p of [base, `${noJs}.ts`, `${noJs}/index.ts`]) {
      if (Object.prototype.hasOwnProperty.call(this.opts.modules, p)) return p;
    }
    throw new Error(`Cannot find module "${spec}" imported from ${display(from)}`);
  }
}

/** A virtual path as the learner knows it: "lru-cache/lru-cache.ts" for submission files. */
export function display(path: string): string {
  return path.startsWith(SUBMISSION_ROOT) ? path.slice(SUBMISSION_ROOT.length) : path;
}

const isRelative = (spec: string) => spec.startsWith('./') || spec.startsWith('../') || spec.startsWith('/');

const dirname = (p: string) => p.slice(0, p.lastIndexOf('/')) || '/';

function join(dir: string, rel: string): string {
  if (rel.startsWith('/')) dir = '/';
  const parts = dir.split('/').filter(Boolean);
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return '/' + parts.join('/');
}
