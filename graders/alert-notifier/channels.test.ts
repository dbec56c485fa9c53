import { describe, expect, it } from 'vitest';
import {
  alertFacts, alertTitle, DeliveryError, dingTalkChannel, dingTalkSign, emailChannel, slackChannel, webhookChannel, weComChannel,
  type DeliveryContext,
} from '@impl/alert-notifier/channels';
import type { Notification } from '@impl/alert-notifier/types';
import { makeAlert, RecordingTransport } from './recording';

const NOW = 1_700_000_000_001;

function setup() {
  const transport = new RecordingTransport();
  const context: DeliveryContext = { transport, now: () => NOW };
  return { transport, context };
}

function firing(overrides: Partial<Notification> = {}): Notification {
  return { incidentId: 'fp-high-latency#1', status: 'firing', level: 1, receiver: 'pager', alert: makeAlert(), ...overrides };
}

/** HMAC-SHA256 with Web Crypto, written here independently of the learner's code. */
async function hmacBase64(key: string, message: string): Promise<string> {
  const enc = new TextEncoder();
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', k, enc.encode(message)));
  return btoa(String.fromCharCode(...mac));
}

describe('webhook-payloads', () => {
  it('a generic webhook POSTs the whole alert as JSON to its URL, with its own headers', async () => {
    const { transport, context } = setup();
    const channel = webhookChannel({ name: 'ops', url: 'https://hooks.example.test/ops', headers: { Authorization: 'Bearer t0k3n' } });
    await channel.deliver(firing({ level: 2 }), context);
    expect(transport.posts).toHaveLength(1);
    const [post] = transport.posts;
    expect(post.url).toBe('https://hooks.example.test/ops');
    expect(post.headers['content-type']).toMatch(/^application\/json/);
    expect(post.headers.authorization).toBe('Bearer t0k3n');
    expect(post.json).toEqual({ version: 1, status: 'firing', incidentId: 'fp-high-latency#1', level: 2, receiver: 'pager', alert: makeAlert() });
  });

  it('Slack gets { text, blocks? }: text carries the title "[FIRING][critical] HighLatency"', async () => {
    const { transport, context } = setup();
    await slackChannel({ name: 'slack', url: 'https://hooks.slack.example.test/services/T/B/X' }).deliver(firing(), context);
    const { json } = transport.posts[0];
    expect(typeof json.text).toBe('string');
    expect(json.text).toContain('[FIRING][critical] HighLatency');
    if (json.blocks !== undefined) {
      expect(Array.isArray(json.blocks)).toBe(true);
      for (const block of json.blocks) expect(typeof block.type).toBe('string');
    }
    expect(transport.posts[0].body).toContain('p99 latency above 1s for 5 minutes');
  });

  it('WeCom gets a markdown message with the title, summary, labels, incident id and runbook', async () => {
    const { transport, context } = setup();
    await weComChannel({ name: 'wecom', url: 'https://qyapi.example.test/cgi-bin/webhook/send?key=k1' }).deliver(firing(), context);
    const { json, url } = transport.posts[0];
    expect(url).toBe('https://qyapi.example.test/cgi-bin/webhook/send?key=k1');
    expect(json.msgtype).toBe('markdown');
    const content: string = json.markdown.content;
    for (const part of ['[FIRING][critical] HighLatency', 'p99 latency above 1s for 5 minutes', 'service=api', 'fp-high-latency#1', 'https://runbooks.example.test/latency']) {
      expect(content).toContain(part);
    }
  });

  it('titles say resolved, and escalated pages say their level', async () => {
    const { transport, context } = setup();
    const wecom = weComChannel({ name: 'wecom', url: 'https://qyapi.example.test/send' });
    await wecom.deliver(firing({ status: 'resolved', alert: makeAlert({ status: 'resolved' }) }), context);
    await wecom.deliver(firing({ level: 3 }), context);
    expect(transport.posts[0].json.markdown.content).toContain('[RESOLVED][critical] HighLatency');
    expect(transport.posts[1].json.markdown.content).toMatch(/\[FIRING\]\[critical\] HighLatency.*level 3/);
  });

  it('an HTTP error status makes the delivery reject, without the URL token in the message', async () => {
    const { transport, context } = setup();
    transport.answer = () => ({ status: 404, body: 'no such hook' });
    const hook = webhookChannel({ name: 'ops', url: 'https://hooks.example.test/ops?token=s3cr3t-token' });
    const message = await hook.deliver(firing(), context).then(
      () => '(deliver resolved)',
      (e: unknown) => (e instanceof Error ? e.message : String(e)),
    );
    expect(message, 'deliver should reject on a 404').toContain('404');
    expect(message).not.toContain('s3cr3t-token');
  });

  it('only a firing page from level 2 on says "escalated"; level 1 and every all-clear carry the plain title', () => {
    const resolved = (level: number) => firing({ status: 'resolved', level, alert: makeAlert({ status: 'resolved' }) });
    expect(alertTitle(firing({ level: 1 }))).toBe('[FIRING][critical] HighLatency');
    expect(alertTitle(firing({ level: 2 }))).toBe('[FIRING][critical] HighLatency (escalated to level 2)');
    expect(alertTitle(resolved(1))).toBe('[RESOLVED][critical] HighLatency');
    expect(alertTitle(resolved(3))).toBe('[RESOLVED][critical] HighLatency');
  });

  it('the facts are the summary and description when present, the labels as "k=v, k=v", the ISO start, the incident id and the runbook, in that order', () => {
    const full = makeAlert({
      labels: { alertname: 'HighLatency', service: 'api' },
      annotations: { summary: 'p99 above 1s', description: 'the api has answered slowly for 5 minutes', runbook_url: 'https://runbooks.example.test/latency' },
    });
    expect(alertFacts(firing({ alert: full })).map(([, value]) => value)).toEqual([
      'p99 above 1s',
      'the api has answered slowly for 5 minutes',
      'alertname=HighLatency, service=api',
      '2024-01-15T08:30:00.000Z',
      'fp-high-latency#1',
      'https://runbooks.example.test/latency',
    ]);
    const bare = makeAlert({ labels: { alertname: 'HighLatency' }, annotations: {} });
    expect(alertFacts(firing({ alert: bare })).map(([, value]) => value)).toEqual(['alertname=HighLatency', '2024-01-15T08:30:00.000Z', 'fp-high-latency#1']);
  });

  it('success is exactly 200–299: 200 and 299 are accepted, 300 is a DeliveryError carrying status 300', async () => {
    const outcome = async (status: number) => {
      const { transport, context } = setup();
      transport.answer = () => ({ status, body: '' });
      return webhookChannel({ name: 'ops', url: 'https://hooks.example.test/ops' }).deliver(firing(), context).then(
        () => 'accepted',
        (e: unknown) => (e instanceof DeliveryError ? `DeliveryError ${e.status}` : `rejected with ${String(e)}`),
      );
    };
    expect(await outcome(200)).toBe('accepted');
    expect(await outcome(299)).toBe('accepted');
    expect(await outcome(300)).toBe('DeliveryError 300');
  });
});

