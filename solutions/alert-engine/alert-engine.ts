// An alert engine in the shape of Prometheus rules + Alertmanager: rules turn
// samples into pending and firing alerts; firing alerts are deduplicated by
// fingerprint, grouped, muted by silences and inhibitions, and sent in batches.

export type Severity = 'info' | 'warning' | 'critical';
/** Least to most severe. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const SEVERITY_RANK: Record<string, number> = { info: 0, warning: 1, critical: 2 };

/** Negative when `a` is less severe than `b`, 0 when equal, positive when more severe. */
export function compareSeverity(a: Severity, b: Severity): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

export type Labels = Readonly<Record<string, string>>;

/**
 * An alert's identity: its labels sorted by name and written out unambiguously.
 * Label order does not matter; annotations are not part of it.
 */
export function fingerprint(labels: Labels): string {
  const names = Object.keys(labels).sort();
  let out = '';
  for (const name of names) out += JSON.stringify(name) + ':' + JSON.stringify(labels[name]) + ',';
  return out;
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

// ---- rule conditions ----

const COMPARE: Record<Comparator, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
};

/** What one sample says: beyond the threshold, only beyond the recovery level, or clear. */
const Level = { Clear: 0, Holding: 1, Breaching: 2 } as const;
type Level = (typeof Level)[keyof typeof Level];

interface Condition {
  observe(value: number, now: number): Level;
}

class ThresholdCondition implements Condition {
  private readonly beyond: (a: number, b: number) => boolean;
  constructor(private readonly rule: ThresholdRule) {
    this.beyond = COMPARE[rule.op];
  }
  observe(value: number): Level {
    if (this.beyond(value, this.rule.threshold)) return Level.Breaching;
    if (this.rule.recoverAt !== undefined && this.beyond(value, this.rule.recoverAt)) return Level.Holding;
    return Level.Clear;
  }
}

class TrendCondition implements Condition {
  private times: number[] = [];
  private values: number[] = [];
  private readonly beyond: (a: number, b: number) => boolean;
  constructor(private readonly rule: TrendRule) {
    this.beyond = COMPARE[rule.op];
  }
  observe(value: number, now: number): Level {
    this.times.push(now);
    this.values.push(value);
    let old = 0;
    while (this.times[old] < now - this.rule.windowMs) old++;
    if (old > 0) {
      this.times.splice(0, old);
      this.values.splice(0, old);
    }
    const n = this.times.length;
    if (n < 2) return Level.Clear; // one point has no slope
    let meanT = 0;
    let meanV = 0;
    for (let i = 0; i < n; i++) {
      meanT += this.times[i] / n;
      meanV += this.values[i] / n;
    }
    let cov = 0;
    let varT = 0;
    for (let i = 0; i < n; i++) {
      const dt = this.times[i] - meanT;
      cov += dt * (this.values[i] - meanV);
      varT += dt * dt;
    }
    if (varT === 0) return Level.Clear; // all samples at one instant
    const slopePerSecond = (cov / varT) * 1000;
    return this.beyond(slopePerSecond, this.rule.slopePerSecond) ? Level.Breaching : Level.Clear;
  }
}

class AnomalyCondition implements Condition {
  private readonly history: Float64Array;
  private count = 0;
  private next = 0;
  constructor(private readonly rule: AnomalyRule) {
    this.history = new Float64Array(rule.window);
  }
  observe(value: number): Level {
    const level = this.count < this.history.length ? Level.Clear : this.judge(value); // warm-up: not enough history
    this.history[this.next] = value;
    this.next = (this.next + 1) % this.history.length;
    this.count = Math.min(this.count + 1, this.history.length);
    return level;
  }
  private judge(value: number): Level {
    // Two passes over a small window: exact for a constant series, where a
    // running sum of squares would leave a tiny false σ.
    const n = this.history.length;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += this.history[i];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (this.history[i] - mean) ** 2;
    const sigma = Math.sqrt(variance / n);
    if (sigma === 0) return Level.Clear; // a flat history gives no scale to judge by
    return Math.abs(value - mean) / sigma >= this.rule.zScore ? Level.Breaching : Level.Clear;
  }
}

// ---- engine ----

