// Every chapter demo in a real browser, against the built site: each is driven the way
// a learner would and its teaching outcome asserted; then all of them, in both languages,
// render without errors, fit a 390 px phone and label every control.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { firstPageWith, siteSession, skipBrowser } from './harness';

const DEMOS = ['percentiles', 'concurrency', 'lru', 'cache-sim', 'pool', 'autoscale', 'alerting', 'n-plus-one'] as const;
type Demo = (typeof DEMOS)[number];

/** The built chapter page that holds `demo`, in `locale`. */
const pageWith = (demo: Demo, locale: 'zh' | 'en') => firstPageWith(`data-demo="${demo}"`, locale);

describe.skipIf(skipBrowser())('chapter demos', () => {
  const site = siteSession();
  const { errors } = site;

  async function open(demo: Demo, locale: 'zh' | 'en' = 'zh'): Promise<{ page: Page; root: Locator }> {
    const page = await site.open(pageWith(demo, locale));
    const root = page.locator(`[data-testid=demo][data-demo=${demo}]`).first();
    await root.scrollIntoViewIfNeeded();
    return { page, root };
  }
  const num = async (l: Locator, attr = 'data-value') => Number(await l.getAttribute(attr));
  const settled = (root: Locator) => expect.poll(() => root.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');

  it('percentiles: the truncated index and nearest rank differ visibly at p = 7, n = 100', async () => {
    const { page, root } = await open('percentiles');
    await root.getByTestId('rank-n').fill('100');
    await root.getByTestId('rank-p').fill('7');
    const picked = (m: string) => root.getByTestId(`method-${m}`).getAttribute('data-value');
    expect(await picked('truncated')).toBe('8');
    expect(await picked('divide-first')).toBe('8'); // 7 / 100 * 100 = 7.000000000000001
    expect(await picked('nearest')).toBe('7');
    expect(await root.getByTestId('method-divide-first').textContent()).toContain('7.000000000000001');
    expect(await root.getByTestId('method-truncated').getAttribute('data-ok')).toBe('false');
    expect(await root.locator('[data-testid=rank-strip] [data-picked]').count()).toBe(2); // [6] and [7]
    // The presets: p = 50 is off by one only for the truncated index; p = 100 runs off the end.
    await root.locator('[data-preset="100"]').click();
    expect(await picked('truncated')).toBe('undefined');
    expect(await picked('nearest')).toBe('100');
    await root.getByTestId('rank-p').fill('50');
    expect(await picked('truncated')).toBe('51');
    expect(await picked('divide-first')).toBe('50');
    // The histogram above still reads its percentiles by nearest rank, and the tail lifts the mean.
    await root.getByTestId('outliers').fill('5');
    const v = (id: string) => num(root.getByTestId(id));
    await expect.poll(() => v('p99')).toBeGreaterThan(1000);
    expect(await v('mean')).toBeGreaterThan(await v('p50'));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cache simulator: L1 size moves the mean, no jitter spikes the database, no single-flight stampedes', async () => {
    const { page, root } = await open('cache-sim');
    const read = async (id: string) => num(root.getByTestId(id));
    await root.getByTestId('l1').fill('10');
    await settled(root);
    const small = { l1: await read('l1-hit-rate'), mean: await read('avg-ms') };
    await root.getByTestId('l1').fill('1000');
    await settled(root);
    const large = { l1: await read('l1-hit-rate'), mean: await read('avg-ms') };
    expect(large.l1).toBeGreaterThan(small.l1 + 0.4);
    expect(large.mean).toBeLessThan(small.mean * 0.7);
    await root.getByTestId('l1').fill('100');
    await settled(root);
    const jittered = await read('peak-db');
    await root.getByTestId('jitter').fill('0');
    await settled(root);
    expect(await read('peak-db')).toBeGreaterThan(1.5 * jittered);
    expect(await root.getByTestId('cache-story').textContent()).toMatch(/20/);
    expect(await read('max-per-key')).toBe(1);
    await root.getByTestId('single-flight').uncheck();
    await settled(root);
    expect(await read('max-per-key')).toBeGreaterThan(2);
    expect(await root.locator('[data-testid=db-chart] rect').count()).toBeGreaterThan(50);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pool: a waiter times out only after the acquire timeout; use() returns on error, a bare acquire leaks', async () => {
    const { page, root } = await open('pool');
    await expect.poll(() => root.getAttribute('data-state')).toBe('ready');
    await root.getByTestId('max').fill('1'); // min follows down to 1
    await root.getByTestId('acquire-timeout').fill('1');
    await root.getByTestId('step').click(); // the warm-up connection opens (300 ms)
    await root.getByTestId('send-use').click();
    await root.getByTestId('send-use').click();
    await expect.poll(() => root.locator('[data-testid=queue] [data-who]').count()).toBe(1);
    expect(await root.getByTestId('timed-out').textContent()).toBe('0');
    await root.getByTestId('step').click(); // waited 0.5 s of 1 s: still in line
    expect(await root.getByTestId('timed-out').textContent()).toBe('0');
    await root.getByTestId('step').click();
    await expect.poll(() => root.getByTestId('timed-out').textContent()).toBe('1');
    expect(await root.getByTestId('log').textContent()).toContain('AcquireTimeoutError');
    expect(await root.locator('[data-testid=queue] [data-who]').count()).toBe(0);

    await root.getByTestId('reset').click();
    await root.getByTestId('max').fill('2');
    await root.getByTestId('step').click();
    await root.getByTestId('send-use-throws').click();
    await root.getByTestId('send-leaky-throws').click();
    for (let i = 0; i < 5; i++) await root.getByTestId('step').click(); // queries take 2 s
    await expect.poll(() => root.getByTestId('leaked').textContent()).toBe('1');
    expect(await root.locator('[data-testid=slots] [data-state=leaked]').count()).toBe(1);
    expect(await root.getByTestId('borrowed').textContent()).toBe('1'); // the use() one came back
    await root.getByTestId('send-leaky-throws').click();
    for (let i = 0; i < 5; i++) await root.getByTestId('step').click();
    await expect.poll(() => root.getByTestId('stuck').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('alerting: pending until the for-duration has passed, one notification per incident, inhibition and a silence', async () => {
    const { page, root } = await open('alerting', 'en');
    const errorsRule = root.getByTestId('rule-HighErrorRate');
    const latencyRule = root.getByTestId('rule-HighP99Latency');
    const notified = async () => Number(await root.getByTestId('notifications').getAttribute('data-count'));
    await root.getByTestId('for').fill('60');
    await root.getByTestId('error-rate').fill('20');
    for (let i = 0; i < 4; i++) await root.getByTestId('step').click(); // t = 1:00: held 45 s
    expect(await errorsRule.getAttribute('data-state')).toBe('pending');
    expect(await notified()).toBe(0);
    await root.getByTestId('step').click(); // t = 1:15: held 60 s
    expect(await errorsRule.getAttribute('data-state')).toBe('firing');
    expect(await notified()).toBe(1);
    for (let i = 0; i < 3; i++) await root.getByTestId('step').click();
    expect(await notified()).toBe(1); // dedup: the same fingerprint is the same alert
    expect(await root.getByTestId('dedup').textContent()).toMatch(/: 4; .*: 1\./);

    await root.getByTestId('p99').fill('3');
    for (let i = 0; i < 5; i++) await root.getByTestId('step').click();
    expect(await latencyRule.getAttribute('data-state')).toBe('firing');
    expect(await latencyRule.getAttribute('data-muted')).toBe('inhibited');
    expect(await notified()).toBe(1);
    await root.getByTestId('error-rate').fill('1');
    await root.getByTestId('step').click(); // errors resolve, so the warning is no longer inhibited
    expect(await root.getByTestId('notifications').textContent()).toMatch(/RESOLVED\] HighErrorRate[\s\S]*FIRING\] HighErrorRate/);
    expect(await root.getByTestId('notifications').textContent()).toContain('[FIRING] HighP99Latency');
    expect(await notified()).toBe(3);

    await root.getByTestId('reset').click();
    await root.getByTestId('silence').click();
    await root.getByTestId('for').fill('0');
    for (let i = 0; i < 2; i++) await root.getByTestId('step').click();
    expect(await latencyRule.getAttribute('data-muted')).toBe('silenced');
    expect(await notified()).toBe(0);
    expect(await root.getByTestId('silence-status').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('N+1: per-item queries vs one batched query, counted and timed', async () => {
    const { page, root } = await open('n-plus-one');
    await root.getByTestId('posts').fill('30');
    await root.getByTestId('authors').fill('12');
    await settled(root);
    const row = (s: string) => root.getByTestId(`strategy-${s}`);
    expect(await num(row('serial'), 'data-queries')).toBe(31);
    expect(await num(row('concurrent'), 'data-queries')).toBe(31);
    expect(await num(row('batched'), 'data-queries')).toBe(2);
    const [serial, concurrent, batched] = [await num(row('serial'), 'data-ms'), await num(row('concurrent'), 'data-ms'), await num(row('batched'), 'data-ms')];
    expect(serial).toBeGreaterThan(31 * 5);
    expect(concurrent).toBeLessThan(serial / 4);
    expect(batched).toBeLessThan(concurrent);
    expect(await row('serial').locator('rect').count()).toBe(31);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('autoscale: scaling by demand beats a fixed size on cost or on the objective, and utilisation lags with little headroom', async () => {
    const { page, root } = await open('autoscale');
    await settled(root);
    const cell = (policy: string, attr: string) => num(root.locator(`tr[data-policy=${policy}]`), attr);
    // Fixed at 20: cheaper than the peak needs, so it drowns at the peak.
    expect(await cell('fixed', 'data-over')).toBeGreaterThan(3 * await cell('demand', 'data-over'));
    await root.getByTestId('fixed-workers').fill('46');
    await settled(root);
    expect(await cell('demand', 'data-cost')).toBeLessThan(0.75 * await cell('fixed', 'data-cost'));
    await root.getByTestId('target').fill('90');
    await root.getByTestId('policy-utilisation').check();
    await settled(root);
    expect(await cell('utilisation', 'data-over')).toBeGreaterThan(2 * await cell('demand', 'data-over'));
    expect(await root.locator('tr[data-policy=utilisation]').getAttribute('data-selected')).not.toBeNull();
    expect(await root.locator('[data-testid=workers-chart] path').count()).toBe(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('concurrency: bounded and unbounded runs beat the serial one', async () => {
    const { page, root } = await open('concurrency');
    await root.getByTestId('agents').fill('10');
    await root.getByTestId('limit').fill('3');
    await root.getByTestId('run').click();
    await settled(root);
    const ms = async (mode: string) => num(root.getByTestId(`${mode}-ms`), 'data-ms');
    const [serial, bounded, unbounded] = [await ms('serial'), await ms('bounded'), await ms('unbounded')];
    expect(serial).toBeGreaterThanOrEqual(10 * 100); // ten agents of at least 100 ms each, one after another
    expect(bounded).toBeLessThan(serial / 1.5);
    expect(unbounded).toBeLessThan(bounded);
    expect(unbounded).toBeLessThanOrEqual(450); // all at once: about the slowest agent (≤ 400 ms)
    for (const mode of ['serial', 'bounded', 'unbounded']) expect(await root.locator(`[data-testid=${mode}-timeline] rect`).count()).toBe(10);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('LRU: get moves a key to the front and a full cache evicts the least recent', async () => {
    const { page, root } = await open('lru');
    const order = () => root.locator('[data-testid=lru-order] [data-key]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key));
    await root.getByTestId('capacity').fill('4');
    for (const key of ['A', 'B', 'C', 'D']) {
      await root.getByTestId('key').fill(key);
      await root.getByTestId('set').click();
    }
    expect(await order()).toEqual(['D', 'C', 'B', 'A']);
    await root.getByTestId('key').fill('A');
    await root.getByTestId('get').click();
    expect(await order()).toEqual(['A', 'D', 'C', 'B']);
    await root.getByTestId('key').fill('E');
    await root.getByTestId('set').click();
    expect(await order()).toEqual(['E', 'A', 'D', 'C']);
    expect(await root.getByTestId('lru-evicted').getAttribute('data-key')).toBe('B');
    expect(errors).toEqual([]);
    await page.close();
  });

  for (const locale of ['zh', 'en'] as const) {
    it(`${locale}: every demo renders, fits a 390 px screen and labels every control`, async () => {
      for (const demo of DEMOS) {
        const { page, root } = await open(demo, locale);
        await page.setViewportSize({ width: 390, height: 844 });
        await root.scrollIntoViewIfNeeded();
        expect(await root.locator('figcaption').textContent()).toBeTruthy();
        const lang = await page.getAttribute('html', 'lang');
        expect(lang?.startsWith(locale)).toBe(true);
        // Nothing wider than the demo's box (so nothing wider than the phone).
        const overflow = await root.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow, `${demo} overflows by ${overflow}px`).toBeLessThanOrEqual(1);
        // Every input and button has an accessible name.
        const unnamed = await root.locator('input, button').evaluateAll((els) => els
          .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !el.textContent?.trim())
          .map((el) => el.outerHTML.slice(0, 80)));
        expect(unnamed, demo).toEqual([]);
        expect(errors, demo).toEqual([]);
        await page.close();
      }
    });
  }
});
