// Turns firing and resolved alerts into paced notifications, as Alertmanager does:
// alerts with the same `groupBy` labels share a group; each group flushes after
// group_wait, then every group_interval, and sends only when something changed or
// the repeat interval is up.
import { compareSeverity, fingerprint } from './labels';
import type { Clock, Labels, Notification, NotifiedAlert, RouteOptions, Severity } from './types';

/** An alert as grouping sees it: what a notification says about it. */
export interface GroupedAlert {
  fingerprint: string;
  labels: Labels;
  annotations: Labels;
  severity: Severity;
  incidentId: string;
  startsAt: number;
  endsAt?: number;
}

interface Group {
  key: string;
  labels: Labels;
  firing: Map<string, GroupedAlert>;
  /** Resolved since the last flush. */
  resolved: GroupedAlert[];
  /** Incidents in the last notification, minus any muted since. */
  notified: Set<string>;
  lastSentAt: number;
  timer: unknown;
}

const DEFAULT_ROUTE: RouteOptions = {
  groupBy: ['alertname'],
  groupWaitMs: 30_000,
  groupIntervalMs: 5 * 60_000,
  repeatIntervalMs: 4 * 60 * 60_000,
  sendResolved: true,
};

/** Route options with their defaults; a RangeError for timings that cannot work. */
export function routeOptions(route: Partial<RouteOptions> = {}): RouteOptions {
  const full = { ...DEFAULT_ROUTE, ...route };
  if (!(full.groupWaitMs >= 0) || !Number.isFinite(full.groupWaitMs)) throw new RangeError(`groupWaitMs must be a finite number ≥ 0, got ${full.groupWaitMs}`);
  for (const key of ['groupIntervalMs', 'repeatIntervalMs'] as const) {
    if (!(full[key] > 0) || !Number.isFinite(full[key])) throw new RangeError(`${key} must be > 0`);
  }
  return full;
}

export class Dispatcher {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly route: RouteOptions,
    private readonly clock: Clock,
    private readonly notify: (n: Notification) => void,
    /** Silenced or inhibited now: held back from notifications. */
    private readonly isMuted: (alert: GroupedAlert, now: number) => boolean,
  ) {}

  fired(alert: GroupedAlert): void {
    this.groupFor(alert.labels).firing.set(alert.fingerprint, alert);
  }

  /** The alert leaves its group's firing set and is reported at the next flush. */
  resolved(alert: GroupedAlert): void {
    const group = this.groups.get(this.groupKey(alert.labels).key);
    if (!group?.firing.delete(alert.fingerprint)) return;
    group.resolved.push(alert);
  }

  /** Stops every group timer: nothing is sent afterwards. */
  close(): void {
    for (const group of this.groups.values()) this.clock.clearTimeout(group.timer);
    this.groups.clear();
  }

  private groupKey(labels: Labels): { key: string; labels: Labels } {
    const groupLabels: Record<string, string> = {};
    for (const name of this.route.groupBy) groupLabels[name] = labels[name] ?? '';
    return { key: fingerprint(groupLabels), labels: groupLabels };
  }

  private groupFor(labels: Labels): Group {
    const { key, labels: groupLabels } = this.groupKey(labels);
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
    const firing: GroupedAlert[] = [];
    for (const alert of group.firing.values()) if (!this.isMuted(alert, now)) firing.push(alert);
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

function snapshot(alert: GroupedAlert, status: 'firing' | 'resolved'): NotifiedAlert {
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
