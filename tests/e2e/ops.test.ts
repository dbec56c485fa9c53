// The operations playground in real Chromium against the built site: a fault takes
// an alert from pending to firing in the alert list and a notification reaches the
// in-page channel, in both locales; the page says which code runs per lab (saved code
// that passes the lab's checks, the reference otherwise, and the reference again when
// saved code throws while running); and the playground's code stays on its own page.
// Set OPS_SCREENSHOTS=<dir> to keep screenshots at 1280 and 390 px.
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DIST, siteSession, skipBrowser } from './harness';

const ROOT = join(import.meta.dirname, '../..');
const skip = skipBrowser();
const SHOTS = process.env.OPS_SCREENSHOTS;
const storageKey = (slug: string) => `perf-workbook:lab:${slug}:files:v1`;
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Saves lab files the way the workbench does, then opens the playground. */
async function openPlayground(page: Page, url: string, saved: Record<string, Record<string, string>> = {}): Promise<void> {
  if (Object.keys(saved).length > 0) {
    await page.goto(new URL('/404', url).href); // any page of the site's origin, to reach its localStorage
    await page.evaluate((entries) => {
      for (const [key, files] of entries) localStorage.setItem(key, JSON.stringify({ files, savedAt: Date.now() }));
    }, Object.entries(saved).map(([slug, files]) => [storageKey(slug), files] as const));
  }
  await page.goto(url);
  await page.waitForSelector('[data-testid="ops-playground"][data-state="running"]', { timeout: 90_000 });
}

const codeSources = (page: Page) => page.$$eval('[data-testid="code-source"]', (els) =>
  Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.lab!, {
    source: (e as HTMLElement).dataset.source!, reason: (e as HTMLElement).dataset.reason!,
    text: e.querySelector('[data-code-text]')!.textContent!,
  }])));

const alertRow = (name: string, state: string) => `[data-testid="alert-list"] .ops-alert[data-alert="${name}"][data-state="${state}"]`;

