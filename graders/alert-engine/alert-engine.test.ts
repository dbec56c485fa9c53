import { describe, it, expect } from 'vitest';
import { compareSeverity, fingerprint } from '@impl/alert-engine/labels';
import type { Rule } from '@impl/alert-engine/types';
import { setup, incoming, names, SECOND, MINUTE, HOUR } from './helpers';

const cpuRule = (extra: Partial<Rule> = {}): Rule =>
  ({ kind: 'threshold', name: 'HighCpu', metric: 'cpu', severity: 'warning', op: '>', threshold: 90, ...extra }) as Rule;

const stateOf = (engine: ReturnType<typeof setup>['engine'], alertname: string) =>
  engine.alerts().find((a) => a.labels.alertname === alertname)?.state ?? 'inactive';

describe('rule-validation', () => {
  it('rejects rules that cannot work with a RangeError', () => {
    const { engine } = setup();
    const bad: Array<Partial<Rule>> = [
      { severity: 'fatal' as never },
      { op: '=>' as never },
      { forMs: -1 },
      { threshold: Number.NaN },
      { recoverAt: 95 }, // for '>' the recovery level must be below the threshold
      { kind: 'trend', windowMs: 0, slopePerSecond: 1 } as never,
      { kind: 'anomaly', window: 1, zScore: 3 } as never,
      { kind: 'anomaly', window: 10, zScore: 0 } as never,
    ];
    bad.forEach((extra, i) => expect(() => engine.addRule(cpuRule({ ...extra, name: `bad-${i}` } as Partial<Rule>))).toThrow(RangeError));
  });

  it('rejects a second rule with the same name', () => {
    const { engine } = setup();
    engine.addRule(cpuRule());
    expect(() => engine.addRule(cpuRule({ threshold: 80 }))).toThrow();
  });

  it('accepts each kind of valid rule', () => {
    const { engine } = setup();
    engine.addRule(cpuRule({ recoverAt: 80 }));
    engine.addRule({ kind: 'trend', name: 'QueueGrowing', metric: 'queue', severity: 'info', op: '>', slopePerSecond: 1, windowMs: MINUTE });
    engine.addRule({ kind: 'anomaly', name: 'OddLatency', metric: 'p99', severity: 'critical', window: 20, zScore: 3 });
    engine.evaluate({ cpu: 10, queue: 1, p99: 0.2 });
    expect(engine.alerts()).toEqual([]);
  });

  it('rejects a rule of an unknown kind', () => {
    const { engine } = setup();
    expect(() => engine.addRule({ ...cpuRule(), kind: 'ratio' } as never)).toThrow(RangeError);
  });

  it('checks a trend rule\'s comparator and slope as well', () => {
    const { engine } = setup();
    const trend = (name: string, extra: object) =>
      ({ kind: 'trend', name, metric: 'queue', severity: 'info', op: '>', slopePerSecond: 1, windowMs: MINUTE, ...extra }) as Rule;
    expect(() => engine.addRule(trend('a', { op: '=>' }))).toThrow(RangeError);
    expect(() => engine.addRule(trend('b', { slopePerSecond: Number.NaN }))).toThrow(RangeError);
    expect(() => engine.addRule(trend('c', { slopePerSecond: Number.POSITIVE_INFINITY }))).toThrow(RangeError);
  });

  it('accepts an anomaly window of 2, the smallest allowed, and judges by it', () => {
    const { engine } = setup();
    engine.addRule({ kind: 'anomaly', name: 'OddLatency', metric: 'p99', severity: 'critical', window: 2, zScore: 3 });
    engine.evaluate({ p99: 90 });
    engine.evaluate({ p99: 110 });
    engine.evaluate({ p99: 150 }); // mean 100, σ = 10: 5σ away
    expect(stateOf(engine, 'OddLatency')).toBe('firing');
  });

  it('rejects rule labels that try to set alertname or severity', () => {
    const { engine } = setup();
    expect(() => engine.addRule(cpuRule({ name: 'a', labels: { alertname: 'Other' } }))).toThrow(RangeError);
    expect(() => engine.addRule(cpuRule({ name: 'b', labels: { team: 'infra', severity: 'critical' } }))).toThrow(RangeError);
    engine.addRule(cpuRule({ name: 'c', labels: { team: 'infra' } }));
  });
});

describe('fingerprint', () => {
  it('does not depend on label order', () => {
    expect(fingerprint({ a: '1', b: '2', c: '3' })).toBe(fingerprint({ c: '3', a: '1', b: '2' }));
  });

  it('tells different label sets apart, even ones that print alike', () => {
    const sets: Array<Record<string, string>> = [
      { a: '1' },
      { a: '1', b: '' },
      { a: '1,b=2' },
      { a: '1', b: '2' },
      { 'a=1,b': '2' },
      { a: '12' },
      { a1: '2' },
    ];
    const prints = sets.map((labels) => fingerprint(labels));
    expect(new Set(prints).size).toBe(sets.length);
  });

  it('the same labels in another order are one alert, and annotations do not count', () => {
    const { engine } = setup();
    const first = engine.receive({ labels: { alertname: 'DiskFull', severity: 'warning', host: 'db1' }, annotations: { summary: '91%' } });
    const again = engine.receive({ labels: { host: 'db1', severity: 'warning', alertname: 'DiskFull' }, annotations: { summary: '93%' } });
    expect(again.fingerprint).toBe(first.fingerprint);
    expect(again.incidentId).toBe(first.incidentId);
    expect(engine.alerts()).toHaveLength(1);
    expect(engine.alerts()[0].annotations).toEqual({ summary: '93%' });
  });
});

