// The profiler's workload for this lab (lab.json "workload"): a web service's metrics.
// 120 000 requests over 40 routes (Zipf-popular) and 4 methods: each one moves an
// in-flight gauge, counts itself by route, method and status, and records its latency
// in a histogram; every 10 000 requests a dashboard reads p50/p95/p99 of the busiest
// routes, and every 30 000 Prometheus scrapes the whole registry. Observing and
// finding a series must stay O(1); the exposition must be linear in its lines.
import { seededRandom, zipf } from '@grader-kit';
import { Registry } from '@impl/metrics-collector/metrics';
import { lognormal } from './samples';

const REQUESTS = 120_000;
const ROUTES = Array.from({ length: 40 }, (_, i) => `/api/v1/resource${i}`);
const METHODS = ['GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const PERCENTILES_EVERY = 10_000;
const SCRAPE_EVERY = 30_000;

export function prepare() {
  const random = seededRandom(7);
  const route = zipf(ROUTES.length, 1.1, random);
  const routes = Int8Array.from({ length: REQUESTS }, route);
  const methods = Int8Array.from({ length: REQUESTS }, () => Math.floor(random() * METHODS.length));
  const latencies = lognormal(REQUESTS, 0.08, 0.9, random);
  const statuses = Array.from({ length: REQUESTS }, () => (random() < 0.02 ? '500' : random() < 0.05 ? '404' : '200'));

  return () => {
    let now = 0;
    const registry = new Registry({ clock: () => now });
    const requests = registry.counter({ name: 'http_requests_total', help: 'Requests served.', labelNames: ['route', 'method', 'status'] });
    const duration = registry.histogram({ name: 'http_request_duration_seconds', help: 'Request latency.', labelNames: ['route', 'method'] });
    const inFlight = registry.gauge({ name: 'http_requests_in_flight', help: 'Requests being served.', labelNames: ['route'] });
    const upSince = registry.gauge({ name: 'process_start_time_seconds', help: 'Start time.' });
    upSince.set(1_700_000_000);
    let scraped = 0;
    let read = 0;
    for (let i = 0; i < REQUESTS; i++) {
      const labels = { route: ROUTES[routes[i]], method: METHODS[methods[i]] };
      inFlight.inc({ route: labels.route });
      if (i % 10 === 0) {
        // One request in ten is timed through the histogram's own timer.
        const end = duration.startTimer(labels);
        now += latencies[i] * 1000;
        end();
      } else {
        duration.observe(labels, latencies[i]);
      }
      requests.inc({ ...labels, status: statuses[i] });
      inFlight.dec({ route: labels.route });
      if ((i + 1) % PERCENTILES_EVERY === 0) {
        for (const r of ROUTES.slice(0, 5)) {
          const series = { route: r, method: 'GET' };
          read += duration.percentile(0.5, series) + duration.percentile(0.95, series) + duration.percentile(0.99, series);
        }
      }
      if ((i + 1) % SCRAPE_EVERY === 0) scraped += registry.metrics().length;
    }
    return { scraped, read };
  };
}
