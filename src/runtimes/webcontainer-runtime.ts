// The WebContainer runtime: boots once, mounts the workspace, then for each run
// writes the learner's files and the lab's browser graders, runs Vitest with the
// CLI's GradeReporter, streams the terminal output and reads the GradeReport back.
// It takes the WebContainer API as a parameter, so tests drive it with a faithful
// fake (tests/workbench/fake-webcontainer.ts) that does the same work in Node.
import type { FileSystemTree } from '@webcontainer/api';
import { buildReport, type GradeReason, type GradeReport } from '../core/report';
import { composeImplementation } from '../core/lab';
import { sortGraderFiles } from '../core/grader-files';
import { precheck } from '../core/prechecks';
import { type RunEvent, type RunRequest, type Runtime } from './types';
import { baseWorkspace, CONFIG_PATH, toTree } from './webcontainer-workspace';
import { RUN_FILES } from './webcontainer/run-files';

/** The part of `@webcontainer/api` this runtime uses. */
export interface ContainerProcess { output: ReadableStream<string>; exit: Promise<number>; kill(): void }
export interface Container {
  mount(tree: FileSystemTree | Uint8Array | ArrayBuffer, options?: { mountPoint?: string }): Promise<void>;
  spawn(command: string, args: string[], options?: { cwd?: string; env?: Record<string, string | number | boolean>; output?: boolean }): Promise<ContainerProcess>;
  fs: {
    readFile(path: string, encoding: 'utf-8' | 'utf8'): Promise<string>;
    writeFile(path: string, data: string): Promise<void>;
    rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
    mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  };
  teardown(): void;
}
export interface ContainerApi { boot(options?: { coep?: 'require-corp' | 'credentialless' | 'none'; workdirName?: string }): Promise<Container> }

export interface StartOptions {
  /** Repository sources the workspace needs (see WORKSPACE_SOURCES). */
  sources: Record<string, string>;
  coep?: 'require-corp' | 'credentialless';
  bootTimeoutMs?: number;
  /** A prebuilt node_modules snapshot (from @webcontainer/snapshot) to mount instead of `npm install`. */
  snapshot?: () => Promise<ArrayBuffer>;
  /** Terminal output of boot and install. */
  onOutput?: (text: string) => void;
  /** Called when the install step starts. */
  onInstall?: () => void;
  /** Ends a Vitest run that takes longer than this. */
  runTimeoutMs?: number;
}

export class BootError extends Error {
  name = 'BootError';
}

const withTimeout = <T>(p: Promise<T>, ms: number, message: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new BootError(message)), ms);
    p.then((v) => { clearTimeout(timer); resolve(v); }, (e) => { clearTimeout(timer); reject(e); });
  });

/** Reads a process's output stream to the end, passing each chunk on. */
async function pump(stream: ReadableStream<string>, onChunk: (text: string) => void): Promise<void> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) onChunk(value);
    }
  } catch {
    // A killed process may end its stream with an error; the exit code says what happened.
  }
}

export class WebContainerRuntime implements Runtime {
  readonly name = 'webcontainer' as const;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly container: Container, private readonly opts: StartOptions) {}

  /** Boots (with a time limit), mounts the workspace and makes sure Vitest is installed. */
  static async start(api: ContainerApi, opts: StartOptions): Promise<WebContainerRuntime> {
    const timeout = opts.bootTimeoutMs ?? 30_000;
    const container = await withTimeout(api.boot({ coep: opts.coep ?? 'require-corp', workdirName: 'perf-workbook' }), timeout,
      `boot timed out after ${Math.round(timeout / 1000)} s`);
    try {
      await container.mount(baseWorkspace(opts.sources));
      const runtime = new WebContainerRuntime(container, opts);
      await runtime.ensureVitest();
      return runtime;
    } catch (err) {
      container.teardown();
      throw err;
    }
  }

  private async ensureVitest(): Promise<void> {
    const installed = await this.container.fs.readFile('node_modules/vitest/package.json', 'utf-8').then(() => true, () => false);
    if (installed) return;
    if (this.opts.snapshot) {
      await this.container.mount(await this.opts.snapshot(), { mountPoint: 'node_modules' });
      return;
    }
    this.opts.onInstall?.();
    const proc = await this.container.spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error']);
    const out = pump(proc.output, (t) => this.opts.onOutput?.(t));
    const code = await proc.exit;
    await out;
    if (code !== 0) throw new BootError(`npm install exited with code ${code}`);
  }

  run(req: RunRequest, onEvent: (e: RunEvent) => void = () => {}): Promise<GradeReport> {
    // One run at a time: runs share the workspace.
    const next = this.queue.then(() => this.runNow(req, onEvent));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(req: RunRequest, onEvent: (e: RunEvent) => void): Promise<GradeReport> {
    const { bundle, locale } = req;
    const { lab } = bundle;
    const started = Date.now();
    const report = (reason: GradeReason) => buildReport(lab, [], { runtime: 'webcontainer', browser: true, locale, duration_ms: Date.now() - started, reason });
    const files = composeImplementation(req.files, bundle.given);
    // The same pre-checks as the CLI and the worker, before the container spends a second.
    const tests = sortGraderFiles(Object.keys(bundle.graders)).browserTests;
    if (tests.length === 0) return report({ kind: 'no-graders' });
    const blocked = precheck({ lab, files, graders: tests.map((p) => bundle.graders[p]) });
    if (blocked) return report(blocked);

    const fs = this.container.fs;
    await fs.rm(`${RUN_FILES.impl}/${lab.slug}`, { recursive: true, force: true });
    await fs.rm(`${RUN_FILES.graders}/${lab.slug}`, { recursive: true, force: true });
    await fs.rm(RUN_FILES.report, { force: true });
    await this.container.mount(toTree({
      [RUN_FILES.lab]: JSON.stringify(lab),
      ...Object.fromEntries(Object.entries(files).map(([name, text]) => [`${RUN_FILES.impl}/${lab.slug}/${name}`, text])),
      ...Object.fromEntries(Object.entries(bundle.graders).map(([rel, text]) => [`${RUN_FILES.graders}/${lab.slug}/${rel}`, text])),
    }));

    const proc = await this.container.spawn('npx', ['vitest', 'run', '--config', CONFIG_PATH], { env: { FORCE_COLOR: '0', CI: '1', WORKBOOK_LOCALE: locale } });
    const out = pump(proc.output, (text) => onEvent({ type: 'output', text }));
    const limit = this.opts.runTimeoutMs ?? 120_000;
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; proc.kill(); }, limit);
    const code = await proc.exit;
    clearTimeout(timer);
    await out;
    if (timedOut) return report({ kind: 'stopped', why: 'time-limit', seconds: Math.round(limit / 1000) });
    let reports: GradeReport[];
    try {
      reports = JSON.parse(await fs.readFile(RUN_FILES.report, 'utf-8')) as GradeReport[];
    } catch {
      return report({ kind: 'crashed', detail: `Vitest exited with code ${code} before writing a report` });
    }
    const graded = reports.find((r) => r.lab === lab.slug);
    if (!graded) return report({ kind: 'crashed', detail: `the report names no lab "${lab.slug}"` });
    // The reporter graded with the browser's rules and the page's locale; the wall time is ours.
    return { ...graded, duration_ms: Date.now() - started };
  }

  dispose(): void {
    this.container.teardown();
  }
}
