// The profiler's workload for this lab (lab.json "workload"): two simulated hours of an
// alert engine watching 25 services. Every 15 s it evaluates 100 rules (thresholds with
// a `for` duration and hysteresis, trends, anomalies) against fresh samples, takes 30
// alerts pushed from outside (most of them repeats it must recognise by fingerprint),
// resolves a few, answers the alert list now and then, and lets group timers send the
// notifications. Silences and an inhibition rule are in force. A dedup table that is an
// array, or a rule that re-sorts its whole history, shows here.
import { seededRandom } from '@grader-kit';
import { ManualClock } from '@workload-kit';
import { AlertEngine, type Labels, type Severity } from '@impl/alert-engine/alert-engine';

const SERVICES = Array.from({ length: 25 }, (_, i) => `svc-${String(i).padStart(2, '0')}`);
const ROUNDS = 480; // two hours at one evaluation every 15 s
const STEP_MS = 15_000;
const PUSHED_PER_ROUND = 30;
const PUSHED_KINDS = 1500;

export function prepare() {
  const random = seededRandom(11);
  // Per service, a random walk with incidents: latency, error rate and queue depth.
  const walk = SERVICES.map(() => ({ latency: 0.2, errors: 0.01, queue: 10 }));
  const samples = Array.from({ length: ROUNDS }, (_, round) => {
    const out: Record<string, number> = {};
    walk.forEach((w, s) => {
      const incident = (round + s * 37) % 240 < 20;
      w.latency = Math.max(0.05, w.latency + (random() - 0.5) * 0.05 + (incident ? 0.04 : -0.01));
      w.errors = Math.min(1, Math.max(0, w.errors + (random() - 0.5) * 0.004 + (incident ? 0.006 : -0.002)));
      w.queue = Math.max(0, w.queue + (random() - 0.45) * 4 + (incident ? 6 : -1));
      out[`latency_seconds:${SERVICES[s]}`] = w.latency;
      out[`error_ratio:${SERVICES[s]}`] = w.errors;
      out[`queue_depth:${SERVICES[s]}`] = w.queue;
    });
    return out;
  });
  const severities: Severity[] = ['info', 'warning', 'critical'];
  const pushedKinds: Labels[] = Array.from({ length: PUSHED_KINDS }, (_, k) => ({
    alertname: `Probe${k % 12}`,
    severity: severities[k % 3],
    service: SERVICES[k % SERVICES.length],
    instance: `10.0.${k % 50}.${k % 251}:9100`,
  }));
  const pushed = Array.from({ length: ROUNDS * PUSHED_PER_ROUND }, () => Math.floor(random() * random() * PUSHED_KINDS));

  return () => {
    const clock = new ManualClock(1_700_000_000_000);
    let notified = 0;
    const engine = new AlertEngine({
      clock,
      notify: (n) => { notified += n.alerts.length; },
      route: { groupBy: ['alertname', 'service'], groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 },
      inhibitRules: [{ source: [{ name: 'severity', op: '=', value: 'critical' }], target: [{ name: 'severity', op: '=', value: 'warning' }], equal: ['service'] }],
    });
    for (const service of SERVICES) {
      const labels = { service, team: service < 'svc-12' ? 'payments' : 'search' };
      engine.addRule({ kind: 'threshold', name: `HighLatency ${service}`, metric: `latency_seconds:${service}`, severity: 'warning', op: '>', threshold: 0.5, recoverAt: 0.4, forMs: 60_000, labels });
      engine.addRule({ kind: 'threshold', name: `HighErrorRate ${service}`, metric: `error_ratio:${service}`, severity: 'critical', op: '>', threshold: 0.05, forMs: 30_000, labels });
      engine.addRule({ kind: 'trend', name: `QueueGrowing ${service}`, metric: `queue_depth:${service}`, severity: 'warning', op: '>', slopePerSecond: 0.2, windowMs: 300_000, labels });
      engine.addRule({ kind: 'anomaly', name: `LatencyAnomaly ${service}`, metric: `latency_seconds:${service}`, severity: 'info', zScore: 4, window: 40, labels });
    }
    const start = clock.now();
    engine.addSilence({ matchers: [{ name: 'team', op: '=', value: 'search' }, { name: 'alertname', op: '=~', value: 'Queue.*' }], startsAt: start, endsAt: start + 2 * 3_600_000, comment: 'reindexing' });
    engine.addSilence({ matchers: [{ name: 'instance', op: '=~', value: '10\\.0\\.1[0-9]\\..*' }], startsAt: start + 3_600_000, endsAt: start + 3 * 3_600_000 });

    let listed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      clock.advance(STEP_MS);
      engine.evaluate(samples[round]);
      for (let i = 0; i < PUSHED_PER_ROUND; i++) {
        const labels = pushedKinds[pushed[round * PUSHED_PER_ROUND + i]];
        if (i === 0 && round % 3 === 0) engine.resolve(labels);
        else engine.receive({ labels, annotations: { summary: `${labels.alertname} on ${labels.instance}` } });
      }
      if (round % 20 === 0) listed += engine.alerts().length;
    }
    engine.close();
    return { notified, listed };
  };
}
