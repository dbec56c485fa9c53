// Builds what a grading process receives (protocol.ts): the grading code transpiled once per
// process and kept, the submission's files read and transpiled for this run, and what each
// lab's code may import. Reading happens here, in the parent, so the grading process itself
// needs no access to graders/, solutions/ or the submission's folder on disk.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { composeImplementation, type Lab } from '../../core/lab';
import { describeReason, type GradeReason } from '../../core/reason';
import { CompileError, Loader } from '../../runtimes/worker/loader';
import { REPO_ROOT } from '../../catalog/paths';
import { catalog } from '../../catalog/lab-catalog';
import { GRADING_ROOT, SUBMISSION_ROOT, type SandboxModule } from './module-loader';
import { importAllowed, type Job, type JobLab } from './protocol';

export const SANDBOX_DIR = join(REPO_ROOT, 'src/node/sandbox');
export const BOOTSTRAP = join(SANDBOX_DIR, 'bootstrap.mjs');
const RUNNER = join(SANDBOX_DIR, 'runner.ts');
const ALIASES: Record<string, string> = {
  '@grader-kit': join(REPO_ROOT, 'src/grader-kit/index.ts'),
  '@grader-kit/node': join(REPO_ROOT, 'src/grader-kit/node.ts'),
};

/**
 * What a lab's submission may import: the packages and built-ins lab.json "imports" lists, each
 * as `x` and `node:x` (the pre-checks, src/core/prechecks.ts, refuse everything else before a
 * process starts; the grading process refuses it again at run time, whatever the code computed).
 */
export function allowedImports(lab: Lab): string[] {
  const bare = lab.imports.map((spec) => spec.replace(/^node:/, ''));
  return [...bare, ...bare.filter((spec) => builtinModules.includes(spec)).map((spec) => `node:${spec}`)];
}

/** What else a refusal tells the learner the lab allows. */
function allowedText(lab: Lab): string {
  return lab.imports.length ? ` and ${lab.imports.map((p) => `"${p}"`).join(', ')}` : '';
}

