import { describe, expect, it } from 'vitest';
import { expectPerf, seededRandom } from '@grader-kit';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Registry } from '@impl/metrics-collector/metrics';
import { lognormal } from './samples';

// Memory is a Node-only measurement: the heap is read after a full collection, so what is
// counted is what the histogram keeps, not garbage waiting to be collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapAfterCollection(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('memory-per-observation', () => {
  it('a histogram keeps no memory per observation: 1M observations cost (almost) nothing more than 1000', ({ task }) => {
    const N = 1_000_000;
    const values = lognormal(N, 0.05, 0.8, seededRandom(9));
    const h = new Registry().histogram({ name: 'latency_seconds', help: 'x' });
    for (let i = 0; i < 1000; i++) h.observe(values[i]); // first magnitudes: lazily built structures exist now
    const before = heapAfterCollection();
    for (let i = 0; i < N; i++) h.observe(values[i]);
    const bytesPerObservation = (heapAfterCollection() - before) / N;
    // Used after the measurement, so the histogram is alive while the heap is read.
    expect(h.count()).toBe(N + 1000);
    expectPerf(task, { metric: 'heap kept per observation', observed: Math.max(0, bytesPerObservation), target: 1, unit: 'bytes', direction: 'max' });
  });
});
