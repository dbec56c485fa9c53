// The shapes every part of the notifier shares: alerts coming in, notifications
// going out, and the two seams that keep the notifier testable — a Transport for
// the network and a Clock for time.

export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'firing' | 'resolved';

/** An alert as the alert engine hands it over. */
export interface Alert {
  /** Identifies "the same problem" across evaluations: same fingerprint, same incident. */
  fingerprint: string;
  /** What the alert is about, e.g. { alertname: 'HighLatency', service: 'api' }. Routing matches on these. */
  labels: Record<string, string>;
  /** Text for humans: summary, description, runbook_url. Never used for routing. */
  annotations: Record<string, string>;
  severity: Severity;
  status: AlertStatus;
  /** When the condition started, in milliseconds since the Unix epoch. */
  startsAt: number;
}

/** One message about one incident, handed to one channel. */
export interface Notification {
  /** Unique per incident: a re-fire after a resolve gets a new one. */
  incidentId: string;
  /** 'firing' for pages and escalations, 'resolved' for the all-clear. */
  status: AlertStatus;
  /** Escalation level, counted from 1. For a resolved message, the level this channel was paged at. */
  level: number;
  /** The receiver whose ladder this message belongs to. */
  receiver: string;
  alert: Alert;
}

/** What an HTTP peer answered. */
export interface HttpResponse {
  status: number;
  body: string;
}

export interface MailMessage {
  from: string;
  to: string[];
  subject: string;
  /** Plain-text body, for clients and pagers that show no HTML. */
  text: string;
  html: string;
}

/**
 * The only way out to the network. In Node it is fetch and nodemailer
 * (node-transport.ts); in the browser and in tests, an in-memory stand-in.
 */
export interface Transport {
  /** POSTs `body` (already serialized) to `url`. Resolves with any HTTP status; rejects only when no answer came. */
  post(url: string, body: string, headers: Record<string, string>): Promise<HttpResponse>;
  sendMail(message: MailMessage): Promise<{ messageId?: string }>;
}

/** Time as the notifier sees it. Tests pass a fake clock and check escalation without waiting. */
export interface Clock {
  /** Milliseconds since the Unix epoch (DingTalk signs this number). */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};
