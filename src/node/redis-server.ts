// Starts a throwaway redis-server on a free loopback port, for graders and tests. For grading a
// submission it is private: a password only that submission's graders get (other processes on
// the machine, other students' included, cannot reach it) and a folder of its own for anything
// it writes (Redis 7 refuses to move that folder at run time).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect } from 'node:net';

export interface RunningRedis { url: string; stop(): Promise<void> }

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function ping(port: number, password?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => socket.write(password ? `AUTH ${password}\r\nPING\r\n` : 'PING\r\n'));
    let reply = '';
    socket.on('data', (d) => {
      reply += d.toString();
      if (reply.includes('+PONG') || reply.includes('-')) { socket.destroy(); resolve(reply.includes('+PONG')); }
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startRedis({ password = false } = {}): Promise<RunningRedis> {
  const port = await freePort();
  const secret = password ? randomBytes(18).toString('base64url') : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'workbook-redis-'));
  const child: ChildProcess = spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes',
    '--dir', dir, '--maxmemory', '256mb', ...(secret ? ['--requirepass', secret] : []),
  ], { stdio: 'ignore', cwd: dir });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 100; i++) {
    if (await ping(port, secret)) {
      return {
        url: secret ? `redis://:${secret}@127.0.0.1:${port}` : `redis://127.0.0.1:${port}`,
        async stop() { child.kill('SIGTERM'); await exited; rmSync(dir, { recursive: true, force: true }); },
      };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`redis-server did not answer on 127.0.0.1:${port}`);
}
