import { describe, it, expect } from 'vitest';
import { FakeClock } from '@grader-kit';
import { runAll, type Task } from '@impl/agent-executor/executor';
import { RecordingSink, fakeSleep, runOnClock } from './helpers';

const TASKS = 'executor_tasks_total';
const DURATION = 'executor_task_duration_seconds';
const RETRIES = 'executor_retries_total';

/** A task that sleeps `ms` of fake time, then returns `value` or throws it when it is an Error. */
const after = (clock: FakeClock, ms: number, value: unknown): Task<unknown> => async () => {
  await fakeSleep(clock, ms);
  if (value instanceof Error) throw value;
  return value;
};
const hang: Task<never> = () => new Promise<never>(() => {});
/** Expects each list of seconds to match, to the nanosecond. */
const expectSeconds = (actual: Record<string, number[]>, expected: Record<string, number[]>) => {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [status, list] of Object.entries(expected)) {
    expect(actual[status], status).toHaveLength(list.length);
    list.forEach((s, i) => expect(actual[status][i], `${status} #${i}`).toBeCloseTo(s, 9));
  }
};

describe('metrics-sink', () => {
  it('counts each task once, by how it ended, and observes its duration in seconds', async () => {
    const clock = new FakeClock(5_000);
    const metrics = new RecordingSink();
    const tasks = [after(clock, 10, 'a'), after(clock, 20, new Error('broken')), hang, () => 'instant', after(clock, 40, 'b')];
    await runOnClock(clock, runAll(tasks, { concurrency: 5, timeoutMs: 50, clock, metrics }));
    expect(metrics.counts(TASKS)).toEqual({ ok: 3, error: 1, timeout: 1 });
    expectSeconds(metrics.observations(DURATION), { ok: [0, 0.01, 0.04], error: [0.02], timeout: [0.05] });
    expect(metrics.counts(RETRIES)).toEqual({});
    expect(metrics.calls.every((c) => [TASKS, DURATION].includes(c.name))).toBe(true);
  });

  it('a cancelled task counts as cancelled: running ones with their time so far, unstarted ones with no duration', async () => {
    const clock = new FakeClock();
    const metrics = new RecordingSink();
    const controller = new AbortController();
    const tasks = Array.from({ length: 5 }, (_, i) => after(clock, 100, i));
    clock.setTimeout(() => controller.abort(new Error('stop')), 150);
    await runOnClock(clock, runAll(tasks, { concurrency: 2, signal: controller.signal, clock, metrics }));
    // Tasks 0 and 1 finish at 100; 2 and 3 start then and are cut off at 150; 4 never starts.
    expect(metrics.counts(TASKS)).toEqual({ ok: 2, cancelled: 3 });
    expectSeconds(metrics.observations(DURATION), { ok: [0.1, 0.1], cancelled: [0.05, 0.05] });
  });

  it('a task\'s duration runs from its first attempt to its result, retry waits included; each retry is counted', async () => {
    const clock = new FakeClock();
    const metrics = new RecordingSink();
    let calls = 0;
    const flaky: Task<string> = async () => {
      await fakeSleep(clock, 5);
      if (++calls < 3) throw new Error('flaky');
      return 'third time';
    };
    const tasks: Task<unknown>[] = [flaky, after(clock, 5, new Error('always')), after(clock, 5, 'first time'), hang];
    const retry = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, random: () => 1 };
    await runOnClock(clock, runAll(tasks, { concurrency: 4, timeoutMs: 20, retry, clock, metrics }));
    // flaky and always: attempts at 0, 15 and 40, each 5 ms long; the hung task times out at 20, 50 and 90.
    expect(metrics.counts(TASKS)).toEqual({ ok: 2, error: 1, timeout: 1 });
    expectSeconds(metrics.observations(DURATION), { ok: [0.005, 0.045], error: [0.045], timeout: [0.09] });
    expect(metrics.counts(RETRIES)).toEqual({ '': 6 });
    for (const c of metrics.calls.filter((c) => c.name === RETRIES)) expect(c.labels).toEqual({});
  });

  it('every call gets labels of its own: a sink may keep them', async () => {
    const clock = new FakeClock();
    const metrics = new RecordingSink();
    const tasks = [after(clock, 1, 'x'), after(clock, 2, new Error('y')), hang, after(clock, 3, 'z')];
    await runOnClock(clock, runAll(tasks, { concurrency: 2, timeoutMs: 10, clock, metrics }));
    expect(metrics.calls.length).toBeGreaterThanOrEqual(8);
    for (const call of metrics.calls) expect(JSON.stringify(call.labels), `${call.kind} ${call.name}`).toBe(call.atCall);
  });

  it('without a sink, does not read the clock once per task', async () => {
    const clock = new FakeClock();
    let reads = 0;
    // The executor's clock counts its reads; the tasks sleep on the fake clock underneath, which is not counted.
    const counted = { now: () => (reads++, clock.now()), setTimeout: clock.setTimeout, clearTimeout: clock.clearTimeout };
    const tasks = Array.from({ length: 40 }, (_, i) => after(clock, 1 + (i % 5), i));
    const { value } = await runOnClock(clock, runAll(tasks, { concurrency: 4, clock: counted }));
    expect(value.every((r) => r.ok)).toBe(true);
    expect(reads).toBeLessThan(tasks.length);
  });
});