describe('threshold-for', () => {
  it('goes pending, then fires once the condition has held for `forMs`', async () => {
    const { engine, clock } = setup();
    engine.addRule(cpuRule({ forMs: MINUTE }));
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('pending');
    await clock.advance(59 * SECOND - clock.now());
    engine.evaluate({ cpu: 97 });
    expect(stateOf(engine, 'HighCpu')).toBe('pending');
    await clock.advance(60 * SECOND - clock.now());
    engine.evaluate({ cpu: 96 });
    const [alert] = engine.alerts();
    expect(alert.state).toBe('firing');
    expect(alert.activeAt).toBe(0);
    expect(alert.value).toBe(96);
  });

  it('a NaN or missing sample keeps a pending rule pending', async () => {
    const { engine, clock } = setup();
    engine.addRule(cpuRule({ forMs: MINUTE }));
    engine.evaluate({ cpu: 95 });
    await clock.advance(30 * SECOND);
    engine.evaluate({ cpu: Number.NaN });
    engine.evaluate({});
    expect(stateOf(engine, 'HighCpu')).toBe('pending');
    await clock.advance(30 * SECOND);
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('firing');
  });

  it('a single clear sample resets pending', async () => {
    const { engine, clock } = setup();
    engine.addRule(cpuRule({ forMs: MINUTE }));
    engine.evaluate({ cpu: 95 });
    await clock.advance(30 * SECOND - clock.now());
    engine.evaluate({ cpu: 50 });
    expect(stateOf(engine, 'HighCpu')).toBe('inactive');
    await clock.advance(40 * SECOND - clock.now());
    engine.evaluate({ cpu: 95 });
    await clock.advance(90 * SECOND - clock.now());
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('pending'); // 50 s since it became pending again
    await clock.advance(100 * SECOND - clock.now());
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('firing');
  });

  it('with forMs 0 it fires on the first breaching sample', () => {
    const { engine } = setup();
    engine.addRule(cpuRule());
    engine.evaluate({ cpu: 90 });
    expect(stateOf(engine, 'HighCpu')).toBe('inactive'); // 90 is not > 90
    engine.evaluate({ cpu: 90.5 });
    expect(stateOf(engine, 'HighCpu')).toBe('firing');
  });

  it('honours each comparator and ignores samples it has no value for', () => {
    const { engine } = setup();
    engine.addRule(cpuRule({ name: 'AtLeast', op: '>=', threshold: 90 }));
    engine.addRule(cpuRule({ name: 'Below', metric: 'free', op: '<', threshold: 10 }));
    engine.addRule(cpuRule({ name: 'AtMost', metric: 'free', op: '<=', threshold: 5 }));
    engine.evaluate({ cpu: 90, free: 7 });
    expect(engine.alerts().map((a) => a.labels.alertname).sort()).toEqual(['AtLeast', 'Below']);
    engine.evaluate({ free: 5 }); // no cpu sample: AtLeast keeps firing
    expect(engine.alerts().map((a) => a.labels.alertname).sort()).toEqual(['AtLeast', 'AtMost', 'Below']);
  });

  it('each comparator is right just below, at and just above its threshold', () => {
    const fires: Record<string, boolean[]> = { '>': [false, false, true], '>=': [false, true, true], '<': [true, false, false], '<=': [true, true, false] };
    for (const [op, want] of Object.entries(fires)) {
      [89.5, 90, 90.5].forEach((cpu, i) => {
        const { engine } = setup();
        engine.addRule(cpuRule({ op: op as never }));
        engine.evaluate({ cpu });
        expect(stateOf(engine, 'HighCpu'), `${cpu} ${op} 90`).toBe(want[i] ? 'firing' : 'inactive');
      });
    }
  });

  it('after resolving, a rule must hold for forMs again before it fires anew', async () => {
    const { engine, clock } = setup();
    engine.addRule(cpuRule({ forMs: MINUTE }));
    engine.evaluate({ cpu: 95 });
    await clock.advance(MINUTE);
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('firing');
    await clock.advance(MINUTE);
    engine.evaluate({ cpu: 50 }); // t = 2 min: resolved
    expect(engine.alerts()).toEqual([]);
    await clock.advance(MINUTE);
    engine.evaluate({ cpu: 95 }); // t = 3 min: pending again, since now
    expect(engine.alerts()).toMatchObject([{ state: 'pending', activeAt: 3 * MINUTE }]);
    await clock.advance(MINUTE - 1);
    engine.evaluate({ cpu: 95 });
    expect(stateOf(engine, 'HighCpu')).toBe('pending');
    await clock.advance(1);
    engine.evaluate({ cpu: 95 });
    expect(engine.alerts()).toMatchObject([{ state: 'firing', activeAt: 3 * MINUTE }]);
  });

  it('a pending alert already carries the rule\'s labels and annotations', () => {
    const { engine } = setup();
    engine.addRule(cpuRule({ forMs: MINUTE, labels: { team: 'infra' }, annotations: { runbook: 'r/cpu' } }));
    engine.evaluate({ cpu: 95 });
    const [alert] = engine.alerts();
    expect(alert.state).toBe('pending');
    expect(alert.labels).toEqual({ alertname: 'HighCpu', severity: 'warning', team: 'infra' });
    expect(alert.annotations).toEqual({ runbook: 'r/cpu' });
  });

  it('a firing rule alert carries alertname, severity and the rule labels', () => {
    const { engine } = setup();
    engine.addRule(cpuRule({ labels: { team: 'infra' }, annotations: { runbook: 'r/cpu' } }));
    engine.evaluate({ cpu: 99 });
    const [alert] = engine.alerts();
    expect(alert.labels).toEqual({ alertname: 'HighCpu', severity: 'warning', team: 'infra' });
    expect(alert.annotations).toEqual({ runbook: 'r/cpu' });
    expect(alert.severity).toBe('warning');
  });
});

