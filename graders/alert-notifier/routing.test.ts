import { describe, expect, it } from 'vitest';
import { FakeClock } from '@grader-kit';
import { receiversFor, type RoutingConfig } from '@impl/alert-notifier/routing';
import { webhookChannel } from '@impl/alert-notifier/channels';
import { Notifier } from '@impl/alert-notifier/notifier';
import { makeAlert, RecordingTransport } from './recording';

const config: RoutingConfig = {
  routes: [
    { receiver: 'pager', match: { severity: 'critical' } },
    { receiver: 'db-team', match: { severity: ['warning', 'info'], labels: { service: /^(postgres|redis)$/ } } },
    { receiver: 'payments', match: { labels: { team: 'payments' } } },
  ],
  defaultReceiver: 'catch-all',
};

describe('routing', () => {
  it('matches on severity: a critical alert goes to the pager route', () => {
    expect(receiversFor(makeAlert({ severity: 'critical' }), config)).toEqual(['pager']);
  });

  it('a severity list matches any of its severities, together with label matchers', () => {
    const warning = makeAlert({ severity: 'warning', labels: { alertname: 'SlowQueries', service: 'postgres' } });
    const info = makeAlert({ severity: 'info', labels: { alertname: 'CacheMiss', service: 'redis' } });
    expect(receiversFor(warning, config)).toEqual(['db-team']);
    expect(receiversFor(info, config)).toEqual(['db-team']);
  });

  it('labels match exactly as strings and by test() as regular expressions', () => {
    const notDb = makeAlert({ severity: 'warning', labels: { alertname: 'X', service: 'postgres-exporter' } });
    expect(receiversFor(notDb, config)).toEqual(['catch-all']);
    const payments = makeAlert({ severity: 'warning', labels: { alertname: 'X', team: 'payments' } });
    expect(receiversFor(payments, config)).toEqual(['payments']);
  });

  it('the first matching route wins: a critical payments alert goes to the pager only', () => {
    expect(receiversFor(makeAlert({ severity: 'critical', labels: { team: 'payments' } }), config)).toEqual(['pager']);
  });

  it('continue lets later routes match too, in route order, each receiver once', () => {
    const fanOut: RoutingConfig = {
      routes: [
        { receiver: 'audit', continue: true },
        { receiver: 'audit', match: { severity: 'critical' }, continue: true },
        { receiver: 'pager', match: { severity: 'critical' } },
        { receiver: 'never', match: { severity: 'critical' } },
      ],
      defaultReceiver: 'catch-all',
    };
    expect(receiversFor(makeAlert({ severity: 'critical' }), fanOut)).toEqual(['audit', 'pager']);
  });

  it('an alert no route matches goes to the default receiver; a continue route that matched keeps it away', () => {
    expect(receiversFor(makeAlert({ severity: 'info', labels: { alertname: 'DiskSoon' } }), config)).toEqual(['catch-all']);
    const audited: RoutingConfig = { routes: [{ receiver: 'audit', continue: true }, { receiver: 'pager', match: { severity: 'critical' } }], defaultReceiver: 'catch-all' };
    expect(receiversFor(makeAlert({ severity: 'info' }), audited)).toEqual(['audit']);
  });

  it('a string label matcher must equal the whole value: "api" matches service=api, not api-gateway or payments-api', () => {
    const cfg: RoutingConfig = { routes: [{ receiver: 'api-team', match: { labels: { service: 'api' } } }], defaultReceiver: 'catch-all' };
    expect(receiversFor(makeAlert({ labels: { alertname: 'A', service: 'api' } }), cfg)).toEqual(['api-team']);
    expect(receiversFor(makeAlert({ labels: { alertname: 'A', service: 'api-gateway' } }), cfg)).toEqual(['catch-all']);
    expect(receiversFor(makeAlert({ labels: { alertname: 'A', service: 'payments-api' } }), cfg)).toEqual(['catch-all']);
  });

  it('a label the alert lacks never matches, not even a pattern that accepts the empty string', () => {
    const cfg: RoutingConfig = { routes: [{ receiver: 'x', match: { labels: { region: /.*/ } } }], defaultReceiver: 'catch-all' };
    expect(receiversFor(makeAlert({ labels: { alertname: 'A' } }), cfg)).toEqual(['catch-all']);
  });

  it('the notifier pages the channels of the routed receiver only', async () => {
    const transport = new RecordingTransport();
    const notifier = new Notifier({
      transport,
      clock: new FakeClock(1_700_000_000_000),
      channels: [
        webhookChannel({ name: 'pager-hook', url: 'https://hooks.example.test/pager' }),
        webhookChannel({ name: 'chat-hook', url: 'https://hooks.example.test/chat' }),
      ],
      receivers: [
        { name: 'pager', levels: [['pager-hook']] },
        { name: 'chat', levels: [['chat-hook']] },
      ],
      routing: { routes: [{ receiver: 'pager', match: { severity: 'critical' } }], defaultReceiver: 'chat' },
    });
    await notifier.notify(makeAlert({ fingerprint: 'a', severity: 'critical' }));
    await notifier.notify(makeAlert({ fingerprint: 'b', severity: 'info' }));
    expect(transport.paths()).toEqual(['/pager', '/chat']);
  });

  it('a configuration naming an unknown receiver or channel is refused at construction, by name', () => {
    const base = {
      transport: new RecordingTransport(),
      channels: [webhookChannel({ name: 'hook', url: 'https://hooks.example.test/x' })],
      receivers: [{ name: 'team', levels: [['hook']] }],
    };
    expect(() => new Notifier({ ...base, routing: { routes: [{ receiver: 'ghost-receiver' }], defaultReceiver: 'team' } })).toThrow(/ghost-receiver/);
    expect(() => new Notifier({ ...base, routing: { routes: [], defaultReceiver: 'nobody-home' } })).toThrow(/nobody-home/);
    expect(() => new Notifier({ ...base, receivers: [{ name: 'team', levels: [['hook', 'ghost-channel']] }], routing: { routes: [], defaultReceiver: 'team' } })).toThrow(/ghost-channel/);
  });

  it('two channels sharing a name are refused at construction, by name', () => {
    expect(() => new Notifier({
      transport: new RecordingTransport(),
      channels: [
        webhookChannel({ name: 'twin-hook', url: 'https://hooks.example.test/a' }),
        webhookChannel({ name: 'twin-hook', url: 'https://hooks.example.test/b' }),
      ],
      receivers: [{ name: 'team', levels: [['twin-hook']] }],
      routing: { routes: [], defaultReceiver: 'team' },
    })).toThrow(/twin-hook/);
  });

  it('a receiver with no levels is refused at construction, by name', () => {
    expect(() => new Notifier({
      transport: new RecordingTransport(),
      channels: [webhookChannel({ name: 'hook', url: 'https://hooks.example.test/x' })],
      receivers: [{ name: 'team', levels: [['hook']] }, { name: 'empty-ladder', levels: [] }],
      routing: { routes: [{ receiver: 'team', match: { severity: 'critical' } }], defaultReceiver: 'empty-ladder' },
    })).toThrow(/empty-ladder/);
  });
});
