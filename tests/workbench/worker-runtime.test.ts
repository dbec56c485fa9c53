// The main-thread watchdog of the offline runtime, with a scripted stand-in for the
// Web Worker: silence ends a run with a timeout report and a fresh worker next time;
// heartbeats and test events keep a long run alive.
import { describe, expect, it } from 'vitest';
import { buildReport } from '../../src/core/report';
import { WorkerRuntime } from '../../src/runtimes/worker-runtime';
import type { WorkerRequest, WorkerResponse } from '../../src/runtimes/worker/worker';
import { bundle, solution } from './fixtures';

type Script = (req: WorkerRequest, reply: (msg: WorkerResponse) => void) => void;

class ScriptedWorker extends EventTarget {
  terminated = false;
  constructor(private readonly script: Script) { super(); }
  postMessage(req: WorkerRequest) {
    this.script(req, (msg) => { if (!this.terminated) this.dispatchEvent(new MessageEvent('message', { data: msg })); });
  }
  terminate() { this.terminated = true; }
}

const request = { bundle, files: { 'stack.ts': solution }, locale: 'en' as const };
const passing = (id: number): WorkerResponse => ({ type: 'done', id, report: buildReport(bundle.lab, [], { runtime: 'worker', browser: true }) });

describe('worker runtime watchdog', () => {
  it('ends a silent run with a timeout report naming the test, then starts a fresh worker', async () => {
    const made: ScriptedWorker[] = [];
    const scripts: Script[] = [
      (req, reply) => reply({ type: 'event', id: req.id, event: { type: 'test-start', name: 'get refreshes recency', task: 'recency' } }),
      (req, reply) => setTimeout(() => reply(passing(req.id)), 10),
    ];
    const runtime = new WorkerRuntime({ idleMs: 150, create: () => { const w = new ScriptedWorker(scripts[made.length]); made.push(w); return w as unknown as Worker; } });
    const started = Date.now();
    const stopped = await runtime.run(request);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(stopped.status).toBe('error');
    expect(stopped.message).toMatch(/no progress for 0 s.*get refreshes recency.*recency/s);
    expect(made[0].terminated).toBe(true);
    const next = await runtime.run(request);
    expect(made).toHaveLength(2);
    expect(next.runtime).toBe('worker');
  });

  it('heartbeats keep a long run alive past the idle limit', async () => {
    const runtime = new WorkerRuntime({
      idleMs: 100,
      create: () => new ScriptedWorker((req, reply) => {
        const beat = setInterval(() => reply({ type: 'event', id: req.id, event: { type: 'heartbeat' } }), 30);
        setTimeout(() => { clearInterval(beat); reply(passing(req.id)); }, 400);
      }) as unknown as Worker,
    });
    const report = await runtime.run(request);
    expect(report.message).toBeUndefined();
  });

  it('a run past the total limit stops even while it beats', async () => {
    const runtime = new WorkerRuntime({
      idleMs: 100, totalMs: 300,
      create: () => new ScriptedWorker((req, reply) => { setInterval(() => reply({ type: 'event', id: req.id, event: { type: 'heartbeat' } }), 30).unref(); }) as unknown as Worker,
    });
    const report = await runtime.run({ ...request, locale: 'zh' });
    expect(report.status).toBe('error');
    expect(report.message).toMatch(/超过 0 秒仍未结束/);
  });
});