describe('hysteresis', () => {
  it('a value oscillating around the threshold fires once and does not flap', async () => {
    const { engine } = setup({ route: { groupWaitMs: 0 } });
    engine.addRule(cpuRule({ recoverAt: 80 }));
    const series = [95, 89, 91, 85, 92, 88, 90, 81];
    const incidents = new Set<string | undefined>();
    for (const cpu of series) {
      engine.evaluate({ cpu });
      const [alert] = engine.alerts();
      expect(alert?.state).toBe('firing');
      incidents.add(alert.incidentId);
    }
    expect(incidents.size).toBe(1);
    engine.evaluate({ cpu: 80 }); // no longer > 80: recovered
    expect(engine.alerts()).toEqual([]);
  });

  it('hysteresis follows the rule\'s comparator: for `<`, recovery means rising to recoverAt', () => {
    const { engine } = setup();
    engine.addRule(cpuRule({ name: 'LowDisk', metric: 'free', op: '<', threshold: 10, recoverAt: 20 }));
    engine.evaluate({ free: 5 });
    engine.evaluate({ free: 15 }); // between the levels: still firing
    expect(stateOf(engine, 'LowDisk')).toBe('firing');
    engine.evaluate({ free: 19.5 });
    expect(stateOf(engine, 'LowDisk')).toBe('firing');
    engine.evaluate({ free: 20 }); // no longer < 20: recovered
    expect(stateOf(engine, 'LowDisk')).toBe('inactive');
  });

  it('without recoverAt, a dip below the threshold resolves', () => {
    const { engine } = setup();
    engine.addRule(cpuRule());
    engine.evaluate({ cpu: 95 });
    engine.evaluate({ cpu: 89 });
    expect(engine.alerts()).toEqual([]);
  });
});

describe('trend', () => {
  const queueRule: Rule = { kind: 'trend', name: 'QueueGrowing', metric: 'queue', severity: 'warning', op: '>', slopePerSecond: 2, windowMs: MINUTE };

  it('fires on a slope above the limit, computed over the window', async () => {
    const { engine, clock } = setup();
    engine.addRule(queueRule);
    for (let s = 0; s <= 30; s += 10) {
      await clock.advance(s * SECOND - clock.now());
      engine.evaluate({ queue: 100 + 3 * s }); // +3 per second
    }
    expect(stateOf(engine, 'QueueGrowing')).toBe('firing');
  });

  it('never fires on fewer than two points, however large the value', () => {
    const { engine } = setup();
    engine.addRule(queueRule);
    engine.evaluate({ queue: 1e9 });
    expect(engine.alerts()).toEqual([]);
  });

  it('two samples at the same instant have no slope', () => {
    const { engine } = setup();
    engine.addRule(queueRule);
    engine.evaluate({ queue: 0 });
    engine.evaluate({ queue: 1e6 });
    expect(engine.alerts()).toEqual([]);
  });

  it('a point exactly windowMs old is still in the window', async () => {
    const { engine, clock } = setup();
    engine.addRule(queueRule);
    engine.evaluate({ queue: 0 }); // t = 0
    await clock.advance(MINUTE);
    engine.evaluate({ queue: 180 }); // t = 60 s: with the t = 0 point, +3 per second
    expect(stateOf(engine, 'QueueGrowing')).toBe('firing');
  });

  it('forgets points older than the window', async () => {
    const { engine, clock } = setup();
    engine.addRule(queueRule);
    engine.evaluate({ queue: 0 }); // t = 0
    await clock.advance(10 * MINUTE - clock.now());
    engine.evaluate({ queue: 5000 }); // a steep slope only if t = 0 were still in the window
    expect(engine.alerts()).toEqual([]);
    await clock.advance(10 * MINUTE + 10 * SECOND - clock.now());
    engine.evaluate({ queue: 5010 }); // +1 per second
    expect(engine.alerts()).toEqual([]);
    await clock.advance(10 * MINUTE + 20 * SECOND - clock.now());
    engine.evaluate({ queue: 5100 });
    expect(stateOf(engine, 'QueueGrowing')).toBe('firing');
  });
});