interface RuleState {
  rule: Rule;
  labels: Labels;
  fingerprint: string;
  condition: Condition;
  phase: 'inactive' | 'pending' | 'firing';
  activeAt: number;
  value: number | undefined;
}

interface ActiveAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  severity: Severity;
  incidentId: string;
  activeAt: number;
  startsAt: number;
  endsAt?: number;
  /** The rule that fires it, or undefined when it came in through receive(). */
  rule: RuleState | undefined;
  group: Group;
}

interface Group {
  key: string;
  labels: Labels;
  firing: Map<string, ActiveAlert>;
  /** Resolved since the last flush. */
  resolved: ActiveAlert[];
  /** Incidents in the last notification, minus any muted since. */
  notified: Set<string>;
  lastSentAt: number;
  timer: unknown;
}

interface CompiledMatcher {
  name: string;
  test: (value: string) => boolean;
}
interface CompiledSilence {
  matchers: CompiledMatcher[];
  startsAt: number;
  endsAt: number;
}
interface CompiledInhibition {
  source: CompiledMatcher[];
  target: CompiledMatcher[];
  equal: string[];
  /** Equal-label values → fingerprints of firing alerts that match the source side. */
  sources: Map<string, Set<string>>;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

const DEFAULT_ROUTE: RouteOptions = {
  groupBy: ['alertname'],
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 4 * 60 * 60_000,
  sendResolved: true,
};

function compileMatcher(m: Matcher): CompiledMatcher {
  switch (m.op) {
    case '=':
      return { name: m.name, test: (v) => v === m.value };
    case '!=':
      return { name: m.name, test: (v) => v !== m.value };
    case '=~':
    case '!~': {
      const re = new RegExp(`^(?:${m.value})$`); // anchored, as in Prometheus
      const want = m.op === '=~';
      return { name: m.name, test: (v) => re.test(v) === want };
    }
    default:
      throw new RangeError(`unknown matcher op ${String((m as Matcher).op)}`);
  }
}

const matchesAll = (matchers: CompiledMatcher[], labels: Labels) =>
  matchers.every((m) => m.test(labels[m.name] ?? ''));

const nonNegative = (name: string, ms: number) => {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`${name} must be a finite number ≥ 0, got ${ms}`);
};

export class AlertEngine {
  private readonly notify: (n: Notification) => void;
  private readonly clock: Clock;
  private readonly route: RouteOptions;
  private readonly inhibitions: CompiledInhibition[];

  private readonly rules: RuleState[] = [];
  private readonly ruleNames = new Set<string>();
  /** Firing alerts by fingerprint: the dedup table. */
  private readonly active = new Map<string, ActiveAlert>();
  private readonly groups = new Map<string, Group>();
  private readonly silences = new Map<string, CompiledSilence>();
  private incidentSeq = 0;
  private silenceSeq = 0;

  constructor(options: EngineOptions) {
    this.notify = options.notify;
    this.clock = options.clock ?? realClock;
    this.route = { ...DEFAULT_ROUTE, ...options.route };
    nonNegative('groupWaitMs', this.route.groupWaitMs);
    for (const key of ['groupIntervalMs', 'repeatIntervalMs'] as const) {
      if (!(this.route[key] > 0) || !Number.isFinite(this.route[key])) throw new RangeError(`${key} must be > 0`);
    }
    this.inhibitions = (options.inhibitRules ?? []).map((r) => ({
      source: r.source.map(compileMatcher),
      target: r.target.map(compileMatcher),
      equal: [...r.equal],
      sources: new Map(),
    }));
  }

  addRule(rule: Rule): void {
    if (!rule.name) throw new RangeError('a rule needs a name');
    if (this.ruleNames.has(rule.name)) throw new Error(`a rule named "${rule.name}" already exists`);
    if (!(rule.severity in SEVERITY_RANK)) throw new RangeError(`unknown severity "${rule.severity}"`);
    if (!rule.metric) throw new RangeError('a rule needs a metric');
    nonNegative('forMs', rule.forMs ?? 0);
    if (rule.labels && ('alertname' in rule.labels || 'severity' in rule.labels)) {
      throw new RangeError('labels may not override alertname or severity');
    }
    const state: RuleState = {
      rule,
      labels: { ...rule.labels, alertname: rule.name, severity: rule.severity },
      fingerprint: '',
      condition: this.conditionFor(rule),
      phase: 'inactive',
      activeAt: 0,
      value: undefined,
    };
    state.fingerprint = fingerprint(state.labels);
    this.ruleNames.add(rule.name);
    this.rules.push(state);
  }

