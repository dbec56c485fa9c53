// The grader kit's fairness machinery: the work clock and retry on doubt.
import { describe, expect, it } from 'vitest';
import type { Test } from '@vitest/runner';
import { checkPerf, nsPerOp, PerfTargetError, workClock } from '../../src/grader-kit/index';

const fakeTest = () => ({ meta: {} }) as unknown as Test;
/** A measure() that returns the given rounds of samples in turn, counting calls. */
function rounds(...values: number[][]) {
  let calls = 0;
  const measure = async () => {
    const samples = values[calls++];
    return { ratio: samples[samples.length >> 1], samples };
  };
  return { measure, calls: () => calls };
}
const target = { metric: 'x', target: 4, unit: '×', direction: 'max' as const };

describe('workClock', () => {
  it('is the CPU clock of this process in Node, and advances with work', () => {
    expect(workClock.kind()).toBe('cpu');
    const start = workClock.now();
    let x = 0;
    while (workClock.now() - start < 2) x++;
    expect(x).toBeGreaterThan(0);
  });

  it('nsPerOp reports a positive cost per call', () => {
    let sink = 0;
    expect(nsPerOp((i) => (sink += i), { sampleMs: 5 })).toBeGreaterThan(0);
  });
});

describe('checkPerf', () => {
  it('a clear pass is measured once', async () => {
    const r = rounds([1, 1, 1]);
    const test = fakeTest();
    await checkPerf(test, { ...target, measure: r.measure });
    expect(r.calls()).toBe(1);
    expect(test.meta.perf).toMatchObject({ observed: 1, samples: [1, 1, 1] });
  });

  it('a far miss fails at once: a slow implementation gets no second chance', async () => {
    const r = rounds([40, 40, 40]);
    await expect(checkPerf(fakeTest(), { ...target, measure: r.measure })).rejects.toThrow(PerfTargetError);
    expect(r.calls()).toBe(1);
  });

  it('a narrow miss is measured again and judged on all samples', async () => {
    const r = rounds([5, 5, 5], [2, 2, 2, 2]);
    const test = fakeTest();
    await checkPerf(test, { ...target, measure: r.measure });
    expect(r.calls()).toBe(2);
    expect(test.meta.perf).toMatchObject({ observed: 2, samples: [5, 5, 5, 2, 2, 2, 2] });
  });

  it('a narrow miss that stays a miss fails after the last round, saying so', async () => {
    const r = rounds([5, 5, 5], [5, 5, 5], [5, 5, 5], [1, 1, 1]);
    await expect(checkPerf(fakeTest(), { ...target, measure: r.measure })).rejects.toThrow('median of 9 samples over 3 measurements');
    expect(r.calls()).toBe(3);
  });

  it('a minimum target doubts by division', async () => {
    const r = rounds([0.2, 0.2, 0.2], [0.3, 0.3, 0.3, 0.3]);
    await checkPerf(fakeTest(), { metric: 'x', target: 0.25, unit: '×', direction: 'min', measure: r.measure });
    expect(r.calls()).toBe(2);
  });
});
