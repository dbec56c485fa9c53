// Run many independent tasks (agent calls, requests) with at most K at a time.
import { realClock, type Clock } from './clock';
import { retry, type RetryOptions } from './resilience';

/** One unit of work. It receives a signal that aborts on timeout or cancellation. */
export type Task<T> = (signal: AbortSignal) => Promise<T> | T;

/** A task's outcome as a value, so one failure never hides the other results. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Where runAll reports what it did, so a dashboard can show it: wire it to the
 * metrics-collector lab's Registry (or to prom-client). Names and labels are fixed:
 * - `executor_tasks_total{status}`: +1 per task, once its result is settled. status is
 *   "ok", "timeout" (it failed with a TimeoutError), "cancelled" (`signal` had aborted) or "error";
 * - `executor_task_duration_seconds{status}`: one observation per task that started: seconds
 *   on the executor's clock from the start of its first attempt to its result, retry waits included;
 * - `executor_retries_total` (no labels): +1 per attempt after the first.
 * A sink may keep the labels object it is given, so each call gets its own.
 */
export interface MetricsSink {
  increment(name: string, labels: Readonly<Record<string, string>>): void;
  observe(name: string, labels: Readonly<Record<string, string>>, value: number): void;
}

export type TaskStatus = 'ok' | 'timeout' | 'cancelled' | 'error';

export interface RunOptions {
  /** Tasks in flight at most: a positive integer, or Infinity for no bound. */
  concurrency: number;
  /** Per attempt: past this, the attempt fails with TimeoutError and its signal aborts. */
  timeoutMs?: number;
  /** Retry failed attempts with exponential backoff and full jitter. */
  retry?: RetryOptions;
  /** Cancels everything: unstarted tasks never start, running ones see their signal abort. */
  signal?: AbortSignal;
  clock?: Clock;
  /** Receives a count per task by status, each task's duration and the retries (see MetricsSink). */
  metrics?: MetricsSink;
}

export class TimeoutError extends Error {
  name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`task timed out after ${timeoutMs} ms`);
  }
}

// Tasks that can neither time out nor be cancelled share one signal instead of allocating a controller each.
const NEVER_ABORTED = new AbortController().signal;

/**
 * Runs every task with at most `concurrency` in flight and resolves with one
 * Settled per task, in input order, whatever order they finish in. It never rejects
 * because a task failed; it rejects only for invalid options.
 */
export async function runAll<T>(tasks: readonly Task<T>[], options: RunOptions): Promise<Settled<T>[]> {
  const { concurrency, timeoutMs, retry: retryOptions, signal, clock = realClock, metrics } = options;
  if (!((Number.isInteger(concurrency) && concurrency >= 1) || concurrency === Infinity)) {
    throw new RangeError(`concurrency must be a positive integer or Infinity, got ${concurrency}`);
  }
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);

  const attempt = (task: Task<T>) => attemptOnce(task, timeoutMs, clock, signal);
  const countRetry = (n: number) => {
    if (n > 1) metrics?.increment('executor_retries_total', {});
  };
  const runTask = retryOptions
    ? (task: Task<T>) => retry((n) => (countRetry(n), attempt(task)), { ...retryOptions, clock, signal })
    : attempt;

  const results = new Array<Settled<T>>(tasks.length);
  let next = 0;
  // K workers pull the next index in turn: no queue to shift, and each result lands at its input position.
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      const started = !signal?.aborted;
      const startedAt = metrics && started ? clock.now() : 0; // no clock read per task unless someone is listening
      try {
        if (!started) throw signal!.reason;
        results[i] = { ok: true, value: await runTask(tasks[i]) };
      } catch (error) {
        results[i] = { ok: false, error };
      }
      if (metrics) report(metrics, results[i], started ? (clock.now() - startedAt) / 1000 : undefined, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, tasks.length) }, worker));
  return results;
}

function report(metrics: MetricsSink, result: Settled<unknown>, seconds: number | undefined, signal?: AbortSignal): void {
  const status: TaskStatus = result.ok ? 'ok' : signal?.aborted ? 'cancelled' : result.error instanceof TimeoutError ? 'timeout' : 'error';
  metrics.increment('executor_tasks_total', { status });
  if (seconds !== undefined) metrics.observe('executor_task_duration_seconds', { status }, seconds);
}

/** One attempt of one task, cut short by the timeout or by the caller's signal. */
async function attemptOnce<T>(task: Task<T>, timeoutMs: number | undefined, clock: Clock, outer?: AbortSignal): Promise<T> {
  if (timeoutMs === undefined && !outer) return task(NEVER_ABORTED);
  if (outer?.aborted) throw outer.reason;

  const controller = new AbortController();
  let stop!: (reason: unknown) => void;
  const stopped = new Promise<never>((_, reject) => (stop = reject));
  const cancel = (reason: unknown) => {
    controller.abort(reason);
    stop(reason);
  };
  const onOuterAbort = () => cancel(outer!.reason);
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const timer = timeoutMs === undefined ? undefined : clock.setTimeout(() => cancel(new TimeoutError(timeoutMs)), timeoutMs);
  try {
    // The slot is freed when the race is decided, even if a task ignores its signal and runs on.
    return await Promise.race([task(controller.signal), stopped]);
  } finally {
    if (timer !== undefined) clock.clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
}
