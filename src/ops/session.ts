// One playground session: the simulated service, scraped every few virtual seconds
// through the metrics lab, judged by the alert-engine lab, and told through the
// notifier lab to channels that deliver into the page (or the terminal). It keeps
// the history the dashboard draws: samples, alert transitions, messages sent.
//
// Each lab runs the learner's code or the reference. If learner code throws, the
// session switches that lab to the reference and replays everything the learner
// did (the seed and the action log decide the whole run), so the playground keeps
// going with its history intact and says what happened. No DOM here: the page,
// the CLI and the tests all drive this class.
import type { Locale } from '../i18n/locale';
import { seededRandom } from '../core/random';
import { VirtualClock } from './clock';
import { OPS_LABS, type LabModules, type OpsLab } from './labs';
import { ALERT_ROUTE, CHANNELS, INHIBIT_RULES, RECEIVERS, ROUTING, SCRAPE_INTERVAL_MS, alertRules, type ChannelName } from './rules';
import { AgentService, type Controls, type Fault, type Sample } from './service';
import type { Labels, Notification as EngineNotification } from '@impl/alert-engine/alert-engine';

export type CodeSource = 'learner' | 'reference';

/** What the learner can do; each is logged with its virtual time so a replay repeats it. */
export type Action =
  | { type: 'set'; control: keyof Controls; value: number }
  | { type: 'fault'; fault: Fault }
  | { type: 'silence'; alertname: string; durationMs: number }
  | { type: 'expire-silence'; silence: number }
  | { type: 'ack'; fingerprint: string };

type Logged = Action & { at: number };

export interface SessionOptions {
  seed: number;
  locale: Locale;
  /** The reference solutions: used for every lab the learner's code is not. */
  reference: LabModules;
  /** Learner modules that passed their lab's checks. */
  learner?: Partial<LabModules>;
  /** What the clock reads at the start, in epoch ms (notifications print it). Default 0. */
  startEpochMs?: number;
}

/** Why a lab fell back to the reference while running. */
export interface RuntimeFailure {
  message: string;
  /** Virtual ms since the start. */
  at: number;
}

export type SeriesName = keyof Sample;
export const SERIES = [
  'request_rate', 'error_ratio', 'latency_p50_seconds', 'latency_p95_seconds', 'latency_p99_seconds',
  'dependency_p95_seconds', 'queued_requests', 'in_flight_requests',
] as const satisfies readonly SeriesName[];

export interface History {
  /** Seconds of virtual time since the start, one per scrape. */
  t: number[];
  /** One value per scrape; null where there was nothing to measure (a gap in the chart). */
  series: Record<SeriesName, (number | null)[]>;
}

export type AlertState = 'pending' | 'firing' | 'resolved';

/** An alert as the dashboard lists it: live ones from the engine, resolved ones remembered here. */
export interface AlertRow {
  fingerprint: string;
  alertname: string;
  severity: string;
  labels: Record<string, string>;
  summary: string;
  state: AlertState;
  /** Virtual ms when the condition started to hold. */
  since: number;
  firedAt?: number;
  resolvedAt?: number;
  value?: number;
  silenced: boolean;
  inhibited: boolean;
}

export interface AlertEvent {
  at: number;
  fingerprint: string;
  alertname: string;
  severity: string;
  /** `inactive`: a pending alert whose condition cleared before its `for` duration. */
  state: AlertState | 'inactive';
}

/** One group notification from the engine to the notifier: grouping, made visible. */
export interface GroupNotice {
  at: number;
  group: Record<string, string>;
  status: 'firing' | 'resolved';
  firing: string[];
  resolved: string[];
}

/** A message as it reached its channel in the page. */
export interface ChannelMessage {
  at: number;
  channel: ChannelName;
  title: string;
  /** The payload as the channel received it (JSON, or the mail's text part). */
  body: string;
}

export interface IncidentRow {
  fingerprint: string;
  alertname: string;
  id: string;
  state: 'firing' | 'acknowledged' | 'resolved';
  level: number;
}

