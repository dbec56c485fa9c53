// The Profile panel in real Chromium against the built site: a learner pastes the
// chapter's O(n) LRU (recency kept in an array: indexOf + splice on every hit) into the
// editor, clicks Profile, and sees the time go to the scan's built-ins (indexOf, splice:
// either may lead, both are O(n)) called from touch,
// while the reference's profile has no such row; the flame graph is drawn; both
// languages. And a lab page loads none of the profiler before the click.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import { profilerText } from '../../src/i18n/profiler';
import type { Locale } from '../../src/i18n/locale';
import { openLab, pasteFile, siteSession, skipBrowser } from './harness';

const skip = skipBrowser();
const SLUG = 'lru-cache';
/** The built-ins an array-kept recency order spends its time in. */
const SCANS = ['Array#indexOf', 'Array#splice'];

/** The table rows of one side, as the panel marks them up. */
const tableRows = (page: Page, side: 'learner' | 'reference') =>
  page.$$eval(`[data-testid="profile-table"][data-side="${side}"] tbody tr`, (rows) => rows.map((r) => {
    const { kind = '', name = '', context = '', calls = '', selfShare = '0' } = (r as HTMLElement).dataset;
    return { kind, name, context, calls, selfShare: Number(selfShare) };
  }));

/** Script and worker files the page fetched so far. */
const scripts = (page: Page) => page.evaluate(() =>
  performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /\.m?js(\?|$)/.test(n)));

