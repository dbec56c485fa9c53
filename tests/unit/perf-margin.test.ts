// A latency verdict says how close it was, so a borderline pass or fail reads as one.
import { describe, expect, it } from 'vitest';
import { perfLine, perfMargin } from '../../src/core/format';
import type { PerfResult } from '../../src/core/report';

const perf = (observed: number, target: number, direction: 'max' | 'min'): PerfResult => ({ metric: 'ratio', observed, target, unit: '×', direction, samples: [observed] });

describe('the margin of a latency verdict', () => {
  it('is the headroom or the miss, relative to the target', () => {
    expect(perfMargin(perf(3, 4, 'max'))).toBe('25% to spare');
    expect(perfMargin(perf(4.2, 4, 'max'))).toBe('missed by 5.0%');
    expect(perfMargin(perf(0.5, 0.25, 'min'))).toBe('100% to spare');
    expect(perfMargin(perf(0.2, 0.25, 'min'))).toBe('missed by 20%');
    expect(perfMargin(perf(Number.NaN, 4, 'max'))).toBe('no margin');
  });
  it('is part of the line every report prints', () => {
    expect(perfLine(perf(4.08, 4, 'max'))).toBe('ratio: 4.08× (target ≤ 4.00×, 1 samples; missed by 2.0%)');
  });
  it('reads in Chinese for a Chinese report (feedback.md with --locale zh)', () => {
    expect(perfLine(perf(4.08, 4, 'max'), 'zh')).toBe('ratio：4.08×（目标 ≤ 4.00×，1 个样本；差 2.0%）');
    expect(perfMargin(perf(3, 4, 'max'), 'zh')).toBe('余量 25%');
  });
});
