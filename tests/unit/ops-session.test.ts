// The operations playground's simulation core (src/ops), in Node: the virtual
// clock, determinism, how the service reacts to faults, the alert rules' timing,
// inhibition, silences, escalation and acknowledgement, and the fallback to the
// reference when learner code throws.
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { LAB_PERCENTILE_ERROR, LATENCY_BUCKETS } from '../../src/ops/buckets';
import { VirtualClock } from '../../src/ops/clock';
import { ENTRY_FILES, OPS_LABS, REQUIRED_EXPORTS, type LabModules } from '../../src/ops/labs';
import { REFERENCE } from '../../src/ops/reference';
import { ESCALATE_AFTER_MS, SCRAPE_INTERVAL_MS, alertRules } from '../../src/ops/rules';
import { loadLabModules } from '../../src/ops/server';
import { FAULTS } from '../../src/ops/service';
import { Session, type AlertEvent } from '../../src/ops/session';
import { PERCENTILE_RELATIVE_ERROR } from '../../solutions/metrics-collector/metrics';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

const session = (options: { seed?: number; learner?: Partial<LabModules> } = {}) =>
  new Session({ seed: options.seed ?? 7, locale: 'en', reference: REFERENCE, learner: options.learner });

/** Advances in steps and lets the notifier's promises settle between them, as the page's timer does. */
async function run(s: Session, ms: number, step = 5 * SECOND): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    s.advance(Math.min(step, ms - done));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const eventsOf = (s: Session, alertname: string): AlertEvent[] => s.alertEvents.filter((e) => e.alertname === alertname);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Samples of a series between two virtual times (ms). */
function between(s: Session, name: keyof Session['history']['series'], from: number, to: number): number[] {
  const out: number[] = [];
  s.history.t.forEach((t, i) => {
    const v = s.history.series[name][i];
    if (t * 1000 > from && t * 1000 <= to && v !== null) out.push(v);
  });
  return out;
}

describe('the virtual clock', () => {
  it('runs timers in time order, ties in the order they were set, and skips cancelled ones', () => {
    const clock = new VirtualClock(1000);
    const seen: string[] = [];
    clock.setTimeout(() => seen.push('b'), 20);
    clock.setTimeout(() => seen.push('a'), 10);
    clock.setTimeout(() => seen.push('b2'), 20);
    const cancelled = clock.setTimeout(() => seen.push('never'), 15);
    clock.setTimeout(() => clock.setTimeout(() => seen.push(`nested@${clock.now()}`), 5), 10);
    clock.clearTimeout(cancelled);
    clock.advanceTo(1020);
    expect(seen).toEqual(['a', 'nested@1015', 'b', 'b2']);
    expect(clock.now()).toBe(1020);
    expect(clock.elapsed()).toBe(20);
  });

  it('stops at the timer after which `stop` says so, leaving later timers for later', () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    for (const at of [10, 20, 30]) clock.setTimeout(() => seen.push(at), at);
    clock.advanceTo(100, () => seen.length === 2);
    expect(seen).toEqual([10, 20]);
    expect(clock.now()).toBe(20);
    clock.advanceTo(100);
    expect(seen).toEqual([10, 20, 30]);
  });
});

describe('the lab modules', () => {
  it('the bundled reference is the solutions loaded through their lab.json entry files', async () => {
    const loaded = await loadLabModules(catalog.dirs.solutions);
    for (const lab of OPS_LABS) {
      expect(loaded[lab].error, lab).toBeUndefined();
      for (const name of REQUIRED_EXPORTS[lab]) expect(typeof (loaded[lab].module as Record<string, unknown>)[name], `${lab}.${name}`).toBe('function');
      expect(Object.keys(loaded[lab].module!).sort(), lab).toEqual(Object.keys(REFERENCE[lab]).sort());
    }
    expect(Object.keys(ENTRY_FILES).sort()).toEqual([...OPS_LABS].sort());
  });

  it('a folder without a lab says what is missing', async () => {
    const loaded = await loadLabModules('/nonexistent-folder');
    expect(loaded['alert-engine'].error).toMatch(/^missing (\S+, )*alert-engine\/alert-engine\.ts/);
  });

  it('exported latency buckets are the powers of γ the collector counts in, so Prometheus and it agree within the lab bound', () => {
    expect(LAB_PERCENTILE_ERROR).toBe(PERCENTILE_RELATIVE_ERROR);
    const gamma = (1 + LAB_PERCENTILE_ERROR) / (1 - LAB_PERCENTILE_ERROR);
    expect(LATENCY_BUCKETS[0]).toBeLessThanOrEqual(0.001);
    expect(LATENCY_BUCKETS.at(-1)).toBeGreaterThanOrEqual(60);
    for (let i = 1; i < LATENCY_BUCKETS.length; i++) expect(LATENCY_BUCKETS[i] / LATENCY_BUCKETS[i - 1]).toBeCloseTo(gamma, 9);
    // Each bound sits on the collector's own bucket edge γ^i.
    for (const bound of LATENCY_BUCKETS) expect(Math.abs(Math.log(bound) / Math.log(gamma) - Math.round(Math.log(bound) / Math.log(gamma)))).toBeLessThan(1e-6);
  });
});

