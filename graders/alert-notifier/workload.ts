// The profiler's workload for this lab (lab.json "workload"): a night of on-call. 1 200
// alerts from 40 services are routed by severity and labels (regular expressions,
// `continue` routes) to six receivers with escalation ladders, delivered to webhooks,
// Slack, signed DingTalk, WeCom and e-mail through an in-memory transport that answers
// 503 now and then (retried); some incidents are acknowledged, the rest escalate, all
// resolve. Formatting messages, routing and the ladders are what costs here.
import { seededRandom } from '@grader-kit';
import { ManualClock, settle } from '@workload-kit';
import { dingTalkChannel, emailChannel, slackChannel, webhookChannel, weComChannel } from '@impl/alert-notifier/channels';
import { Notifier, type Receiver } from '@impl/alert-notifier/notifier';
import type { RoutingConfig } from '@impl/alert-notifier/routing';
import type { Alert, Severity, Transport } from '@impl/alert-notifier/types';

const ALERTS = 1_200;
const SERVICES = Array.from({ length: 40 }, (_, i) => `svc-${i}`);
const MINUTE = 60_000;

export function prepare() {
  const random = seededRandom(21);
  const severities: Severity[] = ['info', 'warning', 'critical'];
  const alerts: Alert[] = Array.from({ length: ALERTS }, (_, i) => ({
    fingerprint: `fp-${i % 1_000}`, // some alerts fire again while their incident is still open
    labels: { alertname: ['HighLatency', 'ErrorBurst', 'DiskFull', 'QueueStuck'][i % 4], service: SERVICES[i % 40], region: i % 3 ? 'cn-east' : 'cn-north' },
    annotations: { summary: `p99 above target on ${SERVICES[i % 40]} <instance ${i}>`, description: 'Latency & errors rose after deploy "42".', runbook_url: 'https://runbooks.example/latency' },
    severity: severities[Math.floor(random() * 3)],
    status: 'firing',
    startsAt: 1_700_000_000_000 + i * 1_000,
  }));
  const acked = Uint8Array.from({ length: ALERTS }, () => (random() < 0.4 ? 1 : 0));

  return async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const answers = seededRandom(99);
    let posts = 0;
    const transport: Transport = {
      post: async () => { posts++; return answers() < 0.03 ? { status: 503, body: 'busy' } : { status: 200, body: '{"errcode":0,"errmsg":"ok"}' }; },
      sendMail: async () => ({ messageId: `m${posts++}` }),
    };
    const channels = [
      webhookChannel({ name: 'ops-webhook', url: 'https://hooks.example/ops', headers: { authorization: 'Bearer t' } }),
      slackChannel({ name: 'slack', url: 'https://hooks.slack.example/T/B/X' }),
      dingTalkChannel({ name: 'dingtalk', url: 'https://oapi.dingtalk.example/robot/send?access_token=abc', secret: 'SECdemo' }),
      weComChannel({ name: 'wecom', url: 'https://qyapi.weixin.example/cgi-bin/webhook/send?key=k' }),
      emailChannel({ name: 'mail', from: 'alerts@example.com', to: ['oncall@example.com'] }),
    ];
    const receivers: Receiver[] = [
      { name: 'payments', levels: [['slack'], ['dingtalk', 'mail'], ['ops-webhook']], escalateAfterMs: 5 * MINUTE, sendResolved: true },
      { name: 'search', levels: [['wecom'], ['mail']], escalateAfterMs: 10 * MINUTE, sendResolved: true },
      { name: 'platform', levels: [['ops-webhook'], ['slack', 'dingtalk']], escalateAfterMs: 5 * MINUTE },
      { name: 'storage', levels: [['mail'], ['dingtalk']], escalateAfterMs: 15 * MINUTE, sendResolved: true },
      { name: 'audit', levels: [['ops-webhook']] },
      { name: 'default', levels: [['slack']], sendResolved: true },
    ];
    const routing: RoutingConfig = {
      defaultReceiver: 'default',
      routes: [
        { receiver: 'audit', match: { severity: 'critical' }, continue: true },
        ...SERVICES.slice(0, 30).map((svc, i) => ({
          receiver: ['payments', 'search', 'platform'][i % 3],
          match: { severity: ['warning', 'critical'] as Severity[], labels: { service: new RegExp(`^${svc}$`), region: /^cn-/ } },
        })),
        { receiver: 'storage', match: { labels: { alertname: /^Disk/ } } },
      ],
    };
    const notifier = new Notifier({ channels, receivers, routing, transport, clock, retry: { attempts: 3, delayMs: 2_000 } });

    // Twenty new alerts a minute; an acknowledgement or a resolve for older ones as they age.
    for (let i = 0; i < ALERTS; i++) {
      void notifier.notify(alerts[i]);
      const older = i - 40;
      if (older >= 0 && acked[older] && notifier.incident(alerts[older].fingerprint)?.state === 'firing') notifier.ack(alerts[older].fingerprint, 'oncall');
      const oldest = i - 200;
      if (oldest >= 0) void notifier.resolve(alerts[oldest].fingerprint);
      if (i % 20 === 19) {
        await settle();
        clock.advance(MINUTE);
      }
    }
    for (let i = ALERTS - 200; i < ALERTS; i++) void notifier.resolve(alerts[i].fingerprint);
    await settle(20);
    clock.advance(60 * MINUTE);
    await settle(20);
    notifier.dispose();
    return posts;
  };
}
