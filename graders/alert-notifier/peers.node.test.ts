// Delivery against real peers on 127.0.0.1: an HTTP server that records every
// request and plays a DingTalk robot that checks signatures, and an SMTP server
// that records every mail. Node only: the browser grades with an in-page transport.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '@grader-kit';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { dingTalkChannel, emailChannel, slackChannel, webhookChannel, weComChannel } from '@impl/alert-notifier/channels';
import { Notifier, type DeliveryEvent } from '@impl/alert-notifier/notifier';
import { createNodeTransport, type NodeTransport } from '@impl/alert-notifier/node-transport';
import type { Alert } from '@impl/alert-notifier/types';

// ------------------------------------------------------------------ HTTP peer

interface HttpRequestRecord {
  method: string;
  path: string;
  /** The query string exactly as sent, before any decoding. */
  rawQuery: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  json: any;
}

const DING_SECRET = 'SECworkbook-notifier-test';

class HttpPeer {
  readonly requests: HttpRequestRecord[] = [];
  /** Answers this many of the next requests with 500, for retry tests. */
  failNext = 0;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const [path, rawQuery = ''] = (req.url ?? '/').split('?');
      let json: unknown;
      try {
        json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        json = undefined;
      }
      const record = { method: req.method ?? '', path, rawQuery, query: new URLSearchParams(rawQuery), headers: req.headers, json };
      this.requests.push(record);
      if (path === '/hooks/hang') return; // accepts the request and never answers
      if (this.failNext > 0) {
        this.failNext -= 1;
        res.writeHead(500).end('try again');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(path.startsWith('/robot/') ? this.robotVerdict(record) : { ok: true }));
    });
  });

  /** What a DingTalk robot answers: errcode 0 only for a valid signature. */
  private robotVerdict(r: HttpRequestRecord): { errcode: number; errmsg: string } {
    if (r.query.get('access_token') !== 'robot-token') return { errcode: 300001, errmsg: 'token is not exist' };
    const timestamp = r.query.get('timestamp');
    const sign = r.query.get('sign');
    const expected = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
    return sign === expected ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' };
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

// ------------------------------------------------------------------ SMTP peer

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

class SmtpPeer {
  readonly mails: ReceivedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const { mailFrom, rcptTo } = session.envelope;
        this.mails.push({ from: mailFrom ? mailFrom.address : '', to: rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });

  async start(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return (this.server.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** The leaf parts of a MIME message, decoded: enough of RFC 2045 to read what nodemailer writes. */
function mimeParts(raw: string): Array<{ type: string; text: string }> {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1] ?? '';
  const type = header('content-type') || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.toLowerCase().startsWith('multipart/') && boundary) {
    return body.split(`--${boundary}`).slice(1, -1).flatMap((part) => mimeParts(part.replace(/^\r\n/, '')));
  }
  const encoding = header('content-transfer-encoding').toLowerCase();
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(body, 'base64');
  else if (encoding === 'quoted-printable') {
    const unfolded = body.replace(/=\r\n/g, '');
    bytes = Buffer.from(unfolded.replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
  } else bytes = Buffer.from(body, 'utf8');
  return [{ type: type.split(';')[0].trim().toLowerCase(), text: bytes.toString('utf8') }];
}

const messageIdOf = (raw: string) => /^message-id:\s*(.*)$/im.exec(raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' '))?.[1]?.trim() ?? '';
const subjectOf = (raw: string) => /^subject:\s*(.*)$/im.exec(raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';

// ------------------------------------------------------------------ tests

const http = new HttpPeer();
const smtp = new SmtpPeer();
let baseUrl = '';
let transport: NodeTransport;

beforeAll(async () => {
  baseUrl = await http.start();
  const port = await smtp.start();
  transport = createNodeTransport({ smtp: { host: '127.0.0.1', port }, timeoutMs: 5_000 });
});

afterAll(async () => {
  transport?.close();
  await Promise.all([http.close(), smtp.close()]);
});

const alert = (overrides: Partial<Alert> = {}): Alert => ({
  fingerprint: 'fp-disk-full',
  labels: { alertname: 'DiskAlmostFull', service: 'db', instance: 'db-1' },
  annotations: { summary: 'disk /var/lib/postgresql is 95% full', runbook_url: 'https://runbooks.example.test/disk' },
  severity: 'critical',
  status: 'firing',
  startsAt: Date.UTC(2024, 4, 1, 3, 0),
  ...overrides,
});

/** Resolves with the first onDelivery event that passes `test`. */
function waitForDelivery(events: DeliveryEvent[], test: (e: DeliveryEvent) => boolean): Promise<DeliveryEvent> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const poll = () => {
      const hit = events.find(test);
      if (hit) resolve(hit);
      else if (performance.now() - started > 10_000) reject(new Error(`no such delivery in 10 s; saw ${JSON.stringify(events)}`));
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('webhook-delivery', () => {
  it('generic webhook, Slack, signed DingTalk and WeCom all reach the HTTP peer: 4 POSTs, 4 accepted', async () => {
    const before = http.requests.length;
    const notifier = new Notifier({
      transport,
      clock: new FakeClock(1_700_000_000_002),
      channels: [
        webhookChannel({ name: 'hook', url: `${baseUrl}/hooks/ops`, headers: { authorization: 'Bearer ops-token' } }),
        slackChannel({ name: 'slack', url: `${baseUrl}/services/T000/B000/XXXX` }),
        dingTalkChannel({ name: 'ding', url: `${baseUrl}/robot/send?access_token=robot-token`, secret: DING_SECRET }),
        weComChannel({ name: 'wecom', url: `${baseUrl}/cgi-bin/webhook/send?key=wecom-key` }),
      ],
      receivers: [{ name: 'ops', levels: [['hook', 'slack', 'ding', 'wecom']] }],
      routing: { routes: [], defaultReceiver: 'ops' },
    });
    const result = await notifier.notify(alert());
    const received = http.requests.slice(before);

    expect(result.deliveries, JSON.stringify(result.deliveries)).toEqual(
      ['hook', 'slack', 'ding', 'wecom'].map((channel) => ({ channel, ok: true, attempts: 1 })),
    );
    expect(received.map((r) => r.path).sort()).toEqual(['/cgi-bin/webhook/send', '/hooks/ops', '/robot/send', '/services/T000/B000/XXXX']);
    for (const r of received) {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toMatch(/^application\/json/);
    }
    const by = (path: string) => received.find((r) => r.path === path)!;

    const hook = by('/hooks/ops');
    expect(hook.headers.authorization).toBe('Bearer ops-token');
    expect(hook.json).toMatchObject({ version: 1, status: 'firing', level: 1, incidentId: result.incidentId, alert: alert() });

    expect(by('/services/T000/B000/XXXX').json.text).toContain('[FIRING][critical] DiskAlmostFull');

    const ding = by('/robot/send');
    expect(ding.query.get('timestamp')).toBe('1700000000002');
    // This secret and timestamp give a signature with '+' and '/': sent raw, the robot would refuse it.
    const sign = 'JPshdXC+0DkBwwn5yfyi/0s2PmmjrpPCYapBILkPkbE=';
    expect(ding.rawQuery).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(ding.json).toMatchObject({ msgtype: 'markdown', markdown: { title: expect.stringContaining('DiskAlmostFull') } });
    expect(ding.json.markdown.text).toContain('disk /var/lib/postgresql is 95% full');

    const wecom = by('/cgi-bin/webhook/send');
    expect(wecom.query.get('key')).toBe('wecom-key');
    expect(wecom.json.msgtype).toBe('markdown');
    expect(wecom.json.markdown.content).toContain('instance=db-1');
  });

  it('a DingTalk robot with the wrong secret answers errcode 310000, and the delivery is reported failed', async () => {
    const before = http.requests.length;
    const notifier = new Notifier({
      transport,
      clock: new FakeClock(1_700_000_000_002),
      channels: [dingTalkChannel({ name: 'ding', url: `${baseUrl}/robot/send?access_token=robot-token`, secret: 'SECnot-the-robot-secret' })],
      receivers: [{ name: 'ops', levels: [['ding']] }],
      routing: { routes: [], defaultReceiver: 'ops' },
    });
    const result = await notifier.notify(alert());
    expect(http.requests.length - before).toBe(1);
    expect(result.deliveries[0]).toMatchObject({ channel: 'ding', ok: false });
    expect(result.deliveries[0].error).toContain('310000');
  });

  it('the peer answers 500 once: the notifier retries, 2 POSTs arrive and the second is accepted', async () => {
    const before = http.requests.length;
    http.failNext = 1;
    const notifier = new Notifier({
      transport, // the real clock: the retry waits 20 ms for real
      channels: [webhookChannel({ name: 'hook', url: `${baseUrl}/hooks/retry` })],
      receivers: [{ name: 'ops', levels: [['hook']] }],
      routing: { routes: [], defaultReceiver: 'ops' },
      retry: { attempts: 3, delayMs: 20 },
    });
    const result = await notifier.notify(alert({ fingerprint: 'fp-retry' }));
    const received = http.requests.slice(before);
    expect(result.deliveries).toEqual([{ channel: 'hook', ok: true, attempts: 2 }]);
    expect(received.map((r) => r.path)).toEqual(['/hooks/retry', '/hooks/retry']);
    expect(received[1].json).toEqual(received[0].json);
  });
});

describe('webhook-delivery', () => {
  it('a peer that never answers becomes a failed delivery once the transport\'s timeoutMs passes', async () => {
    const impatient = createNodeTransport({ timeoutMs: 300 });
    const notifier = new Notifier({
      transport: impatient,
      channels: [webhookChannel({ name: 'hook', url: `${baseUrl}/hooks/hang` })],
      receivers: [{ name: 'ops', levels: [['hook']] }],
      routing: { routes: [], defaultReceiver: 'ops' },
    });
    const started = performance.now();
    const result = await notifier.notify(alert({ fingerprint: 'fp-hang' }));
    expect(result.deliveries).toEqual([expect.objectContaining({ channel: 'hook', ok: false, attempts: 1 })]);
    expect(performance.now() - started).toBeLessThan(5_000);
    impatient.close();
  }, 15_000);
});

describe('smtp-delivery', () => {
  it('delivers to the SMTP peer: 1 mail to oncall@example.test with subject, plain text and HTML', async () => {
    const before = smtp.mails.length;
    const notifier = new Notifier({
      transport,
      clock: new FakeClock(1_700_000_000_000),
      channels: [emailChannel({ name: 'mail', from: 'alerts@example.test', to: ['oncall@example.test'] })],
      receivers: [{ name: 'ops', levels: [['mail']] }],
      routing: { routes: [], defaultReceiver: 'ops' },
    });
    const result = await notifier.notify(alert({ annotations: { summary: 'disk <b>/var</b> is 95% full' } }));
    const mails = smtp.mails.slice(before);

    expect(result.deliveries).toEqual([{ channel: 'mail', ok: true, attempts: 1 }]);
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe('alerts@example.test');
    expect(mails[0].to).toEqual(['oncall@example.test']);
    expect(subjectOf(mails[0].raw)).toContain('[FIRING][critical] DiskAlmostFull');
    const parts = mimeParts(mails[0].raw);
    const text = parts.find((p) => p.type === 'text/plain');
    const html = parts.find((p) => p.type === 'text/html');
    expect(text?.text).toContain('disk <b>/var</b> is 95% full');
    expect(html?.text).toContain('disk &lt;b&gt;/var&lt;/b&gt; is 95% full');
    expect(html?.text).toContain(result.incidentId);
  });

  it('escalation reaches e-mail: level 2 mails manager@example.test, and resolve mails both levels the all-clear', async () => {
    const before = smtp.mails.length;
    const clock = new FakeClock(1_700_000_000_000);
    const events: DeliveryEvent[] = [];
    const notifier = new Notifier({
      transport,
      clock,
      channels: [
        emailChannel({ name: 'oncall-mail', from: 'alerts@example.test', to: ['oncall@example.test'] }),
        emailChannel({ name: 'manager-mail', from: 'alerts@example.test', to: ['manager@example.test'] }),
      ],
      receivers: [{ name: 'ops', levels: [['oncall-mail'], ['manager-mail']], escalateAfterMs: 15 * 60_000, sendResolved: true }],
      routing: { routes: [], defaultReceiver: 'ops' },
      onDelivery: (e) => events.push(e),
    });
    await notifier.notify(alert({ fingerprint: 'fp-escalate' }));
    await clock.advance(15 * 60_000);
    const escalated = await waitForDelivery(events, (e) => e.level === 2);
    expect(escalated).toMatchObject({ channel: 'manager-mail', ok: true });
    const resolved = await notifier.resolve('fp-escalate');
    expect(resolved.deliveries.every((d) => d.ok)).toBe(true);

    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => [m.to.join(), subjectOf(m.raw).slice(0, 10)]).sort()).toEqual([
      ['manager@example.test', '[FIRING][c'],
      ['manager@example.test', '[RESOLVED]'],
      ['oncall@example.test', '[FIRING][c'],
      ['oncall@example.test', '[RESOLVED]'],
    ]);
    expect(subjectOf(mails.find((m) => m.to[0] === 'manager@example.test')!.raw)).toMatch(/level 2/);
  });

  it('sendMail resolves with the messageId of the mail the SMTP peer received', async () => {
    const before = smtp.mails.length;
    const sent = await transport.sendMail({ from: 'alerts@example.test', to: ['oncall@example.test'], subject: 'id check', text: 'id check', html: '<p>id check</p>' });
    const mails = smtp.mails.slice(before);
    expect(mails).toHaveLength(1);
    expect(sent.messageId).toBeTruthy();
    expect(messageIdOf(mails[0].raw)).toBe(sent.messageId);
  });

  it('secure: true speaks TLS from the first byte (port 465) instead of waiting for a plain SMTP greeting', async () => {
    // A bare TCP peer that never greets: a TLS client opens with a handshake record (first byte 0x16),
    // a plain SMTP client waits in silence for the greeting, and is hung up on after a second.
    let firstByte: number | undefined;
    const peer = createTcpServer((socket) => {
      socket.on('error', () => {});
      socket.once('data', (chunk: Buffer) => {
        firstByte ??= chunk[0];
        socket.destroy();
      });
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
    await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
    const tls = createNodeTransport({ smtp: { host: '127.0.0.1', port: (peer.address() as AddressInfo).port, secure: true } });
    try {
      await tls.sendMail({ from: 'alerts@example.test', to: ['oncall@example.test'], subject: 'tls', text: 'tls', html: '<p>tls</p>' }).catch(() => undefined);
    } finally {
      tls.close();
      await new Promise((resolve) => peer.close(resolve));
    }
    expect(firstByte, 'the first byte the peer received (0x16 opens a TLS handshake)').toBe(0x16);
  }, 15_000);
});
