// Shared by every browser test: Debian's Chromium through playwright-core, and a
// static server for the built site (dist/) that sends the headers WebContainer needs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const DIST = resolve(import.meta.dirname, '../../dist');

/**
 * Why browser tests cannot run here, or undefined when they can. In CI a missing
 * browser or build is a failure, not a skip: callers throw instead.
 */
export function browserUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium not found at ${CHROMIUM} (apt install chromium)`;
  if (!existsSync(join(DIST, 'index.html'))) return 'the site is not built (npm run build)';
  return undefined;
}

/** Use as `describe.skipIf(skipBrowser())`: skips locally with a reason, throws in CI. */
export function skipBrowser(): boolean {
  const reason = browserUnavailable();
  if (!reason) return false;
  if (process.env.CI) throw new Error(`Browser tests must run in CI: ${reason}`);
  console.warn(`skipping browser tests: ${reason}`);
  return true;
}

export async function launch(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2',
  '.txt': 'text/plain', '.xml': 'application/xml', '.wasm': 'application/wasm', '.ttf': 'font/ttf',
};

/** Serves `dist/` on a free loopback port; `isolated` adds COOP/COEP like the real deployment. */
export async function serveDist(opts: { isolated?: boolean } = {}): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(DIST, path));
    if (!file.startsWith(DIST)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) { res.writeHead(404).end('not found'); return; }
    const headers: Record<string, string> = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' };
    if (opts.isolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
      headers['cross-origin-resource-policy'] = 'same-origin';
    }
    res.writeHead(200, headers).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server, close: () => new Promise((r) => server.close(() => r())) };
}

/** URL paths of built pages (not labs, not 404) whose HTML contains `marker`, zh first then en. */
export function pagesWith(marker: string, locale?: 'zh' | 'en'): string[] {
  const out: string[] = [];
  const skipped = ['_astro', 'pagefind', 'labs'];
  for (const rel of readdirSync(DIST, { recursive: true, encoding: 'utf8' })) {
    const parts = rel.split(sep);
    if (parts.at(-1) !== 'index.html' || parts.some((part) => skipped.includes(part))) continue;
    if (!readFileSync(join(DIST, rel), 'utf8').includes(marker)) continue;
    const path = `/${parts.slice(0, -1).join('/')}/`.replace(/\/+/g, '/');
    const isEn = path === '/en/' || path.startsWith('/en/');
    if (!locale || (locale === 'en') === isEn) out.push(path);
  }
  return out.sort();
}

export function firstPageWith(marker: string, locale?: 'zh' | 'en'): string {
  const [page] = pagesWith(marker, locale);
  if (!page) throw new Error(`no built ${locale ?? ''} chapter page contains ${marker}: is the component used in the chapters?`);
  return page;
}

/**
 * For a describe block of page tests: serves dist/ and launches Chromium before its tests and
 * closes both after. `open(path)` loads a page; `errors` collects that page's uncaught errors.
 */
export function siteSession() {
  let ctx: BrowserContext | undefined;
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  const errors: string[] = [];
  beforeAll(async () => {
    server = await serveDist();
    ctx = await launch();
  });
  afterAll(async () => {
    await ctx?.close();
    await server?.close();
  });
  return {
    errors,
    get url(): string { return server!.url; },
    get ctx(): BrowserContext { return ctx!; },
    async open(path: string): Promise<Page> {
      const page = await ctx!.newPage();
      errors.length = 0;
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(server!.url + path);
      return page;
    },
  };
}

// ---- lab pages -------------------------------------------------------------------------

/** Where a lab page saves the learner's files (src/workbench/storage.ts). */
export const storageKey = (slug: string) => `perf-workbook:lab:${slug}:files:v1`;

/** Opens a lab page and waits until its editor is ready. */
export async function openLab(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
}

/** Pastes a whole file into the editor the way a browser paste arrives: select all, then a paste event. */
export async function pasteFile(page: Page, file: string, text: string): Promise<void> {
  await page.click(`[data-testid="file-tab"][data-file="${file}"]`);
  await page.click('[data-editor-host] .view-lines');
  await page.keyboard.press('Control+A');
  await page.evaluate((content) => {
    const target = document.activeElement as HTMLElement;
    const data = new DataTransfer();
    data.setData('text/plain', content);
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
  // The edit is saved (debounced); wait until storage holds exactly this text.
  await page.waitForFunction(([key, name, content]) => {
    const saved = JSON.parse(localStorage.getItem(key) ?? '{}');
    return saved.files?.[name] === content;
  }, [storageKey(await page.getAttribute('[data-testid="workbench"]', 'data-slug') ?? ''), file, text] as const, { timeout: 10_000 });
}
