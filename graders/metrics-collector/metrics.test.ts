import { describe, expect, it } from 'vitest';
import { seededRandom } from '@grader-kit';
import { Registry } from '@impl/metrics-collector/metrics';
import { parseExposition, sampleValue } from './exposition';
import { exactPercentile, lognormal, relativeError, sortedCopy } from './samples';

const within1Percent = (actual: number, expected: number) =>
  expect(relativeError(actual, expected), `${actual} vs exact ${expected}`).toBeLessThanOrEqual(0.01 + 1e-9);

describe('counter', () => {
  it('inc() adds 1 and inc(n) adds n', () => {
    const c = new Registry().counter({ name: 'jobs_total', help: 'Jobs run.' });
    expect(c.get()).toBe(0);
    c.inc();
    c.inc(2.5);
    c.inc(0);
    expect(c.get()).toBe(3.5);
  });

  it('a counter only goes up: negative, NaN and infinite increments throw RangeError', () => {
    const c = new Registry().counter({ name: 'jobs_total', help: 'Jobs run.' });
    c.inc(4);
    expect(() => c.inc(-1)).toThrow(RangeError);
    expect(() => c.inc(Number.NaN)).toThrow(RangeError);
    expect(() => c.inc(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(c.get()).toBe(4);
  });

  it('each label set counts on its own, and an unused one reads 0', () => {
    const c = new Registry().counter({ name: 'http_requests_total', help: 'Requests.', labelNames: ['method', 'code'] });
    c.inc({ method: 'GET', code: '200' });
    c.inc({ method: 'GET', code: '200' }, 2);
    c.inc({ method: 'POST', code: '500' });
    expect(c.get({ method: 'GET', code: '200' })).toBe(3);
    expect(c.get({ method: 'POST', code: '500' })).toBe(1);
    expect(c.get({ method: 'PUT', code: '200' })).toBe(0);
    expect(() => c.labels({ method: 'GET', code: '200' }).inc(-2)).toThrow(RangeError);
  });

  it('a bound child from labels() updates the same series', () => {
    const c = new Registry().counter({ name: 'hits_total', help: 'Hits.', labelNames: ['cache'] });
    const l1 = c.labels({ cache: 'l1' });
    l1.inc();
    l1.inc(4);
    c.inc({ cache: 'l1' });
    expect(l1.get()).toBe(6);
    expect(c.get({ cache: 'l1' })).toBe(6);
  });

  it('reset(labels) zeroes one series; reset() zeroes all, and children keep working', () => {
    const c = new Registry().counter({ name: 'hits_total', help: 'Hits.', labelNames: ['cache'] });
    const l1 = c.labels({ cache: 'l1' });
    l1.inc(3);
    c.inc({ cache: 'l2' }, 5);
    c.reset({ cache: 'l1' });
    expect([c.get({ cache: 'l1' }), c.get({ cache: 'l2' })]).toEqual([0, 5]);
    c.reset();
    expect(c.get({ cache: 'l2' })).toBe(0);
    l1.inc();
    expect(c.get({ cache: 'l1' })).toBe(1);
  });
});

describe('gauge', () => {
  it('set, inc and dec move the value both ways, negatives included', () => {
    const g = new Registry().gauge({ name: 'temperature_celsius', help: 'Temperature.' });
    expect(g.get()).toBe(0);
    g.set(-12.5);
    g.inc();
    g.inc(2);
    g.dec();
    g.dec(-0.5);
    expect(g.get()).toBe(-10);
    g.dec(20);
    expect(g.get()).toBe(-30);
  });

  it('labelled gauges and their children keep separate values', () => {
    const g = new Registry().gauge({ name: 'queue_depth', help: 'Items waiting.', labelNames: ['queue'] });
    g.set({ queue: 'a' }, 7);
    g.inc({ queue: 'a' }, 3);
    g.dec({ queue: 'b' }, 2);
    const c = g.labels({ queue: 'c' });
    c.set(1);
    c.inc();
    c.dec(5);
    expect([g.get({ queue: 'a' }), g.get({ queue: 'b' }), c.get(), g.get({ queue: 'zzz' })]).toEqual([10, -2, -3, 0]);
    g.reset({ queue: 'a' });
    expect(g.get({ queue: 'a' })).toBe(0);
    expect(g.get({ queue: 'b' })).toBe(-2);
  });
});

describe('labels', () => {
  it('registering a name twice throws, whatever the type', () => {
    const r = new Registry();
    r.counter({ name: 'dup', help: 'x' });
    expect(() => r.counter({ name: 'dup', help: 'x' })).toThrow();
    expect(() => r.gauge({ name: 'dup', help: 'x' })).toThrow();
    expect(() => r.histogram({ name: 'dup', help: 'x' })).toThrow();
  });

  it('missing, extra and non-string labels throw', () => {
    const c = new Registry().counter({ name: 'req_total', help: 'x', labelNames: ['method', 'code'] });
    expect(() => c.inc({ method: 'GET' })).toThrow();
    expect(() => c.inc({ method: 'GET', code: '200', extra: 'y' })).toThrow();
    expect(() => c.inc({ method: 'GET', code: 200 } as unknown as Record<string, string>)).toThrow();
    expect(() => c.inc()).toThrow();
    expect(() => c.labels({ code: '200' })).toThrow();
    const plain = new Registry().counter({ name: 'plain_total', help: 'x' });
    expect(() => plain.inc({ method: 'GET' })).toThrow();
    expect(c.get({ method: 'GET', code: '200' })).toBe(0);
  });

  it('the key order of a labels object does not matter', () => {
    const c = new Registry().counter({ name: 'req_total', help: 'x', labelNames: ['method', 'code'] });
    c.inc({ method: 'GET', code: '200' });
    c.inc({ code: '200', method: 'GET' });
    expect(c.get({ code: '200', method: 'GET' })).toBe(2);
  });

  it('label values that join to the same text stay different series', () => {
    const c = new Registry().counter({ name: 'req_total', help: 'x', labelNames: ['a', 'b'] });
    c.inc({ a: '1,2', b: '3' });
    c.inc({ a: '1', b: '2,3' });
    c.inc({ a: 'x|', b: '' });
    c.inc({ a: 'x', b: '|' });
    c.inc({ a: '1\u00002', b: '3' });
    c.inc({ a: '1', b: '2\u00003' });
    expect(c.get({ a: '1,2', b: '3' })).toBe(1);
    expect(c.get({ a: '1', b: '2,3' })).toBe(1);
    expect(c.get({ a: 'x', b: '|' })).toBe(1);
    expect(c.get({ a: '1', b: '2\u00003' })).toBe(1);
  });

  it.each(['', '1abc', 'a-b', 'a b', 'é'])('metric name %j is rejected', (name) => {
    expect(() => new Registry().counter({ name, help: 'x' })).toThrow();
  });

  it('names with colons and underscores are fine', () => {
    const r = new Registry();
    expect(() => r.counter({ name: 'job:requests:rate5m', help: 'x' })).not.toThrow();
    expect(() => r.gauge({ name: '_private_gauge', help: 'x', labelNames: ['_x', 'le'] })).not.toThrow();
  });

  it.each([['1x'], ['a-b'], ['__reserved'], ['a:b']])('label name %j is rejected', (label) => {
    expect(() => new Registry().counter({ name: 'ok_total', help: 'x', labelNames: [label] })).toThrow();
  });

  it('duplicate label names, and le on a histogram, are rejected', () => {
    const r = new Registry();
    expect(() => r.counter({ name: 'a_total', help: 'x', labelNames: ['x', 'x'] })).toThrow();
    expect(() => r.histogram({ name: 'b_seconds', help: 'x', labelNames: ['le'] })).toThrow();
  });
});

describe('histogram-buckets', () => {
  it('bucket bounds must be sorted, unique and finite', () => {
    const r = new Registry();
    expect(() => r.histogram({ name: 'h1', help: 'x', buckets: [1, 0.5] })).toThrow();
    expect(() => r.histogram({ name: 'h2', help: 'x', buckets: [1, 1, 2] })).toThrow();
    expect(() => r.histogram({ name: 'h3', help: 'x', buckets: [1, Number.POSITIVE_INFINITY] })).toThrow();
    expect(() => r.histogram({ name: 'h4', help: 'x', buckets: [Number.NaN] })).toThrow();
    expect(() => r.histogram({ name: 'h5', help: 'x', buckets: [-1, 0, 0.5] })).not.toThrow();
  });

  it('le is inclusive: a value equal to a bound lands in that bucket; larger ones reach only +Inf', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'size_bytes', help: 'Sizes.', buckets: [1, 2, 5] });
    for (const v of [0, 1, 2, 2.5, 5, 7, 100]) h.observe(v);
    const families = parseExposition(r.metrics());
    const bucket = (le: string) => sampleValue(families, 'size_bytes', 'size_bytes_bucket', { le });
    expect([bucket('1'), bucket('2'), bucket('5'), bucket('+Inf')]).toEqual([2, 3, 5, 7]);
  });

  it('count and sum add up every observation', () => {
    const h = new Registry().histogram({ name: 'latency_seconds', help: 'x', labelNames: ['route'] });
    h.observe({ route: '/a' }, 0.25);
    h.observe({ route: '/a' }, 0.5);
    h.labels({ route: '/b' }).observe(2);
    expect([h.count({ route: '/a' }), h.sum({ route: '/a' })]).toEqual([2, 0.75]);
    expect([h.count({ route: '/b' }), h.sum({ route: '/b' })]).toEqual([1, 2]);
    expect([h.count({ route: '/none' }), h.sum({ route: '/none' })]).toEqual([0, 0]);
  });

  it('without buckets a histogram uses the default bounds, 5 ms to 10 s as Prometheus does', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'default_seconds', help: 'x' });
    for (const v of [0.003, 0.2, 7, 60]) h.observe(v);
    const families = parseExposition(r.metrics());
    const buckets = families.get('default_seconds')?.samples.filter((s) => s.name === 'default_seconds_bucket') ?? [];
    expect(buckets.map((s) => s.labels.le)).toEqual(['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf']);
    expect(buckets.map((s) => s.value)).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 4]);
  });

  it('no bounds at all leaves just the +Inf bucket', () => {
    const r = new Registry();
    const h = r.histogram({ name: 'only_inf', help: 'x', buckets: [] });
    h.observe(3);
    h.observe(4);
    const families = parseExposition(r.metrics());
    expect(families.get('only_inf')?.samples.filter((s) => s.name === 'only_inf_bucket')).toEqual([
      { name: 'only_inf_bucket', labels: { le: '+Inf' }, value: 2 },
    ]);
  });

  it('NaN, infinite and negative observations throw RangeError and are not counted', () => {
    const h = new Registry().histogram({ name: 'latency_seconds', help: 'x' });
    expect(() => h.observe(Number.NaN)).toThrow(RangeError);
    expect(() => h.observe(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => h.observe(-0.001)).toThrow(RangeError);
    expect(h.count()).toBe(0);
  });
});

