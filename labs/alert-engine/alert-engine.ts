// An alert engine in the shape of Prometheus rules + Alertmanager: rules turn
// samples into pending and firing alerts; firing alerts are deduplicated by
// fingerprint, grouped, muted by silences and inhibitions, and sent in batches.
// The types below are the contract and are complete; the bodies are yours.

export type Severity = 'info' | 'warning' | 'critical';
/** Least to most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];

/** Negative when `a` is less severe than `b`, 0 when equal, positive when more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  throw new Error('not implemented: compareSeverity()');
}

export type Labels = Readonly<Record<string, string>>;

/**
 * An alert's identity: its labels sorted by name and written out unambiguously.
 * Label order does not matter; annotations are not part of it.
 */
export function fingerprint(labels: Labels): string {
  throw new Error('not implemented: fingerprint()');
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export type Comparator = '>' | '>=' | '<' | '<=';

interface RuleBase {
  /** Unique; becomes the `alertname` label. */
  name: string;
  /** Key of the value this rule reads in `evaluate(samples)`. */
  metric: string;
  /** Becomes the `severity` label. */
  severity: Severity;
  /** How long the condition must hold before pending turns into firing. Default 0. */
  forMs?: number;
  labels?: Labels;
  annotations?: Labels;
}

export interface ThresholdRule extends RuleBase {
  kind: 'threshold';
  op: Comparator;
  threshold: number;
  /** Hysteresis: once firing, stays firing until the value is no longer `op recoverAt`. */
  recoverAt?: number;
}

export interface TrendRule extends RuleBase {
  kind: 'trend';
  /** Compares the least-squares slope, in units per second, over the last `windowMs`. */
  op: Comparator;
  slopePerSecond: number;
  windowMs: number;
}

export interface AnomalyRule extends RuleBase {
  kind: 'anomaly';
  /** Fires when |value − mean| ≥ zScore · σ of the previous `window` values. */
  zScore: number;
  window: number;
}

export type Rule = ThresholdRule | TrendRule | AnomalyRule;

export type MatchOp = '=' | '!=' | '=~' | '!~';
export interface Matcher {
  name: string;
  op: MatchOp;
  /** For `=~` and `!~`, a regular expression matched against the whole label value. */
  value: string;
}

export interface SilenceSpec {
  matchers: Matcher[];
  /** Active in [startsAt, endsAt). */
  startsAt: number;
  endsAt: number;
  comment?: string;
}

export interface InhibitRule {
  /** A firing alert matching these… */
  source: Matcher[];
  /** …mutes alerts matching these… */
  target: Matcher[];
  /** …when both have the same values for these labels (a missing label counts as ""). */
  equal: string[];
}

export interface RouteOptions {
  /** Labels whose values put alerts in the same notification group. Default ['alertname']. */
  groupBy: string[];
  /** Wait before a new group's first notification, to batch a storm. Default 30 s. */
  groupWaitMs: number;
  /** Least time between two notifications of a group that has changed. Default 5 min. */
  groupIntervalMs: number;
  /** Least time before an unchanged group is notified again. Default 4 h. */
  repeatIntervalMs: number;
  /** Notify when alerts resolve. Default true. */
  sendResolved: boolean;
}

export interface EngineOptions {
  notify: (notification: Notification) => void;
  clock?: Clock;
  route?: Partial<RouteOptions>;
  inhibitRules?: InhibitRule[];
}

/** An alert sent from outside (as to Alertmanager's API). Labels must include `alertname` and `severity`. */
export interface IncomingAlert {
  labels: Labels;
  annotations?: Labels;
}

export interface AlertView {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  severity: Severity;
  state: 'pending' | 'firing';
  /** When the condition started to hold (pending since). */
  activeAt: number;
  /** Set once firing: a new one for every time the alert fires again after resolving. */
  incidentId?: string;
  /** The last value a rule saw. */
  value?: number;
  silenced: boolean;
  inhibited: boolean;
}

export interface NotifiedAlert {
  fingerprint: string;
  incidentId: string;
  labels: Labels;
  annotations: Labels;
  severity: Severity;
  status: 'firing' | 'resolved';
  startsAt: number;
  endsAt?: number;
}

export interface Notification {
  groupKey: string;
  groupLabels: Labels;
  /** 'firing' if any alert in it fires, else 'resolved'. */
  status: 'firing' | 'resolved';
  /** Most severe first, then oldest first. */
  alerts: NotifiedAlert[];
  at: number;
}

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
