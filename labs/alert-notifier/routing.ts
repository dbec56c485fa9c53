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

/** Whether `alert` satisfies every condition of `route.match`. */
export function routeMatches(route: Route, alert: Alert): boolean {
  throw new Error('not implemented: routeMatches()');
}

/**
 * The receivers an alert goes to, in route order, each listed once. The default
 * receiver only when no route matched, so the list is never empty.
 */
export function receiversFor(alert: Alert, config: RoutingConfig): string[] {
  throw new Error('not implemented: receiversFor()');
}
