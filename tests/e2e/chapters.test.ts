// The chapter pages in a real browser, against the built site: objectives and
// quiz answers that survive a reload (and are shared by the zh and en pages),
// quizzes answered with the keyboard, the language switch, and Pagefind search in
// both languages. The demos have their own file: demos.test.ts.
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
    expect(enPath, `no English page carries the objectives list ${id}`).toBeTruthy();
    await page.locator('[data-testid=objectives]').first().locator('input[type=checkbox]').nth(1).check();
    await page.goto(site.url + enPath);
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
    await page.goto(site.url + enPath);
    const en = page.locator(`[data-quiz="${id}"] [data-testid=quiz-question]`).nth(1);
    expect(await en.locator('input[type=radio]').nth(1).isChecked()).toBe(true);
    expect(await en.locator('[data-feedback]').getAttribute('data-verdict')).toMatch(/right|wrong/);
    await page.locator(`[data-quiz="${id}"] [data-reset]`).click();
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
