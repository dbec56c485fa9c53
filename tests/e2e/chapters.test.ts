// The chapter pages in a real browser, against the built site: objectives and
// quiz answers that survive a reload (and are shared by the zh and en pages),
// quizzes answered with the keyboard, the demos giving results that make sense,
// the language switch, and Pagefind search in both languages.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIST, launch, serveDist, skipBrowser } from './harness';

/** URL paths of built pages (not labs, not 404) whose HTML contains `marker`, zh first then en. */
function pagesWith(marker: string, locale?: 'zh' | 'en'): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) { if (!['_astro', 'pagefind', 'labs'].includes(e.name)) walk(p); continue; }
      if (e.name !== 'index.html' || !readFileSync(p, 'utf8').includes(marker)) continue;
      const path = `/${relative(DIST, dir).split('\\').join('/')}/`.replace(/\/+/g, '/');
      if (path.startsWith('/en/labs/')) continue;
      const isEn = path === '/en/' || path.startsWith('/en/');
      if (!locale || (locale === 'en') === isEn) out.push(path);
    }
  };
  walk(DIST);
  return out.sort();
}

function firstPageWith(marker: string, locale?: 'zh' | 'en'): string {
  const [page] = pagesWith(marker, locale);
  if (!page) throw new Error(`no built ${locale ?? ''} chapter page contains ${marker}: is the component used in the chapters?`);
  return page;
}

const numberOf = async (page: Page, selector: string, attr = 'data-value') =>
  Number(await page.locator(selector).first().getAttribute(attr));

