import { describe, it, expect } from 'vitest';
import { FakeClock, flushMicrotasks, seededRandom } from '@grader-kit';
import { runAll, TimeoutError, type Task } from '@impl/agent-executor/executor';
import { BrokenCircuitError, CircuitBreaker, retry } from '@impl/agent-executor/resilience';
import { expectInstanceOf, fakeSleep, runOnClock } from './helpers';

/** An attempt function that fails `failures` times, recording the fake time of every call. */
const flaky = (clock: FakeClock, failures: number, error: () => unknown = () => new Error('flaky')) => {
  const calls: number[] = [];
  const attempt = async () => {
    calls.push(clock.now());
    if (calls.length <= failures) throw error();
    return 'done';
  };
  return { calls, attempt };
};

describe('retry-backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 500 };

  it('makes exactly maxAttempts calls, then rejects with the last error', async () => {
    const clock = new FakeClock();
    let n = 0;
    const attempt = async () => {
      throw new Error(`failure ${++n}`);
    };
    const run = retry(attempt, { ...policy, maxAttempts: 5, random: () => 0.5, clock });
    await expect(runOnClock(clock, run)).rejects.toThrow('failure 5');
    expect(n).toBe(5);
  });

  it('gives up as soon as the last attempt fails, with no wait after it', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 100);
    let settledAt = NaN;
    const run = retry(attempt, { ...policy, maxAttempts: 3, random: () => 1, clock }).finally(() => (settledAt = clock.now()));
    await runOnClock(clock, run).catch(() => {});
    expect(calls).toEqual([0, 100, 300]);
    expect(settledAt).toBe(300);
  });

  it('waits random·min(maxDelayMs, baseDelayMs·2^k) between attempts: doubling, then capped', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 100);
    await runOnClock(clock, retry(attempt, { ...policy, maxAttempts: 7, random: () => 0.5, clock })).catch(() => {});
    // Waits: 50, 100, 200, 250 (capped at 500 × 0.5), 250, 250.
    expect(calls).toEqual([0, 50, 150, 350, 600, 850, 1100]);
  });

  it('draws full jitter: each wait is one random() draw times the ceiling', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 100);
    await runOnClock(clock, retry(attempt, { ...policy, maxAttempts: 6, random: seededRandom(9), clock })).catch(() => {});
    const draws = seededRandom(9);
    const expected = [0];
    for (let k = 1; k < 6; k++) expected.push(expected[k - 1] + draws() * Math.min(500, 100 * 2 ** (k - 1)));
    expect(calls).toHaveLength(6);
    calls.forEach((t, i) => expect(t).toBeCloseTo(expected[i], 6));
  });

  it('returns the first success without further calls', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 2);
    const { value } = await runOnClock(clock, retry(attempt, { ...policy, maxAttempts: 5, random: () => 1, clock }));
    expect(value).toBe('done');
    expect(calls).toEqual([0, 100, 300]);
  });

  it('does not retry an error the predicate calls non-retryable', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 100, () => new TypeError('bad request'));
    const run = retry(attempt, { ...policy, maxAttempts: 5, retryable: (e) => !(e instanceof TypeError), clock });
    await expect(runOnClock(clock, run)).rejects.toThrow(TypeError);
    expect(calls).toHaveLength(1);
  });

  it('an abort during a wait rejects at once with the reason and makes no more calls', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const { calls, attempt } = flaky(clock, 100);
    const reason = new Error('shutting down');
    const run = retry(attempt, { ...policy, maxAttempts: 5, random: () => 0.9, clock, signal: controller.signal });
    clock.setTimeout(() => controller.abort(reason), 30);
    let settledAt = NaN;
    run.finally(() => (settledAt = clock.now())).catch(() => {});
    await expect(runOnClock(clock, run)).rejects.toBe(reason);
    expect(settledAt).toBe(30); // at the abort, not when the 90 ms wait would have ended
    await clock.advance(5_000);
    expect(calls).toEqual([0]);
    expect(clock.pending).toBe(0);
  });

  it('rejects a maxAttempts that is not a positive integer with RangeError, without calling', async () => {
    for (const maxAttempts of [0, -1, 2.5, NaN]) {
      let calls = 0;
      const run = Promise.resolve().then(() => retry(async () => ++calls, { ...policy, maxAttempts, clock: new FakeClock() }));
      await expect(run, `maxAttempts ${maxAttempts}`).rejects.toThrow(RangeError);
      expect(calls).toBe(0);
    }
  });

  it('with maxAttempts 1 makes one call and rejects with its error at once', async () => {
    const clock = new FakeClock();
    const { calls, attempt } = flaky(clock, 100);
    await expect(runOnClock(clock, retry(attempt, { ...policy, maxAttempts: 1, random: () => 1, clock }))).rejects.toThrow('flaky');
    expect(calls).toEqual([0]);
  });

  it('runAll retries failed and timed-out attempts per its retry option', async () => {
    const clock = new FakeClock();
    const attempts = [0, 0, 0];
    const tasks: Task<string>[] = [
      async () => (++attempts[0] < 3 ? Promise.reject(new Error('flaky')) : 'a'),
      () => (++attempts[1] === 1 ? new Promise<string>(() => {}) : 'b'), // hangs once, then answers
      async () => {
        ++attempts[2];
        throw new Error('always');
      },
    ];
    const retryPolicy = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, random: () => 1 };
    const { value } = await runOnClock(clock, runAll(tasks, { concurrency: 3, timeoutMs: 40, retry: retryPolicy, clock }));
    expect(value[0]).toEqual({ ok: true, value: 'a' });
    expect(value[1]).toEqual({ ok: true, value: 'b' });
    expect(value[2].ok).toBe(false);
    expect(attempts).toEqual([3, 2, 3]);
  });

  it('a timed-out attempt reports TimeoutError once retries run out', async () => {
    const clock = new FakeClock();
    let calls = 0;
    const hang: Task<never> = () => (calls++, new Promise<never>(() => {}));
    const retryPolicy = { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 10, random: () => 0 };
    const { value, at } = await runOnClock(clock, runAll([hang], { concurrency: 1, timeoutMs: 25, retry: retryPolicy, clock }));
    expect(calls).toBe(2);
    expect(at).toBe(50);
    expectInstanceOf(!value[0].ok && value[0].error, TimeoutError);
  });
});

