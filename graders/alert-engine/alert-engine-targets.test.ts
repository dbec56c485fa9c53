import { describe, it, expect } from 'vitest';
import { checkPerf, interleavedRatio, median, workClock } from '@grader-kit';
import type { Rule } from '@impl/alert-engine/types';
import { setup, incoming, SECOND, MINUTE, HOUR } from './helpers';

const TOTAL_RULES = 10_000;

/** One sample frame per tick phase: rule i breaches in frame k when (i + k) % 10 == 0. */
const frames = Array.from({ length: 10 }, (_, k) => {
  const samples: Record<string, number> = {};
  for (let i = 0; i < TOTAL_RULES; i++) samples[`m${i}`] = (i + k) % 10 === 0 ? 100 : i % 7;
  return samples;
});

/** Engines with rules [from, to): nine threshold rules in ten, one anomaly rule in ten. */
function engineWithRules(from: number, to: number) {
  const env = setup({ route: { groupBy: ['team'] } });
  for (let i = from; i < to; i++) {
    const common = { name: `rule-${i}`, metric: `m${i}`, severity: 'warning' as const, labels: { team: `t${i % 8}` } };
    const rule: Rule = i % 10 === 9
      ? { ...common, kind: 'anomaly', window: 8, zScore: 4 }
      : { ...common, kind: 'threshold', op: '>', threshold: 50 };
    env.engine.addRule(rule);
  }
  return env;
}

/**
 * A sampler of milliseconds per evaluate() with `rulesPerEngine` rules. Both
 * sizes hold all 10 000 rules in memory (one engine of 10k, or ten of 1k that
 * take turns), so caches cost the same and only the engine's own work can grow
 * faster than its rule count. Each call is one round: every rule is evaluated
 * once with the next frame (one rule in ten starts breaching, the one before
 * it clears, so alerts fire and resolve); then the virtual clocks move 15 s,
 * untimed, for the group flushes. Rounds are short (a few ms), so alternating
 * them pairs each big round with a small one run under the same load.
 */
function tickSampler(rulesPerEngine: number) {
  const envs: ReturnType<typeof engineWithRules>[] = [];
  for (let from = 0; from < TOTAL_RULES; from += rulesPerEngine) envs.push(engineWithRules(from, from + rulesPerEngine));
  let round = 0;
  return async (): Promise<number> => {
    const frame = frames[round++ % frames.length];
    const start = workClock.now();
    for (const { engine } of envs) engine.evaluate(frame);
    const msPerTick = (workClock.now() - start) / envs.length;
    for (const { clock } of envs) await clock.advance(15 * SECOND);
    return msPerTick;
  };
}

describe('evaluation-scaling', () => {
  it('one tick over 10 000 rules costs at most 20× one over 1000', async ({ task }) => {
    const big = tickSampler(10_000);
    const small = tickSampler(1000);
    for (let i = 0; i < 3; i++) await Promise.all([big(), small()]); // warm-up
    await checkPerf(task, { metric: 'evaluate() time, 10k rules ÷ 1k rules', target: 20, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, 21) });
  });
});

/** Nanoseconds per addRule() when `count` rules are added to a fresh engine. */
function addRuleSampler(count: number) {
  const rules = Array.from({ length: count }, (_, i): Rule => ({ kind: 'threshold', name: `rule-${i}`, metric: `m${i}`, severity: 'warning', op: '>', threshold: 50 }));
  return (): number => {
    const { engine } = setup();
    const start = workClock.now();
    for (const rule of rules) engine.addRule(rule);
    return ((workClock.now() - start) * 1e6) / count;
  };
}

describe('evaluation-scaling', () => {
  it('addRule costs about the same per rule for 10 000 rules as for 1000', async ({ task }) => {
    const big = addRuleSampler(10_000);
    const small = addRuleSampler(1000);
    big();
    small(); // warm-up
    await checkPerf(task, { metric: 'addRule() per rule, 10k rules ÷ 1k rules', target: 5, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, 7) });
  });
});

/**
 * Nanoseconds per receive() of an already-firing alert on an engine that has seen
 * `expired` silences come and go: an expired silence should be forgotten, not checked forever.
 */
async function expiredSilencesSampler(expired: number) {
  const { engine, clock } = setup({ route: { groupBy: ['job'] } });
  for (let i = 0; i < expired; i++) engine.addSilence({ matchers: [{ name: 'instance', op: '=', value: `gone-${i}` }], startsAt: 0, endsAt: SECOND });
  await clock.advance(SECOND); // every silence has ended
  const alert = incoming('InstanceDown', 'warning', { instance: 'host-1', job: 'node' });
  engine.receive(alert);
  return (): number => {
    const start = workClock.now();
    for (let i = 0; i < 1000; i++) engine.receive(alert);
    return ((workClock.now() - start) * 1e6) / 1000;
  };
}

