import { describe, it, expect, vi } from 'vitest';
import { FakeClock, checkPerf, expectPerf, interleavedRatio, workOnce } from '@grader-kit';
import { runAll, TimeoutError, type Task } from '@impl/agent-executor/executor';
import { InFlight, expectInstanceOf, fakeSleep, runOnClock } from './helpers';

/** n tasks that each sleep `ms(i)` of fake time and return i, counted by `gauge`. */
const sleepers = (clock: FakeClock, n: number, ms: (i: number) => number, gauge = new InFlight()): Task<number>[] =>
  Array.from({ length: n }, (_, i) => async () => {
    gauge.enter();
    await fakeSleep(clock, ms(i));
    gauge.leave();
    return i;
  });

const values = <T>(results: { ok: boolean; value?: T }[]) => results.map((r) => (r.ok ? r.value : 'failed'));

describe('bounded-concurrency', () => {
  it('runs 200 tasks with exactly K = 4 in flight at the peak, never more', async () => {
    const clock = new FakeClock();
    const gauge = new InFlight();
    const tasks = sleepers(clock, 200, (i) => 1 + ((i * 7) % 13), gauge);
    const { value } = await runOnClock(clock, runAll(tasks, { concurrency: 4, clock }));
    expect(gauge.max).toBe(4);
    expect(value).toHaveLength(200);
    expect(value.every((r) => r.ok)).toBe(true);
  });

  it('keeps one at a time with K = 1, and starts all at once with K = Infinity', async () => {
    const clock = new FakeClock();
    const serial = new InFlight();
    await runOnClock(clock, runAll(sleepers(clock, 20, () => 5, serial), { concurrency: 1, clock }));
    expect(serial.max).toBe(1);
    const unbounded = new InFlight();
    await runOnClock(clock, runAll(sleepers(clock, 50, () => 5, unbounded), { concurrency: Infinity, clock }));
    expect(unbounded.max).toBe(50);
  });

  it('handles K larger than the number of tasks, and no tasks at all', async () => {
    const clock = new FakeClock();
    const gauge = new InFlight();
    const { value } = await runOnClock(clock, runAll(sleepers(clock, 3, () => 2, gauge), { concurrency: 10, clock }));
    expect(gauge.max).toBe(3);
    expect(values(value)).toEqual([0, 1, 2]);
    await expect(runAll([], { concurrency: 4 })).resolves.toEqual([]);
  });

  it('starts the next task as soon as a slot frees, not when a whole batch ends', async () => {
    const clock = new FakeClock();
    const started: number[] = [];
    // One slow task and many quick ones: with batches of K, the quick ones would wait for the slow one.
    const tasks: Task<number>[] = Array.from({ length: 9 }, (_, i) => async () => {
      started.push(clock.now());
      await fakeSleep(clock, i === 0 ? 100 : 10);
      return i;
    });
    await runOnClock(clock, runAll(tasks, { concurrency: 3, clock }));
    expect(started).toEqual([0, 0, 0, 10, 10, 20, 20, 30, 30]);
  });
});

describe('input-order', () => {
  it('returns results in input order when tasks finish in reverse', async () => {
    const clock = new FakeClock();
    const tasks = sleepers(clock, 12, (i) => (12 - i) * 3);
    const { value } = await runOnClock(clock, runAll(tasks, { concurrency: 5, clock }));
    expect(values(value)).toEqual([...Array(12).keys()]);
  });

  it('returns results in input order when finishing order is scrambled', async () => {
    const clock = new FakeClock();
    const tasks = sleepers(clock, 60, (i) => 1 + ((i * 37) % 17));
    const { value } = await runOnClock(clock, runAll(tasks, { concurrency: 7, clock }));
    expect(values(value)).toEqual([...Array(60).keys()]);
  });
});

