// The alerting demo's model: pending → firing only after `for`, dedup, silences, inhibition.
import { describe, expect, it } from 'vitest';
import {
  AlertingSim, CRITICAL_INHIBITS_WARNING, EVALUATION_MS, demoRules, fingerprint,
} from '../../src/components/demos/alerting-sim';

const bad = { errorRate: 0.2, p99: 3 };
const good = { errorRate: 0.01, p99: 0.2 };

function run(sim: AlertingSim, samples: Record<string, number>, evaluations: number) {
  for (let i = 0; i < evaluations; i++) sim.evaluate(sim.now + EVALUATION_MS, samples);
}

describe('alerting demo model', () => {
  it('fingerprints ignore label order and cannot be forged by commas', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
    expect(fingerprint({ a: '1,b=2' })).not.toBe(fingerprint({ a: '1', b: '2' }));
  });

  it('goes pending, and fires only once the condition has held for the whole for-duration', () => {
    const sim = new AlertingSim(demoRules(60_000));
    const [errors] = sim.rules;
    run(sim, bad, 1);
    expect(sim.stateOf(errors!)).toBe('pending'); // t = 15 s
    run(sim, bad, 3);
    expect(sim.now).toBe(60_000);
    expect(sim.stateOf(errors!)).toBe('pending'); // held 45 s so far
    run(sim, bad, 1);
    expect(sim.stateOf(errors!)).toBe('firing'); // held 60 s
    expect(sim.alertFor(errors!)!.firedAt).toBe(75_000);
  });

  it('a one-evaluation spike never fires', () => {
    const sim = new AlertingSim(demoRules(60_000));
    run(sim, bad, 1);
    run(sim, good, 1);
    expect(sim.stateOf(sim.rules[0]!)).toBe('inactive');
    run(sim, bad, 4);
    expect(sim.stateOf(sim.rules[0]!)).toBe('pending'); // the clock started again
    expect(sim.notifications).toEqual([]);
  });

  it('notifies once per incident however long it fires, then once when it resolves', () => {
    const sim = new AlertingSim(demoRules(0));
    run(sim, { errorRate: 0.2, p99: 0.1 }, 40);
    expect(sim.firingChecks).toBe(40);
    expect(sim.notifications.map((n) => [n.status, n.alertname])).toEqual([['firing', 'HighErrorRate']]);
    run(sim, good, 1);
    expect(sim.notifications.map((n) => n.status)).toEqual(['firing', 'resolved']);
    run(sim, { errorRate: 0.2, p99: 0.1 }, 1); // a new incident
    expect(sim.notifications.map((n) => n.status)).toEqual(['firing', 'resolved', 'firing']);
  });

  it('a silence holds notifications back; when it ends, a still-firing alert is notified again', () => {
    const sim = new AlertingSim(demoRules(0));
    const silence = sim.addSilence({ service: 'api' }, 60_000);
    run(sim, bad, 2);
    expect(sim.notifications).toEqual([]);
    expect(sim.muted(sim.alertFor(sim.rules[0]!)!)).toBe('silenced');
    expect(sim.stateOf(sim.rules[0]!)).toBe('firing'); // silences never stop evaluation
    run(sim, bad, 2); // t = 60 s: the silence has ended
    expect(sim.notifications.map((n) => n.alertname).sort()).toEqual(['HighErrorRate', 'HighP99Latency']);
    sim.expireSilence(silence.id);
  });

  it('a firing critical alert inhibits the warning of the same service, and only while it fires', () => {
    const sim = new AlertingSim(demoRules(0));
    sim.inhibitRules = [CRITICAL_INHIBITS_WARNING];
    run(sim, bad, 1);
    const [errors, latency] = sim.rules;
    expect(sim.muted(sim.alertFor(latency!)!)).toBe('inhibited');
    expect(sim.muted(sim.alertFor(errors!)!)).toBeUndefined();
    expect(sim.notifications.map((n) => n.alertname)).toEqual(['HighErrorRate']);
    run(sim, { errorRate: 0.01, p99: 3 }, 1); // errors recover, latency stays bad
    expect(sim.notifications.map((n) => `${n.status} ${n.alertname}`)).toEqual([
      'firing HighErrorRate', 'resolved HighErrorRate', 'firing HighP99Latency',
    ]);
  });

  it('skips a rule whose sample is missing, keeping its state', () => {
    const sim = new AlertingSim(demoRules(60_000));
    run(sim, bad, 1);
    run(sim, {}, 3);
    run(sim, bad, 1);
    expect(sim.stateOf(sim.rules[0]!)).toBe('firing');
  });
});
