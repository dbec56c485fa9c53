// The profiler's workload for this lab (lab.json "workload"): 10 000 calls to a flaky,
// slow agent service, at most 32 at a time, each with a 2 s timeout and up to three
// attempts with jittered backoff, through an adaptive concurrency limiter and a circuit
// breaker. Latencies and failures are seeded; time is a manual clock the workload moves
// whenever nothing else can happen, so waiting costs nothing and the profile shows the
// executor's own work: scheduling, timers, retries, keeping results in order.
import { seededRandom } from '@grader-kit';
import { ManualClock, runOnClock } from '@workload-kit';
import { runAll, type Task } from '@impl/agent-executor/executor';
import { CircuitBreaker } from '@impl/agent-executor/resilience';
import { AdaptiveLimiter } from '@impl/agent-executor/adaptive';

const CALLS = 10_000;

export function prepare() {
  const random = seededRandom(17);
  const latencyMs = Float64Array.from({ length: CALLS }, () => 20 + 400 * random() * random());
  // How many attempts fail before one succeeds: mostly none, a few once, rarely twice.
  const failures = Uint8Array.from({ length: CALLS }, () => { const r = random(); return r < 0.01 ? 2 : r < 0.06 ? 1 : 0; });

  return async () => {
    const clock = new ManualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 100, halfOpenAfterMs: 5_000, clock });
    const limiter = new AdaptiveLimiter({ targetLatencyMs: 250, min: 4, max: 64, initial: 16, clock });
    const attempts = new Uint8Array(CALLS);

    /** One call to the agent service: answers after its latency, or fails. */
    const callAgent = (i: number, signal: AbortSignal) => new Promise<string>((resolve, reject) => {
      const failing = attempts[i]++ < failures[i];
      const timer = clock.setTimeout(() => (failing ? reject(new Error(`agent ${i}: 503`)) : resolve(`answer ${i}`)), latencyMs[i]);
      signal.addEventListener('abort', () => { clock.clearTimeout(timer); reject(signal.reason); }, { once: true });
    });
    const tasks: Task<string>[] = Array.from({ length: CALLS }, (_, i) =>
      (signal) => limiter.run(() => breaker.execute(() => callAgent(i, signal))));

    const results = await runOnClock(clock, runAll(tasks, {
      concurrency: 32, timeoutMs: 2_000, clock,
      retry: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 1_000, random: seededRandom(23) },
    }));
    return results.filter((r) => r.ok).length;
  };
}