describe('percentiles', () => {
  it('an empty series answers NaN', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x', labelNames: ['route'] });
    expect(h.percentile(0.5, { route: '/never' })).toBeNaN();
    const plain = new Registry().histogram({ name: 'plain', help: 'x' });
    expect(plain.percentile(0.99)).toBeNaN();
  });

  it('a single sample is every percentile', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    h.observe(0.137);
    for (const q of [0, 0.5, 0.99, 1]) within1Percent(h.percentile(q), 0.137);
  });

  it('percentiles use nearest rank: the ceil(q·n)-th smallest value', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (const v of [40, 10, 30, 20]) h.observe(v);
    within1Percent(h.percentile(0), 10);
    within1Percent(h.percentile(0.25), 10);
    within1Percent(h.percentile(0.5), 20);
    within1Percent(h.percentile(0.75), 30);
    within1Percent(h.percentile(0.76), 40);
    within1Percent(h.percentile(1), 40);
  });

  it('p99 of 100 evenly spaced values is the 99th, not the 100th; p100 is the largest', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (let v = 100; v >= 1; v--) h.observe(v * 100);
    within1Percent(h.percentile(0.99), 9900);
    within1Percent(h.percentile(0.5), 5000);
    within1Percent(h.percentile(1), 10_000);
  });

  it('ranks where q·n is not exact in floating point: p7 of 100 values is the 7th (0.07 × 100 = 7.000000000000001)', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (let v = 1; v <= 100; v++) h.observe(v * 100);
    // Each q·n here lands a hair off a whole number; the nearest rank is still that number.
    for (const [q, rank] of [[0.07, 7], [0.14, 14], [0.28, 28], [0.29, 29], [0.56, 56], [0.57, 57], [0.58, 58]]) {
      within1Percent(h.percentile(q), rank * 100);
    }
  });

  it('zeros are answered exactly', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (const v of [0, 0, 0, 5]) h.observe(v);
    expect(h.percentile(0.5)).toBe(0);
    expect(h.percentile(0.75)).toBe(0);
    within1Percent(h.percentile(1), 5);
  });

  it('q outside [0, 1] throws RangeError', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    h.observe(1);
    expect(() => h.percentile(1.5)).toThrow(RangeError);
    expect(() => h.percentile(-0.1)).toThrow(RangeError);
    expect(() => h.percentile(Number.NaN)).toThrow(RangeError);
    expect(() => h.percentile(99)).toThrow(RangeError);
  });

  it('each label set has its own percentiles, and reset empties one series', () => {
    const h = new Registry().histogram({ name: 'h', help: 'x', labelNames: ['route'] });
    const fast = h.labels({ route: '/fast' });
    for (let i = 1; i <= 50; i++) {
      fast.observe(i / 1000);
      h.observe({ route: '/slow' }, i);
    }
    within1Percent(fast.percentile(0.5), 0.025);
    within1Percent(h.percentile(0.5, { route: '/slow' }), 25);
    h.reset({ route: '/fast' });
    expect(fast.percentile(0.5)).toBeNaN();
    expect(fast.count()).toBe(0);
    within1Percent(h.percentile(0.99, { route: '/slow' }), 50);
  });
});