describe('circuit-breaker', () => {
  const failing = () => Promise.reject(new Error('service down'));

  it('opens after failureThreshold consecutive failures, then fails fast without calling', async () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, halfOpenAfterMs: 1_000, clock });
    for (let i = 0; i < 3; i++) await expect(breaker.execute(failing)).rejects.toThrow('service down');
    expect(breaker.state).toBe('open');
    let calls = 0;
    for (let i = 0; i < 20; i++) {
      await expect(breaker.execute(async () => ++calls)).rejects.toThrow(BrokenCircuitError);
    }
    expect(calls).toBe(0);
  });

  it('failures spread over time still open it, and the open period starts at the failure that opened it', async () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, halfOpenAfterMs: 1_000, clock });
    for (const at of [0, 400, 800]) {
      await clock.advance(at - clock.now());
      await breaker.execute(failing).catch(() => {});
    }
    expect(breaker.state).toBe('open');
    await clock.advance(999); // t = 1799
    expect(breaker.state).toBe('open');
    await expect(breaker.execute(async () => 'too early')).rejects.toThrow(BrokenCircuitError);
    await clock.advance(1); // t = 1800
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(async () => 'probe')).resolves.toBe('probe');
  });

  /** A breaker (opens after 2 failures, half-open after 1 s) opened while a slow call begun before the failures still runs. */
  async function openWhileSlowCallRuns() {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, halfOpenAfterMs: 1_000, clock });
    let slowCall!: { resolve: (value: string) => void; reject: (error: Error) => void };
    const slow = breaker.execute(() => new Promise<string>((resolve, reject) => (slowCall = { resolve, reject })));
    slow.catch(() => {}); // awaited by each test; this only keeps an early rejection from counting as unhandled
    for (let i = 0; i < 2; i++) await breaker.execute(failing).catch(() => {});
    return { clock, breaker, slow, slowCall };
  }

  it('a slow call that began before the circuit opened does not close it by succeeding late', async () => {
    const { breaker, slow, slowCall } = await openWhileSlowCallRuns();
    expect(breaker.state).toBe('open');
    slowCall.resolve('late');
    await expect(slow).resolves.toBe('late');
    expect(breaker.state).toBe('open');
    let calls = 0;
    await expect(breaker.execute(async () => ++calls)).rejects.toThrow(BrokenCircuitError);
    expect(calls).toBe(0);
  });

  it('a slow call that began before the circuit opened does not restart the open period by failing late', async () => {
    const { clock, breaker, slow, slowCall } = await openWhileSlowCallRuns();
    expect(breaker.state).toBe('open');
    await clock.advance(600);
    slowCall.reject(new Error('late failure'));
    await expect(slow).rejects.toThrow('late failure');
    expect(breaker.state).toBe('open');
    await clock.advance(400); // t = 1000: halfOpenAfterMs after the circuit opened
    expect(breaker.state).toBe('half-open');
    await expect(breaker.execute(async () => 'probe')).resolves.toBe('probe');
    expect(breaker.state).toBe('closed');
  });

  it('a slow call that began before the circuit opened does not let a second probe through when it ends', async () => {
    const { clock, breaker, slow, slowCall } = await openWhileSlowCallRuns();
    await clock.advance(1_000);
    let finishProbe!: (v: string) => void;
    const probe = breaker.execute(() => new Promise<string>((resolve) => (finishProbe = resolve)));
    await flushMicrotasks();
    slowCall.resolve('late');
    await expect(slow).resolves.toBe('late');
    // The probe is still out: every other caller fails fast, without a call.
    let calls = 0;
    await expect(breaker.execute(async () => ++calls)).rejects.toThrow(BrokenCircuitError);
    expect(calls).toBe(0);
    expect(breaker.state).toBe('half-open');
    finishProbe('recovered');
    await expect(probe).resolves.toBe('recovered');
    expect(breaker.state).toBe('closed');
  });

  it('a success resets the count of consecutive failures', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, halfOpenAfterMs: 1_000, clock: new FakeClock() });
    for (const outcome of ['fail', 'fail', 'ok', 'fail', 'fail'] as const) {
      await breaker.execute(outcome === 'ok' ? async () => 'fine' : failing).catch(() => {});
    }
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(async () => 'still calls')).resolves.toBe('still calls');
  });

  it('lets exactly one probe through after halfOpenAfterMs, even with 100 callers at once', async () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, halfOpenAfterMs: 1_000, clock });
    for (let i = 0; i < 2; i++) await breaker.execute(failing).catch(() => {});
    await clock.advance(999);
    expect(breaker.state).toBe('open');
    await clock.advance(1);
    expect(breaker.state).toBe('half-open');

    let probes = 0;
    let finishProbe!: () => void;
    const probe = () => {
      probes++;
      return new Promise<string>((resolve) => (finishProbe = () => resolve('recovered')));
    };
    const outcomes = Array.from({ length: 100 }, () => breaker.execute(probe).then((v) => v, (e: unknown) => e));
    await flushMicrotasks();
    expect(probes).toBe(1);
    finishProbe();
    const settled = await Promise.all(outcomes);
    expect(settled.filter((x) => x === 'recovered')).toHaveLength(1);
    expect(settled.filter((x) => x instanceof BrokenCircuitError)).toHaveLength(99);
    expect(breaker.state).toBe('closed');
    await expect(breaker.execute(async () => 'normal')).resolves.toBe('normal');
  });

  it('a failed probe opens the circuit again for another halfOpenAfterMs', async () => {
    const clock = new FakeClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, halfOpenAfterMs: 500, clock });
    await breaker.execute(failing).catch(() => {});
    await clock.advance(500);
    await expect(breaker.execute(failing)).rejects.toThrow('service down');
    expect(breaker.state).toBe('open');
    let calls = 0;
    await clock.advance(499);
    await expect(breaker.execute(async () => ++calls)).rejects.toThrow(BrokenCircuitError);
    expect(calls).toBe(0);
    await clock.advance(1);
    await expect(breaker.execute(async () => ++calls)).resolves.toBe(1);
    expect(breaker.state).toBe('closed');
  });

  it('rejects a failureThreshold that is not a positive integer with RangeError', () => {
    for (const failureThreshold of [0, -1, 1.5, NaN]) {
      expect(() => new CircuitBreaker({ failureThreshold, halfOpenAfterMs: 100, clock: new FakeClock() }), `failureThreshold ${failureThreshold}`).toThrow(RangeError);
    }
  });

  it('counts a synchronous throw as a failure', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, halfOpenAfterMs: 100, clock: new FakeClock() });
    await expect(
      breaker.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(breaker.state).toBe('open');
  });
});
