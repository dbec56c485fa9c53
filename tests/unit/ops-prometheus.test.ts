// The playground's real Prometheus path: Debian's prometheus scrapes the simulated
// service over loopback, and `histogram_quantile` over our exported buckets must
// agree with the collector's own percentile within the metrics lab's stated bound
// (PERCENTILE_RELATIVE_ERROR, "at most 1%"). promtool must accept the exposition,
// and `workbook ops serve` must serve it. Locally a missing prometheus skips with a
// reason; in CI (CI=true) it is a failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/catalog/paths';
import type { LabModules } from '../../src/ops/labs';
import { REFERENCE } from '../../src/ops/reference';
import { startOpsServer, type OpsServer } from '../../src/ops/server';
import { Session } from '../../src/ops/session';
import { PERCENTILE_RELATIVE_ERROR } from '../../solutions/metrics-collector/metrics';

const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';
const missing = [PROMETHEUS, PROMTOOL].filter((path) => !existsSync(path));
const skip = missing.length > 0 && !process.env.CI;
if (skip) console.warn(`skipping the Prometheus tests: ${missing.join(' and ')} not found (apt install prometheus)`);

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const QUANTILES = [0.5, 0.9, 0.95, 0.99, 0.999];

/** The reference collector, also keeping every successful request's latency: the exact answers to compare with. */
function recordingCollector(latencies: number[]): LabModules['metrics-collector'] {
  const real = REFERENCE['metrics-collector'];
  class Registry extends real.Registry {
    override histogram(config: Parameters<InstanceType<typeof real.Registry>['histogram']>[0]) {
      const histogram = super.histogram(config);
      if (config.name !== 'agent_request_duration_seconds' || !config.labelNames?.includes('status')) return histogram;
      const startTimer = histogram.startTimer.bind(histogram);
      histogram.startTimer = (labels) => {
        const end = startTimer(labels);
        return (more) => {
          const seconds = end(more);
          if (more?.status === 'ok') latencies.push(seconds);
          return seconds;
        };
      };
      return histogram;
    }
  }
  return { ...real, Registry };
}

