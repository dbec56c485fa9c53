// Histogram observe: the lab's reference registry against prom-client 15, both with
// one label set, on 1M seeded lognormal latencies (median 50 ms, σ 0.8). Then the
// reference's p99 against the exact nearest-rank p99 of the same data.
// Targets: observe ≥ 5× faster than prom-client; p99 within 1% of exact.
import client from 'prom-client';
import { Registry } from '../solutions/metrics-collector/metrics';
import { seededRandom } from '../src/grader-kit/index';
import { compare, sized, timed } from './lib';
import type { SuiteResult } from './results';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const LABELS = { route: '/api/items', method: 'GET' };

function lognormalLatencies(n: number): Float64Array {
  const random = seededRandom(5);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    out[i] = 0.05 * Math.exp(0.8 * normal);
  }
  return out;
}

export default async function metricsBench(): Promise<SuiteResult[]> {
  const N = sized(1_000_000);
  const data = lognormalLatencies(N);

  const reference = () => {
    const h = new Registry().histogram({ name: 'latency_seconds', help: 'x', labelNames: ['route', 'method'], buckets: BUCKETS });
    return timed(N, () => {
      for (let i = 0; i < N; i++) h.observe(LABELS, data[i]);
    });
  };
  const promClient = () => {
    const h = new client.Histogram({ name: 'latency_seconds', help: 'x', labelNames: ['route', 'method'], buckets: BUCKETS, registers: [] });
    return timed(N, () => {
      for (let i = 0; i < N; i++) h.observe(LABELS, data[i]);
    });
  };

  const suite = await compare({
    id: 'metrics-collector/histogram-observe',
    lab: 'metrics-collector',
    title: { en: 'Histogram observe, one label set, 1M lognormal latencies', zh: '直方图 observe：一组标签，100 万个对数正态延迟' },
    about: {
      en: 'Both record into Prometheus buckets under the same labels; the reference also keeps log-spaced buckets for percentiles.',
      zh: '两者都在同一组标签下记入 Prometheus 桶；参考实现还多维护一组对数间隔的桶，用来算百分位数。',
    },
  }, [
    { name: 'reference (log buckets + percentiles)', nameZh: '参考实现（对数桶 + 百分位数）', role: 'reference', run: reference },
    { name: 'prom-client 15.1.3 Histogram', role: 'library', run: promClient },
  ]);
  const speedup = suite.variants[1].ratio;
  console.log(`observe: reference is ${speedup.toFixed(1)}× faster than prom-client (target ≥ 5×) ${speedup >= 5 ? 'met' : 'MISSED'}`);

  const h = new Registry().histogram({ name: 'check', help: 'x' });
  for (const v of data) h.observe(v);
  const sorted = Float64Array.from(data).sort();
  for (const q of [0.5, 0.95, 0.99]) {
    const exact = sorted[Math.max(1, Math.ceil(q * N)) - 1];
    const answer = h.percentile(q);
    const error = Math.abs(answer - exact) / exact;
    console.log(`p${q * 100}: reference ${(answer * 1000).toFixed(3)} ms, exact ${(exact * 1000).toFixed(3)} ms, error ${(error * 100).toFixed(3)}% (target ≤ 1%) ${error <= 0.01 ? 'met' : 'MISSED'}`);
  }
  return [suite];
}
