// An alert engine in the shape of Prometheus rules + Alertmanager: rules turn
// samples into pending and firing alerts; firing alerts are deduplicated by
// fingerprint, grouped, muted by silences and inhibitions, and sent in batches.
// This file holds the lifecycle (rules → pending → firing → resolved, and dedup);
// the parts live beside it: conditions.ts (rule kinds), labels.ts (fingerprints,
// severity), muting.ts (silences, inhibition), grouping.ts (pacing notifications).
import { conditionFor, Level, type Condition } from './conditions';
import { Dispatcher, routeOptions, type GroupedAlert } from './grouping';
import { fingerprint, isSeverity } from './labels';
import { Inhibitor, Silences } from './muting';
import type { AlertView, Clock, EngineOptions, IncomingAlert, Labels, Rule, SilenceSpec } from './types';

export * from './types';
export { SEVERITIES, compareSeverity, fingerprint } from './labels';

interface RuleState {
  rule: Rule;
  labels: Labels;
  fingerprint: string;
  condition: Condition;
  phase: 'inactive' | 'pending' | 'firing';
  activeAt: number;
  value: number | undefined;
}

interface ActiveAlert extends GroupedAlert {
  activeAt: number;
  /** The rule that fires it, or undefined when it came in through receive(). */
  rule: RuleState | undefined;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

export class AlertEngine {
  private readonly clock: Clock;
  private readonly silences = new Silences();
  private readonly inhibitor: Inhibitor;
  private readonly dispatcher: Dispatcher;

  private readonly rules: RuleState[] = [];
  private readonly ruleNames = new Set<string>();
  /** Firing alerts by fingerprint: the dedup table. */
  private readonly active = new Map<string, ActiveAlert>();
  private incidentSeq = 0;

  constructor(options: EngineOptions) {
    this.clock = options.clock ?? realClock;
    this.inhibitor = new Inhibitor(options.inhibitRules ?? []);
    this.dispatcher = new Dispatcher(routeOptions(options.route), this.clock, options.notify, (alert, now) => this.isMuted(alert.labels, alert.fingerprint, now));
  }

  addRule(rule: Rule): void {
    if (!rule.name) throw new RangeError('a rule needs a name');
    if (this.ruleNames.has(rule.name)) throw new Error(`a rule named "${rule.name}" already exists`);
    if (!isSeverity(rule.severity)) throw new RangeError(`unknown severity "${rule.severity}"`);
    if (!rule.metric) throw new RangeError('a rule needs a metric');
    const forMs = rule.forMs ?? 0;
    if (!(forMs >= 0) || !Number.isFinite(forMs)) throw new RangeError(`forMs must be a finite number ≥ 0, got ${forMs}`);
    if (rule.labels && ('alertname' in rule.labels || 'severity' in rule.labels)) {
      throw new RangeError('labels may not override alertname or severity');
    }
    const labels = { ...rule.labels, alertname: rule.name, severity: rule.severity };
    this.rules.push({
      rule,
      labels,
      fingerprint: fingerprint(labels),
      condition: conditionFor(rule),
      phase: 'inactive',
      activeAt: 0,
      value: undefined,
    });
    this.ruleNames.add(rule.name);
  }

  /**
   * Runs every rule once against `samples` (metric name → value) at clock.now().
   * A rule whose metric is missing or NaN keeps its state and history.
   */
  evaluate(samples: Readonly<Record<string, number>>): void {
    const now = this.clock.now();
    for (const state of this.rules) {
      const value = samples[state.rule.metric];
      if (typeof value !== 'number' || Number.isNaN(value)) continue;
      state.value = value;
      const level = state.condition.observe(value, now);
      if (state.phase === 'firing') {
        if (level === Level.Clear) {
          state.phase = 'inactive';
          this.resolveAlert(state.fingerprint, now);
        }
        continue;
      }
      if (level !== Level.Breaching) {
        state.phase = 'inactive'; // one clear sample resets a pending alert
        continue;
      }
      if (state.phase === 'inactive') {
        state.phase = 'pending';
        state.activeAt = now;
      }
      if (now - state.activeAt >= (state.rule.forMs ?? 0)) {
        state.phase = 'firing';
        this.fire(state.labels, state.fingerprint, state.rule.annotations ?? {}, state.activeAt, now, state);
      }
    }
  }