export interface SilenceRow {
  id: number;
  alertname: string;
  endsAt: number;
}

/** Labs whose code threw: the session switched them to the reference. */
class LabFailure {
  constructor(readonly lab: OpsLab, readonly error: unknown) {}
}

type Guard = <T>(run: () => T) => T | undefined;

/** One run of the simulation with one set of implementations; the session replaces it on a fallback. */
class World {
  readonly clock: VirtualClock;
  /** Always set, unless the learner's collector threw while it was being built (then `failure` is). */
  readonly service!: AgentService;
  readonly history: History = { t: [], series: Object.fromEntries(SERIES.map((s) => [s, []])) as unknown as History['series'] };
  readonly alerts = new Map<string, AlertRow>();
  readonly alertEvents: AlertEvent[] = [];
  readonly groupNotices: GroupNotice[] = [];
  readonly messages: ChannelMessage[] = [];
  readonly incidents = new Map<string, IncidentRow>();
  readonly silences = new Map<number, SilenceRow & { engineId: string }>();
  failure: LabFailure | undefined;
  /** Grows whenever something the dashboard shows changes. */
  version = 0;

  // Like `service`: unset only in a broken world, which the session never runs.
  private readonly engine!: InstanceType<LabModules['alert-engine']['AlertEngine']>;
  private readonly notifier!: InstanceType<LabModules['alert-notifier']['Notifier']>;
  private readonly summaries = new Map<string, string>();
  private silenceSeq = 0;

  constructor(readonly modules: LabModules, readonly sources: Record<OpsLab, CodeSource>, seed: number, locale: Locale, start: number) {
    const clock = (this.clock = new VirtualClock(start));
    const guarded = (lab: OpsLab) => ({
      now: clock.now,
      setTimeout: (fn: () => void, ms: number) => clock.setTimeout(() => this.guard(lab)(fn), ms),
      clearTimeout: clock.clearTimeout,
    });

    const metricsGuard = this.guard('metrics-collector');
    const service = metricsGuard(() => new AgentService(modules['metrics-collector'], clock, seededRandom(seed), metricsGuard));
    if (!service) return; // a broken world: the session replaces it at once
    this.service = service;

    const rules = alertRules(locale);
    for (const rule of rules) this.summaries.set(rule.name, rule.annotations?.summary ?? rule.name);
    const engineLab = modules['alert-engine'];
    this.engine = this.guard('alert-engine')(() => {
      const engine = new engineLab.AlertEngine({ clock: guarded('alert-engine'), notify: (n) => this.onGroupNotice(n), route: ALERT_ROUTE, inhibitRules: INHIBIT_RULES });
      for (const rule of rules) engine.addRule(rule);
      return engine;
    })!;

    const n = modules['alert-notifier'];
    this.notifier = this.guard('alert-notifier')(() => new n.Notifier({
      channels: [
        n.slackChannel({ name: 'team-chat', url: CHANNELS['team-chat'].url }),
        n.webhookChannel({ name: 'pager', url: CHANNELS.pager.url }),
        n.emailChannel({ name: 'oncall-mail', from: CHANNELS['oncall-mail'].from, to: [...CHANNELS['oncall-mail'].to] }),
      ],
      receivers: RECEIVERS,
      routing: ROUTING,
      transport: this.transport(),
      clock: guarded('alert-notifier'),
      onDelivery: (event) => this.trackIncident(event.fingerprint),
    }))!;

    const scrape = () => {
      this.scrape();
      clock.setTimeout(scrape, SCRAPE_INTERVAL_MS);
    };
    clock.setTimeout(scrape, SCRAPE_INTERVAL_MS);
  }

  /** Calls lab code. A learner's exception is recorded (the session falls back); a reference's is a bug and propagates. */
  guard(lab: OpsLab): Guard {
    return (run) => {
      try {
        return run();
      } catch (error) {
        if (this.sources[lab] === 'reference' || error instanceof LabFailure) throw error;
        this.failure ??= new LabFailure(lab, error);
        return undefined;
      }
    };
  }

