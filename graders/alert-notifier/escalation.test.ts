import { describe, expect, it } from 'vitest';
import { FakeClock } from '@grader-kit';
import { webhookChannel } from '@impl/alert-notifier/channels';
import { Notifier, type NotifierOptions, type Receiver } from '@impl/alert-notifier/notifier';
import { makeAlert, RecordingTransport } from './recording';

const MINUTE = 60_000;
const hook = (name: string) => webhookChannel({ name, url: `https://hooks.example.test/${name}` });

/** A three-level ladder, team → on-call → manager, five minutes per level. */
function setup(receiver: Partial<Receiver> = {}, options: Partial<NotifierOptions> = {}) {
  const clock = new FakeClock(1_700_000_000_000);
  const transport = new RecordingTransport();
  const notifier = new Notifier({
    transport,
    clock,
    channels: [hook('team'), hook('oncall'), hook('manager')],
    receivers: [{ name: 'pager', levels: [['team'], ['oncall'], ['manager']], escalateAfterMs: 5 * MINUTE, sendResolved: true, ...receiver }],
    routing: { routes: [], defaultReceiver: 'pager' },
    ...options,
  });
  return { clock, transport, notifier };
}

describe('escalation', () => {
  it('pages level 1 at once and level 2 only once escalateAfterMs passes without an ack', async () => {
    const { clock, transport, notifier } = setup();
    const result = await notifier.notify(makeAlert());
    expect(result.deliveries).toEqual([{ channel: 'team', ok: true, attempts: 1 }]);
    expect(transport.paths()).toEqual(['/team']);
    await clock.advance(5 * MINUTE - 1);
    expect(transport.paths()).toEqual(['/team']);
    await clock.advance(1);
    expect(transport.paths()).toEqual(['/team', '/oncall']);
    expect(transport.posts[1].json).toMatchObject({ status: 'firing', level: 2, incidentId: result.incidentId });
  });

  it('climbs one level per interval, stops at the last level and leaves no timer behind', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await clock.advance(60 * MINUTE);
    expect(transport.paths()).toEqual(['/team', '/oncall', '/manager']);
    expect(transport.posts.map((p) => p.json.level)).toEqual([1, 2, 3]);
    expect(notifier.incident('fp-high-latency')).toMatchObject({ state: 'firing', level: 3 });
    expect(clock.pending).toBe(0);
  });

  it('each level is paged 5 minutes after the previous one, not all at once', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await clock.advance(5 * MINUTE);
    await clock.advance(5 * MINUTE - 1);
    expect(transport.paths()).toEqual(['/team', '/oncall']);
    await clock.advance(1);
    expect(transport.paths()).toEqual(['/team', '/oncall', '/manager']);
  });

  it('the countdown starts when a level is paged: a slow, retried delivery gives nobody extra time', async () => {
    const { clock, transport, notifier: retrying } = setup({}, { retry: { attempts: 3, delayMs: MINUTE } });
    // The team's hook is down for its first two tries: it is retried after 1 and 3 minutes.
    transport.answer = (post, nth) => (post.path === '/team' && nth <= 2 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' });
    const paging = retrying.notify(makeAlert());
    await clock.advance(5 * MINUTE - 1);
    expect(transport.paths()).toEqual(['/team', '/team', '/team']);
    await clock.advance(1);
    expect(transport.paths()).toEqual(['/team', '/team', '/team', '/oncall']);
    await paging;
  });

  it('a receiver without escalateAfterMs never escalates', async () => {
    const { clock, transport, notifier } = setup({ escalateAfterMs: undefined });
    await notifier.notify(makeAlert());
    await clock.advance(24 * 60 * MINUTE);
    expect(transport.paths()).toEqual(['/team']);
    expect(clock.pending).toBe(0);
  });

  it('each routed receiver climbs its own ladder at its own pace', async () => {
    const clock = new FakeClock(0);
    const transport = new RecordingTransport();
    const notifier = new Notifier({
      transport,
      clock,
      channels: [hook('team'), hook('oncall'), hook('dba'), hook('dba-lead')],
      receivers: [
        { name: 'app', levels: [['team'], ['oncall']], escalateAfterMs: 10 * MINUTE },
        { name: 'db', levels: [['dba'], ['dba-lead']], escalateAfterMs: 2 * MINUTE },
      ],
      routing: { routes: [{ receiver: 'app', continue: true }, { receiver: 'db', match: { labels: { service: 'api' } } }], defaultReceiver: 'app' },
    });
    await notifier.notify(makeAlert());
    expect([...transport.paths()].sort()).toEqual(['/dba', '/team']);
    await clock.advance(2 * MINUTE);
    expect(transport.paths().slice(2)).toEqual(['/dba-lead']);
    await clock.advance(8 * MINUTE);
    expect(transport.paths().slice(3)).toEqual(['/oncall']);
    expect(clock.pending).toBe(0);
  });

  it('several channels on one level are all paged together', async () => {
    const clock = new FakeClock(0);
    const transport = new RecordingTransport();
    const notifier = new Notifier({
      transport,
      clock,
      channels: [hook('team'), hook('oncall-a'), hook('oncall-b')],
      receivers: [{ name: 'pager', levels: [['team'], ['oncall-a', 'oncall-b']], escalateAfterMs: MINUTE }],
      routing: { routes: [], defaultReceiver: 'pager' },
    });
    await notifier.notify(makeAlert());
    await clock.advance(MINUTE);
    expect(transport.paths()).toEqual(['/team', '/oncall-a', '/oncall-b']);
  });
});

