// Retry with exponential backoff and full jitter, and a circuit breaker: the two
// ways a caller stays polite to a service that is failing.
// Replace each `throw new Error('not implemented: …')` with a real body.
import { realClock, sleep, type Clock } from './clock';

export interface RetryOptions {
  /** Calls in total, the first one included (≥ 1). */
  maxAttempts: number;
  /** Ceiling of the first wait; each later ceiling doubles. */
  baseDelayMs: number;
  /** No wait is ever longer than this. */
  maxDelayMs: number;
  /** Whether an error is worth another attempt (default: every error is). */
  retryable?: (error: unknown) => boolean;
  /** Uniform in [0, 1); injected so tests can pin the jitter (default Math.random). */
  random?: () => number;
}

/**
 * Full jitter: the wait after the `failures`-th failure (1, 2, …) is
 * random() × min(maxDelayMs, baseDelayMs · 2^(failures − 1)), with exactly one
 * call to `random` per wait.
 */
export function backoffDelay(failures: number, options: RetryOptions): number {
  throw new Error('not implemented: backoffDelay');
}

/**
 * Calls `attempt(1)`, `attempt(2)`, … waiting `backoffDelay(k)` on `clock` after the
 * k-th failure, until one call succeeds (its value is returned), an error is not
 * retryable, `maxAttempts` calls have been made (the last error is thrown), or
 * `signal` aborts: that cuts a wait short, rejects with `signal.reason` at once,
 * and no further call is made.
 *
 * @throws RangeError when maxAttempts is not a positive integer.
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T> | T,
  options: RetryOptions & { clock?: Clock; signal?: AbortSignal },
): Promise<T> {
  throw new Error('not implemented: retry');
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call may test the service. */
  halfOpenAfterMs: number;
  /** Only `now()` is used (default: the real clock). */
  clock?: Clock;
}

/** Thrown instead of calling the service while the circuit is open. */
export class BrokenCircuitError extends Error {
  name = 'BrokenCircuitError';
  constructor() {
    super('circuit is open: the call was not made');
  }
}

/**
 * - closed: every call goes through. `failureThreshold` failures in a row (a sync
 *   throw counts) open the circuit; a success resets the count.
 * - open: `execute` rejects with BrokenCircuitError without calling fn.
 * - half-open (once `halfOpenAfterMs` have passed since it opened): exactly one
 *   caller, the probe, goes through; every other caller gets BrokenCircuitError
 *   until the probe settles, however many arrive at once. The probe's success
 *   closes the circuit; its failure opens it again for another `halfOpenAfterMs`.
 */
export class CircuitBreaker {
  /** @throws RangeError when failureThreshold is not a positive integer. */
  constructor(options: BreakerOptions) {
    throw new Error('not implemented: CircuitBreaker');
  }

  get state(): BreakerState {
    throw new Error('not implemented: state');
  }

  /** Calls fn if the state allows it, and returns (or throws) what fn does. */
  async execute<T>(fn: () => Promise<T> | T): Promise<T> {
    throw new Error('not implemented: execute');
  }
}