describe('silences', () => {
  it('ended silences cost nothing: receiving after 10 000 have ended costs about the same as after 10', async ({ task }) => {
    const big = await expiredSilencesSampler(10_000);
    const small = await expiredSilencesSampler(10);
    big();
    small(); // warm-up
    await checkPerf(task, { metric: 'receive() after 10k ended silences ÷ after 10', target: 4, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, 7) });
  });
});

/**
 * A sampler of nanoseconds per receive() of an alert that is already firing,
 * with `active` firing alerts. The re-sent alerts are 100 spread evenly over
 * all of them, so a scan from either end meets the table's full size.
 */
function dedupSampler(active: number) {
  const { engine } = setup({ route: { groupBy: ['job'] } });
  const alerts = Array.from({ length: active }, (_, i) => incoming('InstanceDown', 'warning', { instance: `host-${i}`, job: 'node' }));
  for (const alert of alerts) engine.receive(alert);
  expect(engine.alerts()).toHaveLength(active);
  const hot = Array.from({ length: 100 }, (_, k) => alerts[Math.floor((k * active) / 100)]);
  let i = 0;
  return (): number => {
    const steps: number[] = [];
    for (let s = 0; s < 9; s++) {
      let calls = 0;
      const start = workClock.now();
      let elapsed = 0;
      do {
        for (let j = 0; j < 100; j++) engine.receive(hot[i++ % hot.length]);
        calls += 100;
        elapsed = workClock.now() - start;
      } while (elapsed < 3);
      steps.push((elapsed * 1e6) / calls);
    }
    return median(steps);
  };
}

describe('dedup-scaling', () => {
  it('re-receiving a firing alert costs about the same with 10 000 active as with 100', async ({ task }) => {
    const big = dedupSampler(10_000);
    const small = dedupSampler(100);
    big();
    small(); // warm-up
    await checkPerf(task, { metric: 'receive() of a known alert, 10k active ÷ 100 active', target: 4, unit: '×', direction: 'max', measure: () => interleavedRatio(big, small, 5) });
  });
});

describe('notification-storm', () => {
  it('1000 alerts in one group make one notification after group_wait', async () => {
    const { engine, clock, sent } = setup();
    for (let i = 0; i < 1000; i++) {
      engine.receive(incoming('ServiceDown', 'critical', { instance: `pod-${i}` }));
      if (i % 100 === 99) await clock.advance(SECOND); // the storm arrives over 10 s
    }
    await clock.advance(20 * SECOND - 1);
    expect(sent).toHaveLength(0);
    await clock.advance(1); // t = 30 s
    expect(sent).toHaveLength(1);
    expect(sent[0].alerts).toHaveLength(1000);
    expect(new Set(sent[0].alerts.map((a) => a.fingerprint)).size).toBe(1000);
  });

  it('more of the storm waits for group_interval; the same alerts again send nothing until repeat_interval', async () => {
    const { engine, clock, sent } = setup();
    const storm = Array.from({ length: 1500 }, (_, i) => incoming('ServiceDown', 'critical', { instance: `pod-${i}` }));
    storm.slice(0, 1000).forEach((a) => engine.receive(a));
    await clock.advance(30 * SECOND); // first notification
    await clock.advance(30 * SECOND);
    storm.slice(1000).forEach((a) => engine.receive(a)); // t = 60 s
    await clock.advance(4 * MINUTE + 30 * SECOND - 1);
    expect(sent).toHaveLength(1);
    await clock.advance(1); // t = 30 s + 5 min
    expect(sent).toHaveLength(2);
    expect(sent[1].alerts).toHaveLength(1500);

    // Four hours of the same 1500 alerts re-sent every 15 minutes: nothing new to say.
    const sendTimes: number[] = [];
    const before = sent.length;
    for (let t = 0; t < 4 * HOUR; t += 15 * MINUTE) {
      storm.forEach((a) => engine.receive(a));
      await clock.advance(15 * MINUTE);
    }
    for (const n of sent.slice(before)) sendTimes.push(n.at);
    expect(sendTimes).toEqual([30 * SECOND + 5 * MINUTE + 4 * HOUR]);
    expect(sent[sent.length - 1].alerts).toHaveLength(1500);
  });

  it('never sends a group twice within group_interval', async () => {
    const { engine, clock, sent } = setup();
    for (let i = 0; i < 1000; i++) {
      engine.receive(incoming('ServiceDown', 'critical', { instance: `pod-${i}` }));
      await clock.advance(2 * SECOND); // a new alert every 2 s for 2000 s
    }
    await clock.advance(10 * MINUTE);
    const gaps = sent.slice(1).map((n, i) => n.at - sent[i].at);
    expect(sent.length).toBeGreaterThan(1);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(sent.length).toBeLessThanOrEqual(1 + Math.ceil((2000 * SECOND) / (5 * MINUTE)));
  });
});