describe('anomaly', () => {
  const latencyRule: Rule = { kind: 'anomaly', name: 'OddLatency', metric: 'p99', severity: 'critical', window: 10, zScore: 3 };
  const noisy = [100, 104, 97, 101, 99, 103, 96, 102, 98, 100];

  it('does not fire during warm-up, however odd the value', () => {
    const { engine } = setup();
    engine.addRule(latencyRule);
    for (let i = 0; i < 10; i++) {
      engine.evaluate({ p99: i === 5 ? 10_000 : 100 });
      expect(engine.alerts()).toEqual([]);
    }
  });

  it('fires on a spike far outside the recent spread, not on ordinary values', () => {
    const { engine } = setup();
    engine.addRule(latencyRule);
    for (const v of noisy) engine.evaluate({ p99: v });
    engine.evaluate({ p99: 105 });
    expect(engine.alerts()).toEqual([]);
    engine.evaluate({ p99: 400 });
    expect(stateOf(engine, 'OddLatency')).toBe('firing');
  });

  it('fires at exactly zScore population standard deviations (σ over n, not n − 1)', () => {
    const { engine } = setup();
    engine.addRule(latencyRule);
    for (let i = 0; i < 10; i++) engine.evaluate({ p99: i % 2 ? 110 : 90 }); // mean 100, σ = 10 exactly
    engine.evaluate({ p99: 130 }); // exactly 3σ away
    expect(stateOf(engine, 'OddLatency')).toBe('firing');
  });

  it('a flat history (σ = 0) neither divides by zero nor fires', () => {
    const { engine } = setup();
    engine.addRule(latencyRule);
    for (let i = 0; i < 10; i++) engine.evaluate({ p99: 50 });
    engine.evaluate({ p99: 50 });
    engine.evaluate({ p99: 51 });
    const alerts = engine.alerts();
    expect(alerts).toEqual([]);
  });
});

describe('severity', () => {
  it('orders info < warning < critical', () => {
    expect(compareSeverity('info', 'warning')).toBeLessThan(0);
    expect(compareSeverity('critical', 'warning')).toBeGreaterThan(0);
    expect(compareSeverity('warning', 'warning')).toBe(0);
    expect(compareSeverity('critical', 'info')).toBeGreaterThan(0);
  });

  it('rejects an incoming alert without a known severity', () => {
    const { engine } = setup();
    expect(() => engine.receive({ labels: { alertname: 'X', severity: 'page' } })).toThrow(RangeError);
    expect(() => engine.receive({ labels: { alertname: 'X', severity: 'constructor' } })).toThrow(RangeError);
    expect(() => engine.addRule(cpuRule({ severity: 'toString' as never }))).toThrow(RangeError);
    expect(() => engine.receive({ labels: { alertname: 'X' } })).toThrow(RangeError);
  });

  it('a notification lists the most severe alerts first', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.receive(incoming('A', 'info'));
    engine.receive(incoming('B', 'critical'));
    engine.receive(incoming('C', 'warning'));
    await clock.advance(30 * SECOND);
    expect(sent).toHaveLength(1);
    expect(sent[0].alerts.map((a) => a.severity)).toEqual(['critical', 'warning', 'info']);
  });

  it('a notification lists equally severe alerts oldest first, firing or resolved', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    const shown = (i: number) => sent[i].alerts.map((a) => `${a.labels.host ?? a.labels.alertname}/${a.status}`);
    engine.receive(incoming('DiskFull', 'warning', { host: 'db2' })); // t = 0: the oldest
    await clock.advance(10 * SECOND);
    engine.receive(incoming('DiskFull', 'warning', { host: 'db1' }));
    engine.receive(incoming('CpuHigh', 'critical'));
    await clock.advance(20 * SECOND); // t = 30 s
    expect(shown(0)).toEqual(['CpuHigh/firing', 'db2/firing', 'db1/firing']);
    await clock.advance(30 * SECOND);
    engine.resolve({ alertname: 'DiskFull', severity: 'warning', host: 'db2' });
    await clock.advance(5 * MINUTE); // t = 5 min 30 s
    expect(shown(1)).toEqual(['CpuHigh/firing', 'db2/resolved', 'db1/firing']);
  });
});

