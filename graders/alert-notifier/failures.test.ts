import { describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from '@grader-kit';
import { dingTalkChannel, webhookChannel, weComChannel, type Channel } from '@impl/alert-notifier/channels';
import { Notifier, type DeliveryEvent, type NotifierOptions } from '@impl/alert-notifier/notifier';
import { makeAlert, RecordingTransport } from './recording';

const hook = (name: string) => webhookChannel({ name, url: `https://hooks.example.test/${name}` });

/** A channel whose code is broken: it throws before it returns a promise. */
const brokenChannel: Channel = {
  name: 'broken',
  deliver() {
    throw new Error('template crashed');
  },
};

function setup(channels: Channel[], extra: Partial<NotifierOptions> = {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const transport = new RecordingTransport();
  const notifier = new Notifier({
    transport,
    clock,
    channels,
    receivers: [{ name: 'all', levels: [channels.map((c) => c.name)] }],
    routing: { routes: [], defaultReceiver: 'all' },
    ...extra,
  });
  return { clock, transport, notifier };
}

describe('failure-isolation', () => {
  it('a channel that throws does not stop the others; its error is in the result', async () => {
    const { transport, notifier } = setup([brokenChannel, hook('first'), hook('second')]);
    const result = await notifier.notify(makeAlert());
    expect(transport.paths()).toEqual(['/first', '/second']);
    expect(result.deliveries).toHaveLength(3);
    const broken = result.deliveries.find((d) => d.channel === 'broken')!;
    expect(broken).toMatchObject({ ok: false, attempts: 1 });
    expect(broken.error).toContain('template crashed');
    expect(result.deliveries.filter((d) => d.ok).map((d) => d.channel).sort()).toEqual(['first', 'second']);
  });

  it('an HTTP error and a transport that rejects become failed deliveries, never a rejected notify', async () => {
    const { transport, notifier } = setup([hook('gone'), hook('fine')]);
    transport.answer = (post) => (post.path === '/gone' ? { status: 410, body: '' } : { status: 200, body: 'ok' });
    const result = await notifier.notify(makeAlert());
    expect(result.deliveries.find((d) => d.channel === 'gone')).toMatchObject({ ok: false, attempts: 1 });
    expect(result.deliveries.find((d) => d.channel === 'gone')!.error).toContain('410');
    expect(result.deliveries.find((d) => d.channel === 'fine')).toMatchObject({ ok: true });

    const offline = setup([hook('a'), hook('b')]);
    offline.transport.post = async () => { throw new TypeError('fetch failed: ECONNREFUSED'); };
    const down = await offline.notifier.notify(makeAlert());
    expect(down.deliveries.map((d) => [d.channel, d.ok])).toEqual([['a', false], ['b', false]]);
    expect(down.deliveries[0].error).toContain('ECONNREFUSED');
  });

  it('a robot answering 200 with a non-zero errcode counts as a failed delivery', async () => {
    const ding = dingTalkChannel({ name: 'ding', url: 'https://oapi.example.test/robot/send?access_token=t', secret: 'SECx' });
    const wecom = weComChannel({ name: 'wecom', url: 'https://qyapi.example.test/send?key=k' });
    const { transport, notifier } = setup([ding, wecom]);
    transport.answer = (post) => ({ status: 200, body: post.path === '/robot/send' ? '{"errcode":310000,"errmsg":"sign not match"}' : '{"errcode":93000,"errmsg":"invalid webhook url"}' });
    const result = await notifier.notify(makeAlert());
    expect(result.deliveries.map((d) => [d.channel, d.ok])).toEqual([['ding', false], ['wecom', false]]);
    expect(result.deliveries[0].error).toContain('310000');
  });

  it('a 5xx is retried after delayMs, then 2 × delayMs; a 4xx is not retried', async () => {
    const { clock, transport, notifier } = setup([hook('flaky'), hook('bad-request')], { retry: { attempts: 3, delayMs: 1_000 } });
    transport.answer = (post, nth) => {
      if (post.path === '/bad-request') return { status: 400, body: 'malformed' };
      return nth <= 2 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' };
    };
    const pending = notifier.notify(makeAlert());
    pending.catch(() => {}); // a rejection fails the `await pending` below, not the whole file
    await flushMicrotasks();
    expect(transport.paths().sort()).toEqual(['/bad-request', '/flaky']);
    await clock.advance(999);
    expect(transport.paths().filter((p) => p === '/flaky')).toHaveLength(1);
    await clock.advance(1);
    expect(transport.paths().filter((p) => p === '/flaky')).toHaveLength(2);
    await clock.advance(1_999);
    expect(transport.paths().filter((p) => p === '/flaky')).toHaveLength(2);
    await clock.advance(1);
    const result = await pending;
    expect(result.deliveries.find((d) => d.channel === 'flaky')).toMatchObject({ ok: true, attempts: 3 });
    expect(result.deliveries.find((d) => d.channel === 'bad-request')).toMatchObject({ ok: false, attempts: 1 });
    expect(transport.paths().filter((p) => p === '/bad-request')).toHaveLength(1);
  });

  it('retries stop after the last attempt and report the failure', async () => {
    const { clock, transport, notifier } = setup([hook('down')], { retry: { attempts: 2, delayMs: 500 } });
    transport.answer = () => ({ status: 502, body: 'bad gateway' });
    const pending = notifier.notify(makeAlert());
    pending.catch(() => {}); // a rejection fails the `await pending` below, not the whole file
    await clock.advance(60_000);
    const result = await pending;
    expect(result.deliveries).toEqual([expect.objectContaining({ channel: 'down', ok: false, attempts: 2 })]);
    expect(transport.posts).toHaveLength(2);
  });

  it('an escalation nobody awaits still reports its failures through onDelivery, and later levels still go out', async () => {
    const events: DeliveryEvent[] = [];
    const clock = new FakeClock(0);
    const transport = new RecordingTransport();
    transport.answer = (post) => (post.path === '/oncall' ? { status: 500, body: '' } : { status: 200, body: '' });
    const notifier = new Notifier({
      transport,
      clock,
      channels: [hook('team'), hook('oncall'), hook('manager')],
      receivers: [{ name: 'pager', levels: [['team'], ['oncall'], ['manager']], escalateAfterMs: 1_000 }],
      routing: { routes: [], defaultReceiver: 'pager' },
      onDelivery: (event) => events.push(event),
    });
    await notifier.notify(makeAlert());
    await clock.advance(2_000);
    expect(transport.paths()).toEqual(['/team', '/oncall', '/manager']);
    expect(events.map((e) => [e.channel, e.ok, e.level])).toEqual([['team', true, 1], ['oncall', false, 2], ['manager', true, 3]]);
    expect(events[1]).toMatchObject({ fingerprint: 'fp-high-latency', status: 'firing', receiver: 'pager' });
  });
});
