// Profiles a lab's workload against one implementation, in this thread: the same
// pre-checks as grading, the lab's files and the workload instrumented on load
// (./compile.ts), the workload's run between recorder.start() and stop(). The profile
// worker (./worker.ts) calls it for the learner's code and then the reference; it touches
// no DOM and no Node API, so the unit tests run it in Node too.
import type { Lab } from '../core/lab';
import { IMPL_PREFIX, GRADER_KIT } from '../core/grader-files';
import { precheck } from '../core/prechecks';
import type { GradeReason, SourceLocation } from '../core/reason';
import { locate } from '../core/task-tree';
import * as kit from '../grader-kit/index';
import { CompileError, Loader, type LoaderOptions } from '../runtimes/worker/loader';
import { graderPath, implPath } from '../runtimes/types';
import { compileForProfile } from './compile';
import type { CallProfile } from './profile';
import { Recorder, type SiteInfo } from './recorder';
import { runWorkload, workloadEntry, WORKLOAD_KIT, type WorkloadModule } from './workload';
import * as workloadKit from './workload-kit';

export type Side = 'learner' | 'reference';

/** One side's profile, or why there is none: a reason shared with grading (missing export, syntax…), or the workload threw. */
export type SideOutcome =
  /** `plainMs`: the same workload's wall time without instrumentation (absent if that run failed). */
  | { ok: true; profile: CallProfile; plainMs?: number }
  | { ok: false; reason: GradeReason }
  | { ok: false; threw: { message: string; location?: SourceLocation } };

export interface SideInput {
  lab: Lab;
  /** The implementation by name, the lab's given files on top (composeImplementation). */
  files: Record<string, string>;
  /** graders/<slug>/ files the workload may import, by relative path; includes the workload. */
  graders: Record<string, string>;
  /** The workload's path relative to graders/<slug>/ (lab.json workload.file). */
  workload: string;
  /** The global the instrumented code calls: one per side, so a timer the learner's code left running cannot write into the reference's profile. */
  hook: string;
  onBeat?: () => void;
}

/** A loader that instruments the lab's files and the workload as it compiles them; other files load as in grading. */
class ProfilingLoader extends Loader {
  private readonly instrumented = new Map<string, string>();
  private readonly files: Record<string, string>;

  constructor(
    options: LoaderOptions,
    private readonly sites: SiteInfo[],
    private readonly hook: string,
    /** Which paths to instrument, and how the profile names them. */
    private readonly shownAs: (path: string) => Omit<SiteInfo, 'site'> | undefined,
  ) {
    super(options);
    this.files = options.files;
  }

  override compile(path: string): string {
    const where = this.shownAs(path);
    if (!where) return super.compile(path);
    let code = this.instrumented.get(path);
    if (code === undefined) {
      // Grading's own compile first: a syntax error comes out as the same CompileError, with the learner's line and column.
      super.compile(path);
      let out;
      try {
        out = compileForProfile(this.files[path], path, { modules: 'commonjs', hook: this.hook, firstId: this.sites.length });
      } catch (err) {
        // Syntax sucrase accepts and acorn does not (decorators, say): say so, at its place.
        const e = err as Error & { loc?: { line: number; column: number } };
        throw new CompileError(path, e.loc?.line ?? 1, (e.loc?.column ?? 0) + 1, `the profiler cannot instrument this: ${e.message.replace(/\s*\(\d+:\d+\)$/, '')}`);
      }
      for (const site of out.sites) this.sites.push({ site, ...where });
      code = out.code;
      this.instrumented.set(path, code);
    }
    return code;
  }
}

type Loaded =
  | { ok: true; prepare: WorkloadModule['prepare']; recorder?: Recorder; where: (err: unknown) => { message: string; location?: SourceLocation } }
  | { ok: false; outcome: SideOutcome };