describe('dedup', () => {
  it('receiving the same alert again keeps one alert and one notification', async () => {
    const { engine, clock, sent } = setup();
    for (let i = 0; i < 5; i++) {
      engine.receive(incoming('DiskFull', 'warning', { host: 'db1' }));
      await clock.advance(10 * SECOND);
    }
    await clock.advance(10 * MINUTE);
    expect(engine.alerts()).toHaveLength(1);
    expect(sent).toHaveLength(1);
    expect(sent[0].alerts).toHaveLength(1);
  });

  it('a rule that keeps firing is still one alert with one incident', async () => {
    const { engine, clock, sent } = setup();
    engine.addRule(cpuRule());
    const incidents = new Set<string | undefined>();
    for (let i = 0; i < 20; i++) {
      engine.evaluate({ cpu: 95 + (i % 3) });
      incidents.add(engine.alerts()[0]?.incidentId);
      await clock.advance(15 * SECOND);
    }
    expect(incidents.size).toBe(1);
    expect(sent).toHaveLength(1);
  });

  it('rejects an incoming alert without an alertname label', () => {
    const { engine } = setup();
    expect(() => engine.receive({ labels: { severity: 'warning', host: 'db1' } })).toThrow(RangeError);
  });

  it('a new incoming alert keeps its annotations, and one sent without any has none', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    const first = engine.receive({ labels: { alertname: 'DiskFull', severity: 'warning' }, annotations: { summary: '91%' } });
    expect(first.annotations).toEqual({ summary: '91%' });
    engine.receive(incoming('CpuHigh', 'warning'));
    const annotationsOf = (alerts: Array<{ labels: Record<string, string>; annotations: unknown }>, name: string) =>
      alerts.find((a) => a.labels.alertname === name)?.annotations;
    expect(annotationsOf(engine.alerts(), 'DiskFull')).toEqual({ summary: '91%' });
    expect(annotationsOf(engine.alerts(), 'CpuHigh')).toEqual({});
    await clock.advance(30 * SECOND);
    expect(annotationsOf(sent[0].alerts, 'DiskFull')).toEqual({ summary: '91%' });
    expect(annotationsOf(sent[0].alerts, 'CpuHigh')).toEqual({});
  });
});

describe('grouping', () => {
  it('batches a group for group_wait, then holds new alerts until group_interval', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('HighLatency', 'warning', { service: 'api' }));
    await clock.advance(10 * SECOND);
    engine.receive(incoming('HighLatency', 'warning', { service: 'web' }));
    await clock.advance(20 * SECOND - 1);
    expect(sent).toHaveLength(0);
    await clock.advance(1); // t = 30 s
    expect(sent).toHaveLength(1);
    expect(sent[0].groupLabels).toEqual({ alertname: 'HighLatency' });
    expect(sent[0].alerts.map((a) => a.labels.service).sort()).toEqual(['api', 'web']);

    await clock.advance(30 * SECOND); // t = 60 s
    engine.receive(incoming('HighLatency', 'warning', { service: 'db' }));
    await clock.advance(4 * MINUTE + 30 * SECOND - 1); // just before 30 s + 5 min
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].alerts).toHaveLength(3);
  });

  it('separate groups are notified separately', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('HighLatency', 'warning'));
    engine.receive(incoming('DiskFull', 'critical'));
    await clock.advance(30 * SECOND);
    expect(sent).toHaveLength(2);
    expect(sent.map((n) => n.groupLabels.alertname).sort()).toEqual(['DiskFull', 'HighLatency']);
  });

  it('an unchanged group is sent again only after repeat_interval', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('HighLatency', 'warning'));
    await clock.advance(30 * SECOND);
    await clock.advance(4 * HOUR - 1);
    expect(sent).toHaveLength(1);
    await clock.advance(1);
    expect(sent).toHaveLength(2);
    expect(sent[1].alerts[0].incidentId).toBe(sent[0].alerts[0].incidentId);
    await clock.advance(4 * HOUR - 1); // the next repeat counts from the last send
    expect(sent).toHaveLength(2);
    await clock.advance(1);
    expect(sent).toHaveLength(3);
  });

  it('groups by the configured labels', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: ['team'] } });
    engine.receive(incoming('A', 'warning', { team: 'db' }));
    engine.receive(incoming('B', 'warning', { team: 'db' }));
    engine.receive(incoming('C', 'warning', { team: 'web' }));
    await clock.advance(30 * SECOND);
    expect(sent.map((n) => `${n.groupLabels.team}:${n.alerts.length}`).sort()).toEqual(['db:2', 'web:1']);
  });

  it('rejects a negative group_wait and a group_interval or repeat_interval of 0', () => {
    expect(() => setup({ route: { groupWaitMs: -1 } })).toThrow(RangeError);
    expect(() => setup({ route: { groupIntervalMs: 0 } })).toThrow(RangeError);
    expect(() => setup({ route: { repeatIntervalMs: 0 } })).toThrow(RangeError);
    expect(() => setup({ route: { groupIntervalMs: -MINUTE } })).toThrow(RangeError);
    setup({ route: { groupWaitMs: 0 } });
  });

  it('a group emptied by resolves starts afresh: its next alert is notified after group_wait', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('DiskFull', 'warning', { host: 'db1' }));
    await clock.advance(30 * SECOND);
    engine.resolve({ alertname: 'DiskFull', severity: 'warning', host: 'db1' });
    await clock.advance(5 * MINUTE); // t = 5 min 30 s: the resolve is sent and the group is gone
    expect(sent).toHaveLength(2);
    await clock.advance(MINUTE);
    engine.receive(incoming('DiskFull', 'warning', { host: 'db2' })); // t = 6 min 30 s
    await clock.advance(30 * SECOND - 1);
    expect(sent).toHaveLength(2);
    await clock.advance(1);
    expect(sent).toHaveLength(3);
    expect(sent[2].alerts.map((a) => `${a.labels.host}/${a.status}`)).toEqual(['db2/firing']);
  });
});

