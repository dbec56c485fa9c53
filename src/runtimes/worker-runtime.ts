// The offline runtime, main-thread side: runs grading in a module Web Worker and
// watches it. A run that makes no progress for `idleMs` (an infinite loop, memory
// running away) or runs past `totalMs` ends with the worker terminated and a
// report that says so; the next run starts a fresh worker.
import { buildReport, type GradeReason, type GradeReport } from '../core/report';
import { composeImplementation } from '../core/lab';
import type { RunEvent, RunRequest, Runtime } from './types';
import type { WorkerRequest, WorkerResponse } from './worker/worker';

export interface WorkerRuntimeOptions {
  /** Ends a run when no test started or finished for this long. */
  idleMs?: number;
  /** Ends a run that takes longer than this in all. */
  totalMs?: number;
  /** Makes the worker; tests may pass their own. */
  create?: () => Worker;
}

const createDefault = () => new Worker(new URL('./worker/worker.ts', import.meta.url), { type: 'module', name: 'grader' });

export class WorkerRuntime implements Runtime {
  readonly name = 'worker' as const;
  private worker?: Worker;
  private nextId = 1;
  private readonly idleMs: number;
  private readonly totalMs: number;
  private readonly create: () => Worker;

  constructor(opts: WorkerRuntimeOptions = {}) {
    this.idleMs = opts.idleMs ?? 10_000;
    this.totalMs = opts.totalMs ?? 120_000;
    this.create = opts.create ?? createDefault;
  }

  /** Starts the worker ahead of the first run, so the first click is warm. */
  prewarm(): void {
    this.worker ??= this.create();
  }

  run(req: RunRequest, onEvent: (e: RunEvent) => void = () => {}): Promise<GradeReport> {
    const worker = (this.worker ??= this.create());
    const id = this.nextId++;
    const started = performance.now();
    return new Promise<GradeReport>((resolve) => {
      let current: { name: string; task: string } | undefined;
      let idleTimer: ReturnType<typeof setTimeout>;
      const settle = (report: GradeReport) => {
        clearTimeout(idleTimer);
        clearTimeout(totalTimer);
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        resolve(report);
      };
      const kill = (why: 'idle' | 'total' | 'crash', detail?: string) => {
        worker.terminate();
        if (this.worker === worker) this.worker = undefined;
        settle(stoppedReport(req, why, current, performance.now() - started, detail, why === 'idle' ? this.idleMs : this.totalMs));
      };
      const arm = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => kill('idle'), this.idleMs);
      };
      const totalTimer = setTimeout(() => kill('total'), this.totalMs);
      const onMessage = (e: MessageEvent<WorkerResponse>) => {
        const msg = e.data;
        if (msg.id !== id) return;
        if (msg.type === 'event') {
          if (msg.event.type === 'test-start') current = { name: msg.event.name, task: msg.event.task };
          arm();
          onEvent(msg.event);
        } else if (msg.type === 'done') {
          settle(msg.report);
        } else {
          kill('crash', msg.message);
        }
      };
      const onError = (e: ErrorEvent) => {
        e.preventDefault();
        kill('crash', e.message || 'the grading worker stopped');
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      arm();
      const { bundle, files, locale, only } = req;
      const input = { lab: bundle.lab, files: composeImplementation(files, bundle.given), graders: bundle.graders, locale, only };
      const msg: WorkerRequest = { type: 'run', id, input };
      worker.postMessage(msg);
    });
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The report for a run the watchdog ended: every task errs with a reason that says where it stopped. */
export function stoppedReport(
  req: RunRequest, why: 'idle' | 'total' | 'crash', current: { name: string; task: string } | undefined,
  duration: number, detail: string | undefined, limitMs: number,
): GradeReport {
  const reason: GradeReason = why === 'crash'
    ? { kind: 'crashed', detail: (detail ?? '').split('\n')[0] }
    : { kind: 'stopped', why, seconds: Math.round(limitMs / 1000), ...(current ? { test: current.name, task: current.task } : {}) };
  return buildReport(req.bundle.lab, [], { runtime: 'worker', browser: true, locale: req.locale, duration_ms: duration, reason });
}
