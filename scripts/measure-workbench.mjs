#!/usr/bin/env node
// Measures the lab workbench in headless Chromium against the built site, per lab, with the
// reference solution saved in the page (so every run passes):
//   editor ready     navigation start → Monaco editable (data-editor="ready")
//   IntelliSense     navigation start → TypeScript service ready (data-language-service="ready")
//   check cold/warm  click on Check → results; cold is the first click on a fresh page (right after
//                    the editor is ready, usually before IntelliSense), warm the later clicks
//   grade cold/warm  the same for Full grade (performance tasks included)
//   transferred      every byte a fresh page fetched until IntelliSense was ready, as served
//                    (raw) and as gzip would send it (the local server does not compress)
// Prints a table and writes the numbers as JSON, with the machine's load average beside them:
// numbers from a loaded machine are not targets.
// Usage: npm run build && npm run measure:workbench -- [--labs lru-cache,two-level-cache] [--pages 2] [--runs 5] [--grade-runs 1] [--out file.json]
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { register } from 'tsx/esm/api';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const { values: opts } = parseArgs({
  options: {
    labs: { type: 'string' },
    pages: { type: 'string', default: '2' },
    runs: { type: 'string', default: '5' },
    'grade-runs': { type: 'string', default: '1' },
    out: { type: 'string', default: 'measure-workbench.json' },
  },
});
const PAGES = Number(opts.pages);
const RUNS = Number(opts.runs);
const GRADE_RUNS = Number(opts['grade-runs']);