describe('inhibition', () => {
  const inhibitRules = [{ source: [{ name: 'severity', op: '=' as const, value: 'critical' }], target: [{ name: 'severity', op: '=' as const, value: 'warning' }], equal: ['cluster'] }];

  it('a firing source mutes targets with the same equal labels, not others', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [] } });
    engine.receive(incoming('ClusterDown', 'critical', { cluster: 'eu' }));
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'eu' }));
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'us' }));
    await clock.advance(30 * SECOND);
    expect(sent).toHaveLength(1);
    expect(sent[0].alerts.map((a) => `${a.labels.alertname}@${a.labels.cluster}`).sort()).toEqual(['ClusterDown@eu', 'HighLatency@us']);
    const muted = engine.alerts().find((a) => a.labels.alertname === 'HighLatency' && a.labels.cluster === 'eu')!;
    expect(muted.state).toBe('firing'); // muted, still tracked
    expect(muted.inhibited).toBe(true);
  });

  it('inhibition lifts when the source resolves, and the target is then notified', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [], sendResolved: false } });
    engine.receive(incoming('ClusterDown', 'critical', { cluster: 'eu' }));
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'eu' }));
    await clock.advance(30 * SECOND);
    expect(names(sent[0])).toEqual(['ClusterDown/firing']);
    engine.resolve({ alertname: 'ClusterDown', severity: 'critical', cluster: 'eu' });
    await clock.advance(5 * MINUTE);
    expect(sent).toHaveLength(2);
    expect(names(sent[1])).toEqual(['HighLatency/firing']);
  });

  it('a missing equal label compares as the empty string', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [] } });
    engine.receive(incoming('ClusterDown', 'critical')); // no cluster label
    engine.receive(incoming('HighLatency', 'warning', { cluster: '' }));
    engine.receive(incoming('Other', 'warning', { cluster: 'eu' }));
    await clock.advance(30 * SECOND);
    expect(names(sent[0]).sort()).toEqual(['ClusterDown/firing', 'Other/firing']);
  });

  it('an alert matching both sides does not inhibit itself', async () => {
    const rules = [{ source: [{ name: 'alertname', op: '=' as const, value: 'NodeDown' }], target: [{ name: 'alertname', op: '=~' as const, value: 'Node.*' }], equal: ['node'] }];
    const { engine, clock, sent } = setup({ inhibitRules: rules, route: { groupBy: [] } });
    engine.receive(incoming('NodeDown', 'critical', { node: 'n1' }));
    await clock.advance(30 * SECOND);
    expect(names(sent[0])).toEqual(['NodeDown/firing']);
    expect(engine.alerts()[0].inhibited).toBe(false);
  });

  it('only a firing alert that matches source inhibits', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [] } });
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'eu' }));
    engine.receive(incoming('HighErrors', 'warning', { cluster: 'eu' })); // two targets and no source
    expect(engine.alerts().filter((a) => a.inhibited)).toEqual([]);
    await clock.advance(30 * SECOND);
    expect(names(sent[0]).sort()).toEqual(['HighErrors/firing', 'HighLatency/firing']);
  });

  it('only alerts that match target are inhibited', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [] } });
    engine.receive(incoming('ClusterDown', 'critical', { cluster: 'eu' }));
    engine.receive(incoming('NodeDown', 'critical', { cluster: 'eu' })); // a second source, not a target
    engine.receive(incoming('Maintenance', 'info', { cluster: 'eu' })); // neither
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'eu' })); // the one target
    expect(engine.alerts().filter((a) => a.inhibited).map((a) => a.labels.alertname)).toEqual(['HighLatency']);
    await clock.advance(30 * SECOND);
    expect(names(sent[0]).sort()).toEqual(['ClusterDown/firing', 'Maintenance/firing', 'NodeDown/firing']);
  });

  it('a target stays muted until every source with its equal labels has resolved', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [], sendResolved: false } });
    engine.receive(incoming('ClusterDown', 'critical', { cluster: 'eu' }));
    engine.receive(incoming('NetworkDown', 'critical', { cluster: 'eu' }));
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'eu' }));
    const latency = () => engine.alerts().find((a) => a.labels.alertname === 'HighLatency')!;
    expect(latency().inhibited).toBe(true);
    engine.resolve({ alertname: 'NetworkDown', severity: 'critical', cluster: 'eu' });
    expect(latency().inhibited).toBe(true); // ClusterDown still fires
    await clock.advance(30 * SECOND);
    expect(names(sent[0])).toEqual(['ClusterDown/firing']);
    engine.resolve({ alertname: 'ClusterDown', severity: 'critical', cluster: 'eu' });
    expect(latency().inhibited).toBe(false);
    await clock.advance(5 * MINUTE);
    expect(names(sent[1])).toEqual(['HighLatency/firing']);
  });

  it('an alert that is no source resolves as usual under inhibit rules', async () => {
    const { engine, clock, sent } = setup({ inhibitRules, route: { groupBy: [] } });
    engine.receive(incoming('HighLatency', 'warning', { cluster: 'us' }));
    await clock.advance(30 * SECOND);
    expect(engine.resolve({ alertname: 'HighLatency', severity: 'warning', cluster: 'us' })).toBe(true);
    await clock.advance(5 * MINUTE);
    expect(names(sent[1])).toEqual(['HighLatency/resolved']);
  });
});

