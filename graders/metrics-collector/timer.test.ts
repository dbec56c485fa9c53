import { describe, expect, it } from 'vitest';
import { flushMicrotasks } from '@grader-kit';
import { Registry } from '@impl/metrics-collector/metrics';

/** A clock the test moves by hand, in milliseconds like performance.now(). */
function manualClock() {
  let ms = 1000;
  return { now: () => ms, advance: (by: number) => void (ms += by) };
}

function setup() {
  const clock = manualClock();
  const registry = new Registry({ clock: clock.now });
  const h = registry.histogram({ name: 'call_seconds', help: 'Call time.', labelNames: ['route', 'status'] });
  return { clock, h };
}

describe('timer', () => {
  it('startTimer records the seconds elapsed on the injected clock, under merged labels', () => {
    const { clock, h } = setup();
    const end = h.startTimer({ route: '/a' });
    clock.advance(250);
    expect(end({ status: 'ok' })).toBeCloseTo(0.25, 9);
    expect(h.count({ route: '/a', status: 'ok' })).toBe(1);
    expect(h.sum({ route: '/a', status: 'ok' })).toBeCloseTo(0.25, 9);
  });

  it('time(fn) returns what fn returns and records status "ok"', () => {
    const { clock, h } = setup();
    const result = h.time(() => {
      clock.advance(40);
      return 'done';
    }, { route: '/sync' });
    expect(result).toBe('done');
    expect(h.count({ route: '/sync', status: 'ok' })).toBe(1);
    expect(h.sum({ route: '/sync', status: 'ok' })).toBeCloseTo(0.04, 9);
  });

  it('time(fn) rethrows the same error and records status "error"', () => {
    const { clock, h } = setup();
    const boom = new Error('boom');
    expect(() =>
      h.time(() => {
        clock.advance(10);
        throw boom;
      }, { route: '/sync' }),
    ).toThrow(boom);
    expect(h.count({ route: '/sync', status: 'error' })).toBe(1);
    expect(h.sum({ route: '/sync', status: 'error' })).toBeCloseTo(0.01, 9);
    expect(h.count({ route: '/sync', status: 'ok' })).toBe(0);
  });

  it('an async fn is timed until its promise settles, and resolves to its value', async () => {
    const { clock, h } = setup();
    let finish!: (v: number) => void;
    const pending = h.time(() => new Promise<number>((resolve) => (finish = resolve)), { route: '/async' });
    await flushMicrotasks();
    expect(h.count({ route: '/async', status: 'ok' })).toBe(0);
    clock.advance(1500);
    finish(42);
    await expect(pending).resolves.toBe(42);
    expect(h.count({ route: '/async', status: 'ok' })).toBe(1);
    expect(h.sum({ route: '/async', status: 'ok' })).toBeCloseTo(1.5, 9);
  });

  it('a rejected promise passes its error through and records status "error"', async () => {
    const { clock, h } = setup();
    const failure = new Error('upstream down');
    const pending = h.time(async () => {
      await flushMicrotasks(2);
      clock.advance(300);
      throw failure;
    }, { route: '/async' });
    await expect(pending).rejects.toBe(failure);
    expect(h.count({ route: '/async', status: 'error' })).toBe(1);
    expect(h.sum({ route: '/async', status: 'error' })).toBeCloseTo(0.3, 9);
    expect(h.count({ route: '/async', status: 'ok' })).toBe(0);
  });

  it('timings feed the percentiles', () => {
    const { clock, h } = setup();
    for (let ms = 1; ms <= 100; ms++) {
      h.time(() => clock.advance(ms), { route: '/p' });
    }
    const p99 = h.percentile(0.99, { route: '/p', status: 'ok' });
    expect(Math.abs(p99 - 0.099) / 0.099).toBeLessThanOrEqual(0.01 + 1e-9);
  });
});
