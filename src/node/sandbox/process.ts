// One grading process: started in a session of its own under Node's permission model, watched
// for memory, stopped with everything in its session when it is done or stuck.
//
// What the process may do (Node 20's permission model):
//   read   bootstrap.mjs, the packages its job loads, and its scratch folder;
//   write  its scratch folder only;
//   never  start processes or worker threads, load native addons, or read the course
//          (graders/, solutions/, hidden graders) or anyone else's submission.
// Code generation from strings (eval, new Function) is off, so code cannot reach Node's own
// module loader behind the sandbox's back.
import { spawn } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { BOOTSTRAP, packageDirs } from './job';
import type { Job, SandboxEvent } from './protocol';

export type StopReason =
  | { kind: 'test-timeout'; seconds: number }
  | { kind: 'setup-timeout'; seconds: number }
  | { kind: 'lab-limit'; seconds: number }
  | { kind: 'memory'; mb: number };

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the parent stopped it. */
  stopped?: StopReason;
  /** The end of what it wrote to stderr (V8's out-of-memory report lands there, before a native stack). */
  stderr: string;
  /** Lines on the event pipe that were not signed with the job's key: someone forged them. */
  forged: number;
}

export interface GradingProcess {
  stop(reason: StopReason): void;
  exited: Promise<ProcessExit>;
}

const PAGE_BYTES = 4096;

export function startGradingProcess(job: Job, opts: {
  scratch: string;
  env: Record<string, string>;
  memoryMb: number;
  onEvent: (event: SandboxEvent) => void;
}): GradingProcess {
  const args = [
    ...permissionFlags([BOOTSTRAP, ...packageDirs(job.natives), opts.scratch], [opts.scratch]),
    '--disallow-code-generation-from-strings',
    `--max-old-space-size=${Math.max(64, opts.memoryMb - 64)}`,
    BOOTSTRAP,
  ];
  // detached: a session (and process group) of its own, so stopping it stops everything in it.
  const child = spawn(process.execPath, args, { cwd: opts.scratch, env: opts.env, stdio: ['pipe', 'ignore', 'pipe', 'pipe'], detached: true });
  const pid = child.pid!;
  const key = job.key;
  child.stdin!.on('error', () => {});
  child.stdin!.end(JSON.stringify(job));

  let stderr = '';
  child.stderr!.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let forged = 0;
  let pending = '';
  const events = child.stdio[3] as Readable;
  const onLine = (line: string) => {
    const space = line.indexOf(' ');
    const json = line.slice(space + 1);
    const mac = Buffer.from(line.slice(0, space));
    const expected = Buffer.from(createHmac('sha256', key).update(json).digest('base64url'));
    if (space < 0 || mac.length !== expected.length || !timingSafeEqual(mac, expected)) { forged++; return; }
    opts.onEvent(JSON.parse(json) as SandboxEvent);
  };
  events.on('data', (d: Buffer) => {
    pending += d.toString('utf8');
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      onLine(pending.slice(0, nl));
      pending = pending.slice(nl + 1);
    }
  });
  const eventsClosed = new Promise<void>((resolve) => { events.on('close', resolve); events.on('error', () => resolve()); });

  let stopped: StopReason | undefined;
  const stop = (reason: StopReason) => {
    stopped ??= reason;
    killSession(pid);
  };
  // The whole process's memory, buffers included: V8's heap cap alone misses off-heap allocations.
  const limitBytes = opts.memoryMb * 1024 * 1024;
  const watchdog = setInterval(() => {
    if (residentBytes(pid) > limitBytes) stop({ kind: 'memory', mb: opts.memoryMb });
  }, 200);

  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', async (code, signal) => {
      clearInterval(watchdog);
      // Anything it left running in its session goes with it.
      killSession(pid);
      // Its last events may still be in the pipe; the pipe closes with the process (nothing else holds it).
      await Promise.race([eventsClosed, new Promise((r) => setTimeout(r, 2000))]);
      resolve({ code, signal, stopped, stderr: stderr.trim(), forged });
    });
  });
  return { stop, exited };
}

/**
 * The permission model's flags as this Node spells them: `--permission` from Node 22
 * (`--experimental-permission` before), one flag per path from 20.7 (a comma list before).
 */
export function permissionFlags(read: string[], write: string[]): string[] {
  const flags = process.allowedNodeEnvironmentFlags;
  const [major, minor] = process.versions.node.split('.').map(Number);
  const repeated = major > 20 || minor >= 7;
  const list = (flag: string, paths: string[]) => (repeated ? paths.map((p) => `${flag}=${p}`) : [`${flag}=${paths.join(',')}`]);
  return [
    flags.has('--permission') ? '--permission' : '--experimental-permission',
    ...list('--allow-fs-read', read),
    ...list('--allow-fs-write', write),
    flags.has('--disable-warning') ? '--disable-warning=ExperimentalWarning' : '--no-warnings',
  ];
}

function residentBytes(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** Kills the process group, then any process still in the session (one that changed its group). */
export function killSession(sid: number): void {
  try { process.kill(-sid, 'SIGKILL'); } catch { /* already gone */ }
  for (const pid of sessionMembers(sid)) {
    try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
  }
}

/** Processes whose session id is `sid`, from /proc (Linux); none elsewhere. */
export function sessionMembers(sid: number): number[] {
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return []; }
  const out: number[] = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state ppid pgrp session …
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // A zombie ("Z") is already dead, only waiting for its parent to notice.
      if (Number(fields[3]) === sid && fields[0] !== 'Z') out.push(Number(name));
    } catch { /* exited meanwhile */ }
  }
  return out;
}
