// Test doubles shared by the browser-safe graders: an in-memory Transport that
// records every request and mail, and a factory for alerts.
import type { Alert, HttpResponse, MailMessage, Transport } from '@impl/alert-notifier/types';

export interface RecordedPost {
  url: string;
  /** The URL's path, e.g. "/team" for "https://hooks.example.test/team?x=1". */
  path: string;
  body: string;
  /** The body parsed as JSON, or undefined when it was not JSON. */
  json: any;
  /** Header names lower-cased, as HTTP treats them. */
  headers: Record<string, string>;
}

export class RecordingTransport implements Transport {
  readonly posts: RecordedPost[] = [];
  readonly mails: MailMessage[] = [];
  /** Decides each HTTP answer; by default the 200 a robot sends for an accepted message. */
  answer: (post: RecordedPost, nth: number) => HttpResponse = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });

  async post(url: string, body: string, headers: Record<string, string>): Promise<HttpResponse> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const post: RecordedPost = { url, path: new URL(url).pathname, body, json, headers: lower };
    this.posts.push(post);
    return this.answer(post, this.posts.filter((p) => p.path === post.path).length);
  }

  async sendMail(message: MailMessage): Promise<{ messageId?: string }> {
    this.mails.push(structuredClone(message));
    return { messageId: `<${this.mails.length}@recording.test>` };
  }

  /** Paths posted to, in order. */
  paths(): string[] {
    return this.posts.map((p) => p.path);
  }
}

export function makeAlert(overrides: Partial<Alert> = {}): Alert {
  return {
    fingerprint: 'fp-high-latency',
    labels: { alertname: 'HighLatency', service: 'api', team: 'payments' },
    annotations: { summary: 'p99 latency above 1s for 5 minutes', runbook_url: 'https://runbooks.example.test/latency' },
    severity: 'critical',
    status: 'firing',
    startsAt: Date.UTC(2024, 0, 15, 8, 30),
    ...overrides,
  };
}
