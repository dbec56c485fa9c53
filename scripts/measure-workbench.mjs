#!/usr/bin/env node
// Measures click-to-results in the lab workbench in headless Chromium: the LRU lab's
// correctness tasks (`?tasks=correctness`) with the reference solution in the editor.
// Cold: the first run on a freshly loaded page (the grading worker was only pre-warmed).
// Warm: later runs on the same page. Targets: cold < 1 s, warm < 0.2 s.
// Usage: npm run build && node scripts/measure-workbench.mjs [slug] [--pages 3] [--runs 10]
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? Number(args[i + 1]) : fallback; };
const slug = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--')) ?? 'lru-cache';
const PAGES = opt('pages', 3);
const RUNS = opt('runs', 10);

if (!existsSync(join(DIST, 'labs', slug, 'index.html'))) {
  console.error(`dist/labs/${slug}/ is missing: run \`npm run build\` first`);
  process.exit(1);
}
const lab = JSON.parse(readFileSync(join(ROOT, 'labs', slug, 'lab.json'), 'utf8'));
const files = Object.fromEntries(lab.files.map((f) => [f, readFileSync(join(ROOT, 'solutions', slug, f), 'utf8')]));

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  let file = normalize(join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
  if (!file.startsWith(DIST)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/en/labs/${slug}/`;
const correctness = lab.tasks.filter((t) => (t.kind ?? 'correctness') === 'correctness').map((t) => t.id);

const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pw-measure-')), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
// The reference solution is what the learner has saved, so the page opens with it.
await ctx.addInitScript(([key, value]) => localStorage.setItem(key, value), [`perf-workbook:lab:${slug}:files:v1`, JSON.stringify({ files, savedAt: Date.now() })]);

/** Clicks run inside the page and times until the summary shows a finished status. */
const clickToResults = (page) => page.evaluate(() => new Promise((done) => {
  const summary = document.querySelector('[data-testid="grade-summary"]');
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (['pass', 'fail', 'error'].includes(summary.dataset.status)) {
      obs.disconnect();
      done({ ms: performance.now() - t0, status: summary.dataset.status, text: summary.textContent, testsMs: Number(summary.dataset.testsMs ?? NaN) });
    }
  });
  obs.observe(summary, { attributes: true, attributeFilter: ['data-status'] });
  document.querySelector('[data-testid="run-tests"]').click();
}));

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** Cold and warm click-to-results for one task selection; `overhead` is the time not spent inside the tests. */
async function measure(tasks) {
  const cold = [];
  const warm = [];
  for (let p = 0; p < PAGES; p++) {
    const page = await ctx.newPage();
    await page.goto(`${base}?tasks=${tasks.join(',')}`);
    await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 60_000 });
    const first = await clickToResults(page);
    if (first.status !== 'pass') throw new Error(`the reference did not pass: ${first.text}`);
    cold.push(first);
    for (let r = 0; r < RUNS; r++) warm.push(await clickToResults(page));
    await page.close();
  }
  return { cold, warm };
}

const fmt = (ms) => `${ms.toFixed(0)} ms`;
const line = (label, runs, target) => {
  const ms = median(runs.map((r) => r.ms));
  const tests = median(runs.map((r) => r.testsMs));
  const over = median(runs.map((r) => r.ms - r.testsMs));
  return `  ${label}: median ${fmt(ms)} (max ${fmt(Math.max(...runs.map((r) => r.ms)))}); inside the tests ${fmt(tests)}, runtime overhead ${fmt(over)}; target < ${target} ms ${ms < target ? 'OK' : 'MISSED'}`;
};

const heavy = correctness.filter((id) => /model|random/.test(id));
const selections = [[`all ${correctness.length} correctness tasks`, correctness]];
if (heavy.length && heavy.length < correctness.length) {
  selections.push([`correctness tasks without ${heavy.join(', ')}`, correctness.filter((id) => !heavy.includes(id))]);
}
console.log(`Workbench click-to-results, lab ${slug}, reference solution, headless Chromium (${PAGES} fresh pages, ${RUNS} warm runs each)`);
for (const [label, tasks] of selections) {
  const { cold, warm } = await measure(tasks);
  console.log(`${label}:`);
  console.log(line('cold (first run on a fresh page)', cold, 1000));
  console.log(line('warm (later runs)', warm, 200));
}
await ctx.close();
server.close();
