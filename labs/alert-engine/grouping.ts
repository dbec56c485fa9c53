// Turns firing and resolved alerts into paced notifications, as Alertmanager does:
// alerts with the same `groupBy` labels share a group; each group flushes after
// group_wait, then every group_interval, and sends only when something changed or
// the repeat interval is up.
// Replace each `throw new Error('not implemented: …')` with a real body.
import type { Clock, Labels, Notification, RouteOptions, Severity } from './types';

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

/**
 * Route options with their defaults (groupBy ['alertname'], groupWaitMs 30 s,
 * groupIntervalMs 5 min, repeatIntervalMs 4 h, sendResolved true). Throws a RangeError
 * for a negative groupWaitMs or a groupIntervalMs/repeatIntervalMs ≤ 0.
 */
export function routeOptions(route: Partial<RouteOptions> = {}): RouteOptions {
  throw new Error('not implemented: routeOptions()');
}

export class Dispatcher {
  constructor(
    private readonly route: RouteOptions,
    private readonly clock: Clock,
    private readonly notify: (n: Notification) => void,
    /** Silenced or inhibited now: held back from notifications. */
    private readonly isMuted: (alert: GroupedAlert, now: number) => boolean,
  ) {}

  /** The alert joins its group (a new group flushes first after groupWaitMs, then every groupIntervalMs). */
  fired(alert: GroupedAlert): void {
    throw new Error('not implemented: Dispatcher.fired()');
  }

  /** The alert leaves its group's firing set and is reported at the next flush. */
  resolved(alert: GroupedAlert): void {
    throw new Error('not implemented: Dispatcher.resolved()');
  }

  /** Stops every group timer: nothing is sent afterwards. */
  close(): void {
    throw new Error('not implemented: Dispatcher.close()');
  }
}