  elapsed(): number {
    return this.clock.elapsed();
  }

  /** Runs the simulation up to `elapsedMs`; stops early at the first learner failure. */
  runTo(elapsedMs: number): void {
    if (this.failure) return;
    this.clock.advanceTo(this.clock.start + elapsedMs, () => this.failure !== undefined);
  }

  apply(action: Action): void {
    const now = this.clock.now();
    switch (action.type) {
      case 'set': this.service.set(action.control, action.value); break;
      case 'fault': this.service.inject(action.fault); break;
      case 'silence': {
        const endsAt = now + action.durationMs;
        const engineId = this.guard('alert-engine')(() => this.engine.addSilence({
          matchers: [{ name: 'alertname', op: '=', value: action.alertname }], startsAt: now, endsAt, comment: 'ops playground',
        }));
        if (engineId !== undefined) this.silences.set(++this.silenceSeq, { id: this.silenceSeq, alertname: action.alertname, endsAt, engineId });
        this.refreshAlerts();
        break;
      }
      case 'expire-silence': {
        const silence = this.silences.get(action.silence);
        if (!silence) break;
        this.silences.delete(action.silence);
        this.guard('alert-engine')(() => this.engine.expireSilence(silence.engineId));
        this.refreshAlerts();
        break;
      }
      case 'ack':
        this.guard('alert-notifier')(() => this.notifier.ack(action.fingerprint, 'ops-playground'));
        this.trackIncident(action.fingerprint);
        break;
    }
    this.version++;
  }

  private scrape(): void {
    const sample = this.service.scrape();
    if (!sample) return;
    this.history.t.push(this.elapsed() / 1000);
    for (const name of SERIES) {
      const value = sample[name];
      this.history.series[name].push(typeof value === 'number' && Number.isFinite(value) ? value : null);
    }
    this.guard('alert-engine')(() => this.engine.evaluate(sample as unknown as Record<string, number>));
    this.refreshAlerts();
    this.version++;
  }

  /** Reads the engine's pending and firing alerts and records every change of state. */
  private refreshAlerts(): void {
    const views = this.guard('alert-engine')(() => this.engine.alerts());
    if (!views) return;
    const now = this.elapsed();
    const seen = new Set<string>();
    for (const view of views) {
      seen.add(view.fingerprint);
      const alertname = view.labels.alertname ?? view.fingerprint;
      const old = this.alerts.get(view.fingerprint);
      const changed = !old || old.state !== view.state;
      const row: AlertRow = {
        fingerprint: view.fingerprint,
        alertname,
        severity: view.severity,
        labels: { ...view.labels },
        summary: this.summaries.get(alertname) ?? alertname,
        state: view.state,
        since: view.activeAt - this.clock.start,
        firedAt: view.state === 'firing' ? (changed ? now : old?.firedAt ?? now) : undefined,
        value: view.value,
        silenced: view.silenced,
        inhibited: view.inhibited,
      };
      this.alerts.set(view.fingerprint, row);
      if (changed) this.alertEvents.push({ at: now, fingerprint: row.fingerprint, alertname, severity: row.severity, state: row.state });
    }
    for (const [fingerprint, row] of this.alerts) {
      if (seen.has(fingerprint) || row.state === 'resolved') continue;
      if (row.state === 'firing') {
        this.alerts.set(fingerprint, { ...row, state: 'resolved', resolvedAt: now, silenced: false, inhibited: false });
        this.alertEvents.push({ at: now, fingerprint, alertname: row.alertname, severity: row.severity, state: 'resolved' });
      } else {
        this.alerts.delete(fingerprint); // pending that never fired: only the history remembers it
        this.alertEvents.push({ at: now, fingerprint, alertname: row.alertname, severity: row.severity, state: 'inactive' });
      }
    }
  }