  /** Takes an alert from outside. The same labels again only refresh its annotations (dedup). */
  receive(alert: IncomingAlert): AlertView {
    const { labels } = alert;
    if (!labels.alertname) throw new RangeError('an alert needs an alertname label');
    if (!isSeverity(labels.severity)) throw new RangeError(`unknown severity "${labels.severity}"`);
    const fp = fingerprint(labels);
    const now = this.clock.now();
    let found = this.active.get(fp);
    if (found) found.annotations = alert.annotations ?? found.annotations;
    else found = this.fire({ ...labels }, fp, alert.annotations ?? {}, now, now, undefined);
    return this.view(found, now);
  }

  /** Resolves an alert that came in through receive(). False if there is no such firing alert. */
  resolve(labels: Labels): boolean {
    const alert = this.active.get(fingerprint(labels));
    if (!alert || alert.rule) return false; // a rule's alert resolves when its condition clears
    this.resolveAlert(alert.fingerprint, this.clock.now());
    return true;
  }

  /** Mutes notifications of matching alerts in [startsAt, endsAt). Returns the silence's id. */
  addSilence(spec: SilenceSpec): string {
    return this.silences.add(spec);
  }

  /** Ends a silence now. False if there is no such silence. */
  expireSilence(id: string): boolean {
    return this.silences.expire(id);
  }

  /** Pending and firing alerts as of now. */
  alerts(): AlertView[] {
    const now = this.clock.now();
    const out: AlertView[] = [];
    for (const alert of this.active.values()) out.push(this.view(alert, now));
    for (const state of this.rules) {
      if (state.phase !== 'pending') continue;
      out.push({
        fingerprint: state.fingerprint,
        labels: state.labels,
        annotations: state.rule.annotations ?? {},
        severity: state.rule.severity,
        state: 'pending',
        activeAt: state.activeAt,
        value: state.value,
        silenced: this.silences.isSilenced(state.labels, now),
        inhibited: this.inhibitor.isInhibited(state.labels, state.fingerprint),
      });
    }
    return out;
  }

  /** Stops every group timer. The engine sends nothing afterwards. */
  close(): void {
    this.dispatcher.close();
  }

  private fire(labels: Labels, fp: string, annotations: Labels, activeAt: number, now: number, rule: RuleState | undefined): ActiveAlert {
    const alert: ActiveAlert = {
      fingerprint: fp,
      labels,
      annotations,
      severity: labels.severity as ActiveAlert['severity'],
      incidentId: `incident-${++this.incidentSeq}`,
      activeAt,
      startsAt: now,
      rule,
    };
    this.active.set(fp, alert);
    this.dispatcher.fired(alert);
    this.inhibitor.fired(labels, fp);
    return alert;
  }

  private resolveAlert(fp: string, now: number): void {
    const alert = this.active.get(fp);
    if (!alert) return;
    this.active.delete(fp);
    alert.endsAt = now;
    this.dispatcher.resolved(alert);
    this.inhibitor.resolved(alert.labels, fp);
  }

  private isMuted(labels: Labels, fp: string, now: number): boolean {
    return this.silences.isSilenced(labels, now) || this.inhibitor.isInhibited(labels, fp);
  }

  private view(alert: ActiveAlert, now: number): AlertView {
    return {
      fingerprint: alert.fingerprint,
      labels: alert.labels,
      annotations: alert.annotations,
      severity: alert.severity,
      state: 'firing',
      activeAt: alert.activeAt,
      incidentId: alert.incidentId,
      ...(alert.rule ? { value: alert.rule.value } : {}),
      silenced: this.silences.isSilenced(alert.labels, now),
      inhibited: this.inhibitor.isInhibited(alert.labels, alert.fingerprint),
    };
  }
}
