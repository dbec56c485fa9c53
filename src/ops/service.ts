// The simulated agent service: requests arrive at random (a Poisson process), take
// one of `concurrency` workers, spend a little time of their own and most of it
// waiting on a dependency (the model API), and fail now and then. When every
// worker is busy they queue, and a request that waits too long is turned away.
// So a traffic spike or a slow dependency shows up the way it does in production:
// queues, a fattening tail, then errors. Everything runs on the virtual clock and
// one seeded random stream, and every number is recorded through the metrics lab.
import type { VirtualClock } from './clock';
import { LATENCY_BUCKETS } from './buckets';
import type { MetricsLab } from './labs';

export interface Controls {
  /** Requests arriving per second, before faults. */
  rate: number;
  /** Requests served at once; the rest wait in the queue. */
  concurrency: number;
  /** Median time of the dependency call, in ms. */
  dependencyMs: number;
  /** Share of requests that fail on their own, 0 to 1. */
  errorRate: number;
}

export const DEFAULT_CONTROLS: Controls = { rate: 40, concurrency: 40, dependencyMs: 150, errorRate: 0.005 };

/** What each control accepts: the page's sliders use the same ranges. */
export const CONTROL_RANGES: Record<keyof Controls, { min: number; max: number; step: number }> = {
  rate: { min: 0, max: 400, step: 5 },
  concurrency: { min: 1, max: 256, step: 1 },
  dependencyMs: { min: 10, max: 3000, step: 10 },
  errorRate: { min: 0, max: 1, step: 0.005 },
};

export type Fault = 'traffic-spike' | 'dependency-slowdown' | 'error-burst' | 'traffic-stop';

/** Each fault's effect and how long it lasts, in virtual time. */
export const FAULTS: Record<Fault, { durationMs: number }> = {
  'traffic-spike': { durationMs: 120_000 }, // 6× the arrivals: more than the workers can take
  'dependency-slowdown': { durationMs: 180_000 }, // the dependency takes 5× as long
  'error-burst': { durationMs: 90_000 }, // a quarter of dependency calls fail
  'traffic-stop': { durationMs: 90_000 }, // nothing arrives (an upstream outage)
};

const SPIKE_FACTOR = 6;
const SLOWDOWN_FACTOR = 5;
const BURST_FAILURES = 0.25;
/** The service's own work per request: median 25 ms. */
const OWN_WORK_MS = 25;
/** A request that waited this long for a worker is answered 503. */
export const QUEUE_TIMEOUT_MS = 2_000;

/** One scrape: what the alert rules and the charts read. NaN where there is nothing to measure. */
export interface Sample {
  /** Requests finished per second over the scrape interval. */
  request_rate: number;
  /** Failed ÷ finished over the interval. */
  error_ratio: number;
  latency_p50_seconds: number;
  latency_p95_seconds: number;
  latency_p99_seconds: number;
  dependency_p95_seconds: number;
  queued_requests: number;
  in_flight_requests: number;
}

type Histogram = ReturnType<InstanceType<MetricsLab['Registry']>['histogram']>;
type Counter = ReturnType<InstanceType<MetricsLab['Registry']>['counter']>;
type Gauge = ReturnType<InstanceType<MetricsLab['Registry']>['gauge']>;

interface Request {
  /** Stops the request's timer: records its latency under `status`, returns seconds. */
  end: ((more?: Record<string, string>) => number) | undefined;
  queuedAt: number;
  done: boolean;
  timeout?: unknown;
}

/** Calls into lab code; when that code throws, the session records it and returns undefined. */
export type Guard = <T>(run: () => T) => T | undefined;

export class AgentService {
  readonly controls: Controls = { ...DEFAULT_CONTROLS };
  /** Virtual time at which each active fault ends. */
  readonly faults = new Map<Fault, number>();