describe('dingtalk-signature', () => {
  it('dingTalkSign matches the known vector for secret SEC0123456789abcdef at 1700000000001', async () => {
    expect(await dingTalkSign('SEC0123456789abcdef', NOW)).toBe('h9I8htdbvJCasKF0f8Gu+a2Cr5fjl9T+pzb6hx3n+pE=');
  });

  it('dingTalkSign agrees with HMAC-SHA256(key = secret, "timestamp\\nsecret") computed by the grader', async () => {
    for (const [secret, ts] of [['SECanother-robot-secret', 1_699_999_999_999], ['SEC中文密钥', 1_700_000_123_456]] as const) {
      expect(await dingTalkSign(secret, ts)).toBe(await hmacBase64(secret, `${ts}\n${secret}`));
    }
  });

  it('a signed robot keeps access_token and appends timestamp and the URL-encoded sign', async () => {
    const { transport, context } = setup();
    const secret = 'SEC0123456789abcdef';
    await dingTalkChannel({ name: 'ding', url: 'https://oapi.example.test/robot/send?access_token=abc123', secret }).deliver(firing(), context);
    const { url } = transport.posts[0];
    const parsed = new URL(url);
    expect(parsed.pathname).toBe('/robot/send');
    expect(parsed.searchParams.get('access_token')).toBe('abc123');
    expect(parsed.searchParams.get('timestamp')).toBe(String(NOW));
    const sign = 'h9I8htdbvJCasKF0f8Gu+a2Cr5fjl9T+pzb6hx3n+pE=';
    // Read back by a server, a raw '+' would become a space and '=' could split the pair.
    expect(parsed.searchParams.get('sign')).toBe(sign);
    expect(url).toContain(`sign=${encodeURIComponent(sign)}`);
  });

  it('the body is a markdown message: { msgtype: "markdown", markdown: { title, text } }', async () => {
    const { transport, context } = setup();
    await dingTalkChannel({ name: 'ding', url: 'https://oapi.example.test/robot/send?access_token=abc123', secret: 'SECx' }).deliver(firing(), context);
    const { json, headers } = transport.posts[0];
    expect(headers['content-type']).toMatch(/^application\/json/);
    expect(json.msgtype).toBe('markdown');
    expect(json.markdown.title).toContain('HighLatency');
    expect(json.markdown.text).toContain('[FIRING][critical] HighLatency');
    expect(json.markdown.text).toContain('p99 latency above 1s for 5 minutes');
  });

  it('a robot without a secret is called at its URL as given', async () => {
    const { transport, context } = setup();
    await dingTalkChannel({ name: 'ding', url: 'https://oapi.example.test/robot/send?access_token=abc123' }).deliver(firing(), context);
    expect(transport.posts[0].url).toBe('https://oapi.example.test/robot/send?access_token=abc123');
  });
});

