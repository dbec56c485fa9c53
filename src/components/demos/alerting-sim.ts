// The alerting demo's model: threshold rules with a `for` duration evaluated on a
// simulated clock, and a notification step that dedups by fingerprint and holds
// back silenced and inhibited alerts. The same semantics as Prometheus and
// Alertmanager (and the alert-engine lab), cut down to what the demo shows:
// no grouping timers, notifications go out right after each evaluation.

export type Labels = Readonly<Record<string, string>>;
export type Severity = 'info' | 'warning' | 'critical';
export type RuleState = 'inactive' | 'pending' | 'firing';

export interface Rule {
  name: string;
  /** Which sample the rule reads. */
  metric: string;
  /** Fires while value > threshold has held for forMs. */
  threshold: number;
  forMs: number;
  severity: Severity;
  labels: Labels;
}

/**
 * An alert's identity: its labels sorted by name and written out unambiguously, so
 * label order never matters and `{a: '1,b=2'}` cannot collide with `{a: '1', b: '2'}`.
 */
export function fingerprint(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${JSON.stringify(labels[k])}`).join(',');
}

export interface Silence {
  id: number;
  /** Every label listed must equal the alert's. */
  matchers: Labels;
  startsAt: number;
  /** Active in [startsAt, endsAt). */
  endsAt: number;
}

export interface InhibitRule {
  source: Labels;
  target: Labels;
  /** Labels that must be equal on both sides (a missing label counts as ''). */
  equal: readonly string[];
}

export interface Alert {
  fingerprint: string;
  labels: Labels;
  rule: string;
  state: RuleState;
  /** When the condition first held (start of pending). */
  activeAt: number;
  firedAt?: number;
  value: number;
}

export interface Notification {
  at: number;
  status: 'firing' | 'resolved';
  alertname: string;
  fingerprint: string;
}

export type Muted = 'silenced' | 'inhibited' | undefined;

const matches = (labels: Labels, matchers: Labels) => Object.entries(matchers).every(([k, v]) => labels[k] === v);

export class AlertingSim {
  now = 0;
  readonly notifications: Notification[] = [];
  readonly silences: Silence[] = [];
  inhibitRules: InhibitRule[] = [];
  /** Active alerts (pending or firing), one per fingerprint: a second evaluation finds the same alert. */
  private readonly alerts = new Map<string, Alert>();
  /** What the receiver has been told is firing, by fingerprint. */
  private readonly notified = new Map<string, Alert>();
  /** Firing alerts summed over evaluations: what a system that notifies at every check would send. */
  firingChecks = 0;
  private nextSilence = 1;

  constructor(readonly rules: Rule[]) {}

  labelsOf(rule: Rule): Labels {
    return { ...rule.labels, alertname: rule.name, severity: rule.severity };
  }

  alertFor(rule: Rule): Alert | undefined {
    return this.alerts.get(fingerprint(this.labelsOf(rule)));
  }

  stateOf(rule: Rule): RuleState {
    return this.alertFor(rule)?.state ?? 'inactive';
  }

  /** Moves the clock to `at`, evaluates every rule against `samples`, then notifies. */
  evaluate(at: number, samples: Readonly<Record<string, number>>): void {
    this.now = at;
    for (const rule of this.rules) {
      const value = samples[rule.metric];
      if (value === undefined || Number.isNaN(value)) continue; // no data: leave the state alone
      const labels = this.labelsOf(rule);
      const fp = fingerprint(labels);
      const alert = this.alerts.get(fp);
      if (!(value > rule.threshold)) {
        this.alerts.delete(fp); // pending goes back to inactive; firing resolves
        continue;
      }
      if (!alert) {
        this.alerts.set(fp, { fingerprint: fp, labels, rule: rule.name, state: 'pending', activeAt: at, value });
      } else {
        alert.value = value;
      }
      const active = this.alerts.get(fp)!;
      if (active.state === 'pending' && at - active.activeAt >= rule.forMs) {
        active.state = 'firing'; // at once when forMs is 0
        active.firedAt = at;
      }
      if (active.state === 'firing') this.firingChecks++;
    }
    this.dispatch();
  }

  /** Why a firing alert is held back now, if it is. */
  muted(alert: Alert): Muted {
    if (this.silences.some((s) => s.startsAt <= this.now && this.now < s.endsAt && matches(alert.labels, s.matchers))) {
      return 'silenced';
    }
    for (const rule of this.inhibitRules) {
      if (!matches(alert.labels, rule.target)) continue;
      for (const source of this.alerts.values()) {
        if (source === alert || source.state !== 'firing' || !matches(source.labels, rule.source)) continue;
        if (rule.equal.every((k) => (source.labels[k] ?? '') === (alert.labels[k] ?? ''))) return 'inhibited';
      }
    }
    return undefined;
  }

  addSilence(matchers: Labels, durationMs: number): Silence {
    const silence = { id: this.nextSilence++, matchers, startsAt: this.now, endsAt: this.now + durationMs };
    this.silences.push(silence);
    return silence;
  }

  expireSilence(id: number): void {
    const s = this.silences.find((x) => x.id === id);
    if (s && s.endsAt > this.now) s.endsAt = this.now;
  }

  /** Notifies what changed since the last notification: new firing alerts, and resolved ones. */
  private dispatch(): void {
    for (const [fp, told] of [...this.notified]) {
      const alert = this.alerts.get(fp);
      if (alert?.state === 'firing') {
        // Muted alerts leave the record, so they are notified again once the silence ends.
        if (this.muted(alert)) this.notified.delete(fp);
        continue;
      }
      this.notified.delete(fp);
      this.send('resolved', told);
    }
    for (const [fp, alert] of this.alerts) {
      if (alert.state !== 'firing' || this.notified.has(fp) || this.muted(alert)) continue;
      this.notified.set(fp, alert);
      this.send('firing', alert);
    }
  }

  private send(status: Notification['status'], alert: Alert): void {
    this.notifications.push({ at: this.now, status, alertname: alert.rule, fingerprint: alert.fingerprint });
  }
}

// ── The demo's scenario: one service, two rules, one inhibit rule ──

/** How often the demo evaluates its rules, like Prometheus' evaluation_interval. */
export const EVALUATION_MS = 15_000;

/** The source chapter's two rules for service "api", with one `for` duration for both. */
export function demoRules(forMs: number): Rule[] {
  return [
    { name: 'HighErrorRate', metric: 'errorRate', threshold: 0.05, forMs, severity: 'critical', labels: { service: 'api' } },
    { name: 'HighP99Latency', metric: 'p99', threshold: 1, forMs, severity: 'warning', labels: { service: 'api' } },
  ];
}

/** A critical alert mutes the warnings of the same service: one page for one outage. */
export const CRITICAL_INHIBITS_WARNING: InhibitRule = {
  source: { severity: 'critical' },
  target: { severity: 'warning' },
  equal: ['service'],
};
