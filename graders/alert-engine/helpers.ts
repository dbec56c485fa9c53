// Shared set-up for the alert-engine graders: an engine on a FakeClock that
// records every notification it sends.
import { FakeClock } from '@grader-kit';
import { AlertEngine } from '@impl/alert-engine/alert-engine';
import type { EngineOptions, Notification } from '@impl/alert-engine/types';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export function setup(options: Omit<EngineOptions, 'notify' | 'clock'> = {}) {
  const clock = new FakeClock();
  const sent: Notification[] = [];
  const engine = new AlertEngine({ ...options, clock, notify: (n) => sent.push(n) });
  return { engine, clock, sent };
}

/** An alert pushed from outside: alertname and severity plus any extra labels. */
export function incoming(alertname: string, severity: 'info' | 'warning' | 'critical', extra: Record<string, string> = {}) {
  return { labels: { alertname, severity, ...extra } };
}

/** The alertname/instance pairs in a notification, for readable assertions. */
export const names = (n: Notification) => n.alerts.map((a) => `${a.labels.alertname}/${a.status}`);