  /** The engine's group notification: remembered, then each alert handed to the notifier. */
  private onGroupNotice(notice: EngineNotification): void {
    const name = (a: { labels: Labels }) => a.labels.alertname ?? '';
    this.groupNotices.push({
      at: this.elapsed(),
      group: { ...notice.groupLabels },
      status: notice.status,
      firing: notice.alerts.filter((a) => a.status === 'firing').map(name),
      resolved: notice.alerts.filter((a) => a.status === 'resolved').map(name),
    });
    for (const alert of notice.alerts) {
      const { fingerprint, labels, annotations, severity, status, startsAt } = alert;
      const sent = this.guard('alert-notifier')(() => this.notifier.notify({ fingerprint, labels: { ...labels }, annotations: { ...annotations }, severity, status, startsAt }));
      // Deliveries settle later; a learner's notifier may also fail there.
      Promise.resolve(sent).then(() => this.trackIncident(fingerprint), (error: unknown) => {
        if (this.sources['alert-notifier'] === 'learner') this.failure ??= new LabFailure('alert-notifier', error);
        else throw error;
      });
    }
    this.version++;
  }

  private trackIncident(fingerprint: string): void {
    const view = this.guard('alert-notifier')(() => this.notifier.incident(fingerprint));
    if (!view) return;
    const alertname = this.alerts.get(fingerprint)?.alertname ?? fingerprint;
    this.incidents.set(fingerprint, { fingerprint, alertname, id: view.id, state: view.state, level: view.level });
    this.version++;
  }

  /** The notifier's way out: every channel delivers into `messages`, the in-page channel. */
  private transport() {
    const channelOf = (url: string): ChannelName =>
      url.startsWith(CHANNELS['team-chat'].url) ? 'team-chat' : 'pager';
    return {
      post: (url: string, body: string) => {
        const channel = channelOf(url);
        this.messages.push({ at: this.elapsed(), channel, title: titleOf(channel, body), body: prettyJson(body) });
        this.version++;
        return Promise.resolve({ status: 200, body: '{"ok":true}' });
      },
      sendMail: (message: { subject: string; text: string }) => {
        this.messages.push({ at: this.elapsed(), channel: 'oncall-mail' as const, title: message.subject, body: message.text });
        this.version++;
        return Promise.resolve({ messageId: `<${this.messages.length}@ops-playground.invalid>` });
      },
    };
  }

  exposition(): string | undefined {
    return this.service.exposition();
  }
}

/** A one-line title for a message, read from what the channel received. */
function titleOf(channel: ChannelName, body: string): string {
  try {
    const payload = JSON.parse(body);
    if (channel === 'team-chat' && typeof payload.text === 'string') return payload.text;
    if (payload.alert) {
      const { status, level, alert } = payload;
      return `[${String(status).toUpperCase()}][${alert.severity}] ${alert.labels?.alertname ?? alert.fingerprint}${level > 1 ? ` · L${level}` : ''}`;
    }
  } catch {
    // not JSON: fall through to the raw text
  }
  return body.slice(0, 80);
}