describe('silences', () => {
  it('supports =, !=, =~ and !~ matchers, with regexes anchored', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.addSilence({ matchers: [{ name: 'env', op: '=', value: 'staging' }], startsAt: 0, endsAt: HOUR });
    engine.addSilence({ matchers: [{ name: 'team', op: '!=', value: 'core' }, { name: 'alertname', op: '=~', value: 'Disk.*' }], startsAt: 0, endsAt: HOUR });
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=~', value: 'Cpu' }, { name: 'host', op: '!~', value: 'db[0-9]+' }], startsAt: 0, endsAt: HOUR });
    engine.receive(incoming('Api', 'warning', { env: 'staging' })); // silenced by env=staging
    engine.receive(incoming('DiskFull', 'warning', { team: 'web' })); // silenced: team != core, alertname =~ Disk.*
    engine.receive(incoming('DiskFull', 'warning', { team: 'core' })); // loud
    engine.receive(incoming('CpuHigh', 'warning', { host: 'web1' })); // loud: "Cpu" must match the whole name
    engine.receive(incoming('Cpu', 'warning', { host: 'db12' })); // loud: host matches db[0-9]+
    engine.receive(incoming('Cpu', 'warning', { host: 'web1' })); // silenced
    await clock.advance(30 * SECOND);
    const loud = sent[0].alerts.map((a) => `${a.labels.alertname}:${a.labels.team ?? a.labels.host ?? ''}`).sort();
    expect(loud).toEqual(['Cpu:db12', 'CpuHigh:web1', 'DiskFull:core']);
  });

  it('a missing label reads as the empty string in matchers', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.addSilence({ matchers: [{ name: 'team', op: '=', value: '' }, { name: 'alertname', op: '=~', value: 'A.*' }], startsAt: 0, endsAt: HOUR });
    engine.receive(incoming('Alpha', 'warning')); // no team: silenced
    engine.receive(incoming('Apex', 'warning', { team: 'web' })); // loud
    engine.receive(incoming('Beta', 'warning')); // loud
    await clock.advance(30 * SECOND);
    expect(names(sent[0]).sort()).toEqual(['Apex/firing', 'Beta/firing']);
  });

  it('an alert notified, then silenced, is notified again once the silence ends', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.receive(incoming('DiskFull', 'warning'));
    await clock.advance(30 * SECOND); // notified
    const id = engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'DiskFull' }], startsAt: 0, endsAt: HOUR });
    await clock.advance(5 * MINUTE); // muted at this flush: nothing to send
    expect(sent).toHaveLength(1);
    engine.expireSilence(id);
    await clock.advance(5 * MINUTE); // loud again: the next flush tells
    expect(sent).toHaveLength(2);
    expect(names(sent[1])).toEqual(['DiskFull/firing']);
  });

  it('mutes only within [startsAt, endsAt), and never stops evaluation', async () => {
    const { engine, clock, sent } = setup();
    engine.addRule(cpuRule());
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'HighCpu' }], startsAt: 0, endsAt: 10 * MINUTE });
    engine.evaluate({ cpu: 99 });
    await clock.advance(30 * SECOND);
    expect(sent).toHaveLength(0);
    const [alert] = engine.alerts();
    expect(alert.state).toBe('firing');
    expect(alert.silenced).toBe(true);
    await clock.advance(10 * MINUTE - 30 * SECOND - 1); // t just before the end
    expect(sent).toHaveLength(0);
    expect(engine.alerts()[0].silenced).toBe(true);
    await clock.advance(1);
    expect(engine.alerts()[0].silenced).toBe(false);
    await clock.advance(5 * MINUTE); // the next group flush after the silence ended
    expect(sent).toHaveLength(1);
    expect(names(sent[0])).toEqual(['HighCpu/firing']);
  });

  it('a silence that has not started yet does not mute, and expireSilence ends one early', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'Later' }], startsAt: HOUR, endsAt: 2 * HOUR });
    const id = engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'Now' }], startsAt: 0, endsAt: HOUR });
    engine.receive(incoming('Later', 'warning'));
    engine.receive(incoming('Now', 'warning'));
    await clock.advance(30 * SECOND);
    expect(names(sent[0])).toEqual(['Later/firing']);
    expect(engine.expireSilence(id)).toBe(true);
    await clock.advance(5 * MINUTE);
    expect(sent).toHaveLength(2);
    expect(names(sent[1]).sort()).toEqual(['Later/firing', 'Now/firing']);
  });

  it('= and != compare the value literally, not as a regex', async () => {
    const { engine, clock, sent } = setup({ route: { groupBy: [] } });
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'DiskFull' }, { name: 'host', op: '!=', value: 'db.1' }], startsAt: 0, endsAt: HOUR });
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'Cpu.' }], startsAt: 0, endsAt: HOUR });
    engine.receive(incoming('DiskFull', 'warning', { host: 'db11' })); // silenced: "db11" is not "db.1"
    engine.receive(incoming('DiskFull', 'warning', { host: 'db.1' })); // loud
    engine.receive(incoming('Cpu1', 'warning')); // loud: "Cpu." is no pattern here
    engine.receive(incoming('Cpu.', 'warning')); // silenced
    await clock.advance(30 * SECOND);
    expect(sent[0].alerts.map((a) => `${a.labels.alertname}:${a.labels.host ?? ''}`).sort()).toEqual(['Cpu1:', 'DiskFull:db.1']);
  });

  it('a silence mutes from exactly startsAt', async () => {
    const { engine, clock, sent } = setup();
    engine.addSilence({ matchers: [{ name: 'alertname', op: '=', value: 'DiskFull' }], startsAt: 30 * SECOND, endsAt: HOUR });
    engine.receive(incoming('DiskFull', 'warning'));
    await clock.advance(30 * SECOND - 1);
    expect(engine.alerts()[0].silenced).toBe(false);
    await clock.advance(1); // t = 30 s: the silence starts, and the group's first flush finds the alert muted
    expect(engine.alerts()[0].silenced).toBe(true);
    expect(sent).toEqual([]);
  });

  it('rejects a silence that ends before it starts, or has no matcher', () => {
    const { engine } = setup();
    const matchers = [{ name: 'alertname', op: '=' as const, value: 'DiskFull' }];
    expect(() => engine.addSilence({ matchers, startsAt: HOUR, endsAt: HOUR - 1 })).toThrow(RangeError);
    expect(() => engine.addSilence({ matchers: [], startsAt: 0, endsAt: HOUR })).toThrow(RangeError);
  });
});

