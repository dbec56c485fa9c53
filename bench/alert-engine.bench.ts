// Rule evaluation: the lab's reference AlertEngine.evaluate against json-rules-engine 7,
// the most used rule evaluator on npm, and against a hand-written loop for scale.
// Nothing on npm is Prometheus-style alerting in-process, so the comparison is
// lopsided on purpose, and says so: json-rules-engine only decides which rules
// match (asynchronously, through its almanac of facts); the reference also keeps each
// rule's pending → firing → resolved state with its `for` duration, dedups and groups.
// The baseline does the state part in bare arrays, with no grouping or dedup.
import { Engine } from 'json-rules-engine';
import { AlertEngine, type Clock } from '../solutions/alert-engine/alert-engine';
import { seededRandom } from '../src/grader-kit/index';
import { compare, sized, timed, timedAsync } from './lib';
import type { SuiteResult } from './results';

const RULES = 100;
const METRICS = 50;
const TICK_MS = 15_000;

interface RuleSpec {
  name: string;
  metric: string;
  threshold: number;
  forMs: number;
}

/** Rule i watches metric i mod 50, above a threshold between 80 and 99; every other rule needs 30 s of breach to fire. */
const rules: RuleSpec[] = Array.from({ length: RULES }, (_, i) => ({
  name: `rule_${i}`,
  metric: `metric_${i % METRICS}`,
  threshold: 80 + (i % 20),
  forMs: i % 2 === 0 ? 0 : 30_000,
}));

/** Metric values as random walks in [0, 100], so rules cross their thresholds now and then and stay a while. */
function sampleTicks(ticks: number): Record<string, number>[] {
  const random = seededRandom(21);
  const values = Array.from({ length: METRICS }, () => 50 + 40 * random());
  return Array.from({ length: ticks }, () => {
    const samples: Record<string, number> = {};
    for (let m = 0; m < METRICS; m++) {
      values[m] = Math.min(100, Math.max(0, values[m] + (random() - 0.5) * 10));
      samples[`metric_${m}`] = values[m];
    }
    return samples;
  });
}

/** A clock whose time the bench sets by hand; group timers are never due, so only evaluation is measured. */
function manualClock(): Clock & { t: number } {
  return { t: 0, now() { return this.t; }, setTimeout: () => 0, clearTimeout: () => {} };
}

export default async function alertEngineBench(): Promise<SuiteResult[]> {
  const ticks = sampleTicks(sized(2000, 100));
  const slowTicks = ticks.slice(0, Math.max(20, ticks.length / 20)); // json-rules-engine is slow enough that fewer ticks make a run
  const firingAtEnd = { reference: -1, baseline: -1 };

  const reference = () => {
    const clock = manualClock();
    const engine = new AlertEngine({ notify: () => {}, clock });
    for (const r of rules) engine.addRule({ kind: 'threshold', name: r.name, metric: r.metric, severity: 'warning', op: '>', threshold: r.threshold, forMs: r.forMs });
    const result = timed(ticks.length * RULES, () => {
      for (let i = 0; i < ticks.length; i++) {
        clock.t = i * TICK_MS;
        engine.evaluate(ticks[i]);
      }
    });
    firingAtEnd.reference = engine.alerts().filter((a) => a.state === 'firing').length;
    engine.close();
    return result;
  };

  const library = () => {
    const engine = new Engine(
      rules.map((r) => ({ name: r.name, conditions: { all: [{ fact: r.metric, operator: 'greaterThan', value: r.threshold }] }, event: { type: r.name } })),
      { allowUndefinedFacts: true },
    );
    let matched = 0;
    return timedAsync(slowTicks.length * RULES, async () => {
      for (const samples of slowTicks) matched += (await engine.run(samples)).events.length;
      if (matched === 0) throw new Error('json-rules-engine matched no rule: the bench is broken');
    });
  };

  const baseline = () => {
    const thresholds = Float64Array.from(rules, (r) => r.threshold);
    const forMs = Float64Array.from(rules, (r) => r.forMs);
    const phase = new Uint8Array(RULES); // 0 inactive, 1 pending, 2 firing
    const activeAt = new Float64Array(RULES);
    const result = timed(ticks.length * RULES, () => {
      for (let i = 0; i < ticks.length; i++) {
        const now = i * TICK_MS;
        const samples = ticks[i];
        for (let r = 0; r < RULES; r++) {
          const breaching = samples[rules[r].metric] > thresholds[r];
          if (!breaching) phase[r] = 0;
          else if (phase[r] !== 2) {
            if (phase[r] === 0) (phase[r] = 1), (activeAt[r] = now);
            if (now - activeAt[r] >= forMs[r]) phase[r] = 2;
          }
        }
      }
    });
    firingAtEnd.baseline = phase.filter((p) => p === 2).length;
    return result;
  };

  const suite = await compare({
    id: 'alert-engine/evaluate',
    lab: 'alert-engine',
    title: { en: 'Alert rule evaluation: 100 threshold rules over 50 metrics', zh: '告警规则评估：50 个指标上的 100 条阈值规则' },
    about: {
      en: 'One operation is one rule checked against one sample. json-rules-engine only decides which rules match; the reference also runs each rule’s pending → firing → resolved state, dedup and grouping. The hand-written loop does only the state, in bare arrays. No library on npm does Prometheus-style alert evaluation in-process, so this is the nearest honest comparison.',
      zh: '一次操作是用一个样本检查一条规则。json-rules-engine 只判断哪些规则匹配；参考实现还要维护每条规则的 pending → firing → resolved 状态、去重和分组。手写循环只用裸数组维护状态。npm 上没有在进程内做 Prometheus 式告警评估的库，所以这是最接近且诚实的比较。',
    },
  }, [
    { name: 'reference AlertEngine.evaluate', nameZh: '参考实现 AlertEngine.evaluate', role: 'reference', run: reference },
    { name: 'json-rules-engine 7.3.1 run', role: 'library', run: library },
    { name: 'hand-written loop over arrays (state only)', nameZh: '基于数组的手写循环（只维护状态）', role: 'baseline', run: baseline },
  ]);
  if (firingAtEnd.reference !== firingAtEnd.baseline) {
    throw new Error(`the reference ends with ${firingAtEnd.reference} firing alerts, the baseline with ${firingAtEnd.baseline}: the bench is broken`);
  }
  return [suite];
}
