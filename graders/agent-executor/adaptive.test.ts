import { describe, it, expect } from 'vitest';
import { FakeClock, checkPerf, interleavedRatio, workOnce } from '@grader-kit';
import { AdaptiveLimiter } from '@impl/agent-executor/adaptive';
import { fakeSleep, runOnClock } from './helpers';

describe('adaptive-concurrency', () => {
  /** Runs n calls through the limiter against a fake server; returns the limit after each completion. */
  const simulate = async (clock: FakeClock, limiter: AdaptiveLimiter, n: number, latency: (inFlight: number) => number) => {
    let serverInFlight = 0;
    const limits: number[] = [];
    const call = async () => {
      const ms = latency(++serverInFlight);
      await fakeSleep(clock, ms);
      serverInFlight--;
    };
    const all = Promise.all(Array.from({ length: n }, () => limiter.run(call).then(() => void limits.push(limiter.limit))));
    await runOnClock(clock, all, 5);
    return limits;
  };
  // 10 ms up to 8 requests in flight, then 20 ms more for each extra one.
  const congested = (inFlight: number) => (inFlight <= 8 ? 10 : 10 + 20 * (inFlight - 8));
  const options = (clock: FakeClock) => ({ targetLatencyMs: 15, max: 50, initial: 1, clock });

  it('settles near the knee: after 2k tasks the limit stays within [5, 12]', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter(options(clock));
    const limits = await simulate(clock, limiter, 2_000, congested);
    const settled = limits.slice(1_000);
    expect(Math.min(...settled)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...settled)).toBeLessThanOrEqual(12);
  });

  it('climbs back above 12 within 2k tasks once latency drops, and never passes max', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter(options(clock));
    await simulate(clock, limiter, 2_000, congested);
    const limits = await simulate(clock, limiter, 2_000, () => 10);
    expect(Math.max(...limits)).toBeGreaterThan(12);
    expect(Math.max(...limits)).toBeLessThanOrEqual(50);
    expect(limiter.limit).toBe(50);
  });

  it('a latency exactly at the target counts as good: the window grows', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ targetLatencyMs: 15, max: 50, initial: 2, clock });
    const limits = await simulate(clock, limiter, 200, () => 15);
    expect(Math.max(...limits)).toBeGreaterThan(2);
    expect(Math.min(...limits)).toBeGreaterThanOrEqual(2);
  });

  it('never drops below min, and keeps making progress when every call is slow', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ targetLatencyMs: 15, max: 20, initial: 20, min: 2, clock });
    const limits = await simulate(clock, limiter, 300, () => 100);
    expect(limits).toHaveLength(300);
    expect(Math.min(...limits)).toBe(2);
  });

  it('never has more tasks in flight than the limit allowed when they started', async () => {
    const clock = new FakeClock();
    const limiter = new AdaptiveLimiter({ targetLatencyMs: 1_000, max: 6, initial: 3, clock });
    let worst = 0;
    const call = async () => {
      worst = Math.max(worst, limiter.inFlight - limiter.limit);
      await fakeSleep(clock, 10);
    };
    await runOnClock(clock, Promise.all(Array.from({ length: 200 }, () => limiter.run(call))));
    expect(worst).toBeLessThanOrEqual(0);
    expect(limiter.inFlight).toBe(0);
  });

  it('starts at initial, kept within [min, max], or at min when no initial is given', () => {
    expect(new AdaptiveLimiter({ targetLatencyMs: 10, max: 50, initial: 7 }).limit).toBe(7);
    expect(new AdaptiveLimiter({ targetLatencyMs: 10, max: 50, min: 3 }).limit).toBe(3);
    expect(new AdaptiveLimiter({ targetLatencyMs: 10, max: 10, initial: 25 }).limit).toBe(10);
    expect(new AdaptiveLimiter({ targetLatencyMs: 10, max: 10, min: 4, initial: 2 }).limit).toBe(4);
  });

  it('rejects min below 1, a fractional min, max below min and a decrease outside (0, 1) with RangeError', () => {
    const invalid = [{ max: 5, min: 0 }, { max: 5, min: 1.5 }, { max: 3, min: 4 }, { max: 5, decrease: 0 }, { max: 5, decrease: 1 }, { max: 5, decrease: 1.2 }];
    for (const bad of invalid) expect(() => new AdaptiveLimiter({ targetLatencyMs: 10, ...bad }), JSON.stringify(bad)).toThrow(RangeError);
    expect(new AdaptiveLimiter({ targetLatencyMs: 10, max: 4, min: 4, decrease: 0.5 }).limit).toBe(4);
  });
});

describe('overhead-scaling', () => {
  /**
   * Per handoff, in ns: a limiter held at 1 in flight with `waiting` callers queued behind a
   * blocker; once it opens, each finished call queues a new one, so the queue stays that long
   * for `handoffs` more calls. 40k waiting is far past the ~16k elements where V8 makes
   * Array#shift O(n); a moving head index stays O(1). Steady state, so the heap barely grows.
   */
  const nsPerHandoff = async (waiting: number, handoffs: number) => {
    const limiter = new AdaptiveLimiter({ targetLatencyMs: 1, max: 1, clock: new FakeClock() });
    const total = waiting + handoffs;
    let issued = 0;
    let completed = 0;
    let allDone!: () => void;
    const done = new Promise<void>((resolve) => (allDone = resolve));
    const onDone = () => {
      if (++completed === total) allDone();
      else if (issued < total) issue();
    };
    const issue = () => {
      issued++;
      void limiter.run(() => 0).then(onDone);
    };
    let open!: () => void;
    const blocker = limiter.run(() => new Promise<void>((resolve) => (open = resolve)));
    for (let i = 0; i < waiting; i++) issue();
    const ms = await workOnce(async () => {
      open();
      await blocker;
      await done;
    });
    return (ms * 1e6) / total;
  };

  it('a queued caller costs about the same with 40k waiting as with 4k', async ({ task }) => {
    await nsPerHandoff(40_000, 20_000);
    await nsPerHandoff(4_000, 20_000); // warm-up
    await checkPerf(task, {
      metric: 'ns per handoff, 40k waiting ÷ 4k waiting', target: 6, unit: '×', direction: 'max',
      measure: () => interleavedRatio(() => nsPerHandoff(40_000, 20_000), () => nsPerHandoff(4_000, 20_000), 5),
    });
  }, 60_000);
});
