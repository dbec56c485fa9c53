// The notifier: routes each new incident to its receivers, pages the first level
// of each receiver's escalation ladder, climbs the ladder while nobody
// acknowledges, and sends the all-clear when the alert resolves.
import { DeliveryError, type Channel, type DeliveryContext } from './channels';
import { receiversFor, type RoutingConfig } from './routing';
import { realClock, type Alert, type AlertStatus, type Clock, type Notification, type Transport } from './types';

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

/** One receiver's escalation ladder within one incident. */
interface Ladder {
  receiver: Receiver;
  /** Levels paged so far; 0 before the first page. */
  level: number;
  timer?: unknown;
  /** Each channel paged, with the level it was paged at: who gets the all-clear. */
  paged: Map<string, number>;
}

interface Incident {
  id: string;
  alert: Alert;
  state: IncidentState;
  openedAt: number;
  acknowledgedBy?: string;
  acknowledgedAt?: number;
  resolvedAt?: number;
  ladders: Ladder[];
}

export class Notifier {
  private readonly channels = new Map<string, Channel>();
  private readonly receivers = new Map<string, Receiver>();
  private readonly routing: RoutingConfig;
  private readonly clock: Clock;
  private readonly retry: RetryOptions;
  private readonly onDelivery?: (event: DeliveryEvent) => void;
  private readonly context: DeliveryContext;
  /** The latest incident per fingerprint, resolved ones included, so a late ack gets a clear answer. */
  private readonly incidents = new Map<string, Incident>();
  private sequence = 0;

  constructor(options: NotifierOptions) {
    for (const channel of options.channels) {
      if (this.channels.has(channel.name)) throw new Error(`two channels are named "${channel.name}"`);
      this.channels.set(channel.name, channel);
    }
    for (const receiver of options.receivers) {
      if (receiver.levels.length === 0) throw new Error(`receiver "${receiver.name}" has no levels`);
      for (const name of receiver.levels.flat()) {
        if (!this.channels.has(name)) throw new Error(`receiver "${receiver.name}" names unknown channel "${name}"`);
      }
      if (receiver.escalateAfterMs !== undefined && !(receiver.escalateAfterMs > 0)) {
        throw new RangeError(`receiver "${receiver.name}": escalateAfterMs must be a positive number`);
      }
      this.receivers.set(receiver.name, receiver);
    }
    // Check every route now, so a typo fails at start-up rather than during an outage.
    for (const name of [...options.routing.routes.map((r) => r.receiver), options.routing.defaultReceiver]) {
      if (!this.receivers.has(name)) throw new Error(`routing names unknown receiver "${name}"`);
    }
    this.routing = options.routing;
    this.clock = options.clock ?? realClock;
    this.retry = options.retry ?? { attempts: 1, delayMs: 0 };
    this.onDelivery = options.onDelivery;
    this.context = { transport: options.transport, now: () => this.clock.now() };
  }

  /**
   * Takes an alert from the engine. A firing alert with no open incident opens one and
   * pages level 1 of each receiver it routes to; the same alert firing again sends
   * nothing. A resolved alert resolves its incident (see `resolve`).
   */
  async notify(alert: Alert): Promise<NotifyResult> {
    if (alert.status === 'resolved') return this.closeIncident(alert.fingerprint, alert);
    const current = this.incidents.get(alert.fingerprint);
    if (current && current.state !== 'resolved') {
      current.alert = alert;
      return { incidentId: current.id, deliveries: [], duplicate: true };
    }
    const incident: Incident = {
      id: `${alert.fingerprint}#${++this.sequence}`,
      alert,
      state: 'firing',
      openedAt: this.clock.now(),
      ladders: receiversFor(alert, this.routing).map((name) => ({ receiver: this.receivers.get(name)!, level: 0, paged: new Map() })),
    };
    this.incidents.set(alert.fingerprint, incident);
    const pages = await Promise.all(incident.ladders.map((ladder) => this.pageNextLevel(incident, ladder)));
    return { incidentId: incident.id, deliveries: pages.flat() };
  }

  /**
   * A person takes the incident: escalation stops, and no further levels are paged.
   * Acknowledging twice keeps the first acknowledgement. Throws, naming the
   * fingerprint, when there is no such alert or its incident is already resolved.
   */
  ack(fingerprint: string, by: string): IncidentView {
    const incident = this.incidents.get(fingerprint);
    if (!incident) throw new Error(`cannot acknowledge "${fingerprint}": no such alert`);
    if (incident.state === 'resolved') throw new Error(`cannot acknowledge "${fingerprint}": incident ${incident.id} is already resolved`);
    if (incident.state === 'firing') {
      incident.state = 'acknowledged';
      incident.acknowledgedBy = by;
      incident.acknowledgedAt = this.clock.now();
      this.stopEscalation(incident);
    }
    return view(incident);
  }