  private conditionFor(rule: Rule): Condition {
    switch (rule.kind) {
      case 'threshold': {
        if (!(rule.op in COMPARE)) throw new RangeError(`unknown comparator "${rule.op}"`);
        if (!Number.isFinite(rule.threshold)) throw new RangeError('threshold must be finite');
        const r = rule.recoverAt;
        if (r !== undefined && (!Number.isFinite(r) || COMPARE[rule.op](r, rule.threshold))) {
          throw new RangeError('recoverAt must lie on the clear side of the threshold');
        }
        return new ThresholdCondition(rule);
      }
      case 'trend':
        if (!(rule.op in COMPARE)) throw new RangeError(`unknown comparator "${rule.op}"`);
        if (!(rule.windowMs > 0) || !Number.isFinite(rule.windowMs)) throw new RangeError('windowMs must be > 0');
        if (!Number.isFinite(rule.slopePerSecond)) throw new RangeError('slopePerSecond must be finite');
        return new TrendCondition(rule);
      case 'anomaly':
        if (!Number.isInteger(rule.window) || rule.window < 2) throw new RangeError('window must be an integer ≥ 2');
        if (!(rule.zScore > 0) || !Number.isFinite(rule.zScore)) throw new RangeError('zScore must be > 0');
        return new AnomalyCondition(rule);
      default:
        throw new RangeError(`unknown rule kind "${(rule as Rule).kind}"`);
    }
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
    if (!(labels.severity in SEVERITY_RANK)) throw new RangeError(`unknown severity "${labels.severity}"`);
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
    if (!(spec.endsAt > spec.startsAt)) throw new RangeError('a silence must end after it starts');
    if (spec.matchers.length === 0) throw new RangeError('a silence needs at least one matcher');
    const id = `silence-${++this.silenceSeq}`;
    this.silences.set(id, { matchers: spec.matchers.map(compileMatcher), startsAt: spec.startsAt, endsAt: spec.endsAt });
    return id;
  }

  /** Ends a silence now. False if there is no such silence. */
  expireSilence(id: string): boolean {
    return this.silences.delete(id);
  }

  /** Pending and firing alerts as of now. */
  alerts(): AlertView[] {
    const now = this.clock.now();
    const out: AlertView[] = [];
    for (const alert of this.active.values()) out.push(this.view(alert, now));
    for (const state of this.rules) {
      if (state.phase === 'pending') {
        const labels = state.labels;
        out.push({
          fingerprint: state.fingerprint,
          labels,
          annotations: state.rule.annotations ?? {},
          severity: state.rule.severity,
          state: 'pending',
          activeAt: state.activeAt,
          value: state.value,
          silenced: this.isSilenced(labels, now),
          inhibited: this.isInhibited(labels, state.fingerprint),
        });
      }
    }
    return out;
  }

  /** Stops every group timer. The engine sends nothing afterwards. */
  close(): void {
    for (const group of this.groups.values()) this.clock.clearTimeout(group.timer);
    this.groups.clear();
  }

  // ---- alert lifecycle ----

  private fire(labels: Labels, fp: string, annotations: Labels, activeAt: number, now: number, rule: RuleState | undefined): ActiveAlert {
    const group = this.groupFor(labels);
    const alert: ActiveAlert = {
      fingerprint: fp,
      labels,
      annotations,
      severity: labels.severity as Severity,
      incidentId: `incident-${++this.incidentSeq}`,
      activeAt,
      startsAt: now,
      rule,
      group,
    };
    this.active.set(fp, alert);
    group.firing.set(fp, alert);
    for (const inh of this.inhibitions) {
      if (!matchesAll(inh.source, labels)) continue;
      const key = equalKey(inh.equal, labels);
      let set = inh.sources.get(key);
      if (!set) inh.sources.set(key, (set = new Set()));
      set.add(fp);
    }
    return alert;
  }

