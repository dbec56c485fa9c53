// Retry with exponential backoff and full jitter, and a circuit breaker: the two
// ways a caller stays polite to a service that is failing.
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
 * Full jitter: the wait after the `failures`-th failure is uniform in
 * [0, min(maxDelayMs, baseDelayMs·2^(failures−1))). Spreading retries over the
 * whole interval keeps many clients that failed together from retrying together.
 */
export function backoffDelay(failures: number, options: RetryOptions): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (failures - 1));
  return (options.random ?? Math.random)() * ceiling;
}

/**
 * Calls `attempt(1)`, `attempt(2)`, … until one succeeds, an error is not retryable,
 * `maxAttempts` calls have been made, or `signal` aborts (which also cuts a wait short).
 * Rejects with the last error, or with the signal's reason.
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T> | T,
  options: RetryOptions & { clock?: Clock; signal?: AbortSignal },
): Promise<T> {
  const { maxAttempts, retryable = () => true, clock = realClock, signal } = options;
  if (!(Number.isInteger(maxAttempts) && maxAttempts >= 1)) throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}`);
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= maxAttempts || signal?.aborted || !retryable(error)) throw error;
      await sleep(backoffDelay(n, options), clock, signal);
    }
  }
}

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call may test the service. */
  halfOpenAfterMs: number;
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
 * closed → (failureThreshold consecutive failures) → open → (halfOpenAfterMs) →
 * half-open: exactly one probe goes through, every other caller fails fast.
 * The probe's success closes the circuit; its failure opens it again.
 */
export class CircuitBreaker {
  private failures = 0;
  private isOpen = false;
  private openedAt = 0;
  private probing = false;
  private readonly clock: Clock;

  constructor(private readonly options: BreakerOptions) {
    if (!(Number.isInteger(options.failureThreshold) && options.failureThreshold >= 1)) {
      throw new RangeError(`failureThreshold must be a positive integer, got ${options.failureThreshold}`);
    }
    this.clock = options.clock ?? realClock;
  }

  get state(): BreakerState {
    if (!this.isOpen) return 'closed';
    return this.probing || this.clock.now() - this.openedAt >= this.options.halfOpenAfterMs ? 'half-open' : 'open';
  }

  async execute<T>(fn: () => Promise<T> | T): Promise<T> {
    // Decide and claim the probe before the first await, so concurrent callers see it taken.
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.probing)) throw new BrokenCircuitError();
    const isProbe = state === 'half-open';
    if (isProbe) this.probing = true;
    try {
      const value = await fn();
      this.onSuccess(isProbe);
      return value;
    } catch (error) {
      this.onFailure(isProbe);
      throw error;
    } finally {
      if (isProbe) this.probing = false;
    }
  }

  private onSuccess(isProbe: boolean): void {
    if (isProbe) this.isOpen = false;
    // Calls that began before the circuit opened do not close it; only the probe does.
    if (!this.isOpen) this.failures = 0;
  }

  private onFailure(isProbe: boolean): void {
    if (isProbe) return this.open();
    if (this.isOpen) return;
    if (++this.failures >= this.options.failureThreshold) this.open();
  }

  private open(): void {
    this.isOpen = true;
    this.openedAt = this.clock.now();
  }
}