describe.skipIf(skip)('profiling lab code in Chromium', () => {
  const site = siteSession();
  const linear = skip ? '' : readFileSync(join(materializeFixture(join(BUGGY_DIR, `${SLUG}--linear-list`)), SLUG, 'lru-cache.ts'), 'utf8');

  for (const locale of ['zh', 'en'] as const satisfies readonly Locale[]) {
    it(`${locale}: an O(n) LRU spends its time in indexOf and splice called from its scan; the reference does not`, async () => {
      const page = await site.ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await openLab(page, `${site.url}${locale === 'en' ? '/en' : ''}/labs/${SLUG}/`);
        const button = page.locator('[data-testid="profile-run"]');
        expect(await button.textContent()).toBe(profilerText.t(locale, 'button.profile'));
        await pasteFile(page, 'lru-cache.ts', linear);

        await button.click();
        await page.waitForSelector('[data-testid="profile-panel"][data-state="running"]');
        expect(await button.textContent()).toBe(profilerText.t(locale, 'button.stop'));
        await page.waitForSelector('[data-testid="profile-panel"]:is([data-state="done"], [data-state="stopped"])', { timeout: 170_000 });
        expect(await page.getAttribute('[data-testid="profile-panel"]', 'data-state'), await page.textContent('.pf-status') ?? '').toBe('done');
        expect(await button.textContent()).toBe(profilerText.t(locale, 'button.profile'));

        // The learner's table: a scan's built-in on top, charged to the function that calls it
        // (indexOf finds the key, splice shifts what follows it: both O(n), either may lead).
        const learner = await tableRows(page, 'learner');
        expect(learner[0], JSON.stringify(learner.slice(0, 3))).toMatchObject({ kind: 'builtin', context: 'LRUCache.touch' });
        expect(SCANS).toContain(learner[0].name);
        const scanShare = learner.filter((r) => SCANS.includes(r.name) && r.context === 'LRUCache.touch').reduce((sum, r) => sum + r.selfShare, 0);
        expect(scanShare).toBeGreaterThan(0.4);
        expect(learner.find((r) => r.name === 'LRUCache.touch')?.calls).toMatch(/^\d+$/);
        // The reference's: no scan at all.
        const reference = await tableRows(page, 'reference');
        expect(reference.length).toBeGreaterThan(3);
        expect(reference.some((r) => r.name === 'Array#indexOf' || r.name === 'Array#splice')).toBe(false);
        expect(reference[0].kind).not.toBe('builtin');

        // Without the profiler, the O(n) cache is several times slower than the reference.
        const plainMs = (side: string) => page.getAttribute(`.pf-side[data-side="${side}"]`, 'data-plain-ms').then(Number);
        expect((await plainMs('learner')) / (await plainMs('reference'))).toBeGreaterThan(2);

        // The sentences, in the page's language.
        const hot = await page.textContent('[data-testid="profile-hotspot"][data-side="learner"]');
        expect(hot).toContain(learner[0].name);
        expect(hot).toContain('LRUCache.touch');
        expect(hot).toContain(locale === 'zh' ? '最耗时' : 'Most time');
        expect(await page.textContent('.pf-title')).toBe(profilerText.t(locale, 'panel.title'));
        expect(await page.textContent('.pf-compare')).toMatch(locale === 'zh' ? /参考答案的 [\d.]+ 倍/ : /took [\d.]+× as long as the reference/);

        // The flame graphs: the run on top, the scan visible under the learner's code.
        for (const side of ['learner', 'reference']) {
          const nodes = page.locator(`[data-testid="flame-graph"][data-side="${side}"] .pf-flame-node`);
          expect(await nodes.count()).toBeGreaterThan(3);
        }
        const scan = page.locator('[data-testid="flame-graph"][data-side="learner"] .pf-flame-node[data-name="Array#indexOf"]');
        expect(await scan.count()).toBeGreaterThan(0);
        expect(await scan.first().getAttribute('title')).toContain(locale === 'zh' ? '次调用' : 'calls');

        // A row of the learner's code opens that line in the editor.
        await page.click('[data-testid="profile-table"][data-side="learner"] tbody tr[data-name="Array#indexOf"] .pf-goto');
        const line = linear.split('\n').findIndex((l) => l.includes('indexOf(')) + 1;
        await page.waitForFunction((n) => document.querySelector('.monaco-editor .current-line') !== null
          && [...document.querySelectorAll('.line-numbers')].some((el) => el.textContent === String(n)), line);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }

  it('code that loops without calling anything is stopped, and says so', async () => {
    const page = await site.ctx.newPage();
    try {
      await openLab(page, `${site.url}/en/labs/${SLUG}/`);
      const looping = readFileSync(join(catalog.dirs.solutions, SLUG, 'lru-cache.ts'), 'utf8')
        .replace('  get(key: K): V | undefined {\n', '  get(key: K): V | undefined {\n    if (this.hits > 1000) for (;;) {}\n');
      await pasteFile(page, 'lru-cache.ts', looping);
      await page.click('[data-testid="profile-run"]');
      await page.waitForSelector('[data-testid="profile-panel"][data-state="stopped"]', { timeout: 120_000 });
      expect(await page.textContent('.pf-status')).toBe(profilerText.t('en', 'stop.idle', { seconds: 10 }));
      expect(await page.getAttribute('.pf-side[data-side="learner"]', 'data-state')).toBe('failed');
      expect(await page.textContent('[data-testid="profile-run"]')).toBe(profilerText.t('en', 'button.profile'));
    } finally {
      await page.close();
    }
  });

  it('a lab page fetches none of the profiler until Profile is clicked', async () => {
    const page = await site.ctx.newPage();
    try {
      await openLab(page, `${site.url}/en/labs/${SLUG}/`);
      const html = await page.content();
      expect(html).not.toContain('export function prepare()'); // the workload is not in the page
      const before = await scripts(page);
      expect(before.filter((n) => /\/(panel|profile-worker)[.-]/.test(n))).toEqual([]);
      await pasteFile(page, 'lru-cache.ts', readFileSync(join(catalog.dirs.solutions, SLUG, 'lru-cache.ts'), 'utf8'));
      await page.click('[data-testid="profile-run"]');
      await page.waitForSelector('[data-testid="profile-panel"]:is([data-state="done"], [data-state="stopped"])', { timeout: 170_000 });
      const after = await scripts(page);
      expect(after.some((n) => /\/panel[.-]/.test(n))).toBe(true);
      expect(after.some((n) => /\/profile-worker[.-]/.test(n))).toBe(true);
    } finally {
      await page.close();
    }
  });
});