describe('ack-and-resolve', () => {
  it('ack stops escalation: nothing more is paged, no timer is left, and the incident says who took it', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await clock.advance(5 * MINUTE);
    const view = notifier.ack('fp-high-latency', 'alice');
    expect(view).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', level: 2 });
    expect(clock.pending).toBe(0);
    await clock.advance(60 * MINUTE);
    expect(transport.paths()).toEqual(['/team', '/oncall']);
  });

  it('a second ack keeps the first: who took it and when', async () => {
    const { clock, notifier } = setup();
    await notifier.notify(makeAlert());
    notifier.ack('fp-high-latency', 'alice');
    const firstAt = clock.now();
    await clock.advance(MINUTE);
    const again = notifier.ack('fp-high-latency', 'bob');
    expect(again).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: firstAt });
    expect(notifier.incident('fp-high-latency')).toMatchObject({ acknowledgedBy: 'alice', acknowledgedAt: firstAt });
  });

  it('resolving an alert never seen does nothing and throws nothing', async () => {
    const { clock, transport, notifier } = setup();
    await expect(notifier.resolve('never-seen')).resolves.toEqual({ deliveries: [] });
    await expect(notifier.notify(makeAlert({ fingerprint: 'also-never-seen', status: 'resolved' }))).resolves.toMatchObject({ deliveries: [] });
    expect(transport.posts).toHaveLength(0);
    expect(clock.pending).toBe(0);
    expect(notifier.incident('never-seen')).toBeUndefined();
  });

  it('fire, ack, resolve, fire again: the new incident starts unacknowledged and escalates again', async () => {
    const { clock, transport, notifier } = setup();
    const first = await notifier.notify(makeAlert());
    notifier.ack('fp-high-latency', 'alice');
    await notifier.resolve('fp-high-latency');
    const second = await notifier.notify(makeAlert());
    expect(notifier.incident('fp-high-latency')).toEqual(expect.objectContaining({ id: second.incidentId, state: 'firing', level: 1 }));
    expect(notifier.incident('fp-high-latency')!.acknowledgedBy).toBeUndefined();
    await clock.advance(5 * MINUTE);
    expect(transport.posts.at(-1)!.json).toMatchObject({ level: 2, incidentId: second.incidentId });
    expect(second.incidentId).not.toBe(first.incidentId);
  });

  it('dispose cancels every pending escalation', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await notifier.notify(makeAlert({ fingerprint: 'fp-other' }));
    expect(clock.pending).toBeGreaterThan(0);
    notifier.dispose();
    expect(clock.pending).toBe(0);
    await clock.advance(60 * MINUTE);
    expect(transport.paths()).toEqual(['/team', '/team']);
  });

  it('ack of an unknown alert throws an error that names it', async () => {
    const { notifier } = setup();
    expect(() => notifier.ack('ghost-fingerprint', 'alice')).toThrow(/ghost-fingerprint/);
  });

  it('ack of a resolved alert throws an error that says it is resolved', async () => {
    const { notifier } = setup();
    await notifier.notify(makeAlert());
    await notifier.resolve('fp-high-latency');
    expect(() => notifier.ack('fp-high-latency', 'bob')).toThrow(/resolved/i);
  });

  it('resolve sends the all-clear to exactly the channels that were paged, each at its level', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await clock.advance(5 * MINUTE);
    const result = await notifier.resolve('fp-high-latency');
    expect(result.deliveries.map((d) => d.channel).sort()).toEqual(['oncall', 'team']);
    const resolved = transport.posts.slice(2);
    expect(resolved.map((p) => [p.path, p.json.status, p.json.level]).sort()).toEqual([['/oncall', 'resolved', 2], ['/team', 'resolved', 1]]);
    expect(resolved.every((p) => p.json.alert.status === 'resolved')).toBe(true);
    expect(notifier.incident('fp-high-latency')).toMatchObject({ state: 'resolved' });
  });

  it('resolve stops escalation, with or without an ack first', async () => {
    const { clock, transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await notifier.resolve('fp-high-latency');
    expect(clock.pending).toBe(0);
    await clock.advance(60 * MINUTE);
    expect(transport.paths()).toEqual(['/team', '/team']);
  });

  it('the incident records when it resolved: no resolvedAt while open, the clock\'s time of the resolve after', async () => {
    const { clock, notifier } = setup();
    await notifier.notify(makeAlert());
    await clock.advance(7 * MINUTE);
    notifier.ack('fp-high-latency', 'alice');
    expect(notifier.incident('fp-high-latency')!.resolvedAt).toBeUndefined();
    await clock.advance(3 * MINUTE);
    const resolvedAt = clock.now();
    await notifier.resolve('fp-high-latency');
    await clock.advance(MINUTE);
    expect(notifier.incident('fp-high-latency')).toMatchObject({ state: 'resolved', resolvedAt });
  });

  it('an acknowledged alert still gets its all-clear when it resolves', async () => {
    const { transport, notifier } = setup();
    await notifier.notify(makeAlert());
    notifier.ack('fp-high-latency', 'alice');
    await notifier.resolve('fp-high-latency');
    expect(transport.posts.map((p) => p.json.status)).toEqual(['firing', 'resolved']);
  });

  it('without sendResolved, resolving sends nothing', async () => {
    const { clock, transport, notifier } = setup({ sendResolved: false });
    await notifier.notify(makeAlert());
    await clock.advance(5 * MINUTE);
    const result = await notifier.resolve('fp-high-latency');
    expect(result.deliveries).toEqual([]);
    expect(transport.paths()).toEqual(['/team', '/oncall']);
    expect(clock.pending).toBe(0);
  });

  it('the same alert firing again while its incident is open pages nobody', async () => {
    const { transport, notifier } = setup();
    const first = await notifier.notify(makeAlert());
    const again = await notifier.notify(makeAlert({ annotations: { summary: 'still slow' } }));
    expect(again).toEqual({ incidentId: first.incidentId, deliveries: [], duplicate: true });
    expect(transport.paths()).toEqual(['/team']);
  });

  it('a re-fire after resolve opens a new incident with a new id and starts again at level 1', async () => {
    const { clock, transport, notifier } = setup();
    const first = await notifier.notify(makeAlert());
    await notifier.resolve('fp-high-latency');
    const second = await notifier.notify(makeAlert());
    expect(second.incidentId).toBeTruthy();
    expect(second.incidentId).not.toBe(first.incidentId);
    expect(second.deliveries.map((d) => d.channel)).toEqual(['team']);
    expect(notifier.incident('fp-high-latency')).toMatchObject({ id: second.incidentId, state: 'firing', level: 1 });
    await clock.advance(5 * MINUTE);
    expect(transport.posts.at(-1)!.json).toMatchObject({ level: 2, incidentId: second.incidentId });
  });

  it('a resolved alert handed to notify resolves its incident; resolving twice sends one all-clear', async () => {
    const { transport, notifier } = setup();
    await notifier.notify(makeAlert());
    await notifier.notify(makeAlert({ status: 'resolved' }));
    const twice = await notifier.resolve('fp-high-latency');
    expect(twice.deliveries).toEqual([]);
    expect(transport.posts.map((p) => p.json.status)).toEqual(['firing', 'resolved']);
  });
});