describe('email-message', () => {
  it('one mail from the channel sender to its recipients, subject = title, text and HTML both carry the facts', async () => {
    const { transport, context } = setup();
    await emailChannel({ name: 'mail', from: 'alerts@example.test', to: ['oncall@example.test', 'lead@example.test'] }).deliver(firing(), context);
    expect(transport.mails).toHaveLength(1);
    const [mail] = transport.mails;
    expect(mail.from).toBe('alerts@example.test');
    expect(mail.to).toEqual(['oncall@example.test', 'lead@example.test']);
    expect(mail.subject).toContain('[FIRING][critical] HighLatency');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('p99 latency above 1s for 5 minutes');
      expect(body).toContain('fp-high-latency#1');
      expect(body).toContain('https://runbooks.example.test/latency');
    }
    expect(transport.posts).toHaveLength(0);
  });

  it('every character HTML names is escaped, in the title and in every fact: & < > " \'', async () => {
    const { transport, context } = setup();
    const nasty = `a&b <i>x</i> "q" 'p'`;
    const alert = makeAlert({ labels: { alertname: `Disk<Full>&"'`, note: nasty }, annotations: { summary: nasty, runbook_url: `https://r.example.test/?a=1&b='2'` } });
    await emailChannel({ name: 'mail', from: 'alerts@example.test', to: ['oncall@example.test'] }).deliver(firing({ alert }), context);
    const { html, text } = transport.mails[0];
    const escaped = `a&amp;b &lt;i&gt;x&lt;/i&gt; &quot;q&quot; &#39;p&#39;`;
    expect(html).toContain(escaped);
    expect(html).toContain('Disk&lt;Full&gt;&amp;&quot;&#39;');
    expect(html).toContain('https://r.example.test/?a=1&amp;b=&#39;2&#39;');
    // Markup of the message's own stays; no raw value character survives outside it.
    const withoutTags = html.replace(/<\/?(h2|table|tr|th|td)( [^>]*)?>/g, '');
    expect(withoutTags).not.toMatch(/[<>"']/);
    expect(withoutTags.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
    expect(text).toContain(nasty);
  });

  it('labels and annotations are HTML-escaped in the HTML part and left as written in the text part', async () => {
    const { transport, context } = setup();
    const alert = makeAlert({ annotations: { summary: 'queue <b>orders</b> & "retries" stuck' } });
    await emailChannel({ name: 'mail', from: 'alerts@example.test', to: ['oncall@example.test'] }).deliver(firing({ alert }), context);
    const [mail] = transport.mails;
    expect(mail.html).not.toContain('<b>orders</b>');
    expect(mail.html).toContain('&lt;b&gt;orders&lt;/b&gt; &amp;');
    expect(mail.text).toContain('queue <b>orders</b> & "retries" stuck');
  });
});