  /** The exported metrics, cumulative since the start: what `/metrics` serves and Prometheus scrapes. */
  readonly registry: InstanceType<MetricsLab['Registry']>;
  private readonly requests: Counter;
  private readonly errors: Counter;
  private readonly latency: Histogram;
  private readonly dependency: Histogram;
  private readonly inFlight: Gauge;
  private readonly queued: Gauge;
  /**
   * The same latencies since the last scrape only: the charts and rules want "p99 now",
   * not since the start. A second registry, reset at each scrape, so the exported
   * histograms stay cumulative as Prometheus expects.
   */
  private readonly recent: InstanceType<MetricsLab['Registry']>;
  private readonly recentLatency: Histogram;
  private readonly recentDependency: Histogram;

  private busy = 0;
  private readonly queue: Request[] = [];
  private queueHead = 0;
  private nextArrival: unknown;
  private lastScrape = { at: 0, finished: 0, failed: 0 };

  constructor(
    metrics: MetricsLab,
    private readonly clock: VirtualClock,
    private readonly random: () => number,
    private readonly guard: Guard,
  ) {
    const registry = (this.registry = new metrics.Registry({ clock: clock.now }));
    this.requests = registry.counter({ name: 'agent_requests_total', help: 'Requests finished, by outcome.', labelNames: ['status'] });
    this.errors = registry.counter({ name: 'agent_request_errors_total', help: 'Failed requests, by reason.', labelNames: ['reason'] });
    this.latency = registry.histogram({
      name: 'agent_request_duration_seconds', help: 'Time from arrival to answer.', labelNames: ['status'], buckets: LATENCY_BUCKETS,
    });
    this.dependency = registry.histogram({ name: 'agent_dependency_duration_seconds', help: 'Time spent waiting on the model API.', buckets: LATENCY_BUCKETS });
    this.inFlight = registry.gauge({ name: 'agent_in_flight_requests', help: 'Requests being served now.' });
    this.queued = registry.gauge({ name: 'agent_queued_requests', help: 'Requests waiting for a worker.' });
    this.recent = new metrics.Registry({ clock: clock.now });
    this.recentLatency = this.recent.histogram({ name: 'agent_request_duration_seconds', help: 'Successful requests since the last scrape.' });
    this.recentDependency = this.recent.histogram({ name: 'agent_dependency_duration_seconds', help: 'Dependency calls since the last scrape.' });
    this.lastScrape.at = clock.now();
    this.scheduleArrival();
  }

  // ---- what the learner changes ----

  set(control: keyof Controls, value: number): void {
    const range = CONTROL_RANGES[control];
    if (!range) throw new RangeError(`unknown control "${control}"`);
    if (!(value >= range.min && value <= range.max)) throw new RangeError(`${control} must be in [${range.min}, ${range.max}], got ${value}`);
    this.controls[control] = control === 'concurrency' ? Math.round(value) : value;
    if (control === 'rate') this.scheduleArrival();
    if (control === 'concurrency') this.startWaiting();
  }

  inject(fault: Fault): void {
    if (!FAULTS[fault]) throw new RangeError(`unknown fault "${fault}"`);
    const endsAt = this.clock.now() + FAULTS[fault].durationMs;
    this.faults.set(fault, endsAt);
    this.clock.setTimeout(() => {
      if (this.faults.get(fault) !== endsAt) return; // injected again since: the later one decides
      this.faults.delete(fault);
      if (fault === 'traffic-spike' || fault === 'traffic-stop') this.scheduleArrival();
    }, FAULTS[fault].durationMs);
    if (fault === 'traffic-spike' || fault === 'traffic-stop') this.scheduleArrival();
  }

  // ---- requests ----

  private arrivalRate(): number {
    if (this.faults.has('traffic-stop')) return 0;
    return this.controls.rate * (this.faults.has('traffic-spike') ? SPIKE_FACTOR : 1);
  }

  /** Draws the next arrival afresh. Waiting times of a Poisson process are memoryless, so redrawing on a rate change is exact. */
  private scheduleArrival(): void {
    this.clock.clearTimeout(this.nextArrival);
    this.nextArrival = undefined;
    const rate = this.arrivalRate();
    if (rate <= 0) return;
    const waitMs = (-Math.log(1 - this.random()) / rate) * 1000;
    this.nextArrival = this.clock.setTimeout(() => {
      this.arrive();
      this.scheduleArrival();
    }, waitMs);
  }