describe('the simulated service', () => {
  it('is deterministic: the same seed and actions give the same run; another seed another one', async () => {
    const play = async (seed: number) => {
      const s = session({ seed });
      await run(s, 2 * MINUTE);
      s.act({ type: 'fault', fault: 'error-burst' });
      await run(s, 3 * MINUTE);
      return s;
    };
    const [a, b, c] = [await play(3), await play(3), await play(4)];
    expect(a.history).toEqual(b.history);
    expect(a.messages).toEqual(b.messages);
    expect(a.alertEvents).toEqual(b.alertEvents);
    expect(a.exposition()).toBe(b.exposition());
    expect(c.history.series.request_rate).not.toEqual(a.history.series.request_rate);
  });

  it('serves its arrival rate, with a low error rate and no queue when healthy', async () => {
    const s = session();
    await run(s, 5 * MINUTE);
    expect(s.history.t).toHaveLength((5 * MINUTE) / SCRAPE_INTERVAL_MS);
    expect(median(between(s, 'request_rate', 0, 5 * MINUTE))).toBeGreaterThan(35);
    expect(median(between(s, 'request_rate', 0, 5 * MINUTE))).toBeLessThan(45);
    expect(median(between(s, 'error_ratio', 0, 5 * MINUTE))).toBeLessThan(0.02);
    expect(Math.max(...between(s, 'queued_requests', 0, 5 * MINUTE))).toBeLessThanOrEqual(2);
    expect(s.alerts().filter((a) => a.state !== 'resolved')).toEqual([]);
  });

  it('latency percentiles move when the dependency slows, and come back after', async () => {
    const s = session();
    await run(s, 3 * MINUTE);
    s.act({ type: 'fault', fault: 'dependency-slowdown' });
    const end = 3 * MINUTE + FAULTS['dependency-slowdown'].durationMs;
    await run(s, FAULTS['dependency-slowdown'].durationMs + 3 * MINUTE);
    const before = { p50: median(between(s, 'latency_p50_seconds', 0, 3 * MINUTE)), p99: median(between(s, 'latency_p99_seconds', 0, 3 * MINUTE)) };
    const during = { p50: median(between(s, 'latency_p50_seconds', 3.5 * MINUTE, end)), p99: median(between(s, 'latency_p99_seconds', 3.5 * MINUTE, end)) };
    const after = { p50: median(between(s, 'latency_p50_seconds', end + MINUTE, end + 3 * MINUTE)) };
    expect(during.p50).toBeGreaterThan(3 * before.p50);
    expect(during.p99).toBeGreaterThan(3 * before.p99);
    expect(after.p50).toBeLessThan(1.3 * before.p50);
    expect(median(between(s, 'dependency_p95_seconds', 3.5 * MINUTE, end))).toBeGreaterThan(0.6);
  });

  it('a traffic spike beyond the workers queues requests, then turns some away', async () => {
    const s = session();
    await run(s, 2 * MINUTE);
    s.act({ type: 'fault', fault: 'traffic-spike' });
    await run(s, FAULTS['traffic-spike'].durationMs);
    expect(median(between(s, 'request_rate', 2.5 * MINUTE, 4 * MINUTE))).toBeGreaterThan(150);
    expect(Math.max(...between(s, 'queued_requests', 2 * MINUTE, 4 * MINUTE))).toBeGreaterThan(10);
    expect(Math.max(...between(s, 'error_ratio', 2 * MINUTE, 4 * MINUTE))).toBeGreaterThan(0.05); // queue timeouts
    expect(s.exposition()).toMatch(/agent_request_errors_total\{reason="timeout"\} [1-9]/);
  });

  it('rejects a control out of range with a RangeError and changes nothing', () => {
    const s = session();
    expect(() => s.act({ type: 'set', control: 'concurrency', value: 0 })).toThrow(RangeError);
    expect(() => s.act({ type: 'set', control: 'rate', value: Number.NaN })).toThrow(RangeError);
    expect(s.controls.concurrency).toBe(40);
  });
});

