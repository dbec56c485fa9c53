// The grading sandbox layer by layer. The module loader decides what submission code may
// import; under it, Node's permission model decides what the process may touch at all, so
// the second layer is tested with the first one opened on purpose; and what submission code
// sees of the grading process (globals, stacks, built-ins) is probed from inside.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { ModuleLoader, ImportRefusedError } from '../../src/node/sandbox/module-loader';
import { buildJob, readSubmission, submissionModules } from '../../src/node/sandbox/job';
import { killSession, sessionMembers, startGradingProcess, type ProcessExit } from '../../src/node/sandbox/process';
import type { SandboxEvent } from '../../src/node/sandbox/protocol';
import { describeExit } from '../../src/node/sandbox/grade';
import { Loader } from '../../src/runtimes/worker/loader';
import { catalog } from '../../src/catalog/lab-catalog';
import { REPO_ROOT } from '../../src/catalog/paths';

const cjs = (path: string, ts: string) => ({ code: new Loader({ files: { [path]: ts }, builtins: {} }).compile(path) });

describe('the module loader', () => {
  const modules = {
    '/submission/lab/a.ts': cjs('/submission/lab/a.ts', `export { y } from './sub/b';`),
    '/submission/lab/sub/b.ts': cjs('/submission/lab/sub/b.ts', `export const y = 1;`),
    '/submission/lab/up.ts': cjs('/submission/lab/up.ts', `export { z } from '../other/c';`),
    '/submission/lab/abs.ts': cjs('/submission/lab/abs.ts', `export { z } from '/submission/other/c';`),
    '/submission/lab/pkg.ts': cjs('/submission/lab/pkg.ts', `import { z } from 'some-package'; export { z };`),
    '/submission/lab/glob.ts': cjs('/submission/lab/glob.ts', `export const g = typeof globalThis.Map + ':' + Object.getOwnPropertySymbols(globalThis).length;`),
    '/submission/other/c.ts': cjs('/submission/other/c.ts', `export const z = 2;`),
    '/grading/kit.ts': cjs('/grading/kit.ts', `export { y } from '@impl/lab/a';`),
  };
  const loader = new ModuleLoader({
    modules, aliases: {}, provided: {},
    native: (spec) => ({ z: `native ${spec}` }),
    refuseForSubmission: (spec) => (spec === 'some-package' ? `may not import "${spec}"` : undefined),
    evaluate: (wrapped, filename) => new Script(wrapped, { filename }).runInThisContext(),
    submissionGlobal: new Proxy({}, { get: (_, k) => (typeof k === 'symbol' ? undefined : (globalThis as Record<string, unknown>)[k]), ownKeys: () => [] }),
  });

  it('lets a lab import its own files, and grading code import the lab', () => {
    expect((loader.require('/submission/lab/a.ts') as { y: number }).y).toBe(1);
    expect((loader.require('/grading/kit.ts') as { y: number }).y).toBe(1);
  });
  it('refuses anything outside the lab folder, by relative or absolute path', () => {
    expect(() => loader.require('/submission/lab/up.ts')).toThrow(ImportRefusedError);
    expect(() => loader.require('/submission/lab/up.ts')).toThrow(/"\.\.\/other\/c" is outside the lab's folder/);
    expect(() => loader.require('/submission/lab/abs.ts')).toThrow(/outside the lab/);
  });
  it('asks the policy about packages', () => {
    expect(() => loader.require('/submission/lab/pkg.ts')).toThrow(/may not import "some-package"/);
  });
  it('gives submission code its own view of globalThis', () => {
    expect((loader.require('/submission/lab/glob.ts') as { g: string }).g).toBe('function:0');
  });
});

describe('reading a submission', () => {
  const lab = catalog.labs().find((l) => l.slug === 'lru-cache')!;
  it('reads only regular files inside the lab folder, and refuses links out of it', () => {
    const root = mkdtempSync(join(tmpdir(), 'read-'));
    mkdirSync(join(root, 'lru-cache'));
    writeFileSync(join(root, 'lru-cache', 'lru-cache.ts'), 'export class LRUCache {}\n');
    spawnSync('mkfifo', [join(root, 'lru-cache', 'pipe.ts')]); // reading it would block forever
    expect(Object.keys(readSubmission(lab, root))).toEqual(['lru-cache.ts']);
    symlinkSync(join(catalog.dirs.solutions, 'lru-cache', 'lru-cache.ts'), join(root, 'lru-cache', 'ref.ts'));
    expect(() => readSubmission(lab, root)).toThrow(/ref\.ts is a link to a file outside the lab folder/);
    rmSync(join(root, 'lru-cache'), { recursive: true });
    symlinkSync(join(catalog.dirs.solutions, 'lru-cache'), join(root, 'lru-cache'));
    expect(() => readSubmission(lab, root)).toThrow(/is a link to a folder outside the submission/);
    rmSync(root, { recursive: true, force: true });
  });
  it('grades the course\'s copy of a given file, never the submission\'s', () => {
    const tlc = catalog.find('two-level-cache')!;
    expect(tlc.given).toEqual(['lru.ts']);
    const modules = submissionModules(tlc, { 'two-level-cache.ts': 'export class TwoLevelCache {}\n', 'lru.ts': 'export class LRU { get() { return 42; } }\n' });
    expect(Object.keys(modules).sort()).toEqual(['/submission/two-level-cache/lru.ts', '/submission/two-level-cache/two-level-cache.ts']);
    expect(modules['/submission/two-level-cache/lru.ts'].code).not.toContain('return 42');
  });
});

/** What a probe found out from inside a grading process, keyed by question. */
type Findings = Record<string, string>;

/**
 * Runs `probe` (TypeScript, top level of the lab's file) in a grading process for lru-cache.
 * The probe throws `new Error('FINDINGS' + JSON.stringify(findings))`; the file's load error carries it.
 */
async function probeInside(probe: string, { openImports = false, extraImports = [] as string[] } = {}): Promise<{ findings: Findings; exit: ProcessExit; scratch: string }> {
  const lab = catalog.labs().find((l) => l.slug === 'lru-cache')!;
  const path = '/submission/lru-cache/lru-cache.ts';
  const job = buildJob({ labs: [{ lab, testFiles: catalog.nodeTestFiles('lru-cache', { hidden: false }).slice(0, 1), modules: { [path]: cjs(path, probe) } }], skip: [], testTimeout: 20_000 });
  // Open the first layer: the submission may import what it likes, so only the permission model stands.
  if (openImports) job.labs[0].allowedImports.push('node:fs', 'node:child_process', 'node:worker_threads', 'node:os', ...extraImports);
  const scratch = mkdtempSync(join(tmpdir(), 'probe-'));
  const events: SandboxEvent[] = [];
  const exit = await startGradingProcess(job, { scratch, env: { NO_COLOR: '1' }, memoryMb: 1024, onEvent: (e) => events.push(e) }).exited;
  const loadError = events.find((e): e is Extract<SandboxEvent, { t: 'file-end' }> => e.t === 'file-end')?.loadError?.message ?? '';
  const json = loadError.slice(loadError.indexOf('FINDINGS') + 'FINDINGS'.length);
  return { findings: json ? JSON.parse(json) as Findings : {}, exit, scratch };
}

const attempt = (name: string, body: string) => `try { ${body}; found[${JSON.stringify(name)}] = 'allowed'; } catch (e: any) { found[${JSON.stringify(name)}] = e.code ?? e.message; }`;

describe('Node permission model, with the import policy opened', () => {
  let findings: Findings;
  let scratch: string;
  const outside = join(tmpdir(), `probe-outside-${process.pid}`);

  beforeAll(async () => {
    const probe = `
      import * as fs from 'node:fs';
      import * as cp from 'node:child_process';
      import * as wt from 'node:worker_threads';
      const found: Record<string, string> = {};
      ${attempt('write-scratch', `fs.writeFileSync('scratch-file', 'x')`)}
      ${attempt('write-outside', `fs.writeFileSync(${JSON.stringify(outside)}, 'x')`)}
      ${attempt('write-course', `fs.writeFileSync(${JSON.stringify(join(REPO_ROOT, 'node_modules', '.probe'))}, 'x')`)}
      ${attempt('read-solution', `fs.readFileSync(${JSON.stringify(join(catalog.dirs.solutions, 'lru-cache', 'lru-cache.ts'))})`)}
      ${attempt('read-grader', `fs.readFileSync(${JSON.stringify(join(catalog.dirs.graders, 'lru-cache', 'lru-cache.test.ts'))})`)}
      ${attempt('read-hidden', `fs.readFileSync(${JSON.stringify(join(catalog.dirs.graders, 'memory-budget', 'hidden', 'unseen-workloads.test.ts'))})`)}
      ${attempt('read-tmp', `fs.readdirSync(${JSON.stringify(tmpdir())})`)}
      ${attempt('spawn', `cp.spawnSync('true')`)}
      ${attempt('worker', `new wt.Worker('1', { eval: true })`)}
      ${attempt('binding', `(process as any).binding('fs')`)}
      throw new Error('FINDINGS' + JSON.stringify(found));
    `;
    ({ findings, scratch } = await probeInside(probe, { openImports: true }));
  }, 120_000);

  it('lets the process write its scratch folder and nothing else', () => {
    expect(findings['write-scratch']).toBe('allowed');
    expect(existsSync(join(scratch, 'scratch-file'))).toBe(true);
    expect(findings['write-outside']).toBe('ERR_ACCESS_DENIED');
    expect(findings['write-course']).toBe('ERR_ACCESS_DENIED');
    expect(existsSync(outside)).toBe(false);
    rmSync(scratch, { recursive: true, force: true });
  });
  it('keeps solutions, graders (hidden ones above all) and other folders unreadable', () => {
    for (const key of ['read-solution', 'read-grader', 'read-hidden', 'read-tmp']) expect(findings[key], key).toBe('ERR_ACCESS_DENIED');
  });
  it('starts no process or thread, and has no way to the bindings', () => {
    expect(findings.spawn).toBe('ERR_ACCESS_DENIED');
    expect(findings.worker).toBe('ERR_ACCESS_DENIED');
    expect(findings.binding).toMatch(/not available|ERR_ACCESS_DENIED/);
  });
});

describe('the result pipe', () => {
  it('counts every line the job\'s key did not sign as forged', async () => {
    const probe = `
      import * as net from 'node:net';
      const pipe = new net.Socket({ fd: 3, readable: false, writable: true });
      pipe.write('0000 {"t":"done"}\\n');
      pipe.write('{"t":"test-end","lab":"lru-cache","id":"x","result":{"status":"pass"}}\\n');
      export class LRUCache {}
    `;
    const { exit } = await probeInside(probe, { openImports: true, extraImports: ['node:net'] });
    expect(exit.forged).toBeGreaterThanOrEqual(2);
  }, 120_000);
});

describe('what submission code sees of the grading process', () => {
  let findings: Findings;

  beforeAll(async () => {
    const probe = `
      const found: Record<string, string> = {};
      found.symbols = String(Object.getOwnPropertySymbols(globalThis).length);
      found.expect = typeof (globalThis as any)[Symbol.for('expect-global')];
      found.stack = new Error('x').stack ?? '';
      found.env = Object.keys(process.env).sort().join(',');
      class Timeout extends Error { constructor() { super('t'); this.name = 'TimeoutError'; } }
      found.errorName = new Timeout().name;
      const o: any = {}; o.toString = () => 'mine'; found.override = String(o);
      ${attempt('extend-array', `(Array.prototype as any).last = 1`)}
      ${attempt('patch-now', `performance.now = () => 0`)}
      ${attempt('set-global', `(globalThis as any).Promise = class {}`)}
      ${attempt('exit', `process.exit(0)`)}
      ${attempt('prepare-stack', `(Error as any).prepareStackTrace = () => 'mine'; if (new Error().stack === 'mine') throw new Error('took effect')`)}
      function own() { return 42; }
      found.ownSource = own.toString();
      throw new Error('FINDINGS' + JSON.stringify(found));
    `;
    ({ findings } = await probeInside(probe));
  }, 120_000);

  it('hides where the runner keeps the running test', () => {
    expect(findings.symbols).toBe('0');
    expect(findings.expect).toBe('undefined');
  });
  it('shows only the submission\'s own frames in a stack', () => {
    expect(findings.stack).toMatch(/lru-cache\/lru-cache\.ts:\d+/);
    expect(findings.stack).not.toMatch(/grading|graders|vitest|node_modules/);
  });
  it('passes only what graders need in the environment', () => {
    expect(findings.env.split(',').filter((k) => !['LANG', 'NO_COLOR'].includes(k))).toEqual([]);
  });
  it('freezes built-ins, yet lets honest code set its own names and methods', () => {
    expect(findings.errorName).toBe('TimeoutError');
    expect(findings.override).toBe('mine');
    expect(findings['extend-array']).toMatch(/not extensible|read only/);
    expect(findings['patch-now']).toMatch(/read only/);
    expect(findings['set-global']).toMatch(/read only/);
    expect(findings['prepare-stack']).toBe('allowed'); // the assignment is ignored, not an error
    expect(findings.exit).toMatch(/process\.exit\(\) is not available/);
    expect(findings.ownSource).toMatch(/return 42/);
  });
});

describe('a grading process that ends early', () => {
  const base = { code: null, signal: null, stderr: '', forged: 0 } as ProcessExit;
  it('says why, in words', () => {
    expect(describeExit({ ...base, stopped: { kind: 'test-timeout', seconds: 30 } }, 1024)).toMatch(/^timed out after 30 s/);
    expect(describeExit({ ...base, stopped: { kind: 'memory', mb: 512 } }, 512)).toMatch(/more than 512 MB of memory \(buffers included\)/);
    expect(describeExit({ ...base, signal: 'SIGABRT', stderr: 'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory\n 1: 0xb8 node::Abort()' }, 512)).toMatch(/ran out of memory: the JavaScript heap/);
    expect(describeExit({ ...base, signal: 'SIGSEGV' }, 512)).toBe('the grading process crashed (SIGSEGV)');
    expect(describeExit({ ...base, code: 3, stderr: 'boom' }, 512)).toBe('the grading process exited with code 3 before finishing: boom');
  });
});

describe('stopping a session', () => {
  it('kills its process group and whatever left the group but not the session', async () => {
    // A shell in a session of its own, with one child in the group and one that moved to a group of its own.
    const leader = spawn('sh', ['-c', 'sleep 30 & python3 -c "import os, time; os.setpgid(0, 0); time.sleep(30)" & wait'], { detached: true, stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 500));
    expect(sessionMembers(leader.pid!).length).toBeGreaterThanOrEqual(3);
    killSession(leader.pid!);
    await new Promise((r) => setTimeout(r, 300));
    expect(sessionMembers(leader.pid!)).toEqual([]);
  });
});
