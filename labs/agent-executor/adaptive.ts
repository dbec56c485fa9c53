// Adaptive concurrency with AIMD (additive increase, multiplicative decrease), the
// rule TCP uses for its congestion window: probe upward slowly while latency is
// good, back off fast when it is not.
// Replace each `throw new Error('not implemented: …')` with a real body.
import { realClock, type Clock } from './clock';

export interface AdaptiveOptions {
  /** Completions at or under this latency are good; slower ones signal congestion. */
  targetLatencyMs: number;
  /** The limit never rises above this. */
  max: number;
  /** The limit never falls below this (default 1). */
  min?: number;
  /** Starting limit (default `min`). */
  initial?: number;
  /** The limit is multiplied by this on congestion (default 0.7). */
  decrease?: number;
  /** Latency is measured with `now()` (default: the real clock). */
  clock?: Clock;
}

/**
 * A concurrency limit that steers itself. Keep a fractional window w (the limit is
 * floor(w)) and, when a task completes with latency L:
 *
 * - L ≤ targetLatencyMs: w = min(max, w + 1/w)  (about +1 per window of completions)
 * - L > targetLatencyMs: w = max(min, w × decrease), but at most once per congestion
 *   event: tasks that started before the last decrease do not decrease it again.
 *
 * Waiting callers start in arrival order as soon as inFlight < limit.
 *
 * @throws RangeError unless 1 ≤ min ≤ max (integers) and 0 < decrease < 1.
 */
export class AdaptiveLimiter {
  constructor(options: AdaptiveOptions) {
    throw new Error('not implemented: AdaptiveLimiter');
  }

  /** Tasks allowed in flight right now: floor of the window. */
  get limit(): number {
    throw new Error('not implemented: limit');
  }

  /** Tasks running now. */
  get inFlight(): number {
    throw new Error('not implemented: inFlight');
  }

  /** Runs `task` once a slot is free, measures its latency and adjusts the limit. */
  async run<T>(task: () => Promise<T> | T): Promise<T> {
    throw new Error('not implemented: run');
  }
}
