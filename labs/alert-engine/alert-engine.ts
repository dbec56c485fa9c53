// An alert engine in the shape of Prometheus rules + Alertmanager: rules turn
// samples into pending and firing alerts; firing alerts are deduplicated by
// fingerprint, grouped, muted by silences and inhibitions, and sent in batches.
// This file holds the lifecycle (rules → pending → firing → resolved, and dedup);
// the parts live beside it: conditions.ts (rule kinds), labels.ts (fingerprints,
// severity), muting.ts (silences, inhibition), grouping.ts (pacing notifications).
// The types (types.ts) are the contract and are complete; the bodies are yours.
import type { AlertView, EngineOptions, IncomingAlert, Labels, Rule, SilenceSpec } from './types';

export * from './types';
export { SEVERITIES, compareSeverity, fingerprint } from './labels';

export class AlertEngine {
  /**
   * `route` fills in defaults (groupBy ['alertname'], groupWaitMs 30 s,
   * groupIntervalMs 5 min, repeatIntervalMs 4 h, sendResolved true). Throws a
   * RangeError for a negative groupWaitMs or a groupIntervalMs/repeatIntervalMs ≤ 0.
   * Without a clock it uses Date.now and the global timers.
   */
  constructor(options: EngineOptions) {
    throw new Error('not implemented: constructor');
  }

  /**
   * Adds a rule. Throws an Error for a duplicate name, and a RangeError for an
   * unknown kind, severity or comparator, a negative forMs, a non-finite
   * threshold, a recoverAt on the breaching side of the threshold, windowMs ≤ 0,
   * window < 2 or zScore ≤ 0, or labels that try to set alertname or severity.
   * A rule's alert carries the labels { ...rule.labels, alertname: rule.name, severity }.
   */
  addRule(rule: Rule): void {
    throw new Error('not implemented: addRule()');
  }

  /**
   * Runs every rule once against `samples` (metric name → value) at clock.now().
   * A rule whose metric is missing or NaN keeps its state and history.
   * inactive → pending when the condition holds; pending → firing once it has
   * held for forMs (forMs 0: at once); pending → inactive on one clear sample;
   * firing → resolved when clear (past recoverAt, for a threshold rule with one).
   */
  evaluate(samples: Readonly<Record<string, number>>): void {
    throw new Error('not implemented: evaluate()');
  }

  /**
   * Takes an alert from outside (it fires at once). The same labels again, in
   * any order, are the same alert: only its annotations are refreshed (dedup).
   * Throws a RangeError without an alertname label or with an unknown severity label.
   */
  receive(alert: IncomingAlert): AlertView {
    throw new Error('not implemented: receive()');
  }

  /** Resolves an alert that came in through receive(). False if there is no such firing alert (or it belongs to a rule). */
  resolve(labels: Labels): boolean {
    throw new Error('not implemented: resolve()');
  }

  /** Mutes notifications of matching alerts in [startsAt, endsAt). Returns the silence's id. */
  addSilence(spec: SilenceSpec): string {
    throw new Error('not implemented: addSilence()');
  }

  /** Ends a silence now. False if there is no such silence. */
  expireSilence(id: string): boolean {
    throw new Error('not implemented: expireSilence()');
  }

  /** Pending and firing alerts as of now, with their silenced and inhibited flags. */
  alerts(): AlertView[] {
    throw new Error('not implemented: alerts()');
  }

  /** Stops every group timer. The engine sends nothing afterwards. */
  close(): void {
    throw new Error('not implemented: close()');
  }
}
