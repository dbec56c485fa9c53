// The notifier: routes each new incident to its receivers, pages the first level
// of each receiver's escalation ladder, climbs the ladder while nobody
// acknowledges, and sends the all-clear when the alert resolves.
//
// Suggested shape: one incident per fingerprint (keep the latest, resolved ones too),
// and inside it one "ladder" per routed receiver: the level paged so far, the pending
// escalation timer, and a map from each channel paged to the level it was paged at.
// Use `receiversFor` from routing.ts, `DeliveryError` from channels.ts and `realClock`
// from types.ts.
import type { Channel } from './channels';
import type { RoutingConfig } from './routing';
import type { Alert, AlertStatus, Clock, Transport } from './types';

export interface Receiver {
  name: string;
  /**
   * Channel names per escalation level: levels[0] is paged at once, levels[1] after
   * `escalateAfterMs` without an acknowledgement, and so on up to the last level.
   */
  levels: string[][];
  /** How long each level has to acknowledge before the next is paged. Absent: never escalate. */
  escalateAfterMs?: number;
  /** Tell every channel that was paged when the alert resolves. Default false. */
  sendResolved?: boolean;
}

export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Wait before the first retry; each later wait doubles. */
  delayMs: number;
}

export interface NotifierOptions {
  channels: Channel[];
  receivers: Receiver[];
  routing: RoutingConfig;
  transport: Transport;
  clock?: Clock;
  /** Retry deliveries the peer answered with a 5xx status. Default: one attempt. */
  retry?: RetryOptions;
  /** Called after every delivery, including escalations that no caller awaits. */
  onDelivery?: (event: DeliveryEvent) => void;
}

/** How one message to one channel went. */
export interface Delivery {
  channel: string;
  ok: boolean;
  attempts: number;
  /** Why it failed, when it did. */
  error?: string;
}

export interface DeliveryEvent extends Delivery {
  incidentId: string;
  fingerprint: string;
  status: AlertStatus;
  level: number;
  receiver: string;
}

export interface NotifyResult {
  /** The incident the alert belongs to; absent when a resolve found nothing open. */
  incidentId?: string;
  deliveries: Delivery[];
  /** True when the alert was already firing: nothing was sent again. */
  duplicate?: boolean;
}

export type IncidentState = 'firing' | 'acknowledged' | 'resolved';

export interface IncidentView {
  id: string;
  fingerprint: string;
  state: IncidentState;
  /** The highest escalation level paged so far, counted from 1. */
  level: number;
  openedAt: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  resolvedAt?: number;
}

export class Notifier {
  /**
   * Checks the configuration and throws an Error naming the culprit when a route names
   * an unknown receiver (defaultReceiver included), a receiver names an unknown channel
   * or has no levels, or two channels share a name. `clock` defaults to `realClock`.
   */
  constructor(options: NotifierOptions) {
    throw new Error('not implemented: Notifier');
  }

  /**
   * Takes an alert from the engine.
   * - Firing, no open incident for its fingerprint: opens a new incident (a new id,
   *   unique within this notifier), routes it, pages level 1 of each receiver's ladder
   *   (all its channels at once) and starts each ladder's escalation timer. Resolves
   *   once those deliveries are done, with one Delivery per channel paged.
   * - Firing, incident still open (firing or acknowledged): keeps the newer alert and
   *   sends nothing: `{ incidentId, deliveries: [], duplicate: true }`.
   * - Resolved: the same as `resolve(alert.fingerprint)`.
   * Never rejects because a channel failed.
   */
  async notify(alert: Alert): Promise<NotifyResult> {
    throw new Error('not implemented: notify()');
  }

  /**
   * A person takes the incident: cancel its escalation timers (clearTimeout) so no
   * further level is paged. Acknowledging twice keeps the first acknowledgement.
   * Throws an Error whose message names the fingerprint when there is no such alert,
   * and says "resolved" when its incident is already resolved.
   */
  ack(fingerprint: string, by: string): IncidentView {
    throw new Error('not implemented: ack()');
  }

  /**
   * Closes the open incident: cancels escalation, marks the alert resolved, and for
   * each receiver with `sendResolved` sends a 'resolved' notification to every channel
   * that receiver paged, at the level it was paged at. Channels never reached get
   * nothing. Resolving what is not open does nothing and resolves with `{ deliveries: [] }`.
   */
  resolve(fingerprint: string): Promise<NotifyResult> {
    throw new Error('not implemented: resolve()');
  }

  /** The latest incident for `fingerprint`, resolved or not; undefined when there never was one. */
  incident(fingerprint: string): IncidentView | undefined {
    throw new Error('not implemented: incident()');
  }

  /** Cancels every pending escalation, e.g. on shutdown. */
  dispose(): void {
    throw new Error('not implemented: dispose()');
  }
}

// Delivering to one channel, the rules:
// - call channel.deliver(notification, { transport, now: () => clock.now() });
// - never let it reject: a thrown error (even a synchronous one) becomes
//   { channel, ok: false, attempts, error: message };
// - a DeliveryError with status >= 500 is retried while attempts < retry.attempts,
//   after retry.delayMs, then twice that, and so on, waiting on the injected clock;
// - report every outcome to onDelivery, escalations included.