describe('alerts and notifications', () => {
  it('has at least five rules of the three kinds exercise 3.4 asks for', () => {
    const rules = alertRules('en');
    expect(rules.length).toBeGreaterThanOrEqual(5);
    expect(new Set(rules.map((r) => r.kind))).toEqual(new Set(['threshold', 'trend', 'anomaly']));
    expect(alertRules('zh').map((r) => r.annotations?.summary)).not.toEqual(rules.map((r) => r.annotations?.summary));
  });

  it('an error burst makes HighErrorRate pending, firing within its for-duration, notified, then resolved after the burst', async () => {
    const s = session();
    await run(s, 2 * MINUTE);
    const injected = s.elapsed();
    s.act({ type: 'fault', fault: 'error-burst' });
    await run(s, FAULTS['error-burst'].durationMs + 2 * MINUTE);
    const forMs = alertRules('en').find((r) => r.name === 'HighErrorRate')!.forMs!;
    const events = eventsOf(s, 'HighErrorRate');
    expect(events.map((e) => e.state)).toEqual(['pending', 'firing', 'resolved']);
    const [pending, firing, resolved] = events;
    // Pending at the first scrape after the burst starts; firing once the condition has held for `for`.
    expect(pending.at - injected).toBeLessThanOrEqual(SCRAPE_INTERVAL_MS);
    expect(firing.at - pending.at).toBeGreaterThanOrEqual(forMs);
    expect(firing.at - pending.at).toBeLessThanOrEqual(forMs + SCRAPE_INTERVAL_MS);
    const burstEnd = injected + FAULTS['error-burst'].durationMs;
    expect(resolved.at).toBeGreaterThan(burstEnd);
    expect(resolved.at - burstEnd).toBeLessThanOrEqual(2 * SCRAPE_INTERVAL_MS);
    // Critical: paged on the pager and posted to the team chat; both told when it resolved.
    const about = s.messages.filter((m) => m.title.includes('HighErrorRate'));
    expect(about.map((m) => `${m.channel} ${m.title}`)).toEqual(expect.arrayContaining([
      'pager [FIRING][critical] HighErrorRate', 'team-chat [FIRING][critical] HighErrorRate',
      'pager [RESOLVED][critical] HighErrorRate', 'team-chat [RESOLVED][critical] HighErrorRate',
    ]));
    expect(JSON.parse(about.find((m) => m.channel === 'pager')!.body).alert.annotations.summary).toBe('Error rate above 5%');
  });

  it('a slow dependency fires DependencySlow and inhibits HighLatencyP99: the cause pages, the symptom does not', async () => {
    const s = session();
    await run(s, MINUTE);
    s.act({ type: 'fault', fault: 'dependency-slowdown' });
    await run(s, 2 * MINUTE);
    const rows = Object.fromEntries(s.alerts().map((a) => [a.alertname, a]));
    expect(rows.DependencySlow.state).toBe('firing');
    expect(rows.HighLatencyP99.state).toBe('firing');
    expect(rows.HighLatencyP99.inhibited).toBe(true);
    expect(s.messages.some((m) => m.title.includes('DependencySlow'))).toBe(true);
    expect(s.messages.some((m) => m.title.includes('HighLatencyP99'))).toBe(false);
    expect(s.groupNotices.some((n) => n.group.component === 'dependency' && n.firing.includes('DependencySlow'))).toBe(true);
  });

  it('a silence mutes an alert’s notifications until it is expired', async () => {
    const s = session();
    s.act({ type: 'silence', alertname: 'HighErrorRate', durationMs: 30 * MINUTE });
    expect(s.silences()).toEqual([{ id: 1, alertname: 'HighErrorRate', endsAt: 30 * MINUTE }]);
    s.act({ type: 'set', control: 'errorRate', value: 0.2 });
    await run(s, 2 * MINUTE);
    expect(s.alerts().find((a) => a.alertname === 'HighErrorRate')).toMatchObject({ state: 'firing', silenced: true });
    expect(s.messages.filter((m) => m.title.includes('HighErrorRate'))).toEqual([]);
    s.act({ type: 'expire-silence', silence: 1 });
    expect(s.silences()).toEqual([]);
    await run(s, 2 * MINUTE);
    expect(s.messages.filter((m) => m.title.includes('HighErrorRate')).length).toBeGreaterThan(0);
  });

  it('an unacknowledged critical alert escalates to the pager and e-mail; an acknowledged one does not', async () => {
    const play = async (ack: boolean) => {
      const s = session();
      s.act({ type: 'set', control: 'errorRate', value: 0.2 });
      await run(s, MINUTE);
      const incident = s.incidents().find((i) => i.alertname === 'HighErrorRate');
      expect(incident).toMatchObject({ state: 'firing', level: 1 });
      if (ack) s.act({ type: 'ack', fingerprint: incident!.fingerprint });
      await run(s, ESCALATE_AFTER_MS + MINUTE);
      return s;
    };
    const ignored = await play(false);
    expect(ignored.incidents().find((i) => i.alertname === 'HighErrorRate')).toMatchObject({ state: 'firing', level: 2 });
    expect(ignored.messages.filter((m) => m.channel === 'oncall-mail').map((m) => m.title)).toEqual(['[FIRING][critical] HighErrorRate (escalated to level 2)']);
    const acked = await play(true);
    expect(acked.incidents().find((i) => i.alertname === 'HighErrorRate')).toMatchObject({ state: 'acknowledged', level: 1 });
    expect(acked.messages.filter((m) => m.channel === 'oncall-mail')).toEqual([]);
  });
});