  private arrive(): void {
    const request: Request = { end: this.guard(() => this.latency.startTimer({})), queuedAt: this.clock.now(), done: false };
    if (this.busy < this.controls.concurrency) {
      this.serve(request);
      return;
    }
    this.queue.push(request);
    this.guard(() => this.queued.inc());
    request.timeout = this.clock.setTimeout(() => {
      request.done = true;
      this.guard(() => this.queued.dec());
      this.finish(request, 'timeout');
    }, QUEUE_TIMEOUT_MS);
  }

  private serve(request: Request): void {
    this.busy++;
    this.guard(() => this.inFlight.inc());
    const ownMs = OWN_WORK_MS * this.lognormal(0.35);
    const dependencyMs = this.controls.dependencyMs * (this.faults.has('dependency-slowdown') ? SLOWDOWN_FACTOR : 1) * this.lognormal(0.5);
    const failure = this.random();
    const dependencyFails = failure < (this.faults.has('error-burst') ? BURST_FAILURES : 0);
    const ownFailure = !dependencyFails && this.random() < this.controls.errorRate;
    this.clock.setTimeout(() => {
      this.busy--;
      this.guard(() => {
        this.inFlight.dec();
        this.dependency.observe(dependencyMs / 1000);
        this.recentDependency.observe(dependencyMs / 1000);
      });
      this.finish(request, dependencyFails ? 'dependency' : ownFailure ? 'internal' : undefined);
      this.startWaiting();
    }, ownMs + dependencyMs);
  }

  /** Records how a request ended: `reason` when it failed. */
  private finish(request: Request, reason: 'timeout' | 'dependency' | 'internal' | undefined): void {
    const status = reason ? 'error' : 'ok';
    this.guard(() => {
      const seconds = request.end?.({ status });
      this.requests.inc({ status });
      if (reason) this.errors.inc({ reason });
      else if (seconds !== undefined) this.recentLatency.observe(seconds);
    });
  }

  /** Hands free workers to the requests that have waited longest. */
  private startWaiting(): void {
    while (this.busy < this.controls.concurrency && this.queueHead < this.queue.length) {
      const request = this.queue[this.queueHead++];
      if (request.done) continue; // timed out already
      request.done = true;
      this.clock.clearTimeout(request.timeout);
      this.guard(() => this.queued.dec());
      this.serve(request);
    }
    // Drop the consumed front of the queue now and then instead of shifting on every take.
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  /** exp(σ·N(0,1)): a lognormal factor with median 1. */
  private lognormal(sigma: number): number {
    // Box–Muller; 1 − random() keeps the logarithm away from 0.
    const normal = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
    return Math.exp(sigma * normal);
  }

  // ---- scraping ----

  /** Reads the metrics as a scrape would, and starts a new interval for the "since the last scrape" ones. */
  scrape(): Sample | undefined {
    return this.guard(() => {
      const now = this.clock.now();
      const finished = this.requests.get({ status: 'ok' }) + this.requests.get({ status: 'error' });
      const failed = this.requests.get({ status: 'error' });
      const seconds = (now - this.lastScrape.at) / 1000;
      const delta = finished - this.lastScrape.finished;
      const sample: Sample = {
        request_rate: seconds > 0 ? delta / seconds : NaN,
        error_ratio: delta > 0 ? (failed - this.lastScrape.failed) / delta : NaN,
        latency_p50_seconds: this.recentLatency.percentile(0.5),
        latency_p95_seconds: this.recentLatency.percentile(0.95),
        latency_p99_seconds: this.recentLatency.percentile(0.99),
        dependency_p95_seconds: this.recentDependency.percentile(0.95),
        queued_requests: this.queued.get(),
        in_flight_requests: this.inFlight.get(),
      };
      this.recentLatency.reset();
      this.recentDependency.reset();
      this.lastScrape = { at: now, finished, failed };
      return sample;
    });
  }

  /** The cumulative p-quantile of successful requests since the start, in seconds (what Prometheus is compared with). */
  latencyPercentile(q: number): number | undefined {
    return this.guard(() => this.latency.percentile(q, { status: 'ok' }));
  }

  /** The Prometheus text exposition of the exported metrics. */
  exposition(): string | undefined {
    return this.guard(() => this.registry.metrics());
  }
}