  private resolveAlert(fp: string, now: number): void {
    const alert = this.active.get(fp);
    if (!alert) return;
    this.active.delete(fp);
    alert.endsAt = now;
    alert.group.firing.delete(fp);
    alert.group.resolved.push(alert);
    for (const inh of this.inhibitions) {
      const key = equalKey(inh.equal, alert.labels);
      const set = inh.sources.get(key);
      if (set?.delete(fp) && set.size === 0) inh.sources.delete(key);
    }
  }

  // ---- muting ----

  private isSilenced(labels: Labels, now: number): boolean {
    for (const [id, s] of this.silences) {
      if (now >= s.endsAt) this.silences.delete(id); // expired: forget it
      else if (now >= s.startsAt && matchesAll(s.matchers, labels)) return true;
    }
    return false;
  }

  /** Muted by a firing source alert with the same `equal` labels; never by itself alone. */
  private isInhibited(labels: Labels, fp: string): boolean {
    for (const inh of this.inhibitions) {
      if (!matchesAll(inh.target, labels)) continue;
      const sources = inh.sources.get(equalKey(inh.equal, labels));
      if (sources && (sources.size > 1 || (sources.size === 1 && !sources.has(fp)))) return true;
    }
    return false;
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
      silenced: this.isSilenced(alert.labels, now),
      inhibited: this.isInhibited(alert.labels, alert.fingerprint),
    };
  }

  // ---- grouping and notification ----

  private groupFor(labels: Labels): Group {
    const groupLabels: Record<string, string> = {};
    for (const name of this.route.groupBy) groupLabels[name] = labels[name] ?? '';
    const key = fingerprint(groupLabels);
    let group = this.groups.get(key);
    if (!group) {
      group = { key, labels: groupLabels, firing: new Map(), resolved: [], notified: new Set(), lastSentAt: -Infinity, timer: undefined };
      this.groups.set(key, group);
      const created = group;
      group.timer = this.clock.setTimeout(() => this.flush(created), this.route.groupWaitMs);
    }
    return group;
  }

  /** Alertmanager's rule: send when something new fires, something notified resolves, or the repeat interval is up. */
  private flush(group: Group): void {
    const now = this.clock.now();
    const firing: ActiveAlert[] = [];
    for (const alert of group.firing.values()) {
      if (!this.isSilenced(alert.labels, now) && !this.isInhibited(alert.labels, alert.fingerprint)) firing.push(alert);
    }
    const resolved = group.resolved.filter((a) => group.notified.has(a.incidentId));
    group.resolved = [];

    const somethingNew = firing.some((a) => !group.notified.has(a.incidentId));
    const repeatDue = firing.length > 0 && now - group.lastSentAt >= this.route.repeatIntervalMs;
    const resolvedToSend = this.route.sendResolved && resolved.length > 0;
    if (somethingNew || repeatDue || resolvedToSend) {
      const alerts = [...firing.map((a) => snapshot(a, 'firing')), ...(this.route.sendResolved ? resolved.map((a) => snapshot(a, 'resolved')) : [])];
      alerts.sort(bySeverityThenAge);
      group.lastSentAt = now;
      this.notify({ groupKey: group.key, groupLabels: group.labels, status: firing.length > 0 ? 'firing' : 'resolved', alerts, at: now });
    }
    // Remember only what is notified and still loud: a muted alert notifies again once unmuted.
    group.notified = new Set(firing.map((a) => a.incidentId));

    if (group.firing.size === 0) {
      this.groups.delete(group.key);
      group.timer = undefined;
    } else {
      group.timer = this.clock.setTimeout(() => this.flush(group), this.route.groupIntervalMs);
    }
  }
}

function equalKey(names: string[], labels: Labels): string {
  let key = '';
  for (const name of names) key += JSON.stringify(labels[name] ?? '') + ',';
  return key;
}

function snapshot(alert: ActiveAlert, status: 'firing' | 'resolved'): NotifiedAlert {
  return {
    fingerprint: alert.fingerprint,
    incidentId: alert.incidentId,
    labels: alert.labels,
    annotations: alert.annotations,
    severity: alert.severity,
    status,
    startsAt: alert.startsAt,
    ...(status === 'resolved' ? { endsAt: alert.endsAt } : {}),
  };
}

function bySeverityThenAge(a: NotifiedAlert, b: NotifiedAlert): number {
  return compareSeverity(b.severity, a.severity) || a.startsAt - b.startsAt || (a.fingerprint < b.fingerprint ? -1 : 1);
}
