import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchAll } from '@impl/agent-executor/fetcher';

/**
 * A slow local server with a plan per path: /item/<i> answers after 20–39 ms, but
 * i % 10 = 3 first gets 429 Retry-After: 1, i % 10 = 6 gets 429 Retry-After: 0
 * twice, i % 10 = 8 gets one 503 with no Retry-After. /always-429 never gives in;
 * /missing is 404. /drop/<k>/<name> hangs up without an answer (a network error at the
 * client) and /busy/<k>/<name> answers 503 with no Retry-After, the first k times each.
 * It records concurrency and, per path, when requests arrived.
 */
class PlannedServer {
  private server!: Server;
  base = '';
  inFlight = 0;
  maxInFlight = 0;
  /** path → arrival times (ms) and, for refusals, when the refusal was sent. */
  log = new Map<string, { arrivals: number[]; refusedAt: number[] }>();

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const path = req.url ?? '/';
      const entry = this.log.get(path) ?? { arrivals: [], refusedAt: [] };
      this.log.set(path, entry);
      entry.arrivals.push(performance.now());
      const seen = entry.arrivals.length;
      const [, kind, times] = /^\/(drop|busy)\/(\d+)\//.exec(path) ?? [];
      if (kind === 'drop' && seen <= Number(times)) return void req.socket.destroy();
      this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
      const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
        this.inFlight--;
        if (status !== 200) entry.refusedAt.push(performance.now());
        res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(body);
      };
      const i = Number(/^\/item\/(\d+)$/.exec(path)?.[1] ?? NaN);
      setTimeout(() => {
        if (path === '/always-429') return reply(429, 'slow down', { 'retry-after': '0' });
        if (kind === 'busy' && seen <= Number(times)) return reply(503, 'busy');
        if (kind) return reply(200, 'done');
        if (Number.isNaN(i)) return reply(404, 'no such thing');
        if (i % 10 === 3 && seen === 1) return reply(429, 'slow down', { 'retry-after': '1' });
        if (i % 10 === 6 && seen <= 2) return reply(429, 'slow down', { 'retry-after': '0' });
        if (i % 10 === 8 && seen === 1) return reply(503, 'busy');
        reply(200, `item ${i}`);
      }, 20 + ((Number.isNaN(i) ? 0 : i) * 7) % 20);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('fetch-all', () => {
  const server = new PlannedServer();
  const urls = () => Array.from({ length: 30 }, (_, i) => `${server.base}/item/${i}`);
  // Started once for the tests below; each awaits it, so a broken fetchAll fails them rather than skipping them.
  let run: Promise<Awaited<ReturnType<typeof fetchAll>>>;

  beforeAll(async () => {
    await server.start();
    run = Promise.resolve().then(() => fetchAll(urls(), { concurrency: 4, retries: 3, backoffMs: 20 }));
    run.catch(() => {});
  });
  afterAll(() => server.stop());

  it('fetches every URL, with results in input order', async () => {
    const results = await run;
    expect(results.map((r) => r.url)).toEqual(urls());
    expect(results.map((r) => (r.ok ? r.body : `failed ${r.status}`))).toEqual(urls().map((_, i) => `item ${i}`));
  });

  it('never has more than K = 4 requests at the server at once, and does use the concurrency', async () => {
    await run;
    expect(server.maxInFlight).toBeLessThanOrEqual(4);
    expect(server.maxInFlight).toBeGreaterThanOrEqual(2);
  });

  it('waits out Retry-After: 1 before asking the same URL again (measured by the server)', async () => {
    await run;
    for (const i of [3, 13, 23]) {
      const { arrivals, refusedAt } = server.log.get(`/item/${i}`)!;
      expect(arrivals).toHaveLength(2);
      expect(arrivals[1] - refusedAt[0]).toBeGreaterThanOrEqual(950);
    }
  });

  it('retries after Retry-After: 0 and after a 503 without the header', async () => {
    await run;
    for (const i of [6, 16, 26]) expect(server.log.get(`/item/${i}`)!.arrivals).toHaveLength(3);
    for (const i of [8, 18, 28]) expect(server.log.get(`/item/${i}`)!.arrivals).toHaveLength(2);
    for (const i of [0, 1, 2]) expect(server.log.get(`/item/${i}`)!.arrivals).toHaveLength(1);
  });

  it('gives up after `retries` extra attempts, and never retries a 404', async () => {
    const [stubborn, missing] = await fetchAll([`${server.base}/always-429`, `${server.base}/missing`], { concurrency: 2, retries: 2 });
    expect(stubborn).toMatchObject({ ok: false, status: 429 });
    expect(server.log.get('/always-429')!.arrivals).toHaveLength(3);
    expect(missing).toMatchObject({ ok: false, status: 404 });
    expect(server.log.get('/missing')!.arrivals).toHaveLength(1);
  });

  it('retries a dropped connection like a 503 without Retry-After, up to `retries` times', async () => {
    const [recovers, never] = await fetchAll([`${server.base}/drop/2/a`, `${server.base}/drop/99/b`], { concurrency: 2, retries: 2, backoffMs: 250 });
    expect(recovers).toMatchObject({ ok: true, body: 'done' });
    expect(never.ok).toBe(false);
    expect(server.log.get('/drop/99/b')!.arrivals).toHaveLength(3);
    const { arrivals } = server.log.get('/drop/2/a')!;
    expect(arrivals).toHaveLength(3);
    // backoffMs, then twice that (a 10% margin for timer granularity).
    expect(arrivals[1] - arrivals[0]).toBeGreaterThanOrEqual(225);
    expect(arrivals[2] - arrivals[1]).toBeGreaterThanOrEqual(450);
  });

  it('without Retry-After, waits backoffMs before the first retry and twice that before the second', async () => {
    const [result] = await fetchAll([`${server.base}/busy/2/c`], { concurrency: 1, retries: 3, backoffMs: 250 });
    expect(result).toMatchObject({ ok: true, body: 'done' });
    const { arrivals, refusedAt } = server.log.get('/busy/2/c')!;
    expect(arrivals).toHaveLength(3);
    expect(arrivals[1] - refusedAt[0]).toBeGreaterThanOrEqual(225);
    expect(arrivals[2] - refusedAt[1]).toBeGreaterThanOrEqual(450);
  });

  it('reports an unreachable host as a failed result, not a rejection', async () => {
    const [down] = await fetchAll(['http://127.0.0.1:9/nothing-listens-here'], { concurrency: 1, retries: 1, backoffMs: 1 });
    expect(down.ok).toBe(false);
    expect(down.url).toBe('http://127.0.0.1:9/nothing-listens-here');
  });
});