/** Checks and loads one side's code and the workload, instrumented (with a recorder) or as it is. */
function loadWorkload(input: SideInput, instrumented: boolean): Loaded {
  const { lab, hook } = input;
  const slug = lab.slug;
  const workloadText = input.graders[input.workload];
  if (workloadText === undefined) return { ok: false, outcome: { ok: false, threw: { message: `graders/${slug}/${input.workload} is missing` } } };
  const blocked = precheck({ lab, files: input.files, graders: [workloadText] });
  if (blocked) return { ok: false, outcome: { ok: false, reason: blocked } };

  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(input.files)) files[implPath(slug, name)] = text;
  for (const [rel, text] of Object.entries(input.graders)) files[graderPath(slug, rel)] = text;
  const implDir = implPath(slug, '');
  const workloadPath = graderPath(slug, input.workload);
  const isImplPath = (p: string) => p.replace(/^[a-z]+:\/\//, '').startsWith(implDir);
  const displayPath = (p: string) => p.replace(/^[a-z]+:\/\//, '').slice(implDir.length);

  const sites: SiteInfo[] = [];
  const options: LoaderOptions = {
    files,
    builtins: { [GRADER_KIT]: kit, [WORKLOAD_KIT]: workloadKit },
    alias: (spec) => (spec.startsWith(IMPL_PREFIX) ? `/impl/${spec.slice(IMPL_PREFIX.length)}` : undefined),
  };
  const loader = instrumented
    ? new ProfilingLoader(options, sites, hook,
      (path) => (path.startsWith(implDir) ? { file: path.slice(implDir.length), kind: 'lab' } : path === workloadPath ? { file: input.workload, kind: 'workload' } : undefined))
    : new Loader(options);
  const syntax = (err: CompileError): Loaded =>
    ({ ok: false, outcome: { ok: false, reason: { kind: 'syntax', file: displayPath(err.file), line: err.line, column: err.column, detail: err.reason } } });
  const where = (err: unknown) => {
    const e = err as Error;
    const location = typeof e?.stack === 'string' ? locate(e.stack, { isImplPath, displayPath }) : undefined;
    return { message: e?.message ?? String(err), ...(location ? { location } : {}) };
  };
  try {
    for (const name of Object.keys(input.files)) loader.compile(implPath(slug, name));
  } catch (err) {
    if (err instanceof CompileError) return syntax(err);
    throw err;
  }

  const recorder = instrumented ? new Recorder(sites, { onBeat: input.onBeat }) : undefined;
  if (recorder) (globalThis as Record<string, unknown>)[hook] = recorder;
  try {
    return { ok: true, prepare: workloadEntry(loader.require(workloadPath), `graders/${slug}/${input.workload}`), recorder, where };
  } catch (err) {
    if (err instanceof CompileError) return syntax(err);
    const { message, location } = where(err);
    return { ok: false, outcome: { ok: false, reason: { kind: 'load-failed', detail: message, ...(location ? { location } : {}) } } };
  }
}

/** Runs the workload on one side's code, instrumented, and returns its call tree. */
export async function profileSide(input: SideInput): Promise<SideOutcome> {
  const loaded = loadWorkload(input, true);
  if (!loaded.ok) return loaded.outcome;
  try {
    return { ok: true, profile: await runWorkload(loaded.prepare, loaded.recorder!) };
  } catch (err) {
    return { ok: false, threw: loaded.where(err) };
  }
}

/**
 * Runs the workload on one side's code as it is, without instrumentation, and returns its
 * wall time in milliseconds: the honest answer to "how much slower is my code", which
 * instrumentation (a fixed cost on every call) blurs. Undefined if it does not run.
 */
export async function timeSide(input: SideInput): Promise<number | undefined> {
  const loaded = loadWorkload(input, false);
  if (!loaded.ok) return undefined;
  let started = 0;
  try {
    return await runWorkload(loaded.prepare, { start: () => { started = performance.now(); }, stop: () => performance.now() - started });
  } catch {
    return undefined;
  }
}
