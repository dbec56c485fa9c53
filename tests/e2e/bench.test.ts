// The benchmark page in a real browser, in both locales: one drawn uPlot chart per
// suite of bench/results/latest.json, with the machine and the verdicts; and uPlot
// stays off the chapter pages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { benchResultsSchema } from '../../bench/results';
import { siteSession, skipBrowser } from './harness';

const results = benchResultsSchema.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, '../../bench/results/latest.json'), 'utf8')));

const LOCALES = [
  { locale: 'zh', path: '/bench/', lang: 'zh-CN', reference: '参考实现', library: '库', machine: '测量环境' },
  { locale: 'en', path: '/en/bench/', lang: 'en', reference: 'reference', library: 'library', machine: 'Where this was measured' },
] as const;

describe.skipIf(skipBrowser())('benchmark page', () => {
  const site = siteSession();

  /** Opens a page and records its errors and the text of every script it loads. */
  async function open(path: string): Promise<{ page: Page; errors: string[]; scripts: string[] }> {
    const page = await site.ctx.newPage();
    const errors: string[] = [];
    const scripts: Promise<string>[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.text().catch(() => ''));
    });
    const response = await page.goto(site.url + path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    return { page, errors, scripts: await Promise.all(scripts) };
  }

  for (const l of LOCALES) {
    it(`${l.locale}: draws one chart per suite, with the machine and a verdict for each`, async () => {
      const { page, errors } = await open(l.path);
      expect(await page.getAttribute('html', 'lang')).toBe(l.lang);

      const charts = page.getByTestId('bench-chart');
      await expect.poll(() => page.locator('[data-testid="bench-chart"][data-drawn="true"]').count()).toBe(results.suites.length);
      for (let i = 0; i < results.suites.length; i++) {
        const chart = charts.nth(i);
        const box = await chart.locator('canvas').boundingBox();
        expect(box?.width).toBeGreaterThan(200);
        expect(box?.height).toBeGreaterThan(100);
        // The legend names the roles in this page's language.
        const legend = await chart.locator('.u-legend').innerText();
        expect(legend).toContain(l.reference);
        expect(legend).toContain(l.library);
      }

      const suites = page.locator('section[data-suite]');
      expect(await suites.evaluateAll((els) => els.map((e) => e.getAttribute('data-suite')))).toEqual(results.suites.map((s) => s.id));
      for (const [i, suite] of results.suites.entries()) {
        const section = suites.nth(i);
        expect(await section.locator('h2').innerText()).toBe(suite.title[l.locale]);
        expect(await section.getByTestId('bench-verdict').innerText()).toContain(suite.bestLibrary);
        expect(await section.locator('.bench__table tbody tr').count()).toBe(suite.variants.length);
      }

      const machine = await page.getByTestId('bench-machine').innerText();
      expect(machine).toContain(results.machine.cpuModel);
      expect(machine).toContain(results.machine.node);
      expect(machine).toContain(results.machine.loadAverageStart[0].toFixed(2));
      expect(await page.locator('h2#machine').innerText()).toBe(l.machine);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the sidebar links to the page in each locale, and chapter pages load no uPlot', async () => {
    for (const l of LOCALES) {
      // A chapter with interactive demos, so it does load scripts of its own.
      const chapter = l.locale === 'zh' ? '/3-3-caching/' : '/en/3-3-caching/';
      const { page, errors, scripts } = await open(chapter);
      expect(scripts.length).toBeGreaterThan(0);
      expect(await page.locator(`nav a[href="${l.path}"]`).count()).toBeGreaterThan(0);
      // uPlot's legend class is in its code: no script of a chapter page may carry it.
      expect(scripts.filter((text) => text.includes('u-legend'))).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  });
});
