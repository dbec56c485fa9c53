// Channels turn one notification into one message on one service: a generic
// JSON webhook, a Slack-style incoming webhook, a DingTalk or WeCom group robot,
// or an e-mail. They never touch the network themselves: they go through the
// Transport in the DeliveryContext, so the same code runs in Node and in the browser.
//
// Suggested order: alertTitle and alertFacts first (every channel shows the same
// facts), then the webhook, then the others.
import type { HttpResponse, MailMessage, Notification, Transport } from './types';

/** What a channel may use while delivering. */
export interface DeliveryContext {
  transport: Transport;
  /** The notifier's clock, in epoch milliseconds (DingTalk signs it). */
  now(): number;
}

export interface Channel {
  /** Unique among the notifier's channels; receivers refer to channels by it. */
  readonly name: string;
  /** Resolves once the peer accepted the message; rejects (preferably with a DeliveryError) otherwise. */
  deliver(notification: Notification, context: DeliveryContext): Promise<void>;
}

/** A peer refused a message. `status` is the HTTP status when there was one (the notifier retries 5xx). */
export class DeliveryError extends Error {
  name = 'DeliveryError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

// ---------------------------------------------------------------- message text

/**
 * "[FIRING][critical] HighLatency": the status in capitals, the severity, then the
 * `alertname` label (the fingerprint when there is none). A firing page from level 2
 * on adds " (escalated to level N)". Resolved: "[RESOLVED][critical] HighLatency".
 */
export function alertTitle(n: Notification): string {
  throw new Error('not implemented: alertTitle()');
}

/**
 * What a responder needs to act, as [label, value] pairs in a fixed order: the
 * summary and description annotations (when present), the labels as "k=v, k=v",
 * the start time (ISO 8601), the incident id, and the runbook_url annotation (when present).
 */
export function alertFacts(n: Notification): Array<[string, string]> {
  throw new Error('not implemented: alertFacts()');
}

/** The title as a heading, then the facts as a list: the markdown DingTalk and WeCom render. */
export function alertMarkdown(n: Notification): string {
  throw new Error('not implemented: alertMarkdown()');
}

/** The title and the facts as plain text, for the text part of an e-mail. */
export function alertText(n: Notification): string {
  throw new Error('not implemented: alertText()');
}

/** The title and the facts as HTML, every value escaped (&, <, >, ", '). */
export function alertHtml(n: Notification): string {
  throw new Error('not implemented: alertHtml()');
}

// ------------------------------------------------------------------------ channels
//
// Every HTTP channel POSTs JSON with the header content-type: application/json.
// A status outside 200–299 is a DeliveryError carrying that status, with a message
// that names the status and the host but never the full URL (it holds the token).

export interface WebhookOptions {
  name: string;
  url: string;
  /** Extra headers, e.g. an Authorization token the receiving service expects. */
  headers?: Record<string, string>;
}

/** The body a generic webhook receives: the whole alert, for machines to act on. */
export interface WebhookBody {
  version: 1;
  status: Notification['status'];
  incidentId: string;
  level: number;
  receiver: string;
  alert: Notification['alert'];
}

/** POSTs a WebhookBody to `url`, with `headers` added. */
export function webhookChannel(options: WebhookOptions): Channel {
  throw new Error('not implemented: webhookChannel()');
}

/**
 * A Slack-style incoming webhook: `{ text, blocks? }`. `text` holds at least the title
 * (it is what notifications show); `blocks`, if you send them, lay out the facts.
 */
export function slackChannel(options: { name: string; url: string }): Channel {
  throw new Error('not implemented: slackChannel()');
}

/**
 * DingTalk's signature for a robot with a secret: base64 of HMAC-SHA256, keyed with
 * the secret, over `${timestamp}\n${secret}` (UTF-8). Returns plain base64; the caller
 * URL-encodes it. Use Web Crypto (`crypto.subtle`), which Node and browsers both have.
 */
export async function dingTalkSign(secret: string, timestamp: number): Promise<string> {
  throw new Error('not implemented: dingTalkSign()');
}

export interface DingTalkOptions {
  name: string;
  /** The robot's URL, with its access_token query parameter. */
  url: string;
  /** The robot's signing secret ("SEC…"). Absent: nothing is signed and the URL is used as given. */
  secret?: string;
}

/**
 * A DingTalk group robot: `{ msgtype: 'markdown', markdown: { title, text } }`. With a
 * secret, adds `timestamp` (context.now()) and `sign` (URL-encoded) to the URL's query,
 * keeping the parameters already there. DingTalk answers 200 even when it refuses a
 * message: a JSON reply with a non-zero `errcode` is a DeliveryError too.
 */
export function dingTalkChannel(options: DingTalkOptions): Channel {
  throw new Error('not implemented: dingTalkChannel()');
}

/**
 * A WeCom (企业微信) group robot: `{ msgtype: 'markdown', markdown: { content } }`.
 * Like DingTalk, a reply with a non-zero `errcode` is a failure.
 */
export function weComChannel(options: { name: string; url: string }): Channel {
  throw new Error('not implemented: weComChannel()');
}

export interface EmailOptions {
  name: string;
  from: string;
  to: string[];
}

/** One mail through `transport.sendMail`: subject = alertTitle, a text part and an HTML part. */
export function emailChannel(options: EmailOptions): Channel {
  throw new Error('not implemented: emailChannel()');
}
