// The shapes the engine's parts share and its callers see: labels, rules, silences,
// inhibit rules, route options, the alerts it reports and the notifications it sends.
// The types are the contract and are complete.

export type Severity = 'info' | 'warning' | 'critical';

export type Labels = Readonly<Record<string, string>>;

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
