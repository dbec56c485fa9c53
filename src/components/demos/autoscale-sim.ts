// The autoscaling demo's model: requests arrive at a rate that changes over ten
// minutes; a pool of workers serves them first come, first served; a controller
// looks at what it measured over the last interval and sets the worker count.
//
// Three controllers, all fed the same seeded traffic:
//   fixed         a constant size: sized for the peak it wastes money, sized for the average it drowns
//   utilisation   Kubernetes HPA's rule: desired = ceil(current × measured utilisation / target).
//                 Utilisation cannot show more than 100%, so under overload it climbs step by step
//   demand        Little's law: the work arriving (rate × service time) divided by the target
//                 utilisation, plus enough workers to drain the queue within one interval
// Scaling up takes `startupMs` before a new worker serves (a cold start); scaling down waits until
// the desired size has stayed lower for `scaleDownDelayMs`, so a brief dip does not flap.
import { seededRandom } from '../../core/random';
import { Deque } from './deque';
import { percentile } from './percentile';

export type Policy = 'fixed' | 'utilisation' | 'demand';

export interface AutoscaleParams {
  policy: Policy;
  /** Workers for the fixed policy, and the start size of the others. */
  fixedWorkers: number;
  minWorkers: number;
  maxWorkers: number;
  /** 0.5–0.9: how busy the controllers aim to keep each worker. */
  targetUtilisation: number;
  /** How often the controller measures and decides. */
  intervalMs: number;
  startupMs: number;
  scaleDownDelayMs: number;
  /** Mean time one request takes on one worker. */
  serviceMs: number;
  /** A request slower than this (waiting + service) misses the objective. */
  sloMs: number;
  seed?: number;
}

export const DURATION_MS = 600_000;
const TICK_MS = 100;

/** Requests per second at time t: quiet, a morning ramp, a plateau, a spike, an evening drop. */
export function arrivalRate(t: number): number {
  const s = t / 1000;
  if (s < 60) return 40;
  if (s < 180) return 40 + ((s - 60) / 120) * 160;
  if (s < 300) return 200;
  if (s < 340) return 320;
  if (s < 420) return 200 - ((s - 340) / 80) * 140;
  return 60;
}

export interface Sample {
  at: number;
  /** Offered load in workers: arrival rate × mean service time. */
  demand: number;
  /** Workers serving. */
  ready: number;
  /** Workers asked for (ready + starting). */
  desired: number;
  queue: number;
  /** p95 latency of the requests that finished in this interval. */
  p95Ms: number;
}

export interface AutoscaleResult {
  samples: Sample[];
  requests: number;
  p95Ms: number;
  /** Share of requests slower than the objective. */
  overSlo: number;
  /** Worker-seconds paid for (ready or starting), in worker-minutes. */
  workerMinutes: number;
  maxQueue: number;
}

interface Worker { readyAt: number; freeAt: number; retiring: boolean }
interface Job { arrivedAt: number; serviceMs: number }

export function simulateAutoscale(p: AutoscaleParams): AutoscaleResult {
  const random = seededRandom(p.seed ?? 99);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const queue = new Deque<Job>();
  const startSize = p.policy === 'fixed' ? p.fixedWorkers : Math.min(p.maxWorkers, Math.max(p.minWorkers, p.fixedWorkers));
  let workers: Worker[] = Array.from({ length: startSize }, () => ({ readyAt: 0, freeAt: 0, retiring: false }));
  const latencies: number[] = [];
  const samples: Sample[] = [];
  let nextArrival = exp(1000 / arrivalRate(0));
  let busyMs = 0, arrived = 0, intervalLatencies: number[] = [], workerMs = 0, maxQueue = 0;
  let recentDesired: number[] = [startSize]; // the starting size counts as asked for

  for (let t = 0; t < DURATION_MS; t += TICK_MS) {
    const end = t + TICK_MS;
    // Arrivals in this tick (a Poisson process whose rate follows the profile).
    while (nextArrival < end) {
      queue.push({ arrivedAt: nextArrival, serviceMs: exp(p.serviceMs) });
      arrived++;
      nextArrival += exp(1000 / arrivalRate(nextArrival));
    }
    // Each ready worker takes jobs in arrival order whenever it is free within this tick.
    for (const w of workers) {
      if (w.readyAt >= end) continue;
      w.freeAt = Math.max(w.freeAt, w.readyAt, t);
      while (w.freeAt < end && !w.retiring && queue.length > 0 && queue.peekFront()!.arrivedAt < end) {
        const job = queue.shift()!;
        const start = Math.max(w.freeAt, job.arrivedAt);
        if (start >= end) { queue.push(job); break; } // cannot happen: arrivals in order; kept for safety
        w.freeAt = start + job.serviceMs;
        busyMs += job.serviceMs; // counted in the interval the job starts in
        intervalLatencies.push(w.freeAt - job.arrivedAt);
      }
    }
    // A retiring worker leaves once its last job is done.
    workers = workers.filter((w) => !(w.retiring && w.freeAt <= end));
    workerMs += workers.length * TICK_MS;
    maxQueue = Math.max(maxQueue, queue.length);

    if (end % p.intervalMs !== 0) continue;
    // The controller: measure the last interval, then decide.
    const ready = workers.filter((w) => w.readyAt <= end && !w.retiring).length;
    const current = workers.filter((w) => !w.retiring).length;
    // Busy time over what the ready workers could have done: it cannot show more than 100%.
    const utilisation = ready === 0 ? 1 : Math.min(1, busyMs / (ready * p.intervalMs));
    const ratePerMs = arrived / p.intervalMs;
    let desired = current;
    if (p.policy === 'utilisation') desired = Math.ceil((ready * utilisation) / p.targetUtilisation);
    if (p.policy === 'demand') {
      desired = Math.ceil((ratePerMs * p.serviceMs + (queue.length * p.serviceMs) / p.intervalMs) / p.targetUtilisation);
    }
    desired = Math.min(p.maxWorkers, Math.max(p.minWorkers, desired));
    if (p.policy === 'fixed') desired = p.fixedWorkers;
    // Scale down only to the largest size asked for during the delay window.
    recentDesired.push(desired);
    recentDesired = recentDesired.slice(-Math.max(1, Math.round(p.scaleDownDelayMs / p.intervalMs) + 1));
    const target = desired >= current ? desired : Math.max(...recentDesired);
    if (target > current) {
      for (let i = current; i < target; i++) workers.push({ readyAt: end + p.startupMs, freeAt: 0, retiring: false });
    } else if (target < current) {
      // Retire the idlest first: starting ones, then those free soonest.
      const active = workers.filter((w) => !w.retiring).sort((a, b) => b.readyAt - a.readyAt || a.freeAt - b.freeAt);
      for (const w of active.slice(0, current - target)) w.retiring = true;
    }
    latencies.push(...intervalLatencies);
    const sorted = Float64Array.from(intervalLatencies).sort();
    samples.push({
      at: end,
      demand: (arrivalRate(end - p.intervalMs / 2) * p.serviceMs) / 1000,
      ready,
      desired: target,
      queue: queue.length,
      p95Ms: sorted.length ? percentile(sorted, 95) : 0,
    });
    busyMs = 0;
    arrived = 0;
    intervalLatencies = [];
  }
  const sorted = Float64Array.from(latencies).sort();
  return {
    samples,
    requests: latencies.length,
    p95Ms: percentile(sorted, 95),
    overSlo: latencies.filter((l) => l > p.sloMs).length / latencies.length,
    workerMinutes: workerMs / 60_000,
    maxQueue,
  };
}