describe('resolve', () => {
  it('sends a resolved notification when sendResolved, then forgets the group', async () => {
    const { engine, clock, sent } = setup();
    engine.addRule(cpuRule());
    engine.evaluate({ cpu: 99 });
    await clock.advance(30 * SECOND);
    engine.evaluate({ cpu: 10 });
    expect(engine.alerts()).toEqual([]);
    await clock.advance(5 * MINUTE);
    expect(sent).toHaveLength(2);
    expect(sent[1].status).toBe('resolved');
    expect(sent[1].alerts[0]).toMatchObject({ status: 'resolved', startsAt: 0, endsAt: 30 * SECOND });
    expect(clock.pending).toBe(0);
  });

  it('an alert that fires and resolves within group_wait is never notified, not even as resolved', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('Blip', 'warning'));
    await clock.advance(10 * SECOND);
    expect(engine.resolve({ alertname: 'Blip', severity: 'warning' })).toBe(true);
    await clock.advance(HOUR);
    expect(sent).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('sends nothing on resolve when sendResolved is off', async () => {
    const { engine, clock, sent } = setup({ route: { sendResolved: false } });
    engine.receive(incoming('DiskFull', 'warning'));
    await clock.advance(30 * SECOND);
    expect(engine.resolve({ alertname: 'DiskFull', severity: 'warning' })).toBe(true);
    expect(engine.resolve({ alertname: 'DiskFull', severity: 'warning' })).toBe(false);
    await clock.advance(HOUR);
    expect(sent).toHaveLength(1);
    expect(clock.pending).toBe(0);
  });

  it('an alert that fires again after resolving opens a new incident and notifies', async () => {
    const { engine, clock, sent } = setup();
    engine.addRule(cpuRule());
    engine.evaluate({ cpu: 99 });
    const first = engine.alerts()[0].incidentId;
    await clock.advance(30 * SECOND);
    engine.evaluate({ cpu: 10 });
    await clock.advance(MINUTE);
    engine.evaluate({ cpu: 99 });
    const second = engine.alerts()[0].incidentId;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await clock.advance(5 * MINUTE);
    const last = sent[sent.length - 1];
    expect(last.alerts.map((a) => `${a.incidentId}:${a.status}`).sort()).toEqual([`${first}:resolved`, `${second}:firing`].sort());
  });

  it('a notification is firing while any alert in it fires, resolved once none does', async () => {
    const { engine, clock, sent } = setup();
    engine.receive(incoming('DiskFull', 'warning', { host: 'db1' }));
    engine.receive(incoming('DiskFull', 'warning', { host: 'db2' }));
    await clock.advance(30 * SECOND);
    expect(sent[0].status).toBe('firing');
    engine.resolve({ alertname: 'DiskFull', severity: 'warning', host: 'db1' });
    await clock.advance(5 * MINUTE);
    expect(names(sent[1]).sort()).toEqual(['DiskFull/firing', 'DiskFull/resolved']);
    expect(sent[1].status).toBe('firing');
    engine.resolve({ alertname: 'DiskFull', severity: 'warning', host: 'db2' });
    await clock.advance(5 * MINUTE);
    expect(names(sent[2])).toEqual(['DiskFull/resolved']);
    expect(sent[2].status).toBe('resolved');
  });

  it('close() leaves no timers behind', async () => {
    const { engine, clock } = setup();
    engine.receive(incoming('A', 'warning'));
    engine.receive(incoming('B', 'warning'));
    await clock.advance(30 * SECOND);
    engine.receive(incoming('C', 'warning'));
    expect(clock.pending).toBeGreaterThan(0);
    engine.close();
    expect(clock.pending).toBe(0);
  });
});