describe('quantile-accuracy', () => {
  const qs = [0.5, 0.9, 0.95, 0.99, 0.999];

  it('100k lognormal latencies (median 50 ms, σ 0.8): p50…p99.9 within 1% of the exact nearest rank', () => {
    const data = lognormal(100_000, 0.05, 0.8, seededRandom(11));
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (const v of data) h.observe(v);
    const sorted = sortedCopy(data);
    for (const q of qs) within1Percent(h.percentile(q), exactPercentile(sorted, q));
  });

  it('a bimodal mix (90% near 5 ms, 10% near 800 ms) is answered within 1% too', () => {
    const random = seededRandom(12);
    const data = new Float64Array(50_000);
    data.set(lognormal(45_000, 0.005, 0.3, random));
    data.set(lognormal(5_000, 0.8, 0.3, random), 45_000);
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (const i of shuffledIndexes(data.length, random)) h.observe(data[i]);
    const sorted = sortedCopy(data);
    for (const q of [0.1, 0.5, 0.89, 0.9, 0.91, 0.95, 0.99]) within1Percent(h.percentile(q), exactPercentile(sorted, q));
  });

  it('values across ten orders of magnitude keep the 1% bound', () => {
    const random = seededRandom(13);
    const data = Float64Array.from({ length: 20_000 }, () => 10 ** (-6 + 10 * random()));
    const h = new Registry().histogram({ name: 'h', help: 'x' });
    for (const v of data) h.observe(v);
    const sorted = sortedCopy(data);
    for (const q of [0.001, 0.25, 0.5, 0.75, 0.999]) within1Percent(h.percentile(q), exactPercentile(sorted, q));
  });
});

function shuffledIndexes(n: number, random: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order;
}
