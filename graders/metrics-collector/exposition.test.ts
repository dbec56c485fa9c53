import { describe, expect, it } from 'vitest';
import { Registry } from '@impl/metrics-collector/metrics';
import { parseExposition, sampleValue } from './exposition';

function sampleRegistry() {
  const r = new Registry();
  const requests = r.counter({ name: 'http_requests_total', help: 'Requests served.', labelNames: ['method', 'code'] });
  const inFlight = r.gauge({ name: 'in_flight', help: 'Requests in progress.' });
  const latency = r.histogram({ name: 'http_seconds', help: 'Request time.', labelNames: ['route'], buckets: [0.1, 0.5, 1] });
  requests.inc({ code: '200', method: 'GET' }, 3);
  requests.inc({ method: 'POST', code: '500' });
  inFlight.set(2);
  for (const v of [0.05, 0.1, 0.3, 0.7, 2]) latency.observe({ route: '/a' }, v);
  latency.observe({ route: '/b' }, 0.2);
  return r;
}

describe('exposition', () => {
  it('the output parses strictly, with HELP and TYPE once per family, in registration order', () => {
    const text = sampleRegistry().metrics();
    const families = parseExposition(text);
    expect([...families.keys()]).toEqual(['http_requests_total', 'in_flight', 'http_seconds']);
    expect([...families.values()].map((f) => [f.type, f.help])).toEqual([
      ['counter', 'Requests served.'],
      ['gauge', 'Requests in progress.'],
      ['histogram', 'Request time.'],
    ]);
    expect(text.match(/^# HELP /gm)).toHaveLength(3);
    expect(text.match(/^# TYPE /gm)).toHaveLength(3);
    expect(text.endsWith('\n')).toBe(true);
  });

  it('counter and gauge lines carry their labels in declared order, whatever the object key order', () => {
    const text = sampleRegistry().metrics();
    expect(text).toContain('http_requests_total{method="GET",code="200"} 3\n');
    expect(text).toContain('http_requests_total{method="POST",code="500"} 1\n');
    expect(text).toContain('in_flight 2\n');
  });

  it('histogram buckets are cumulative, +Inf equals _count, and _sum is present', () => {
    const families = parseExposition(sampleRegistry().metrics());
    const value = (name: string, labels: Record<string, string>) => sampleValue(families, 'http_seconds', name, labels);
    const buckets = ['0.1', '0.5', '1', '+Inf'].map((le) => value('http_seconds_bucket', { route: '/a', le }));
    expect(buckets).toEqual([2, 3, 4, 5]);
    expect(value('http_seconds_count', { route: '/a' })).toBe(5);
    expect(value('http_seconds_sum', { route: '/a' })).toBeCloseTo(3.15, 9);
    expect(value('http_seconds_bucket', { route: '/b', le: '0.1' })).toBe(0);
    expect(value('http_seconds_bucket', { route: '/b', le: '0.5' })).toBe(1);
    expect(value('http_seconds_count', { route: '/b' })).toBe(1);
  });

  it('le comes after the declared labels on bucket lines', () => {
    const text = sampleRegistry().metrics();
    expect(text).toContain('http_seconds_bucket{route="/a",le="+Inf"} 5\n');
    expect(text).toContain('http_seconds_bucket{route="/a",le="0.1"} 2\n');
  });

  it('label values escape backslash, double quote and newline; HELP escapes backslash and newline', () => {
    const r = new Registry();
    const tricky = 'C:\\dir "quoted"\nnext line';
    const help = 'Paths like "C:\\temp",\nover two lines.';
    r.counter({ name: 'files_total', help, labelNames: ['path'] }).inc({ path: tricky });
    const text = r.metrics();
    expect(text).toContain('files_total{path="C:\\\\dir \\"quoted\\"\\nnext line"} 1\n');
    expect(text).toContain('# HELP files_total Paths like "C:\\\\temp",\\nover two lines.\n'); // quotes stay as they are in HELP
    const families = parseExposition(text);
    expect(families.get('files_total')?.help).toBe(help);
    expect(families.get('files_total')?.samples[0].labels.path).toBe(tricky);
  });

  it('infinities and NaN print as +Inf, -Inf and NaN', () => {
    const r = new Registry();
    const g = r.gauge({ name: 'odd', help: 'x', labelNames: ['kind'] });
    g.set({ kind: 'up' }, Number.POSITIVE_INFINITY);
    g.set({ kind: 'down' }, Number.NEGATIVE_INFINITY);
    g.set({ kind: 'none' }, Number.NaN);
    const text = r.metrics();
    expect(text).toContain('odd{kind="up"} +Inf\n');
    expect(text).toContain('odd{kind="down"} -Inf\n');
    expect(text).toContain('odd{kind="none"} NaN\n');
    parseExposition(text);
  });

  it('an unlabelled metric shows 0 before use; a labelled one shows only HELP and TYPE', () => {
    const r = new Registry();
    r.counter({ name: 'started_total', help: 'x' });
    r.gauge({ name: 'by_queue', help: 'y', labelNames: ['queue'] });
    r.histogram({ name: 'wait_seconds', help: 'z', buckets: [1] });
    const text = r.metrics();
    const families = parseExposition(text);
    expect(sampleValue(families, 'started_total', 'started_total')).toBe(0);
    expect(families.get('by_queue')?.samples).toEqual([]);
    expect(sampleValue(families, 'wait_seconds', 'wait_seconds_bucket', { le: '+Inf' })).toBe(0);
    expect(sampleValue(families, 'wait_seconds', 'wait_seconds_count')).toBe(0);
    expect(sampleValue(families, 'wait_seconds', 'wait_seconds_sum')).toBe(0);
  });

  it('an empty registry renders as the empty string', () => {
    expect(new Registry().metrics()).toBe('');
  });

  it('reset series stay in the output at zero, histograms with every bucket, _sum and _count', () => {
    const r = new Registry();
    const requests = r.counter({ name: 'http_requests_total', help: 'x', labelNames: ['code'] });
    const latency = r.histogram({ name: 'http_seconds', help: 'y', labelNames: ['route'], buckets: [0.1, 1] });
    requests.inc({ code: '200' }, 5);
    requests.inc({ code: '500' });
    latency.observe({ route: '/a' }, 0.5);
    requests.reset();
    latency.reset();
    const families = parseExposition(r.metrics());
    expect(families.get('http_requests_total')?.samples.map((x) => [x.labels.code, x.value])).toEqual([['200', 0], ['500', 0]]);
    expect(sampleValue(families, 'http_seconds', 'http_seconds_bucket', { route: '/a', le: '1' })).toBe(0);
    expect(sampleValue(families, 'http_seconds', 'http_seconds_count', { route: '/a' })).toBe(0);
    expect(sampleValue(families, 'http_seconds', 'http_seconds_sum', { route: '/a' })).toBe(0);
    requests.inc({ code: '200' });
    expect(requests.get({ code: '200' })).toBe(1);
  });

  it('reading a label set that was never written does not add it to the output', () => {
    const r = new Registry();
    const c = r.counter({ name: 'jobs_total', help: 'x', labelNames: ['queue'] });
    const g = r.gauge({ name: 'depth', help: 'y', labelNames: ['queue'] });
    const h = r.histogram({ name: 'wait_seconds', help: 'z', labelNames: ['queue'], buckets: [1] });
    expect(c.get({ queue: 'never' })).toBe(0);
    expect(g.get({ queue: 'never' })).toBe(0);
    expect(h.count({ queue: 'never' })).toBe(0);
    expect(h.sum({ queue: 'never' })).toBe(0);
    expect(h.percentile(0.5, { queue: 'never' })).toBeNaN();
    const families = parseExposition(r.metrics());
    for (const name of ['jobs_total', 'depth', 'wait_seconds']) expect(families.get(name)?.samples).toEqual([]);
  });
});