  /**
   * Closes the incident: escalation stops, and each receiver with `sendResolved` tells
   * every channel it paged. Resolving what is not open does nothing: the engine may
   * repeat a resolve, and that is not an error.
   */
  resolve(fingerprint: string): Promise<NotifyResult> {
    return this.closeIncident(fingerprint);
  }

  incident(fingerprint: string): IncidentView | undefined {
    const incident = this.incidents.get(fingerprint);
    return incident && view(incident);
  }

  /** Cancels every pending escalation, e.g. on shutdown. */
  dispose(): void {
    for (const incident of this.incidents.values()) this.stopEscalation(incident);
  }

  private async closeIncident(fingerprint: string, update?: Alert): Promise<NotifyResult> {
    const incident = this.incidents.get(fingerprint);
    if (!incident || incident.state === 'resolved') return { deliveries: [] };
    incident.state = 'resolved';
    incident.resolvedAt = this.clock.now();
    incident.alert = { ...(update ?? incident.alert), status: 'resolved' };
    this.stopEscalation(incident);

    const sends: Promise<Delivery>[] = [];
    for (const ladder of incident.ladders) {
      if (!ladder.receiver.sendResolved) continue;
      for (const [channel, level] of ladder.paged) {
        sends.push(this.deliver(channel, this.notification(incident, ladder, 'resolved', level)));
      }
    }
    return { incidentId: incident.id, deliveries: await Promise.all(sends) };
  }

  private pageNextLevel(incident: Incident, ladder: Ladder): Promise<Delivery[]> {
    ladder.level += 1;
    const channels = ladder.receiver.levels[ladder.level - 1];
    for (const channel of channels) if (!ladder.paged.has(channel)) ladder.paged.set(channel, ladder.level);
    // Start the next level's countdown before sending: a slow or retried delivery
    // must not give the responders extra time.
    this.scheduleEscalation(incident, ladder);
    const notification = this.notification(incident, ladder, 'firing', ladder.level);
    return Promise.all(channels.map((channel) => this.deliver(channel, notification)));
  }

  private scheduleEscalation(incident: Incident, ladder: Ladder): void {
    const { escalateAfterMs, levels } = ladder.receiver;
    if (escalateAfterMs === undefined || ladder.level >= levels.length) return;
    ladder.timer = this.clock.setTimeout(() => {
      ladder.timer = undefined;
      if (incident.state === 'firing') void this.pageNextLevel(incident, ladder);
    }, escalateAfterMs);
  }

  private stopEscalation(incident: Incident): void {
    for (const ladder of incident.ladders) {
      if (ladder.timer !== undefined) this.clock.clearTimeout(ladder.timer);
      ladder.timer = undefined;
    }
  }

  private notification(incident: Incident, ladder: Ladder, status: AlertStatus, level: number): Notification {
    return { incidentId: incident.id, status, level, receiver: ladder.receiver.name, alert: incident.alert };
  }

  /** Delivers to one channel. Never rejects: a failure becomes a value, so one broken channel cannot silence the rest. */
  private async deliver(channelName: string, notification: Notification): Promise<Delivery> {
    const channel = this.channels.get(channelName)!;
    let attempts = 0;
    let delivery: Delivery;
    for (;;) {
      attempts += 1;
      try {
        await channel.deliver(notification, this.context);
        delivery = { channel: channelName, ok: true, attempts };
        break;
      } catch (error) {
        if (attempts < this.retry.attempts && isRetryable(error)) {
          await this.sleep(this.retry.delayMs * 2 ** (attempts - 1));
          continue;
        }
        delivery = { channel: channelName, ok: false, attempts, error: error instanceof Error ? error.message : String(error) };
        break;
      }
    }
    this.onDelivery?.({
      ...delivery,
      incidentId: notification.incidentId,
      fingerprint: notification.alert.fingerprint,
      status: notification.status,
      level: notification.level,
      receiver: notification.receiver,
    });
    return delivery;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.clock.setTimeout(resolve, ms));
  }
}

/** Only a 5xx is worth repeating: the peer had a passing problem. A 4xx means the request itself is wrong. */
function isRetryable(error: unknown): boolean {
  return error instanceof DeliveryError && error.status !== undefined && error.status >= 500;
}

function view(incident: Incident): IncidentView {
  const { id, state, openedAt, acknowledgedBy, acknowledgedAt, resolvedAt } = incident;
  return {
    id,
    fingerprint: incident.alert.fingerprint,
    state,
    level: Math.max(0, ...incident.ladders.map((l) => l.level)),
    openedAt,
    ...(acknowledgedBy !== undefined ? { acknowledgedBy, acknowledgedAt } : {}),
    ...(resolvedAt !== undefined ? { resolvedAt } : {}),
  };
}
