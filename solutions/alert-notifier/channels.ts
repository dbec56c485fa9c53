// Channels turn one notification into one message on one service: a generic
// JSON webhook, a Slack-style incoming webhook, a DingTalk or WeCom group robot,
// or an e-mail. They never touch the network themselves; they go through the
// Transport they are handed, so the same code runs in Node and in the browser.
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

/** A peer refused a message. `status` is the HTTP status when there was one. */
export class DeliveryError extends Error {
  name = 'DeliveryError';
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

// ---------------------------------------------------------------- message text

/** "[FIRING][critical] HighLatency", with "(escalated to level N)" from level 2 on. */
export function alertTitle(n: Notification): string {
  const name = n.alert.labels.alertname ?? n.alert.fingerprint;
  const title = `[${n.status.toUpperCase()}][${n.alert.severity}] ${name}`;
  return n.status === 'firing' && n.level > 1 ? `${title} (escalated to level ${n.level})` : title;
}

/** What a responder needs to act, as [label, value] pairs in a fixed order. */
export function alertFacts(n: Notification): Array<[string, string]> {
  const { annotations, labels, startsAt } = n.alert;
  const facts: Array<[string, string]> = [];
  if (annotations.summary) facts.push(['Summary', annotations.summary]);
  if (annotations.description) facts.push(['Description', annotations.description]);
  facts.push(['Labels', Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ')]);
  facts.push(['Started', new Date(startsAt).toISOString()]);
  facts.push(['Incident', n.incidentId]);
  if (annotations.runbook_url) facts.push(['Runbook', annotations.runbook_url]);
  return facts;
}

/** The markdown both robots (DingTalk and WeCom) render. */
export function alertMarkdown(n: Notification): string {
  const lines = alertFacts(n).map(([label, value]) => `- **${label}**: ${value}`);
  return `### ${alertTitle(n)}\n\n${lines.join('\n')}`;
}

export function alertText(n: Notification): string {
  const lines = alertFacts(n).map(([label, value]) => `${label}: ${value}`);
  return `${alertTitle(n)}\n\n${lines.join('\n')}\n`;
}

// Labels and annotations come from the systems being monitored, so they may hold
// anything, including markup. Escape them before they go into HTML.
const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export function alertHtml(n: Notification): string {
  const rows = alertFacts(n).map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`);
  return `<h2>${escapeHtml(alertTitle(n))}</h2>\n<table>\n${rows.join('\n')}\n</table>\n`;
}

// ------------------------------------------------------------------- HTTP helpers

async function postJson(context: DeliveryContext, url: string, payload: unknown, headers: Record<string, string> = {}): Promise<HttpResponse> {
  const response = await context.transport.post(url, JSON.stringify(payload), { 'content-type': 'application/json', ...headers });
  if (response.status < 200 || response.status >= 300) {
    // Name the host only: webhook URLs carry their access token, and errors end up in logs.
    throw new DeliveryError(`HTTP ${response.status} from ${new URL(url).host}`, response.status);
  }
  return response;
}

/** DingTalk and WeCom answer 200 even when they reject a message; the verdict is in `errcode`. */
function checkRobotReply(response: HttpResponse, service: string): void {
  let reply: { errcode?: unknown; errmsg?: unknown };
  try {
    reply = JSON.parse(response.body);
  } catch {
    return; // not a robot reply at all: the HTTP status already said yes
  }
  if (typeof reply?.errcode === 'number' && reply.errcode !== 0) {
    throw new DeliveryError(`${service} refused the message: errcode ${reply.errcode} (${String(reply.errmsg ?? '')})`);
  }
}

// ------------------------------------------------------------------------ channels

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

export function webhookChannel({ name, url, headers }: WebhookOptions): Channel {
  return {
    name,
    async deliver(n, context) {
      const body: WebhookBody = { version: 1, status: n.status, incidentId: n.incidentId, level: n.level, receiver: n.receiver, alert: n.alert };
      await postJson(context, url, body, headers);
    },
  };
}

// Slack's mrkdwn treats &, < and > as control characters.
const escapeSlack = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackChannel({ name, url }: { name: string; url: string }): Channel {
  return {
    name,
    async deliver(n, context) {
      const title = alertTitle(n);
      const facts = alertFacts(n).map(([label, value]) => `*${label}:* ${escapeSlack(value)}`).join('\n');
      // `text` is what notifications and old clients show; `blocks` is the rich layout.
      await postJson(context, url, {
        text: escapeSlack(title),
        blocks: [
          { type: 'header', text: { type: 'plain_text', text: title } },
          { type: 'section', text: { type: 'mrkdwn', text: facts } },
        ],
      });
    },
  };
}

/**
 * DingTalk's signature for a robot with a secret: base64 of HMAC-SHA256, keyed with
 * the secret, over `${timestamp}\n${secret}`. Returned as plain base64; it still has
 * to be URL-encoded when it goes into the query string.
 */
export async function dingTalkSign(secret: string, timestamp: number): Promise<string> {
  const encoder = new TextEncoder();
  // Web Crypto rather than node:crypto: it exists in Node and in browsers alike.
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${timestamp}\n${secret}`));
  let binary = '';
  for (const byte of new Uint8Array(mac)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export interface DingTalkOptions {
  name: string;
  /** The robot's URL, with its access_token query parameter. */
  url: string;
  /** The robot's signing secret ("SEC…"). Absent: the robot is protected some other way and nothing is signed. */
  secret?: string;
}

export function dingTalkChannel({ name, url, secret }: DingTalkOptions): Channel {
  return {
    name,
    async deliver(n, context) {
      const target = new URL(url);
      if (secret !== undefined) {
        const timestamp = context.now();
        // searchParams encodes the value: base64's '+' would otherwise be read back as a space.
        target.searchParams.set('timestamp', String(timestamp));
        target.searchParams.set('sign', await dingTalkSign(secret, timestamp));
      }
      const response = await postJson(context, target.toString(), {
        msgtype: 'markdown',
        markdown: { title: alertTitle(n), text: alertMarkdown(n) },
      });
      checkRobotReply(response, 'DingTalk');
    },
  };
}

export function weComChannel({ name, url }: { name: string; url: string }): Channel {
  return {
    name,
    async deliver(n, context) {
      const response = await postJson(context, url, { msgtype: 'markdown', markdown: { content: alertMarkdown(n) } });
      checkRobotReply(response, 'WeCom');
    },
  };
}

export interface EmailOptions {
  name: string;
  from: string;
  to: string[];
}

export function emailChannel({ name, from, to }: EmailOptions): Channel {
  return {
    name,
    async deliver(n, context) {
      const message: MailMessage = { from, to, subject: alertTitle(n), text: alertText(n), html: alertHtml(n) };
      await context.transport.sendMail(message);
    },
  };
}
