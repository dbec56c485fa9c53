// The lab workbench in real Chromium against the built site: for every lab page,
// the scaffold fails, the reference solution pasted in passes every browser task,
// and the code survives a reload. Then the watchdog, compile errors as markers,
// the WebContainer fallback, and what the build must not ship.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../src/core/lab';
import { catalog } from '../../src/catalog/lab-catalog';
import { DIST, launch, openLab, pasteFile, serveDist, skipBrowser, storageKey } from './harness';

const ROOT = catalog.dirs.root;
const skip = skipBrowser();

/** Labs the build made a page for, with their reference solution on disk. */
function builtLabs(): Lab[] {
  return catalog.labs().filter((lab) => existsSync(join(DIST, 'labs', lab.slug, 'index.html')) && catalog.hasSolution(lab));
}

const solutionOf = (lab: Lab, file: string) => readFileSync(join(catalog.dirs.solutions, lab.slug, file), 'utf8');
/** Clicks run and waits for a finished summary; returns its status and the time it took. */
async function run(page: Page, timeout = 120_000): Promise<{ status: string; text: string; ms: number }> {
  const started = Date.now();
  // The click handler marks the summary "running" synchronously, so a finished status is this run's.
  await page.click('[data-testid="run-tests"]');
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="grade-summary"]') as HTMLElement;
    return ['pass', 'fail', 'error'].includes(s.dataset.status ?? '') && !document.querySelector('[data-testid="run-tests"][aria-busy]');
  }, undefined, { timeout });
  const status = (await page.getAttribute('[data-testid="grade-summary"]', 'data-status'))!;
  return { status, text: (await page.textContent('[data-testid="grade-summary"]'))!, ms: Date.now() - started };
}

const taskStatuses = (page: Page) => page.$$eval('[data-testid="task-result"]', (els) =>
  Object.fromEntries(els.map((e) => [(e as HTMLElement).dataset.task!, (e as HTMLElement).dataset.status!])));