describe('errors-as-values', () => {
  it('turns sync throws and rejections into { ok: false, error } and keeps going', async () => {
    const boom = new Error('sync boom');
    const later = new Error('async boom');
    let ran = 0;
    const tasks: Task<unknown>[] = [
      () => (ran++, 'plain value'),
      () => {
        ran++;
        throw boom;
      },
      async () => {
        ran++;
        throw later;
      },
      () => (ran++, Promise.reject('a string')),
      async () => (ran++, 42),
    ];
    const results = await runAll(tasks, { concurrency: 2 });
    expect(ran).toBe(5);
    expect(results).toEqual([
      { ok: true, value: 'plain value' },
      { ok: false, error: boom },
      { ok: false, error: later },
      { ok: false, error: 'a string' },
      { ok: true, value: 42 },
    ]);
  });

  it('resolves even when every task fails', async () => {
    const tasks: Task<never>[] = Array.from({ length: 10 }, (_, i) => () => Promise.reject(new Error(`no ${i}`)));
    const results = await runAll(tasks, { concurrency: 3 });
    expect(results.map((r) => (r.ok ? 'ok' : (r.error as Error).message))).toEqual(tasks.map((_, i) => `no ${i}`));
  });
});

describe('invalid-concurrency', () => {
  for (const concurrency of [0, -1, NaN, 2.5]) {
    it(`rejects concurrency ${concurrency} with a RangeError and runs nothing`, async () => {
      let ran = 0;
      const attempt = Promise.resolve().then(() => runAll([() => ran++], { concurrency }));
      await expect(attempt).rejects.toThrow(RangeError);
      expect(ran).toBe(0);
    });
  }
});