// Labs come from the one lab catalog (TypeScript, loaded through tsx), like every other script.
register();
const { catalog } = await import('../src/catalog/lab-catalog.ts');
const labs = catalog.labs().filter((lab) => !opts.labs || opts.labs.split(',').includes(lab.slug));
if (labs.length === 0) throw new Error(`no lab matches --labs ${opts.labs}`);
for (const lab of labs) {
  if (!existsSync(join(DIST, 'labs', lab.slug, 'index.html'))) {
    console.error(`dist/labs/${lab.slug}/ is missing: run \`npm run build\` first`);
    process.exit(1);
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.wasm': 'application/wasm' };
const gzipped = new Map();
const server = createServer((req, res) => {
  let file = normalize(join(DIST, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
  if (!file.startsWith(DIST)) return res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

/** What gzip would make of a file the page fetched (as a static host would serve it). */
function gzipSize(url) {
  const path = normalize(join(DIST, decodeURIComponent(new URL(url).pathname)));
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'index.html') : path;
  if (!file.startsWith(DIST) || !existsSync(file)) return 0;
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(file), { level: 6 }).length);
  return gzipped.get(file);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

/** A fresh context (empty cache) with the reference solution saved, and the page's milestones recorded. */
async function freshPage(lab) {
  const files = Object.fromEntries(lab.files.map((f) => [f, readFileSync(join(catalog.dirs.solutions, lab.slug, f), 'utf8')]));
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(([key, value]) => {
    localStorage.setItem(key, value);
    window.__milestones = {};
    new MutationObserver(() => {
      const root = document.querySelector('[data-testid="workbench"]');
      if (!root) return;
      if (root.dataset.editor === 'ready') window.__milestones.editor ??= performance.now();
      if (root.dataset.languageService === 'ready') window.__milestones.intellisense ??= performance.now();
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-editor', 'data-language-service'] });
  }, [`perf-workbook:lab:${lab.slug}:files:v1`, JSON.stringify({ files, savedAt: Date.now() })]);
  const page = await context.newPage();
  const bytes = { raw: 0, gzip: 0, requests: 0 };
  page.on('requestfinished', async (req) => {
    const sizes = await req.sizes().catch(() => undefined);
    bytes.raw += sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0;
    bytes.gzip += gzipSize(req.url());
    bytes.requests++;
  });
  return { context, page, bytes };
}

/** Clicks a run button inside the page and times until the summary shows a finished status. */
const clickToResults = (page, button) => page.evaluate((selector) => new Promise((done) => {
  const summary = document.querySelector('[data-testid="grade-summary"]');
  const t0 = performance.now();
  const obs = new MutationObserver(() => {
    if (['pass', 'fail', 'error'].includes(summary.dataset.status)) {
      obs.disconnect();
      done({ ms: performance.now() - t0, status: summary.dataset.status, text: summary.textContent, testsMs: Number(summary.dataset.testsMs ?? NaN) });
    }
  });
  obs.observe(summary, { attributes: true, attributeFilter: ['data-status'] });
  document.querySelector(selector).click();
}), button);

const median = (xs) => { if (!xs.length) return NaN; const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const CHECK = '[data-testid="run-tests"]';
const GRADE = '[data-testid="run-grade"]';

async function measureLab(lab) {
  const out = { lab: lab.slug, editorReady: [], intellisense: [], checkCold: [], checkWarm: [], gradeCold: [], gradeWarm: [], bytes: [] };
  for (let p = 0; p < PAGES; p++) {
    // Check on one fresh page, the full grade on another, so both cold runs are truly first runs.
    for (const [button, cold, warm, runs] of [[CHECK, out.checkCold, out.checkWarm, RUNS], [GRADE, out.gradeCold, out.gradeWarm, GRADE_RUNS]]) {
      const { context, page, bytes } = await freshPage(lab);
      await page.goto(`${origin}/en/labs/${lab.slug}/`);
      await page.waitForSelector('[data-testid="workbench"][data-editor="ready"]', { timeout: 120_000 });
      const first = await clickToResults(page, button);
      if (first.status !== 'pass') throw new Error(`${lab.slug}: the reference did not pass (${button}): ${first.text}`);
      cold.push(first.ms);
      for (let r = 0; r < runs; r++) warm.push((await clickToResults(page, button)).ms);
      await page.waitForSelector('[data-testid="workbench"][data-language-service="ready"]', { timeout: 120_000 });
      const m = await page.evaluate(() => window.__milestones);
      out.editorReady.push(m.editor);
      out.intellisense.push(m.intellisense);
      await page.waitForLoadState('networkidle');
      out.bytes.push({ ...bytes });
      await context.close();
    }
  }
  return out;
}

const results = [];
for (const lab of labs) {
  process.stderr.write(`measuring ${lab.slug}…\n`);
  results.push(await measureLab(lab));
}
await browser.close();
server.close();

const ms = (xs) => `${Math.round(median(xs))}`;
const mb = (n) => (n / 1e6).toFixed(2);
const rows = results.map((r) => [
  r.lab, ms(r.editorReady), ms(r.intellisense), ms(r.checkCold), ms(r.checkWarm), ms(r.gradeCold), ms(r.gradeWarm),
  `${mb(median(r.bytes.map((b) => b.raw)))} / ${mb(median(r.bytes.map((b) => b.gzip)))}`,
]);
const head = ['lab', 'editor ready', 'IntelliSense', 'check cold', 'check warm', 'grade cold', 'grade warm', 'MB raw / gzip'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
const load = loadavg().map((x) => x.toFixed(1)).join(' ');
console.log(`Lab workbench in headless Chromium, medians in ms (${PAGES} fresh pages per lab and mode, ${RUNS} warm checks, ${GRADE_RUNS} warm grades each).`);
console.log(`Machine: ${cpus().length} cores, load average ${load} (1, 5, 15 min).`);
console.log(line(head));
console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
for (const r of rows) console.log(line(r));
writeFileSync(opts.out, JSON.stringify({ measuredAt: new Date().toISOString(), cores: cpus().length, loadavg: loadavg(), pages: PAGES, runs: RUNS, gradeRuns: GRADE_RUNS, labs: results }, null, 2) + '\n');
console.log(`\nwrote ${opts.out}`);