/** A course file's path inside a grading process: /grading/<path in the repository>. */
export const toVirtual = (file: string) => GRADING_ROOT + relative(REPO_ROOT, file).split(sep).join('/');
const requires = (code: string) => [...code.matchAll(/\brequire\((['"])([^'"]+)\1\)/g)].map((m) => m[2]);

/** Grading code is transpiled once per process: every student is graded by the same files. */
const gradingModules = new Map<string, { code: string; deps: string[] }>();

function transpile(virtualPath: string, source: string): string {
  return new Loader({ files: { [virtualPath]: source }, builtins: {} }).compile(virtualPath);
}

function gradingModule(file: string) {
  let hit = gradingModules.get(file);
  if (!hit) {
    const code = transpile(toVirtual(file), readFileSync(file, 'utf8'));
    hit = { code, deps: requires(code) };
    gradingModules.set(file, hit);
  }
  return hit;
}

const pickFile = (base: string) => [base, `${base}.ts`, join(base, 'index.ts')].find((p) => existsSync(p) && statSync(p).isFile());

/** The grading code reachable from `entries`, and the packages it loads. */
function gradingGraph(entries: string[], modules: Record<string, SandboxModule>, natives: Set<string>): void {
  const queue = [...entries];
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { code, deps } = gradingModule(file);
    modules[toVirtual(file)] = { code };
    for (const spec of deps) {
      if (spec === 'vitest' || spec.startsWith('@impl/')) continue;
      const target = ALIASES[spec] ?? (spec.startsWith('.') ? pickFile(resolve(dirname(file), spec.replace(/\.m?js$/, ''))) : undefined);
      if (target) queue.push(target);
      else if (spec.startsWith('.')) throw new Error(`${relative(REPO_ROOT, file)}: cannot find "${spec}"`);
      else natives.add(spec);
    }
  }
}

/** A lab the submission cannot be graded on, and why (before any process starts). */
export class SubmissionProblem extends Error {
  constructor(readonly reason: GradeReason) {
    super(describeReason(reason, 'en'));
  }
}

const MAX_FILES = 200;
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * The submission's source files for one lab, by path relative to the lab folder. Refused before
 * anything is read: a lab folder or file that is a link to somewhere outside it (the solutions,
 * a classmate), a folder too big to be a lab; named pipes and devices are never opened. After this, the shared pre-checks may read the folder (catalog.implementationFiles).
 */
export function readSubmission(lab: Lab, implRoot: string): Record<string, string> {
  const labDir = resolve(implRoot, lab.slug);
  if (!existsSync(labDir)) return {};
  const realLabDir = realpathSync(labDir);
  // The lab folder itself may not be a link to somewhere else (the solutions, a classmate's folder).
  if (!(realLabDir + sep).startsWith(realpathSync(implRoot) + sep)) {
    throw new SubmissionProblem({ kind: 'submission-refused', why: 'folder-link', path: `${lab.slug}/` });
  }
  const sources: Record<string, string> = {};
  let files = 0;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      const rel = relative(labDir, path).split(sep).join('/');
      const real = realpathSync(path);
      if (lstatSync(path).isSymbolicLink() && !(real + sep).startsWith(realLabDir + sep)) {
        throw new SubmissionProblem({ kind: 'submission-refused', why: 'file-link', path: `${lab.slug}/${rel}` });
      }
      const stat = statSync(real);
      if (stat.isDirectory()) { walk(path); continue; }
      // Only regular files: a named pipe or a device would block or flood the reader.
      if (!stat.isFile()) continue;
      if (++files > MAX_FILES) throw new SubmissionProblem({ kind: 'submission-refused', why: 'too-many-files', path: `${lab.slug}/`, limit: MAX_FILES });
      bytes += stat.size;
      if (bytes > MAX_BYTES) throw new SubmissionProblem({ kind: 'submission-refused', why: 'too-big', path: `${lab.slug}/`, limit: MAX_BYTES >> 20 });
      if (/\.(ts|js|mjs)$/.test(name) && !/\.d\.ts$/.test(name)) sources[rel] = readFileSync(real, 'utf8');
    }
  };
  walk(labDir);
  return sources;
}

/**
 * The lab's modules as the grading process loads them: the submission's sources transpiled,
 * with the course's given files (lab.json "given", from labs/<slug>/) on top, so a learner's
 * copy of one is never graded (composeImplementation does the same in the browser). A syntax
 * error becomes a SubmissionProblem naming the file, line and column.
 */
export function submissionModules(lab: Lab, sources: Record<string, string>): Record<string, SandboxModule> {
  const given = Object.fromEntries(lab.given.map((f) => [f, readFileSync(join(catalog.dirs.labs, lab.slug, f), 'utf8')]));
  const modules: Record<string, SandboxModule> = {};
  for (const [rel, source] of Object.entries(composeImplementation(sources, given))) {
    const virtual = `${SUBMISSION_ROOT}${lab.slug}/${rel}`;
    try {
      modules[virtual] = { code: transpile(virtual, source) };
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      const file = `${lab.slug}/${rel}`;
      throw new SubmissionProblem({ kind: 'syntax', file, line: err.line, column: err.column, detail: err.reason });
    }
  }
  return modules;
}

export interface JobInput {
  labs: Array<{ lab: Lab; testFiles: string[]; modules: Record<string, SandboxModule> }>;
  skip: string[];
  testTimeout: number;
}

export function buildJob(input: JobInput): Job {
  const modules: Record<string, SandboxModule> = {};
  const natives = new Set<string>();
  gradingGraph([RUNNER, ...Object.values(ALIASES), ...input.labs.flatMap((l) => l.testFiles)], modules, natives);
  const labs: JobLab[] = [];
  for (const { lab, testFiles, modules: submission } of input.labs) {
    Object.assign(modules, submission);
    const allowed = allowedImports(lab);
    // What the submission imports and may: loaded up front, with the grading code's packages.
    for (const { code } of Object.values(submission)) for (const spec of requires(code)) if (!spec.startsWith('.') && importAllowed(allowed, spec)) natives.add(spec);
    labs.push({ slug: lab.slug, files: testFiles.map(toVirtual), allowedImports: allowed, allowedText: allowedText(lab) });
  }
  return {
    key: randomBytes(32).toString('base64url'),
    entry: toVirtual(RUNNER),
    loader: gradingModule(join(SANDBOX_DIR, 'module-loader.ts')).code,
    modules,
    aliases: Object.fromEntries(Object.entries(ALIASES).map(([spec, file]) => [spec, toVirtual(file)])),
    natives: [...natives].sort(),
    resolveFrom: join(REPO_ROOT, 'package.json'),
    labs,
    skip: input.skip,
    testTimeout: input.testTimeout,
    // For debugging the runner itself: stacks keep the grading code's frames.
    fullStacks: process.env.WORKBOOK_SANDBOX_DEBUG === '1',
  };
}

/** Folders a grading process must read to load `natives`: each package and what it depends on. */
export function packageDirs(natives: string[]): string[] {
  const dirs = new Set<string>();
  const queue = natives.filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)).map((s) => ({ name: packageName(s), from: REPO_ROOT }));
  while (queue.length) {
    const { name, from } = queue.pop()!;
    const dir = findPackage(name, from);
    if (!dir || dirs.has(dir)) continue;
    dirs.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) queue.push({ name: dep, from: dir });
  }
  return [...dirs].sort();
}

const packageName = (spec: string) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/');

/** Node's lookup: node_modules/<name> in this folder or any above it. */
function findPackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}
