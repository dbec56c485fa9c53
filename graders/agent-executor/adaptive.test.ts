import { describe, it, expect } from 'vitest';
import { FakeClock } from '@grader-kit';
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
});
