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
import { DIST, focusEditor, launch, openLab, pasteFile, serveDist, siteSession, skipBrowser, storageKey } from './harness';

const ROOT = catalog.dirs.root;
const skip = skipBrowser();

/** Labs the build made a page for, with their reference solution on disk. */
function builtLabs(): Lab[] {
  return catalog.labs().filter((lab) => existsSync(join(DIST, 'labs', lab.slug, 'index.html')) && catalog.hasSolution(lab));
}

const solutionOf = (lab: Lab, file: string) => readFileSync(join(catalog.dirs.solutions, lab.slug, file), 'utf8');

/**
 * Clicks a run button (the quick check by default, `run-grade` for the full grade, or a task's ▶)
 * and waits for a finished summary; returns its status and the time it took.
 */
async function run(page: Page, timeout = 120_000, button = '[data-testid="run-tests"]'): Promise<{ status: string; text: string; ms: number }> {
  const started = Date.now();
  // The click handler marks the summary "running" synchronously, so a finished status is this run's.
  await page.click(button);
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-testid="grade-summary"]') as HTMLElement;
    return ['pass', 'fail', 'error'].includes(s.dataset.status ?? '') && !document.querySelector('[aria-busy="true"]');
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
    it(`${lab.slug}: the scaffold fails the check, the pasted solution passes the full grade, the code survives a reload`, async () => {
      const page = await ctx.newPage();
      try {
        await openLab(page, `${site.url}/labs/${lab.slug}/`);
        const tabs = await page.$$eval('[data-testid="file-tab"]', (els) => els.map((e) => (e as HTMLElement).dataset.file));
        expect(tabs.slice(0, lab.files.length)).toEqual(lab.files);

        const scaffold = await run(page);
        expect(scaffold.status, scaffold.text).not.toBe('pass');

        // A file the solution leaves as the scaffold has it (alert-engine's types.ts) is not an edit: nothing to paste or save.
        const scaffoldOf = (file: string) => readFileSync(join(catalog.dirs.labs, lab.slug, file), 'utf8');
        for (const file of lab.files) if (solutionOf(lab, file) !== scaffoldOf(file)) await pasteFile(page, file, solutionOf(lab, file));
        const solved = await run(page, 180_000, '[data-testid="run-grade"]');
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
      // The check grades the correctness tasks (the full grade adds the performance ones).
      for (const task of lab.tasks) if (task.kind === 'correctness' && task.env !== 'node' && !task.hidden) expect(statuses[task.id], fixed.text).toBe('pass');
    } finally {
      await page.close();
    }
  });

  it('a syntax error becomes an editor marker and a failed summary naming the line', async () => {
    const lab = subject();
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

      await focusEditor(page);
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => ['pass', 'fail', 'error'].includes((document.querySelector('[data-testid="grade-summary"]') as HTMLElement).dataset.status ?? ''), undefined, { timeout: 120_000 });

      await page.click('[data-action="solution"]');
      await page.waitForSelector('dialog[open]');
      await page.click('[data-testid="confirm-solution"]');
      await page.waitForSelector('[data-testid="solution-diff"]:not([hidden]) .monaco-diff-editor .view-lines');
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

/** The lru-cache lab, the subject of the workbench's own behaviour tests. */
const lru = () => catalog.find('lru-cache')!;
const lruSolution = () => solutionOf(lru(), 'lru-cache.ts');

describe.skipIf(skip)('the workbench as a learner uses it', () => {
  const session = siteSession();

  /** A fresh page of a lab, at a viewport size, with saved code if given. */
  async function open(slug: string, opts: { locale?: 'zh' | 'en'; width?: number; height?: number; saved?: Record<string, string> } = {}): Promise<Page> {
    const page = await session.ctx.newPage();
    await page.setViewportSize({ width: opts.width ?? 1280, height: opts.height ?? 800 });
    await page.goto(`${session.url}${opts.locale === 'zh' ? '' : '/en'}/labs/${slug}/`);
    await page.evaluate(([key, saved]) => { localStorage.clear(); sessionStorage.clear(); if (saved) localStorage.setItem(key, JSON.stringify({ files: saved, savedAt: Date.now() })); }, [storageKey(slug), opts.saved] as const);
    await page.reload();
    await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
    return page;
  }

  const geometry = (page: Page) => page.evaluate(() => {
    const box = (sel: string) => {
      const r = document.querySelector(sel)!.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    return {
      innerWidth, innerHeight, scrollWidth: document.scrollingElement!.scrollWidth,
      editor: box('[data-editor-host]:not([hidden]), [data-testid="solution-diff"]:not([hidden])'),
      results: box('[data-testid="grade-summary"]'),
      check: box('[data-testid="run-tests"]'),
    };
  });

  for (const [width, height] of [[1280, 800], [1920, 1080]]) {
    it(`at ${width}×${height} the editor, the results and an opened solution diff are inside the viewport, nothing scrolls sideways`, async () => {
      const page = await open('lru-cache', { width, height });
      try {
        let g = await geometry(page);
        expect(g.scrollWidth).toBeLessThanOrEqual(g.innerWidth);
        for (const part of [g.editor, g.results, g.check]) {
          expect(part.left).toBeGreaterThanOrEqual(0);
          expect(part.right).toBeLessThanOrEqual(g.innerWidth);
          expect(part.top).toBeGreaterThanOrEqual(0);
          expect(part.bottom).toBeLessThanOrEqual(g.innerHeight);
        }
        expect(g.editor.width).toBeGreaterThan(width * 0.3);
        expect(g.editor.height).toBeGreaterThan(height * 0.4);
        // The results sit beside the editor, not below it.
        expect(g.results.left).toBeGreaterThanOrEqual(g.editor.right - 1);

        await page.click('[data-action="solution"]');
        await page.click('[data-testid="confirm-solution"]');
        await page.waitForSelector('[data-testid="solution-diff"]:not([hidden]) .monaco-diff-editor .view-lines');
        g = await geometry(page);
        expect(g.scrollWidth).toBeLessThanOrEqual(g.innerWidth);
        expect(g.editor.right).toBeLessThanOrEqual(g.innerWidth);
        expect(g.editor.bottom).toBeLessThanOrEqual(g.innerHeight);
        expect(g.editor.width).toBeGreaterThan(width * 0.3);
        expect(g.results.right).toBeLessThanOrEqual(g.innerWidth);
      } finally {
        await page.close();
      }
    });
  }

  it('at 390 px the panes stack, nothing scrolls sideways, and check and the editor are usable', async () => {
    const page = await open('lru-cache', { width: 390, height: 844 });
    try {
      const g = await geometry(page);
      expect(g.scrollWidth).toBeLessThanOrEqual(g.innerWidth);
      expect(g.editor.width).toBeGreaterThan(300);
      expect(g.editor.right).toBeLessThanOrEqual(390);
      expect(g.results.top).toBeGreaterThan(g.editor.bottom - 1);
      const result = await run(page);
      expect(result.status).toBe('fail');
      expect((await geometry(page)).scrollWidth).toBeLessThanOrEqual(390);
    } finally {
      await page.close();
    }
  });

  it('splitters resize the panes with the keyboard and say so with aria', async () => {
    const page = await open('lru-cache');
    try {
      const splitter = '[data-testid="workbench"] [role="separator"][aria-controls^="wb-brief"]';
      const before = Number(await page.getAttribute(splitter, 'aria-valuenow'));
      await page.focus(splitter);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect.poll(async () => Number(await page.getAttribute(splitter, 'aria-valuenow'))).toBeGreaterThan(before + 40);
      expect(await page.getAttribute(splitter, 'aria-orientation')).toBe('vertical');
    } finally {
      await page.close();
    }
  });

  it('check runs the correctness tasks, the full grade adds the performance tasks with progress and a chart per measurement', async () => {
    const lab = lru();
    const page = await open('lru-cache', { saved: { 'lru-cache.ts': lruSolution() } });
    try {
      const correctness = lab.tasks.filter((t) => t.kind === 'correctness').map((t) => t.id);
      const performance = lab.tasks.filter((t) => t.kind === 'performance').map((t) => t.id);
      const check = await run(page);
      expect(check.status).toBe('pass');
      expect(check.text).toMatch(/Every correctness check passes/);
      expect(Object.keys(await taskStatuses(page)).sort()).toEqual([...correctness].sort());

      // Progress per task while the full grade runs.
      await page.click('[data-testid="run-grade"]');
      await page.waitForSelector('[data-testid="task-progress"]');
      const shown = await page.$$eval('[data-testid="task-progress"]', (els) => els.map((e) => (e as HTMLElement).dataset.task));
      expect(shown).toEqual(lab.tasks.map((t) => t.id));
      await page.waitForFunction(() => ['pass', 'fail', 'error'].includes((document.querySelector('[data-testid="grade-summary"]') as HTMLElement).dataset.status ?? ''), undefined, { timeout: 180_000 });
      const statuses = await taskStatuses(page);
      for (const id of [...correctness, ...performance]) expect(statuses[id], id).toBe('pass');
      const charts = await page.$$eval('[data-testid="perf-chart"]', (els) => els.map((e) => ({ median: Number((e as HTMLElement).dataset.median), target: Number((e as HTMLElement).dataset.target), label: e.getAttribute('aria-label') })));
      expect(charts).toHaveLength(performance.length);
      for (const c of charts) {
        expect(Number.isFinite(c.median)).toBe(true);
        expect(c.label).toMatch(/median .*target/);
      }
      // The chart draws the median and the target as lines beside the samples.
      await page.waitForSelector('[data-testid="perf-chart"] canvas');
      for (const legend of await page.$$eval('[data-testid="perf-chart"] .u-legend', (els) => els.map((e) => e.textContent ?? ''))) {
        expect(legend).toMatch(/median.*target/);
      }
    } finally {
      await page.close();
    }
  });

  it('a task runs alone from its ▶, and Ctrl+Enter is the check even before IntelliSense loads', async () => {
    const page = await open('lru-cache', { saved: { 'lru-cache.ts': lruSolution() } });
    try {
      const alone = await run(page, 60_000, '[data-testid="run-task"][data-task="recency"]');
      expect(alone.status).toBe('pass');
      expect(Object.keys(await taskStatuses(page))).toEqual(['recency']);
      expect(await page.getAttribute('[data-testid="grade-summary"]', 'data-mode')).toBe('task');
      await focusEditor(page);
      await page.keyboard.press('Control+Enter');
      await page.waitForFunction(() => (document.querySelector('[data-testid="grade-summary"]') as HTMLElement).dataset.mode === 'check'
        && (document.querySelector('[data-testid="grade-summary"]') as HTMLElement).dataset.status === 'pass', undefined, { timeout: 60_000 });
    } finally {
      await page.close();
    }
  });

  it('console output shows per test, capped with the count left out, and a 100k-line loop is not "no progress"', async () => {
    const chatty = lruSolution()
      .replace(/(\n\s+get\(key: K\)[^{]*\{)/, "$1\n    console.log('get', key);")
      .replace(/(\n\s+clear\(\)[^{]*\{)/, "$1\n    for (let i = 0; i < 100_000; i++) console.warn('clearing', i);");
    expect(chatty).toContain("console.log('get', key)");
    expect(chatty).toContain("console.warn('clearing', i)");
    const page = await open('lru-cache', { saved: { 'lru-cache.ts': chatty } });
    try {
      const result = await run(page, 60_000);
      expect(result.status, result.text).toBe('pass');
      const out = (await page.textContent('[data-testid="console-output"]'))!;
      expect(out).toContain('get returns what set stored, and undefined for a missing key');
      expect(out).toMatch(/get a/);
      expect(out).toMatch(/\[warn\] clearing 0/);
      expect(out).toMatch(/\d+ more line\(s\) not shown/);
      await page.click('[data-testid="workbench"] [role="tab"][data-panel="console"]');
      expect(await page.isVisible('[data-testid="console-output"]')).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('the pre-checks show in the page with a marker: a missing export, a refused import', async () => {
    const page = await open('lru-cache', { saved: { 'lru-cache.ts': lruSolution().replace('export class LRUCache', 'class LRUCache') } });
    try {
      const missing = await run(page);
      expect(missing.status).toBe('error');
      expect(missing.text).toContain('lru-cache.ts does not export LRUCache');
      const line = lruSolution().split('\n').findIndex((l) => l.includes('export class LRUCache')) + 1;
      await page.waitForFunction((at) => (document.querySelector('[data-testid="workbench"]') as HTMLElement).dataset.gradeMarkers?.includes(at), `lru-cache.ts:${line}`);

      await pasteFile(page, 'lru-cache.ts', `import { LRUCache as Real } from 'lru-cache';\n${lruSolution()}`);
      const refused = await run(page);
      expect(refused.status).toBe('error');
      expect(refused.text).toMatch(/lru-cache\.ts:1: may not import "lru-cache"/);
      await page.waitForFunction(() => (document.querySelector('[data-testid="workbench"]') as HTMLElement).dataset.gradeMarkers === 'lru-cache.ts:1');
    } finally {
      await page.close();
    }
  });

  it("markers of the last run go as soon as the code changes (a paste)", async () => {
    const broken = lruSolution().replace('\n', '\nlet broken = ;\n');
    const page = await open('lru-cache', { saved: { 'lru-cache.ts': broken } });
    try {
      await run(page);
      await page.waitForFunction(() => (document.querySelector('[data-testid="workbench"]') as HTMLElement).dataset.gradeMarkers?.includes('lru-cache.ts:2'));
      await pasteFile(page, 'lru-cache.ts', lruSolution());
      await page.waitForFunction(() => (document.querySelector('[data-testid="workbench"]') as HTMLElement).dataset.gradeMarkers === '');
      expect(await page.$$('[data-editor-host] .squiggly-error')).toHaveLength(0);
    } finally {
      await page.close();
    }
  });

  it('the solution opens as a diff: the solution read-only on the left, the learner\'s code editable on the right', async () => {
    const mine = `// mine\n${readFileSync(join(catalog.dirs.labs, 'lru-cache', 'lru-cache.ts'), 'utf8')}`;
    // Wide enough for the diff to show side by side (narrower panes show it inline).
    const page = await open('lru-cache', { width: 1920, height: 1080, saved: { 'lru-cache.ts': mine } });
    try {
      await page.click('[data-action="solution"]');
      await page.click('[data-testid="confirm-solution"]');
      const diff = '[data-testid="solution-diff"]:not([hidden]) .monaco-diff-editor';
      await page.waitForSelector(`${diff} .editor.original .view-lines`);
      const firstLine = lruSolution().split('\n').find((l) => l.trim().length > 8)!.trim();
      await expect.poll(async () => (await page.textContent(`${diff} .editor.original .view-lines`))!.replace(/\u00a0/g, ' ')).toContain(firstLine);
      await expect.poll(async () => (await page.textContent(`${diff} .editor.modified .view-lines`))!.replace(/\u00a0/g, ' ')).toContain('// mine');
      await page.click('[data-action="solution"]');
      expect(await page.isHidden('[data-testid="solution-diff"]')).toBe(true);
    } finally {
      await page.close();
    }
  });

  it('a full grade that passes every browser task says how many points the CLI grades, and the command, never "All passed"', async () => {
    const lab = catalog.find('two-level-cache')!;
    const saved = Object.fromEntries(lab.files.map((f) => [f, solutionOf(lab, f)]));
    const page = await open('two-level-cache', { saved });
    try {
      const result = await run(page, 180_000, '[data-testid="run-grade"]');
      expect(result.status).toBe('pass');
      const cli = lab.tasks.filter((t) => t.env === 'node' || t.hidden).reduce((s, t) => s + t.points, 0);
      expect(cli).toBeGreaterThan(0);
      expect(result.text).toContain('Every task the browser can grade passes');
      expect(result.text).toContain(`Tasks worth ${cli} more points are graded by the CLI only`);
      expect(result.text).toContain('npx workbook grade two-level-cache');
      expect(result.text).not.toMatch(/All passed/);
    } finally {
      await page.close();
    }
  });

  it('a zh page names tests and metrics in Chinese (lru-cache converts its graders)', async () => {
    const buggy = lruSolution().replace(/(\n\s+has\(key: K\)[^{]*\{)/, '$1\n    this.get(key);');
    expect(buggy).not.toBe(lruSolution());
    const page = await open('lru-cache', { locale: 'zh', saved: { 'lru-cache.ts': buggy } });
    try {
      await run(page);
      const names = await page.$$eval('[data-testid="task-result"] .wb-test', (els) => els.map((e) => (e as HTMLElement).dataset.test ?? ''));
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) expect(name, name).toMatch(/[\u4e00-\u9fff]/);
      await pasteFile(page, 'lru-cache.ts', lruSolution());
      await run(page, 120_000, '[data-testid="run-task"][data-task="hot-reads-scale"]');
      const metric = (await page.textContent('[data-testid="perf"] strong'))!;
      expect(metric).toBe('10 万条目时 get 的耗时 ÷ 1 千条目时');
      expect(await page.textContent('[data-testid="perf"]')).toMatch(/测得 .*目标 ≤ 4/);
    } finally {
      await page.close();
    }
  });

  it('untouched scaffolds that import ioredis or nodemailer show no type errors', async () => {
    const typeErrors = async (page: Page) => {
      await page.waitForSelector('[data-testid="workbench"][data-language-service="ready"]', { timeout: 90_000 });
      return Object.fromEntries((await page.getAttribute('[data-testid="workbench"]', 'data-type-errors'))!.split(' ').map((x) => x.split(':')));
    };
    // The count is real: a type error the learner made is counted.
    const scaffold = readFileSync(join(catalog.dirs.labs, 'two-level-cache', 'redis-store.ts'), 'utf8');
    const wrong = await open('two-level-cache', { saved: { 'redis-store.ts': `${scaffold}\nexport const wrong: number = 'text';\n` } });
    try {
      expect((await typeErrors(wrong))['redis-store.ts']).toBe('1');
    } finally {
      await wrong.close();
    }
    for (const [slug, file] of [['two-level-cache', 'redis-store.ts'], ['cache-invalidation', 'redis-bus.ts'], ['alert-notifier', 'node-transport.ts']]) {
      const lab = catalog.find(slug)!;
      expect(lab.files, slug).toContain(file);
      const page = await open(slug);
      try {
        const counts = await typeErrors(page);
        expect(counts[file], `${slug}/${file}`).toBe('0');
        for (const f of lab.files) expect(counts[f], `${slug}/${f}`).toBe('0');
      } finally {
        await page.close();
      }
    }
  });

  it('check and full grade come before the sidebar links and the hint toggles in the tab order', async () => {
    const page = await open('lru-cache');
    try {
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const order: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        order.push(await page.evaluate(() => {
          const a = document.activeElement as HTMLElement;
          if (a.closest('.sidebar-pane')) return 'sidebar';
          if (a.closest('.wb-hint')) return 'hint';
          return a.dataset.testid ?? a.tagName.toLowerCase();
        }));
      }
      const check = order.indexOf('run-tests');
      expect(check, order.join(' ')).toBeGreaterThanOrEqual(0);
      expect(check).toBeLessThan(12);
      expect(order.indexOf('run-grade')).toBe(check + 1);
      for (const later of ['sidebar', 'hint']) {
        const at = order.indexOf(later);
        if (at >= 0) expect(at, later).toBeGreaterThan(check);
      }
      // Long task numbers are whole: "10." is as wide as its text.
      const clipped = await page.$$eval('.wb-task-no', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().left < 0).map((e) => e.textContent));
      expect(clipped).toEqual([]);
      expect(await page.$$eval('.wb-task-no', (els) => els.map((e) => e.textContent))).toContain('10.');
    } finally {
      await page.close();
    }
  });
});

describe.skipIf(skip)('WebContainer fallback on a cross-origin isolated page', () => {
  it('offers WebContainer, fails fast (StackBlitz unreachable), remembers that for the session and keeps grading in the worker', async () => {
    const lab = builtLabs().find((l) => l.slug === 'lru-cache')!;
    expect(lab, 'the lru-cache lab page is built').toBeDefined();
    const site = await serveDist({ isolated: true });
    const ctx = await launch();
    try {
      const page = await ctx.newPage();
      await openLab(page, `${site.url}/en/labs/${lab.slug}/`);
      expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
      const chosen = Date.now();
      await page.selectOption('[data-testid="runtime-select"]', 'webcontainer');
      // A run right after the choice waits for the boot: its time counts from the click, boot included.
      const result = await run(page);
      await page.waitForSelector('[data-testid="runtime-notice"]:not([hidden])', { timeout: 60_000 });
      // The network error ends the boot at once: nothing waits out the 20 s boot limit.
      expect(Date.now() - chosen).toBeLessThan(15_000);
      expect(await page.textContent('[data-testid="runtime-notice"]')).toMatch(/WebContainer could not start.*cannot reach/);
      expect(await page.getAttribute('[data-testid="runtime"]', 'data-runtime')).toBe('worker');
      expect(['pass', 'fail', 'error']).toContain(result.status);
      expect(result.text).toMatch(/browser worker/);
      // The summary's time is the click's (boot included): short of the test's wall time by at most
      // Playwright's round trips, never by a boot it left out (the bug: 693 ms shown for a 19.8 s run).
      expect(Number(await page.getAttribute('[data-testid="grade-summary"]', 'data-duration-ms'))).toBeGreaterThanOrEqual(result.ms - 1500);

      // The next page load in this session does not try again: it says so and grades in the worker at once.
      await page.reload();
      await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
      expect(await page.textContent('[data-testid="runtime-notice"]')).toMatch(/failed to start earlier in this session/);
      expect(await page.getAttribute('[data-testid="runtime"]', 'data-runtime')).toBe('worker');
      expect(await page.inputValue('[data-testid="runtime-select"]')).toBe('worker');
      const again = await run(page);
      expect(again.ms).toBeLessThan(15_000);
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
