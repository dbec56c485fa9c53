// Run many independent tasks (agent calls, requests) with at most K at a time.
//
// Suggested shape: K "workers", each an async loop that takes the next unstarted
// index, runs that task, stores the outcome at the same index, and repeats.
// Replace each `throw new Error('not implemented: …')` with a real body.
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
  /** Retry failed attempts (timeouts included) with exponential backoff and full jitter; see `retry`. */
  retry?: RetryOptions;
  /** Cancels everything: unstarted tasks never start, running ones see their signal abort. */
  signal?: AbortSignal;
  /** Used for timeouts and retry waits (default: the real clock). */
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

/**
 * Runs every task with at most `concurrency` in flight, starting the next one as
 * soon as any slot frees, and resolves with one Settled per task in input order,
 * whatever order they finish in.
 *
 * - A task that throws (synchronously or by rejecting) gives `{ ok: false, error }`;
 *   the other tasks carry on. runAll never rejects because a task failed.
 * - With `timeoutMs`, an attempt still running after that long fails with a
 *   TimeoutError, its signal aborts with that error as the reason, and its slot is
 *   freed at once (even if the task ignores the signal). Timers of attempts that
 *   finish in time are cleared.
 * - With `signal`: once it aborts, tasks not yet started are not called and give
 *   `{ ok: false, error: signal.reason }`; running ones end the same way and their
 *   own signals abort.
 *
 * - With `metrics`, reports to it as MetricsSink says. Without, does no extra work.
 *
 * @throws RangeError (as a rejection, before any task runs) when concurrency is
 *   not a positive integer or Infinity (0, negative, NaN, 2.5), or timeoutMs ≤ 0.
 */
export async function runAll<T>(tasks: readonly Task<T>[], options: RunOptions): Promise<Settled<T>[]> {
  throw new Error('not implemented: runAll');
}