describe('learner code that throws', () => {
  /** The reference collector, except that timing breaks after `after` requests: passes checks, fails in production. */
  function breakingCollector(after: number): LabModules['metrics-collector'] {
    const real = REFERENCE['metrics-collector'];
    let timers = 0;
    class Registry extends real.Registry {
      override histogram(config: Parameters<InstanceType<typeof real.Registry>['histogram']>[0]) {
        const histogram = super.histogram(config);
        const startTimer = histogram.startTimer.bind(histogram);
        histogram.startTimer = (labels) => {
          if (++timers > after) throw new Error('timer table full');
          return startTimer(labels);
        };
        return histogram;
      }
    }
    return { ...real, Registry };
  }

  it('switches that lab to the reference and replays: the session ends where a reference-only session would', async () => {
    const actions = async (s: Session) => {
      await run(s, MINUTE);
      s.act({ type: 'fault', fault: 'error-burst' });
      await run(s, 3 * MINUTE);
    };
    const learner = session({ learner: { 'metrics-collector': breakingCollector(5000) } });
    expect(learner.sources()['metrics-collector']).toBe('learner');
    await actions(learner);
    expect(learner.sources()['metrics-collector']).toBe('reference');
    const failure = learner.runtimeFailures()['metrics-collector']!;
    expect(failure.message).toBe('timer table full');
    expect(failure.at).toBeGreaterThan(MINUTE); // about 5000 requests at 40/s
    expect(failure.at).toBeLessThan(3 * MINUTE);
    const reference = session();
    await actions(reference);
    expect(learner.history).toEqual(reference.history);
    expect(learner.alertEvents).toEqual(reference.alertEvents);
    expect(learner.messages.length).toBe(reference.messages.length);
  });

  it('a notifier whose delivery rejects later is caught too', async () => {
    const real = REFERENCE['alert-notifier'];
    class Notifier extends real.Notifier {
      override notify(): never {
        throw new Error('no route to host');
      }
    }
    const s = session({ learner: { 'alert-notifier': { ...real, Notifier } } });
    s.act({ type: 'fault', fault: 'error-burst' });
    await run(s, 2 * MINUTE);
    expect(s.runtimeFailures()['alert-notifier']?.message).toBe('no route to host');
    expect(s.sources()['alert-notifier']).toBe('reference');
    expect(s.messages.some((m) => m.title.includes('HighErrorRate'))).toBe(true);
  });

  it('an engine that throws while it is built falls back at once', () => {
    const real = REFERENCE['alert-engine'];
    class AlertEngine extends real.AlertEngine {
      override addRule(): void {
        throw new RangeError('unknown rule kind');
      }
    }
    const s = session({ learner: { 'alert-engine': { ...real, AlertEngine } } });
    expect(s.sources()['alert-engine']).toBe('reference');
    expect(s.runtimeFailures()['alert-engine']).toEqual({ message: 'unknown rule kind', at: 0 });
  });
});