describe.skipIf(skip)('lab workbench in Chromium', () => {
  let ctx: BrowserContext;
  let site: Awaited<ReturnType<typeof serveDist>>;
  const labs = skip ? [] : builtLabs();

  beforeAll(async () => {
    site = await serveDist();
    ctx = await launch();
  });
  afterAll(async () => {
    await ctx?.close();
    await site?.close();
  });

  it('builds a page for every lab in the catalog, in both locales', () => {
    const slugs = catalog.labs().map((lab) => lab.slug);
    expect(slugs.length).toBeGreaterThan(0);
    for (const slug of slugs) {
      expect(existsSync(join(DIST, 'labs', slug, 'index.html')), `/labs/${slug}/`).toBe(true);
      expect(existsSync(join(DIST, 'en', 'labs', slug, 'index.html')), `/en/labs/${slug}/`).toBe(true);
    }
  });

  for (const lab of labs) {
    it(`${lab.slug}: the scaffold fails, the pasted solution passes, the code survives a reload`, async () => {
      const page = await ctx.newPage();
      try {
        await openLab(page, `${site.url}/labs/${lab.slug}/`);
        const tabs = await page.$$eval('[data-testid="file-tab"]', (els) => els.map((e) => (e as HTMLElement).dataset.file));
        expect(tabs.slice(0, lab.files.length)).toEqual(lab.files);

        const scaffold = await run(page);
        expect(scaffold.status, scaffold.text).not.toBe('pass');

        for (const file of lab.files) await pasteFile(page, file, solutionOf(lab, file));
        const solved = await run(page);
        const statuses = await taskStatuses(page);
        for (const task of lab.tasks) {
          expect(statuses[task.id], `${lab.slug}/${task.id}: ${solved.text}`).toBe(task.env === 'node' || task.hidden ? 'skip' : 'pass');
        }
        expect(await page.getAttribute('[data-testid="grade-summary"]', 'data-score')).toBe(
          String(lab.tasks.filter((t) => t.env !== 'node' && !t.hidden).reduce((s, t) => s + t.points, 0)));

        await page.reload();
        await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
        const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').files, storageKey(lab.slug));
        for (const file of lab.files) expect(saved[file]).toBe(solutionOf(lab, file));
        await page.click(`[data-testid="file-tab"][data-file="${lab.files[0]}"]`);
        const firstLine = solutionOf(lab, lab.files[0]).split('\n').find((l) => l.trim().length > 8)!.trim();
        const shown = (await page.textContent('[data-editor-host] .view-lines'))!.replace(/\u00a0/g, ' ');
        expect(shown).toContain(firstLine);
      } finally {
        await page.close();
      }
    });
  }

  const subject = () => labs.find((l) => l.slug === 'lru-cache') ?? labs[0];

  it('an infinite loop stops with a timeout message, keeps the code, and the next run passes', async () => {
    const lab = subject();
    if (!lab) return;
    const page = await ctx.newPage();
    try {
      await openLab(page, `${site.url}/en/labs/${lab.slug}/`);
      const file = lab.files[0];
      const good = solutionOf(lab, file);
      const lines = good.split('\n');
      // The first method body in the file gets a loop that never ends.
      const at = lines.findIndex((l) => /^\s+(?:public\s+|async\s+|private\s+)*(?!if\b|for\b|while\b|switch\b)[A-Za-z_]\w*\s*(?:<[^>]*>)?\([^)]*\)[^;=]*\{\s*$/.test(l));
      expect(at, 'a method to break').toBeGreaterThan(0);
      const looping = [...lines.slice(0, at + 1), '    while (true) {}', ...lines.slice(at + 1)].join('\n');
      for (const f of lab.files) await pasteFile(page, f, f === file ? looping : solutionOf(lab, f));
      const stopped = await run(page, 30_000);
      expect(stopped.status).toBe('error');
      expect(stopped.text).toMatch(/no progress/);
      expect(stopped.ms).toBeLessThan(20_000);
      const kept = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}').files, storageKey(lab.slug));
      expect(kept[file]).toBe(looping);

      await pasteFile(page, file, good);
      const fixed = await run(page);
      const statuses = await taskStatuses(page);
      for (const task of lab.tasks) if (task.env !== 'node' && !task.hidden) expect(statuses[task.id], fixed.text).toBe('pass');
    } finally {
      await page.close();
    }
  });

  it('a syntax error becomes an editor marker and a failed summary naming the line', async () => {
    const lab = subject();
    if (!lab) return;
    const page = await ctx.newPage();
    try {
      await openLab(page, `${site.url}/en/labs/${lab.slug}/`);
      const file = lab.files[0];
      const lines = solutionOf(lab, file).split('\n');
      const broken = [lines[0], 'let broken = ;', ...lines.slice(1)].join('\n');
      await pasteFile(page, file, broken);
      const result = await run(page);
      expect(result.status).toBe('error');
      expect(result.text).toContain(`${file}:2:`);
      await page.waitForFunction((f) => (document.querySelector('[data-testid="workbench"]') as HTMLElement).dataset.gradeMarkers?.includes(`${f}:2`), file);
      // The summary links to the place; following it shows the marker in the editor.
      await page.click('[data-testid="grade-summary"] [data-testid="goto-location"]');
      await page.waitForSelector('[data-editor-host] .squiggly-error', { timeout: 10_000 });
    } finally {
      await page.close();
    }
  });

  it('reset is undoable, Ctrl+Enter runs, and the solution opens read-only beside the code after asking', async () => {
    const lab = subject();
    if (!lab) return;
    const page = await ctx.newPage();
    const saved = (file: string) => page.evaluate(([key, f]) => JSON.parse(localStorage.getItem(key) ?? '{}').files?.[f], [storageKey(lab.slug), file] as const);
    try {
      await openLab(page, `${site.url}/en/labs/${lab.slug}/`);
      const file = lab.files[0];
      const scaffold = readFileSync(join(catalog.dirs.labs, lab.slug, file), 'utf8');
      const mine = `// my attempt\n${scaffold}`;
      await pasteFile(page, file, mine);

      await page.click('[data-action="reset"]');
      await expect.poll(() => saved(file)).toBe(scaffold);
      await page.click('[data-action="undo"]');
      await expect.poll(() => saved(file)).toBe(mine);

      await page.click('[data-editor-host] .view-lines');
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => ['pass', 'fail', 'error'].includes((document.querySelector('[data-testid="grade-summary"]') as HTMLElement).dataset.status ?? ''), undefined, { timeout: 120_000 });

      await page.click('[data-action="solution"]');
      await page.waitForSelector('dialog[open]');
      await page.click('[data-testid="confirm-solution"]');
      await page.waitForSelector('[data-solution-host]:not([hidden]) .view-lines');
      const firstLine = solutionOf(lab, file).split('\n').find((l) => l.trim().length > 8)!.trim();
      await expect.poll(async () => (await page.textContent('[data-solution-host] .view-lines'))!.replace(/\u00a0/g, ' ')).toContain(firstLine);
      expect(await saved(file)).toBe(mine);
    } finally {
      await page.close();
    }
  });

  it('the built lab pages carry no hidden or Node-only grader code', () => {
    const shipped = walk(DIST).filter((p) => /\.(html|js|json)$/.test(p)).map((p) => readFileSync(p, 'utf8'));
    const secret = catalog.labs().flatMap((lab) => {
      const { nodeOnly, hidden } = catalog.graderFiles(lab.slug);
      return [...nodeOnly, ...hidden].map((rel) => join(catalog.dirs.graders, lab.slug, rel));
    });
    expect(secret.length).toBeGreaterThan(0);
    for (const path of secret) {
      const marker = readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).sort((a, b) => b.length - a.length)[0];
      if (!marker || marker.length < 30) continue;
      // The page embeds files as JSON inside HTML, so look for the line in each escaped form too.
      const forms = [marker, JSON.stringify(marker).slice(1, -1), marker.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')];
      expect(shipped.some((text) => forms.some((f) => text.includes(f))), `${relative(ROOT, path)} leaked into dist/`).toBe(false);
    }
    for (const lab of labs) {
      const html = readFileSync(join(DIST, 'labs', lab.slug, 'index.html'), 'utf8');
      expect(html).not.toMatch(/hidden\/[\w-]+\.test\.ts/);
    }
  });

  it('chapter pages load no Monaco, not even its CSS', async () => {
    const chapters = walk(DIST).filter((p) => p.endsWith('index.html') && !/[\\/]labs[\\/]/.test(relative(DIST, p)));
    expect(chapters.length).toBeGreaterThan(0);
    for (const html of chapters) {
      const text = readFileSync(html, 'utf8');
      for (const [, href] of text.matchAll(/<link[^>]+href="([^"]+\.css)"/g)) {
        const css = readFileSync(join(DIST, href.replace(/^\//, '')), 'utf8');
        expect(css.includes('.monaco-editor'), `${relative(DIST, html)} links ${href}`).toBe(false);
      }
    }
    const page = await ctx.newPage();
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    try {
      const first = relative(DIST, chapters[0]).replace(/index\.html$/, '');
      await page.goto(`${site.url}/${first}`);
      await page.waitForLoadState('networkidle');
      expect(await page.$('style[data-monaco-css]')).toBeNull();
      expect(requested.filter((u) => /monaco|editor\.api|ts\.worker|editor\.worker/i.test(u))).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe.skipIf(skip)('WebContainer fallback on a cross-origin isolated page', () => {
  it('offers WebContainer, fails to boot (StackBlitz unreachable), shows the notice and keeps grading in the worker', async () => {
    const lab = builtLabs()[0];
    if (!lab) return;
    const site = await serveDist({ isolated: true });
    const ctx = await launch();
    try {
      const page = await ctx.newPage();
      await openLab(page, `${site.url}/en/labs/${lab.slug}/`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      await page.selectOption('[data-testid="runtime-select"]', 'webcontainer');
      await page.waitForSelector('[data-testid="runtime-notice"]:not([hidden])', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="runtime-notice"]')).toMatch(/WebContainer could not start/);
      expect(await page.getAttribute('[data-testid="runtime"]', 'data-runtime')).toBe('worker');
      const result = await run(page);
      expect(['pass', 'fail', 'error']).toContain(result.status);
      expect(result.text).toMatch(/browser worker/);
    } finally {
      await ctx.close();
      await site.close();
    }
  });
});

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
}
