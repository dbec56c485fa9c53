// Routing decides who hears about an alert. Routes are tried in order; the first
// one that matches wins, unless it says `continue`, in which case later routes
// are tried too. An alert no route matched goes to the default receiver, so no
// alert is ever dropped for want of a rule.
import type { Alert, Severity } from './types';

export interface RouteMatch {
  /** One severity, or any of several. Absent: every severity. */
  severity?: Severity | readonly Severity[];
  /**
   * Every listed label must match: a string exactly, a RegExp by `test()`. A label the
   * alert lacks never matches. Avoid the g and y flags: `test()` would remember where it stopped.
   */
  labels?: Record<string, string | RegExp>;
}

export interface Route {
  receiver: string;
  /** Absent or empty: matches every alert. */
  match?: RouteMatch;
  /** Keep trying later routes after this one matched. */
  continue?: boolean;
}

export interface RoutingConfig {
  routes: Route[];
  defaultReceiver: string;
}

export function routeMatches(route: Route, alert: Alert): boolean {
  const { severity, labels } = route.match ?? {};
  if (severity !== undefined) {
    const wanted: readonly Severity[] = typeof severity === 'string' ? [severity] : severity;
    if (!wanted.includes(alert.severity)) return false;
  }
  for (const [label, expected] of Object.entries(labels ?? {})) {
    const actual = alert.labels[label];
    if (actual === undefined) return false;
    if (typeof expected === 'string' ? actual !== expected : !expected.test(actual)) return false;
  }
  return true;
}

/** The receivers an alert goes to, in route order, each once. Never empty. */
export function receiversFor(alert: Alert, config: RoutingConfig): string[] {
  const receivers: string[] = [];
  for (const route of config.routes) {
    if (!routeMatches(route, alert)) continue;
    if (!receivers.includes(route.receiver)) receivers.push(route.receiver);
    if (!route.continue) break;
  }
  return receivers.length > 0 ? receivers : [config.defaultReceiver];
}