describe.skipIf(skipBrowser())('chapter pages', () => {
  let ctx: BrowserContext;
  let server: Awaited<ReturnType<typeof serveDist>>;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await serveDist();
    ctx = await launch();
  });
  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await ctx.newPage();
    errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + path);
    return page;
  }

  for (const locale of ['zh', 'en'] as const) {
    it(`${locale}: a ticked objective is still ticked after a reload`, async () => {
      const path = firstPageWith('data-testid="objectives"', locale);
      const page = await open(path);
      const list = page.locator('[data-testid=objectives]').first();
      const box = list.locator('input[type=checkbox]').first();
      await expect.poll(() => box.isChecked()).toBe(false);
      // Tick it the way a keyboard user would: focus and Space.
      await box.focus();
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      const progress = await list.locator('[data-testid=objectives-progress]').textContent();
      expect(progress).toMatch(/1/);
      await page.reload();
      expect(await page.locator('[data-testid=objectives]').first().locator('input[type=checkbox]').first().isChecked()).toBe(true);
      // The label names the checkbox, so assistive technology reads the objective.
      const name = await box.evaluate((el: HTMLInputElement) => el.labels?.[0]?.textContent?.trim() ?? '');
      expect(name.length).toBeGreaterThan(0);
      await box.uncheck();
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('zh and en pages of the same objectives share progress', async () => {
    const zhPath = firstPageWith('data-testid="objectives"', 'zh');
    const page = await open(zhPath);
    const id = await page.locator('[data-objectives]').first().getAttribute('data-objectives');
    const enPath = pagesWith(`data-objectives="${id}"`, 'en')[0];
    if (!enPath) { await page.close(); return; } // the English page has not got this list yet
    await page.locator('[data-testid=objectives]').first().locator('input[type=checkbox]').nth(1).check();
    await page.goto(server.url + enPath);
    const en = page.locator(`[data-objectives="${id}"]`).first().locator('input[type=checkbox]').nth(1);
    expect(await en.isChecked()).toBe(true);
    await en.uncheck();
    await page.close();
  });

  for (const locale of ['zh', 'en'] as const) {
    it(`${locale}: a quiz is answered with the keyboard, explains every option and remembers the answer`, async () => {
      const page = await open(firstPageWith('data-testid="quiz"', locale));
      const quiz = page.locator('[data-testid=quiz]').first();
      const question = quiz.locator('[data-testid=quiz-question]').first();
      const correct = Number(await question.getAttribute('data-correct'));
      const radios = question.locator('input[type=radio]');
      const options = await radios.count();
      expect(options).toBeGreaterThan(1);
      // Explanations stay hidden until the reader checks an answer.
      expect(await question.locator('.quiz__why:visible').count()).toBe(0);
      // Keyboard only: focus the first option, arrow down to the right one, then Tab to Check and press Enter.
      await radios.first().focus();
      await page.keyboard.press('Space');
      for (let i = 0; i < correct; i++) await page.keyboard.press('ArrowDown');
      expect(await radios.nth(correct).isChecked()).toBe(true);
      await question.locator('[data-check]').focus();
      await page.keyboard.press('Enter');
      expect(await question.locator('[data-feedback]').getAttribute('data-verdict')).toBe('right');
      expect(await question.locator('.quiz__why:visible').count()).toBe(options);
      // The label names each radio, so assistive technology reads the option.
      const name = await radios.first().evaluate((el: HTMLInputElement) => el.labels?.[0]?.textContent?.trim() ?? '');
      expect(name.length).toBeGreaterThan(0);
      expect(await question.evaluate((el) => el.tagName)).toBe('FIELDSET');
      const progress = () => quiz.locator('[data-testid=quiz-progress]').textContent();
      expect(await progress()).toMatch(/1/);
      // A wrong answer says which one is right.
      const wrong = correct === 0 ? 1 : 0;
      await radios.nth(wrong).check();
      await question.locator('[data-check]').click();
      expect(await question.locator('[data-feedback]').getAttribute('data-verdict')).toBe('wrong');
      expect(await question.locator('[data-feedback]').textContent()).toContain(String.fromCharCode(65 + correct));
      await page.reload();
      const again = page.locator('[data-testid=quiz]').first().locator('[data-testid=quiz-question]').first();
      expect(await again.locator('input[type=radio]').nth(wrong).isChecked()).toBe(true);
      expect(await again.locator('[data-feedback]').getAttribute('data-verdict')).toBe('wrong');
      await page.locator('[data-testid=quiz]').first().locator('[data-reset]').click();
      expect(await again.locator('input[type=radio]:checked').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('zh and en pages of the same quiz share answers', async () => {
    const zhPath = firstPageWith('data-testid="quiz"', 'zh');
    const page = await open(zhPath);
    const id = await page.locator('[data-quiz]').first().getAttribute('data-quiz');
    const enPath = pagesWith(`data-quiz="${id}"`, 'en')[0];
    expect(enPath, `no English page shows quiz ${id}`).toBeDefined();
    const question = page.locator(`[data-quiz="${id}"] [data-testid=quiz-question]`).nth(1);
    await question.locator('input[type=radio]').nth(1).check();
    await question.locator('[data-check]').click();
    await page.goto(server.url + enPath);
    const en = page.locator(`[data-quiz="${id}"] [data-testid=quiz-question]`).nth(1);
    expect(await en.locator('input[type=radio]').nth(1).isChecked()).toBe(true);
    expect(await en.locator('[data-feedback]').getAttribute('data-verdict')).toMatch(/right|wrong/);
    await page.locator(`[data-quiz="${id}"] [data-reset]`).click();
    await page.close();
  });

  it('concurrency demo: bounded and unbounded runs beat the serial one', async () => {
    const page = await open(firstPageWith('data-testid="concurrency-demo"'));
    const demo = page.locator('[data-testid=concurrency-demo]').first();
    await demo.locator('[data-testid=agents]').fill('10');
    await demo.locator('[data-testid=limit]').fill('3');
    await demo.locator('[data-testid=run]').click();
    await expect.poll(() => demo.getAttribute('data-state'), { timeout: 30_000, interval: 200 }).toBe('done');
    const ms = async (mode: string) => Number(await demo.locator(`[data-testid=${mode}-ms]`).getAttribute('data-ms'));
    const [serial, bounded, unbounded] = [await ms('serial'), await ms('bounded'), await ms('unbounded')];
    expect(serial).toBeGreaterThanOrEqual(10 * 100); // ten agents of at least 100 ms each, one after another
    expect(bounded).toBeLessThan(serial / 1.5);
    expect(unbounded).toBeLessThan(bounded);
    expect(unbounded).toBeLessThanOrEqual(450); // all at once: about the slowest agent (≤ 400 ms)
    for (const mode of ['serial', 'bounded', 'unbounded']) {
      expect(await demo.locator(`[data-testid=${mode}-timeline] rect`).count()).toBe(10);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('LRU demo: get moves a key to the front and a full cache evicts the least recent', async () => {
    const page = await open(firstPageWith('data-testid="lru-demo"'));
    const demo = page.locator('[data-testid=lru-demo]').first();
    const order = () => demo.locator('[data-testid=lru-order] [data-key]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key));
    await demo.locator('[data-testid=capacity]').fill('4');
    for (const key of ['A', 'B', 'C', 'D']) {
      await demo.locator('[data-testid=key]').fill(key);
      await demo.locator('[data-testid=set]').click();
    }
    expect(await order()).toEqual(['D', 'C', 'B', 'A']);
    await demo.locator('[data-testid=key]').fill('A');
    await demo.locator('[data-testid=get]').click();
    expect(await order()).toEqual(['A', 'D', 'C', 'B']);
    await demo.locator('[data-testid=key]').fill('Z');
    await demo.locator('[data-testid=get]').click();
    expect(await demo.locator('[data-testid=hits]').textContent()).toBe('1');
    expect(await demo.locator('[data-testid=misses]').textContent()).toBe('1');
    await demo.locator('[data-testid=key]').fill('E');
    await demo.locator('[data-testid=set]').click();
    expect(await order()).toEqual(['E', 'A', 'D', 'C']);
    expect(await demo.locator('[data-testid=lru-evicted]').getAttribute('data-key')).toBe('B');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('cache simulator: hit rates are fractions and L1 hit rate rises with L1 size', async () => {
    const page = await open(firstPageWith('data-testid="cache-simulator"'));
    const demo = page.locator('[data-testid=cache-simulator]').first();
    const read = async () => ({
      l1: await numberOf(page, '[data-testid=cache-simulator] [data-testid=l1-hit-rate]'),
      l2: await numberOf(page, '[data-testid=cache-simulator] [data-testid=l2-hit-rate]'),
      avg: await numberOf(page, '[data-testid=cache-simulator] [data-testid=avg-ms]'),
      p99: await numberOf(page, '[data-testid=cache-simulator] [data-testid=p99-ms]'),
    });
    await demo.locator('[data-testid=l1]').fill('50');
    await expect.poll(async () => (await read()).l1).toBeGreaterThan(0);
    await page.waitForTimeout(100);
    const small = await read();
    await demo.locator('[data-testid=l1]').fill('800');
    await expect.poll(async () => (await read()).l1).toBeGreaterThan(small.l1);
    const large = await read();
    for (const r of [small, large]) {
      expect(r.l1).toBeGreaterThan(0);
      expect(r.l1).toBeLessThan(1);
      expect(r.l2).toBeGreaterThanOrEqual(0);
      expect(r.l2).toBeLessThanOrEqual(1);
      expect(r.p99).toBeGreaterThanOrEqual(r.avg);
    }
    expect(large.avg).toBeLessThan(small.avg);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('percentile demo: markers are ordered and the tail lifts the mean above the median', async () => {
    const page = await open(firstPageWith('data-testid="percentile-demo"'));
    const demo = page.locator('[data-testid=percentile-demo]').first();
    await demo.locator('[data-testid=outliers]').fill('5');
    const value = (id: string) => numberOf(page, `[data-testid=percentile-demo] [data-testid=${id}]`);
    await expect.poll(() => value('p99')).toBeGreaterThan(1000); // 5% of requests take 1–3 s
    const [mean, p50, p95, p99] = [await value('mean'), await value('p50'), await value('p95'), await value('p99')];
    expect(p50).toBeLessThanOrEqual(p95);
    expect(p95).toBeLessThanOrEqual(p99);
    expect(mean).toBeGreaterThan(p50);
    expect(await demo.locator('[data-marker]').count()).toBe(4);
    await demo.locator('[data-testid=outliers]').fill('0');
    await expect.poll(() => value('p99')).toBeLessThan(1000);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the language switch leads to the same page in the other language', async () => {
    const zhPath = firstPageWith('data-testid="objectives"', 'zh');
    const page = await open(zhPath);
    const enPath = zhPath === '/' ? '/en/' : `/en${zhPath}`;
    const select = page.locator('starlight-lang-select select').first();
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toContain(enPath);
    await select.selectOption(enPath);
    await page.waitForURL(server.url + enPath);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const back = page.locator('starlight-lang-select select').first();
    expect(await back.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toContain(zhPath);
    await page.close();
  });

  it('the --cpu-prof heading keeps its two hyphens in the page and in search results', async () => {
    const page = await open('/en/3-1-profiling/');
    const heading = await page.locator('h4', { hasText: 'cpu-prof' }).first().textContent();
    expect(heading).toContain('--cpu-prof');
    expect(heading).not.toMatch(/[–—]cpu-prof/);
    await page.locator('site-search button[data-open-modal]').first().click();
    const input = page.locator('site-search .pagefind-ui__search-input').first();
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill('cpu-prof');
    await page.locator('site-search .pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    const text = await page.locator('site-search .pagefind-ui__results').first().textContent();
    expect(text).not.toMatch(/[–—]cpu-prof/);
    await page.close();
  });

  for (const [locale, path, term] of [['en', '/en/', 'LRU'], ['zh', '/', '信号量']] as const) {
    it(`search finds "${term}" on ${locale} pages`, async () => {
      const page = await open(path);
      await page.locator('site-search button[data-open-modal]').first().click();
      const input = page.locator('site-search .pagefind-ui__search-input').first();
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(term);
      const result = page.locator('site-search .pagefind-ui__result-link').first();
      await result.waitFor({ timeout: 15_000 });
      const hrefs = await page.locator('site-search .pagefind-ui__result-link').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      // Pagefind keeps an index per language: results stay in the page's language.
      for (const href of hrefs) expect(href.startsWith('/en/'), href).toBe(locale === 'en');
      await page.close();
    });
  }
});
