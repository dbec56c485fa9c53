// A faithful fake of `@webcontainer/api` for Node: the same interface (`boot`,
// `mount` of a FileSystemTree, `fs`, `spawn` with an `output` ReadableStream and an
// `exit` promise), doing the real work behind it. `mount` writes into a temporary
// folder and `spawn` runs real processes there, so a runtime that drives it mounts,
// runs Vitest and parses its report for real.
import { spawn as spawnChild } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { FileSystemTree } from '@webcontainer/api';

export interface FakeBootOptions {
  coep?: 'require-corp' | 'credentialless' | 'none';
  workdirName?: string;
}

export interface FakeSettings {
  /** Stands in for a prebuilt node_modules snapshot: linked into every booted workdir. */
  nodeModules?: string;
  /** Makes boot fail (as it does offline) or never finish. */
  bootFails?: Error;
  bootHangs?: boolean;
}

export class FakeWebContainer {
  static settings: FakeSettings = {};
  static booted = 0;
  readonly workdir: string;
  private readonly children = new Set<import('node:child_process').ChildProcess>();
  private tornDown = false;

  private constructor(options: FakeBootOptions) {
    this.workdir = join(mkdtempSync(join(tmpdir(), 'fake-wc-')), options.workdirName ?? 'workdir');
    mkdirSync(this.workdir, { recursive: true });
    if (FakeWebContainer.settings.nodeModules) symlinkSync(FakeWebContainer.settings.nodeModules, join(this.workdir, 'node_modules'), 'dir');
  }

  /** Like WebContainer.boot: one instance at a time. */
  static async boot(options: FakeBootOptions = {}): Promise<FakeWebContainer> {
    const { bootFails, bootHangs } = FakeWebContainer.settings;
    if (bootHangs) return new Promise<never>(() => {});
    if (bootFails) throw bootFails;
    if (FakeWebContainer.booted > 0) throw new Error('Only a single WebContainer instance can be booted');
    FakeWebContainer.booted++;
    return new FakeWebContainer(options);
  }

  private path(p: string): string {
    const full = resolve(this.workdir, p.replace(/^\/+/, ''));
    if (full !== this.workdir && !full.startsWith(this.workdir + '/')) throw new Error(`EACCES: ${p} is outside the workdir`);
    return full;
  }

  async mount(tree: FileSystemTree | Uint8Array | ArrayBuffer, options: { mountPoint?: string } = {}): Promise<void> {
    if (!(tree && typeof tree === 'object' && !(tree instanceof Uint8Array) && !(tree instanceof ArrayBuffer))) {
      throw new Error('the fake mounts FileSystemTree objects only, not binary snapshots');
    }
    const write = (dir: string, t: FileSystemTree) => {
      mkdirSync(dir, { recursive: true });
      for (const [name, node] of Object.entries(t)) {
        if (name.includes('/')) throw new Error(`invalid file name in tree: ${name}`);
        const target = join(dir, name);
        if ('directory' in node) write(target, node.directory);
        else if ('symlink' in node.file) symlinkSync(node.file.symlink, target);
        else writeFileSync(target, node.file.contents);
      }
    };
    write(this.path(options.mountPoint ?? '.'), tree as FileSystemTree);
  }

  fs = {
    readFile: ((path: string, encoding?: string | null) =>
      encoding ? readFile(this.path(path), encoding as BufferEncoding) : readFile(this.path(path)).then((b) => new Uint8Array(b))) as {
      (path: string, encoding: 'utf-8' | 'utf8'): Promise<string>;
      (path: string, encoding?: null): Promise<Uint8Array>;
    },
    writeFile: async (path: string, data: string | Uint8Array) => {
      await mkdir(dirname(this.path(path)), { recursive: true });
      await writeFile(this.path(path), data);
    },
    mkdir: (path: string, options?: { recursive?: boolean }) => mkdir(this.path(path), options),
    readdir: (path: string) => readdir(this.path(path)),
    rm: (path: string, options?: { recursive?: boolean; force?: boolean }) => rm(this.path(path), options),
  };

  /** Runs a real process in the workdir; stdout and stderr arrive merged on `output`, as from a terminal. */
  async spawn(command: string, args: string[] = [], options: { cwd?: string; env?: Record<string, string | number | boolean>; output?: boolean } = {}) {
    if (this.tornDown) throw new Error('WebContainer has been torn down');
    const env = { ...process.env, ...Object.fromEntries(Object.entries(options.env ?? {}).map(([k, v]) => [k, String(v)])) };
    const child = spawnChild(command, args, { cwd: this.path(options.cwd ?? '.'), env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    this.children.add(child);
    let controller!: ReadableStreamDefaultController<string>;
    const output = new ReadableStream<string>({ start: (c) => { controller = c; } });
    let open = 2;
    const end = () => { if (--open === 0) controller.close(); };
    for (const s of [child.stdout!, child.stderr!]) {
      s.setEncoding('utf8');
      s.on('data', (chunk: string) => { if (options.output !== false) controller.enqueue(chunk); });
      s.on('end', end);
    }
    const exit = new Promise<number>((r) => child.on('close', (code, signal) => { this.children.delete(child); r(code ?? (signal ? 128 + 9 : 1)); }));
    const input = new WritableStream<string>({ write: (chunk) => { child.stdin!.write(chunk); } });
    return {
      output, exit, input,
      kill: () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); } },
      resize: () => {},
    };
  }

  teardown(): void {
    this.tornDown = true;
    for (const c of this.children) { try { process.kill(-c.pid!, 'SIGKILL'); } catch { /* gone */ } }
    FakeWebContainer.booted = 0;
    void rm(dirname(this.workdir), { recursive: true, force: true });
  }
}

export const WebContainer = FakeWebContainer;
