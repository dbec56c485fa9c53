// The grader kit's fairness machinery: the work clock and retry on doubt.
import { describe, expect, it } from 'vitest';
import type { Test } from '@vitest/runner';
import { checkPerf, interleavedRatio, nsPerOp, PerfTargetError, workClock } from '../../src/grader-kit/index';

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

  /** Pairs whose ratio a/b is the next value of `ratios`, counting the pairs taken. */
  function pairsOf(ratios: number[]) {
    let taken = 0;
    const a = () => ratios[taken++];
    return { a, b: () => 1, taken: () => taken };
  }

  it('stops measuring after three pairs that all beat the target at least twice over', async () => {
    const p = pairsOf([1, 1.5, 2, 9, 9, 9, 9]);
    const test = fakeTest();
    await checkPerf(test, { ...target, measure: () => interleavedRatio(p.a, p.b, 7) });
    expect(p.taken()).toBe(3);
    expect(test.meta.perf).toMatchObject({ observed: 1.5, samples: [1, 1.5, 2] });
  });

  it('takes every pair when one early pair is neither clearly inside the target nor clearly beyond it', async () => {
    const close = pairsOf([1, 2.5, 1, 1, 1, 1, 1]);
    await checkPerf(fakeTest(), { ...target, measure: () => interleavedRatio(close.a, close.b, 7) });
    expect(close.taken()).toBe(7);
    const missing = pairsOf([6, 9, 5, 40, 40, 40, 40]);
    await expect(checkPerf(fakeTest(), { ...target, measure: () => interleavedRatio(missing.a, missing.b, 7) })).rejects.toThrow(PerfTargetError);
    expect(missing.taken()).toBe(7);
  });

  it('stops after three pairs that all miss by more than the doubt factor, and fails at once', async () => {
    const slow = pairsOf([40, 9, 12, 1, 1, 1, 1]);
    const test = fakeTest();
    await expect(checkPerf(test, { ...target, measure: () => interleavedRatio(slow.a, slow.b, 7) })).rejects.toThrow(PerfTargetError);
    expect(slow.taken()).toBe(3);
    expect(test.meta.perf).toMatchObject({ observed: 12, samples: [40, 9, 12] });
  });

  it('a minimum target stops early only when every pair is at least twice the target', async () => {
    const p = pairsOf([0.6, 0.7, 0.5, 0.1, 0.1]);
    await checkPerf(fakeTest(), { metric: 'x', target: 0.25, unit: '×', direction: 'min', measure: () => interleavedRatio(p.a, p.b, 5) });
    expect(p.taken()).toBe(3);
  });

  it('outside checkPerf, interleavedRatio takes every pair it is asked for', async () => {
    const p = pairsOf([1, 1, 1, 1, 1]);
    await interleavedRatio(p.a, p.b, 5);
    expect(p.taken()).toBe(5);
  });
});
