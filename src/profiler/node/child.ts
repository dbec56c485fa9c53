// (Kept with the profiler: grading moved to src/node/sandbox/, and `workbook profile` is its last user.)
// Runs a Node script in a child process of its own (a process group, so a timeout kills
// everything it started) with a wall-clock limit, keeping the tail of its stderr.
import { spawn } from 'node:child_process';

export interface ChildResult {
  code: number | null;
  timedOut: boolean;
  /** The last lines it wrote to stderr, for an error message. */
  stderrTail: string;
}

export async function runNodeScript(args: string[], opts: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<ChildResult> {
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
  }, opts.timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  return { code, timedOut, stderrTail: stderr.trim().split('\n').slice(-3).join(' ') };
}
