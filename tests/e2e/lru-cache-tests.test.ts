// The lru-cache-tests lab page in real Chromium against the built site, in both
// locales: the learner's spec and the read-only kit are there, the scaffold fails every
// task, a happy-path spec is sound but leaves bugs uncaught (named in the results), and
// the reference spec earns full marks. Specs arrive through the page's own "Import"
// button, the way a learner brings a file written elsewhere.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { BUGGY_DIR, materializeFixture } from '../../src/node/fixtures';
import { siteSession, skipBrowser } from './harness';

const skip = skipBrowser();
const lab = catalog.find('lru-cache-tests')!;
const FILE = 'lru-cache.spec.ts';
const solution = readFileSync(join(catalog.dirs.solutions, lab.slug, FILE), 'utf8');

function happyPathSpec(): string {
  const root = materializeFixture(join(BUGGY_DIR, 'lru-cache-tests--happy-path-only'));
  try {
    return readFileSync(join(root, lab.slug, FILE), 'utf8');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Replaces the learner's spec through the page's import button (a file picked from disk). */
async function importSpec(page: Page, text: string): Promise<void> {
  await page.setInputFiles('[data-import-input]', { name: FILE, mimeType: 'text/plain', buffer: Buffer.from(text) });
  // The page saves what it imported: wait until storage holds exactly this text.
  await page.waitForFunction(([key, content]) => JSON.parse(localStorage.getItem(key) ?? '{}').files?.['lru-cache.spec.ts'] === content,
    [`perf-workbook:lab:${lab.slug}:files:v1`, text] as const, { timeout: 10_000 });
}

/** Runs the graders in the page; returns the summary's status, score and the tasks' statuses. */
async function grade(page: Page): Promise<{ status: string; score: string; tasks: Record<string, string> }> {
  await page.click('[data-testid="run-tests"]');
  await page.waitForFunction(() => {
    const summary = document.querySelector('[data-testid="grade-summary"]') as HTMLElement;
    return ['pass', 'fail', 'error'].includes(summary.dataset.status ?? '') && !document.querySelector('[data-testid="run-tests"][aria-busy]');
  }, undefined, { timeout: 120_000 });
  return page.$eval('[data-testid="grade-summary"]', (summary) => ({
    status: (summary as HTMLElement).dataset.status!,
    score: (summary as HTMLElement).dataset.score!,
    tasks: Object.fromEntries([...document.querySelectorAll('[data-testid="task-result"]')].map((e) => [(e as HTMLElement).dataset.task!, (e as HTMLElement).dataset.status!])),
  }));
}

const every = (status: string) => Object.fromEntries(lab.tasks.map((t) => [t.id, status]));

describe.skipIf(skip)('the lru-cache-tests lab page in Chromium', () => {
  const site = siteSession();

  /** Opens a lab page, waits for the editor, runs `check` on it, and closes it; the page must throw nothing. */
  async function onLabPage(path: string, check: (page: Page) => Promise<void>): Promise<void> {
    const page = await site.open(path);
    try {
      await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
      await check(page);
      expect(site.errors).toEqual([]);
    } finally {
      await page.close();
    }
  }

  it('zh: the spec and the read-only kit are there, and the scaffold fails every task', () => onLabPage(`/labs/${lab.slug}/`, async (page) => {
    expect(await page.textContent('h1')).toContain(lab.title.zh);
    const tabs = await page.$$eval('[data-testid="file-tab"]', (els) => els.map((e) => (e as HTMLElement).dataset.file));
    expect(tabs.slice(0, 2)).toEqual([FILE, 'spec-kit.ts']);
    const scaffold = await grade(page);
    expect(scaffold.tasks).toEqual(every('fail'));
    expect(scaffold.score).toBe('0');
  }));

  it('en: a happy-path spec is sound, and the results name the broken caches it lets through', () => onLabPage(`/en/labs/${lab.slug}/`, async (page) => {
    expect(await page.textContent('h1')).toContain(lab.title.en);
    await importSpec(page, happyPathSpec());
    const result = await grade(page);
    expect(result.tasks).toEqual({ ...every('fail'), sound: 'pass' });
    const missed = page.locator('[data-task="recency-bugs"] [data-test="a cache whose peek counts as a use of the key"]');
    await expect.poll(() => missed.textContent()).toContain('all 5 of your counted tests pass on this cache too');
  }));

  it('en: the reference spec earns full marks', () => onLabPage(`/en/labs/${lab.slug}/`, async (page) => {
    await importSpec(page, solution);
    const result = await grade(page);
    expect(result.tasks).toEqual(every('pass'));
    expect(result.score).toBe(String(lab.tasks.reduce((sum, t) => sum + t.points, 0)));
  }));
});