describe('timeout-and-cancel', () => {
  for (const timeoutMs of [0, -10]) {
    it(`rejects timeoutMs ${timeoutMs} with a RangeError and runs nothing`, async () => {
      let ran = 0;
      const attempt = Promise.resolve().then(() => runAll([() => ran++], { concurrency: 1, timeoutMs, clock: new FakeClock() }));
      await expect(attempt).rejects.toThrow(RangeError);
      expect(ran).toBe(0);
    });
  }

  it('fails a hung task with TimeoutError at timeoutMs, aborts its signal and frees its slot', async () => {
    const clock = new FakeClock();
    let hungSignal: AbortSignal | undefined;
    let quickStartedAt = NaN;
    const tasks: Task<string>[] = [
      (signal) => {
        hungSignal = signal;
        return new Promise<string>(() => {}); // never settles and ignores the signal
      },
      async () => {
        quickStartedAt = clock.now();
        await fakeSleep(clock, 10);
        return 'quick';
      },
    ];
    const { value, at } = await runOnClock(clock, runAll(tasks, { concurrency: 1, timeoutMs: 50, clock }));
    expect(value[0].ok).toBe(false);
    expectInstanceOf(!value[0].ok && value[0].error, TimeoutError);
    expect(hungSignal?.aborted).toBe(true);
    expectInstanceOf(hungSignal?.reason, TimeoutError);
    expect(quickStartedAt).toBe(50);
    expect(value[1]).toEqual({ ok: true, value: 'quick' });
    expect(at).toBe(60);
  });

  it('clears the timers of tasks that finish in time', async () => {
    const clock = new FakeClock();
    const { value } = await runOnClock(clock, runAll(sleepers(clock, 10, () => 5), { concurrency: 3, timeoutMs: 1_000, clock }));
    expect(value.every((r) => r.ok)).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('leaves no listener on the caller\'s signal once runAll has settled', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    // Watch what is added to and removed from the long-lived signal: a listener left per task piles up.
    const live = new Set<unknown>();
    const add = controller.signal.addEventListener.bind(controller.signal);
    const remove = controller.signal.removeEventListener.bind(controller.signal);
    vi.spyOn(controller.signal, 'addEventListener').mockImplementation((type, listener, options) => {
      if (type === 'abort') live.add(listener);
      add(type, listener, options);
    });
    vi.spyOn(controller.signal, 'removeEventListener').mockImplementation((type, listener, options) => {
      if (type === 'abort') live.delete(listener);
      remove(type, listener, options);
    });
    const tasks: Task<number>[] = Array.from({ length: 6 }, (_, i) => async () => {
      await fakeSleep(clock, 5 + i);
      return i;
    });
    await runOnClock(clock, runAll(tasks, { concurrency: 3, timeoutMs: 1_000, signal: controller.signal, clock }));
    expect(live.size).toBe(0);
  });

  it('an aborted signal stops unstarted tasks and ends running ones with the abort reason', async () => {
    const clock = new FakeClock();
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    let started = 0;
    const seen: AbortSignal[] = [];
    const tasks: Task<number>[] = Array.from({ length: 10 }, (_, i) => async (signal) => {
      started++;
      seen.push(signal);
      await fakeSleep(clock, 100);
      return i;
    });
    const run = runAll(tasks, { concurrency: 2, signal: controller.signal, clock });
    clock.setTimeout(() => controller.abort(reason), 150);
    const { value, at } = await runOnClock(clock, run);
    expect(at).toBe(150);
    expect(started).toBe(4);
    expect(values(value.slice(0, 2))).toEqual([0, 1]);
    for (const r of value.slice(2)) expect(r).toEqual({ ok: false, error: reason });
    expect(seen.slice(2).every((s) => s.aborted)).toBe(true);
  });
});

describe('speedup', () => {
  const makespan = async (concurrency: number) => {
    const clock = new FakeClock();
    let lastFinish = 0;
    const tasks: Task<void>[] = Array.from({ length: 40 }, () => async () => {
      await fakeSleep(clock, 20);
      lastFinish = Math.max(lastFinish, clock.now());
    });
    const { at } = await runOnClock(clock, runAll(tasks, { concurrency, clock }));
    expect(at).toBe(lastFinish);
    return lastFinish;
  };

  it('finishes 40 tasks of 20 ms at concurrency 4 in exactly 200 ms of fake time', async () => {
    expect(await makespan(4)).toBe(200);
  });

  it('is at least 5× faster than serial for I/O-bound tasks at concurrency 8', async ({ task }) => {
    const serial = await makespan(1);
    const concurrent = await makespan(8);
    expect(serial).toBe(800);
    expectPerf(task, { metric: 'serial makespan ÷ concurrent makespan (40 × 20 ms, K = 8)', observed: serial / concurrent, target: 5, unit: '×', direction: 'min' });
  });
});

describe('overhead-scaling', () => {
  const noop: Task<number> = () => 1;
  /** ns per task over `rounds` runs of `n` tasks: equal total work on both sides keeps samples comparable. */
  const nsPerTask = async (n: number, rounds: number, run: (tasks: Task<number>[]) => Promise<unknown>) => {
    const tasks = new Array<Task<number>>(n).fill(noop);
    const ms = await workOnce(async () => {
      for (let r = 0; r < rounds; r++) await run(tasks);
    });
    return (ms * 1e6) / (n * rounds);
  };
  const bounded = (tasks: Task<number>[]) => runAll(tasks, { concurrency: 8 });
  it('costs about the same per task for 100k tasks as for 10k', async ({ task }) => {
    await nsPerTask(100_000, 1, bounded); // warm-up: lets the heap grow to fit 100k results before timing
    await checkPerf(task, {
      metric: 'ns per task, one run of 100k ÷ ten runs of 10k', target: 3, unit: '×', direction: 'max',
      measure: () => interleavedRatio(() => nsPerTask(100_000, 1, bounded), () => nsPerTask(10_000, 10, bounded), 9),
    });
  });

  it('costs at most 15× an unbounded Promise.all per task', async ({ task }) => {
    const signal = new AbortController().signal;
    const unbounded = (tasks: Task<number>[]) => Promise.all(tasks.map(async (t) => t(signal)));
    await nsPerTask(10_000, 2, unbounded);
    await checkPerf(task, {
      metric: 'ns per task, runAll with K = 8 ÷ unbounded Promise.all', target: 15, unit: '×', direction: 'max',
      measure: () => interleavedRatio(() => nsPerTask(10_000, 3, bounded), () => nsPerTask(10_000, 3, unbounded), 9),
    });
  });
});
