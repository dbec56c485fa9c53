// The chapter pages in a real browser, against the built site: objectives that
// survive a reload, the language switch, and Pagefind search in both languages.
// The demos have their own file: demos.test.ts.
import { describe, expect, it } from 'vitest';
import { firstPageWith, pagesWith, siteSession, skipBrowser } from './harness';

describe.skipIf(skipBrowser())('chapter pages', () => {
  const site = siteSession();
  const { open, errors } = site;

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
    await page.goto(site.url + enPath);
    const en = page.locator(`[data-objectives="${id}"]`).first().locator('input[type=checkbox]').nth(1);
    expect(await en.isChecked()).toBe(true);
    await en.uncheck();
    await page.close();
  });

  it('the language switch leads to the same page in the other language', async () => {
    const zhPath = firstPageWith('data-testid="objectives"', 'zh');
    const page = await open(zhPath);
    const enPath = zhPath === '/' ? '/en/' : `/en${zhPath}`;
    const select = page.locator('starlight-lang-select select').first();
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toContain(enPath);
    await select.selectOption(enPath);
    await page.waitForURL(site.url + enPath);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const back = page.locator('starlight-lang-select select').first();
    expect(await back.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toContain(zhPath);
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