function prettyJson(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

export class Session {
  readonly seed: number;
  readonly locale: Locale;
  private readonly start: number;
  private readonly reference: LabModules;
  private readonly learner: Partial<LabModules>;
  private readonly actions: Logged[] = [];
  private readonly failures: Partial<Record<OpsLab, RuntimeFailure>> = {};
  private world: World;
  private versionBase = 0;

  constructor(options: SessionOptions) {
    this.seed = options.seed;
    this.locale = options.locale;
    this.start = options.startEpochMs ?? 0;
    this.reference = options.reference;
    this.learner = { ...options.learner };
    this.world = this.build();
    this.recover(0);
  }

  /** Which code each lab runs now. */
  sources(): Record<OpsLab, CodeSource> {
    return this.world.sources;
  }

  /** Learner code that threw while running, per lab: those labs now run the reference. */
  runtimeFailures(): Partial<Record<OpsLab, RuntimeFailure>> {
    return { ...this.failures };
  }

  /** Virtual ms since the start. */
  elapsed(): number {
    return this.world.elapsed();
  }

  /** Lets `ms` of virtual time pass. */
  advance(ms: number): void {
    const target = this.world.elapsed() + ms;
    this.recover(this.world.elapsed()); // an asynchronous failure may have arrived since
    this.world.runTo(target);
    this.recover(target);
  }

  /** Does what the learner asked, now; invalid input throws a RangeError and changes nothing. */
  act(action: Action): void {
    this.actions.push({ ...action, at: this.world.elapsed() });
    try {
      this.world.apply(action);
    } catch (error) {
      this.actions.pop();
      throw error;
    }
    this.recover(this.world.elapsed());
  }

  /** Grows whenever something the dashboard shows changes, replays included. */
  get version(): number {
    return this.versionBase + this.world.version;
  }
  get controls(): Readonly<Controls> { return this.world.service.controls; }
  /** Active faults and when each ends, in virtual ms since the start. */
  faults(): Array<{ fault: Fault; endsAt: number }> {
    return [...this.world.service.faults].map(([fault, endsAt]) => ({ fault, endsAt: endsAt - this.start }));
  }
  get history(): History { return this.world.history; }
  /** Firing first, then pending, then resolved (newest first). */
  alerts(): AlertRow[] {
    const order: Record<AlertState, number> = { firing: 0, pending: 1, resolved: 2 };
    return [...this.world.alerts.values()].sort((a, b) =>
      order[a.state] - order[b.state] || (b.resolvedAt ?? b.since) - (a.resolvedAt ?? a.since) || a.alertname.localeCompare(b.alertname));
  }
  get alertEvents(): readonly AlertEvent[] { return this.world.alertEvents; }
  get groupNotices(): readonly GroupNotice[] { return this.world.groupNotices; }
  get messages(): readonly ChannelMessage[] { return this.world.messages; }
  incidents(): IncidentRow[] { return [...this.world.incidents.values()]; }
  silences(): SilenceRow[] {
    const now = this.world.clock.now();
    return [...this.world.silences.values()].filter((s) => s.endsAt > now).map(({ id, alertname, endsAt }) => ({ id, alertname, endsAt: endsAt - this.start }));
  }
  /** The exported metrics in the Prometheus text format. */
  exposition(): string {
    const text = this.world.exposition();
    this.recover(this.world.elapsed());
    return text ?? this.world.exposition() ?? '';
  }
  /** The cumulative latency percentile of successful requests, as the collector answers it. */
  latencyPercentile(q: number): number {
    const value = this.world.service.latencyPercentile(q);
    this.recover(this.world.elapsed());
    return value ?? this.world.service.latencyPercentile(q) ?? NaN;
  }

  private build(): World {
    const sources = Object.fromEntries(OPS_LABS.map((lab) => [lab, this.learner[lab] ? 'learner' : 'reference'])) as Record<OpsLab, CodeSource>;
    const modules = Object.fromEntries(OPS_LABS.map((lab) => [lab, this.learner[lab] ?? this.reference[lab]])) as unknown as LabModules;
    return new World(modules, sources, this.seed, this.locale, this.start);
  }

  /**
   * While the world holds a learner failure: switch that lab to the reference and
   * replay every action at its time, up to `until`. Each lab can fail once, so this ends.
   */
  private recover(until: number): void {
    while (this.world.failure) {
      const { lab, error } = this.world.failure;
      this.failures[lab] = { message: error instanceof Error ? error.message : String(error), at: this.world.elapsed() };
      delete this.learner[lab];
      this.versionBase += this.world.version + 1;
      this.world = this.build();
      for (const action of this.actions) {
        if (action.at > until) break;
        this.world.runTo(action.at);
        if (this.world.failure) break;
        this.world.apply(action);
        if (this.world.failure) break;
      }
      this.world.runTo(until);
    }
  }
}