const nearestRank = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ''}`);
}

describe.skipIf(skip)('a real Prometheus scrapes the simulated service', () => {
  const latencies: number[] = [];
  let session: Session;
  let service: OpsServer;
  let prometheus: ChildProcess | undefined;
  let prometheusLog = '';
  let api = '';
  const dir = mkdtempSync(join(tmpdir(), 'ops-prometheus-'));

  const query = async (expr: string): Promise<Array<{ metric: Record<string, string>; value: [number, string] }>> => {
    const response = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`);
    const body = (await response.json()) as { status: string; error?: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
    if (body.status !== 'success') throw new Error(`${expr}: ${body.error}`);
    return body.data.result;
  };

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`The Prometheus tests must run in CI: ${missing.join(' and ')} not found (apt install prometheus)`);
    // Ten minutes of virtual traffic with a slow dependency in the middle: a body and a long tail.
    session = new Session({ seed: 11, locale: 'en', reference: { ...REFERENCE, 'metrics-collector': recordingCollector(latencies) } });
    session.advance(2 * MINUTE);
    session.act({ type: 'fault', fault: 'dependency-slowdown' });
    session.advance(5 * MINUTE);
    session.act({ type: 'fault', fault: 'error-burst' });
    session.advance(3 * MINUTE);
    // Held still from here on, so every scrape sees exactly this state.
    service = await startOpsServer({ session, port: 0, speed: 0 });

    const webPort = await freePort();
    api = `http://127.0.0.1:${webPort}`;
    writeFileSync(join(dir, 'prometheus.yml'), [
      'global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: agent-api',
      '    static_configs:', `      - targets: ['127.0.0.1:${service.port}']`, '',
    ].join('\n'));
    prometheus = spawn(PROMETHEUS, [
      `--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${webPort}`, '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout!.on('data', (d) => (prometheusLog += d));
    prometheus.stderr!.on('data', (d) => (prometheusLog += d));
    try {
      await until('Prometheus to be ready', 30_000, async () => ((await fetch(`${api}/-/ready`)).ok ? true : undefined));
      await until('a first scrape', 20_000, async () => ((await query('agent_requests_total')).length > 0 ? true : undefined));
    } catch (error) {
      throw new Error(`${(error as Error).message}\nprometheus said:\n${prometheusLog}`);
    }
  }, 60_000);

  afterAll(async () => {
    prometheus?.kill('SIGTERM');
    if (prometheus && prometheus.exitCode === null) await new Promise((resolve) => prometheus!.once('exit', resolve));
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('scraped every request the service counted', async () => {
    const [total] = await query('sum(agent_requests_total)');
    const exposition = session.exposition();
    const counted = [...exposition.matchAll(/^agent_requests_total\{status="\w+"\} (\d+)$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(Number(total.value[1])).toBe(counted);
    expect(counted).toBeGreaterThan(20_000);
  });

  it('histogram_quantile over our buckets agrees with our own percentile within the lab’s bound', async () => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const rows: string[] = [];
    for (const q of QUANTILES) {
      const [result] = await query(`histogram_quantile(${q}, agent_request_duration_seconds_bucket{status="ok"})`);
      const fromPrometheus = Number(result.value[1]);
      const ours = session.latencyPercentile(q);
      const exact = nearestRank(sorted, q);
      rows.push(`p${q * 100}: prometheus ${(fromPrometheus * 1000).toFixed(2)} ms, ours ${(ours * 1000).toFixed(2)} ms, exact ${(exact * 1000).toFixed(2)} ms; ` +
        `prometheus vs ours ${(relative(fromPrometheus, ours) * 100).toFixed(3)}%, ours vs exact ${(relative(ours, exact) * 100).toFixed(3)}%, prometheus vs exact ${(relative(fromPrometheus, exact) * 100).toFixed(3)}%`);
      // Both answers lie in the same exported bucket, whose every point is within the bound of ours.
      expect(relative(fromPrometheus, ours), `p${q * 100}`).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 1e-9);
      expect(relative(ours, exact), `p${q * 100}`).toBeLessThanOrEqual(PERCENTILE_RELATIVE_ERROR + 1e-9);
    }
    console.log(`${latencies.length} successful requests\n${rows.join('\n')}`);
  });

  it('promtool check metrics accepts the exposition', () => {
    const result = spawnSync(PROMTOOL, ['check', 'metrics'], { input: session.exposition(), encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });

  it('`workbook ops serve` serves /metrics and takes faults', async () => {
    const cli = spawn(process.execPath, [join(REPO_ROOT, 'bin/workbook.mjs'), 'ops', 'serve', '--port', '0', '--speed', '60'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    cli.stdout!.on('data', (d) => (output += d));
    cli.stderr!.on('data', (d) => (output += d));
    try {
      const url = await until('the CLI to start', 30_000, async () => /http:\/\/127\.0\.0\.1:\d+\/metrics/.exec(output)?.[0]);
      expect(output).toContain('metrics-collector: the reference solution');
      const response = await fetch(url);
      expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await response.text();
      expect(text).toContain('# TYPE agent_request_duration_seconds histogram');
      expect(spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' }).status).toBe(0);
      const base = url.replace(/\/metrics$/, '');
      expect((await fetch(`${base}/faults/error-burst`, { method: 'POST' })).status).toBe(202);
      const unknown = await fetch(`${base}/faults/meteor`, { method: 'POST' });
      expect(unknown.status).toBe(404);
      expect(await unknown.text()).toMatch(/unknown fault "meteor"; known: traffic-spike/);
    } finally {
      cli.kill('SIGTERM');
      const code = await new Promise((resolve) => cli.once('exit', resolve));
      expect(code, output).toBe(0);
    }
  }, 45_000);
});