describe.skipIf(skip)('operations playground in Chromium', () => {
  const site = siteSession();
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });

  for (const [locale, prefix, firing] of [['zh', '', '触发中'], ['en', '/en', 'firing']] as const) {
    it(`${locale}: an error burst takes HighErrorRate from pending to firing, and the pager and team chat hear of it`, async () => {
      const page = await site.ctx.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      // Speed 5: the 20-second for-duration lasts 4 real seconds, so the pending state is seen.
      await openPlayground(page, `${site.url}${prefix}/ops/?speed=5&seed=3`);
      for (const status of Object.values(await codeSources(page))) expect(status).toMatchObject({ source: 'reference', reason: 'no-saved' });
      expect(await page.locator('[data-testid="alert-list"] .ops-alert').count()).toBe(0);

      await page.click('[data-testid="fault-error-burst"]');
      await page.waitForSelector(alertRow('HighErrorRate', 'pending'), { timeout: 30_000 });
      await page.waitForSelector(alertRow('HighErrorRate', 'firing'), { timeout: 30_000 });
      expect(await page.textContent(`${alertRow('HighErrorRate', 'firing')} .ops-badge`)).toBe(firing);
      // After the engine's group wait, the notifier pages and posts: the channel shows both.
      await page.waitForSelector('[data-testid="notification"][data-channel="pager"]:has-text("HighErrorRate")', { timeout: 30_000 });
      await page.waitForSelector('[data-testid="notification"][data-channel="team-chat"]:has-text("HighErrorRate")', { timeout: 30_000 });
      const payload = await page.textContent('[data-testid="notification"][data-channel="pager"] pre');
      expect(JSON.parse(payload!)).toMatchObject({ status: 'firing', level: 1, alert: { labels: { alertname: 'HighErrorRate', severity: 'critical' } } });
      // The history kept both transitions, in order.
      const history = await page.$$eval('[data-testid="alert-history"] tbody tr', (rows) => rows.map((r) => `${r.children[1]?.textContent} ${(r as HTMLElement).dataset.state}`));
      expect(history.filter((h) => h.startsWith('HighErrorRate ')).reverse().slice(0, 2)).toEqual(['HighErrorRate pending', 'HighErrorRate firing']);

      // The learner can silence a firing alert, and see it listed.
      await page.click(`${alertRow('HighErrorRate', 'firing')} [data-action="silence"]`);
      await page.waitForSelector('[data-testid="alert-list"] .ops-alert[data-alert="HighErrorRate"][data-silenced="true"]');
      expect(await page.locator('[data-testid="silences"] li[data-silence]').count()).toBe(1);

      if (SHOTS) {
        await page.click('[data-testid="pause"]');
        await page.evaluate(() => scrollTo(0, 0));
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.waitForTimeout(300); // charts follow their container's size
          await page.screenshot({ path: join(SHOTS, `ops-${locale}-${width}.png`), fullPage: true });
        }
      }
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('runs saved code that passes its lab’s checks, the reference for code that fails them, and says which', async () => {
    const page = await site.ctx.newPage();
    await openPlayground(page, `${site.url}/en/ops/?speed=10`, {
      'metrics-collector': { 'metrics.ts': read('solutions/metrics-collector/metrics.ts') },
      'alert-engine': { 'alert-engine.ts': read('labs/alert-engine/alert-engine.ts') }, // the untouched scaffold
    });
    const sources = await codeSources(page);
    expect(sources['metrics-collector']).toMatchObject({ source: 'learner', reason: '' });
    expect(sources['metrics-collector'].text).toMatch(/^Your code: the saved code passes all \d+ correctness checks\.$/);
    expect(sources['alert-engine']).toMatchObject({ source: 'reference', reason: 'failing' });
    expect(sources['alert-engine'].text).toMatch(/^Reference solution: your saved code fails (\d+) of \1 correctness checks \(Rule validation; /);
    expect(sources['alert-notifier']).toMatchObject({ source: 'reference', reason: 'no-saved' });
    // The learner's collector is the one measuring: the charts fill and the clock runs.
    await page.waitForFunction(() => (document.querySelector('[data-testid="now"]')?.textContent ?? '').includes('p99'), undefined, { timeout: 30_000 });
    await page.close();
  });

  it('falls back to the reference when saved code that passed the checks throws while running, and says so', async () => {
    // Passes every check, but breaks on a label value only the playground uses: reason="dependency".
    const solution = read('solutions/metrics-collector/metrics.ts');
    const anchor = '    const value = labels[this.labelNames[i]];\n';
    expect(solution).toContain(anchor);
    const breaking = solution.replace(anchor, `${anchor}    if (value === 'dependency') throw new Error('no series for dependency');\n`);
    const page = await site.ctx.newPage();
    await openPlayground(page, `${site.url}/ops/?speed=10`, { 'metrics-collector': { 'metrics.ts': breaking } });
    expect((await codeSources(page))['metrics-collector'].source).toBe('learner');

    await page.click('[data-testid="fault-error-burst"]');
    await page.waitForSelector('[data-testid="code-source"][data-lab="metrics-collector"][data-source="reference"][data-reason="threw"]', { timeout: 30_000 });
    const text = (await codeSources(page))['metrics-collector'].text;
    expect(text).toContain('no series for dependency');
    expect(text).toContain('参考实现');
    // The session was replayed with the reference and carries on: the burst still fires its alert.
    await page.waitForSelector(alertRow('HighErrorRate', 'firing'), { timeout: 30_000 });
    await page.close();
  });

  it('loads uPlot only on the pages that draw charts, and the playground’s script and styles on the playground only', () => {
    const pages = walkHtml(DIST);
    const ops = pages.filter((f) => /[/\\]ops[/\\]index\.html$/.test(f));
    expect(ops).toHaveLength(2);
    const loaded = (file: string) => closure(assets(readFileSync(file, 'utf8')));
    const playground = loaded(ops[0]);
    const uplot = [...playground].filter((a) => /\/uPlot[^/]*\.js$/.test(a)); // the library, and its stylesheet as a string
    expect(uplot.length, [...playground].join(', ')).toBeGreaterThan(0);
    // What the playground loads and no page without charts does: its script, its styles, uPlot.
    // The benchmark page draws with uPlot too, so the library chunk may be shared with it alone.
    const charts = /[/\\](ops|bench)[/\\]index\.html$/;
    const others = pages.filter((f) => !charts.test(f));
    const elsewhere = new Set(others.flatMap((f) => [...loaded(f)]));
    const own = [...playground].filter((a) => !elsewhere.has(a));
    expect(own).toEqual(expect.arrayContaining([...uplot, expect.stringMatching(/OpsPlayground.*\.js$/), expect.stringMatching(/\.css$/)]));
    // uPlot's own stylesheet must not be hoisted into the CSS every page shares.
    for (const css of [...elsewhere].filter((a) => a.endsWith('.css'))) {
      expect(readFileSync(join(DIST, css), 'utf8'), `${css} carries uPlot's styles`).not.toMatch(/\.uplot[\s,{]/);
    }
  });
});

/** Root-relative scripts and stylesheets an HTML page links. */
function assets(html: string): string[] {
  return [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
}

/** The files a set of scripts loads through static imports, followed transitively (dynamic imports are not). */
function closure(start: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...start];
  while (queue.length > 0) {
    const asset = queue.pop()!;
    if (seen.has(asset)) continue;
    seen.add(asset);
    if (!asset.endsWith('.js')) continue;
    const code = readFileSync(join(DIST, asset), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s}])import\s*(?:[^'"();]*?from\s*)?["'](\.\/[^"']+)["']/g)) queue.push(`/_astro/${m[1].slice(2)}`);
  }
  return seen;
}

function walkHtml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.html') && !rel.split(sep).includes('_astro'))
    .map((rel) => join(dir, rel));
}
