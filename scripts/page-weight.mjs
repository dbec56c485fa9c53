#!/usr/bin/env node
// What each built chapter page makes the browser download before it is usable:
// the JS and CSS it loads (script src, modulepreload, stylesheet links, and the
// static imports of those files, followed transitively), with byte sizes.
// Chapter pages must load no editor: exit 1 if one pulls Monaco's JS or CSS.
//
//   node scripts/page-weight.mjs [--dist dist] [--content content/chapters] [--json] [--detail]
//
// Exit status: 0 fine, 1 a chapter page loads Monaco, 2 nothing to measure.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, posix, relative, resolve, sep } from 'node:path';
import { parseFlags } from './flags.mjs';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const { values: options } = parseFlags({
  dist: { type: 'string', default: join(root, 'dist') },
  content: { type: 'string', default: join(root, 'content/chapters') },
  json: { type: 'boolean', default: false },
  detail: { type: 'boolean', default: false },
});
const dist = resolve(options.dist);
const content = resolve(options.content);

/** Monaco is recognised by file name or by markers its code and stylesheet carry. */
const MONACO_NAME = /monaco|editor\.main|editor\.worker|ts\.worker/i;
const MONACO_CONTENT = /monaco-editor|MonacoEnvironment|\.monaco-(?:editor|workbench|list|scrollable)/;

/** Chapter pages as [locale, url path, html file]: from content/chapters when present, else every non-lab page. */
function chapterPages() {
  const pages = [];
  const htmlFor = (urlPath) => join(dist, urlPath, 'index.html');
  if (existsSync(content)) {
    for (const [locale, prefix] of [['zh', '/'], ['en', '/en/']]) {
      const dir = join(content, locale);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).filter((n) => /^[^_].*\.mdx?$/.test(n)).sort()) {
        const slug = name.replace(/\.mdx?$/, '');
        const urlPath = slug === 'index' ? prefix : `${prefix}${slug}/`;
        if (existsSync(htmlFor(urlPath))) pages.push({ locale, urlPath, file: htmlFor(urlPath) });
        else console.warn(`warning: ${relative(root, join(dir, name))} has no built page at ${urlPath} (stale dist?)`);
      }
    }
    return pages;
  }
  const skipped = ['_astro', 'pagefind', 'labs'];
  const built = readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((rel) => basename(rel) === 'index.html' && !rel.split(sep).some((part) => skipped.includes(part)));
  for (const file of built.map((rel) => join(dist, rel))) {
    const urlPath = '/' + relative(dist, dirname(file)).split('\\').join('/');
    const normalized = urlPath === '/' ? '/' : `${urlPath}/`;
    if (/^\/en\/labs\//.test(normalized)) continue;
    pages.push({ locale: normalized.startsWith('/en/') ? 'en' : 'zh', urlPath: normalized, file });
  }
  return pages;
}

const attr = (tag, name) => new RegExp(`\\b${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag)?.slice(2).find((v) => v !== undefined);

/** What an HTML page references directly, and its inline script and style text. */
function pageReferences(html) {
  const refs = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, 'src');
    if (src) refs.push({ kind: 'js', url: src, via: 'script' });
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attr(tag, 'href');
    if (!href) continue;
    if (rel.includes('modulepreload')) refs.push({ kind: 'js', url: href, via: 'modulepreload' });
    else if (rel.includes('stylesheet')) refs.push({ kind: 'css', url: href, via: 'stylesheet' });
    else if (rel.includes('preload') && ['script', 'style'].includes(attr(tag, 'as') ?? '')) {
      refs.push({ kind: attr(tag, 'as') === 'script' ? 'js' : 'css', url: href, via: 'preload' });
    }
  }
  const inlineScripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].filter(([, a]) => !/\bsrc\s*=/.test(a)).map((m) => m[2]);
  const inlineStyles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map((m) => m[1]);
  return { refs, inlineScripts, inlineStyles };
}

/** Static and dynamic import specifiers of a JS module (minified output included). */
function jsImports(code) {
  const staticSpecs = new Set();
  const dynamicSpecs = new Set();
  for (const m of code.matchAll(/(?:^|[^\w$.])import\s*(?:[\w$*{][^"'`();]*?from\s*)?["']([^"']+)["']/g)) staticSpecs.add(m[1]);
  for (const m of code.matchAll(/(?:^|[^\w$.])export\s*[\w$*{][^"'`();]*?from\s*["']([^"']+)["']/g)) staticSpecs.add(m[1]);
  for (const m of code.matchAll(/(?:^|[^\w$.])import\s*\(\s*["']([^"']+)["']\s*\)/g)) dynamicSpecs.add(m[1]);
  // Only paths a browser can load: bare names ("vitest") can appear in source text the bundle
  // carries as strings (the graders shipped to the workbench), never as real imports.
  const loadable = (spec) => /^(?:\.{1,2}\/|\/)[^\s"'`]*\.(?:m?js|css)(?:[?#].*)?$/.test(spec);
  return { staticSpecs: [...staticSpecs].filter(loadable), dynamicSpecs: [...dynamicSpecs].filter(loadable) };
}

function cssImports(code) {
  return [...code.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)["']?\s*\)?/g)].map((m) => m[1]);
}

const isExternal = (url) => /^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:');

/** Resolves a URL used in `fromUrl` (a path on the site) to a path on the site. */
function resolveUrl(url, fromUrl) {
  const clean = url.split(/[?#]/)[0];
  return clean.startsWith('/') ? posix.normalize(clean) : posix.normalize(posix.join(posix.dirname(fromUrl), clean));
}

const sizes = new Map();
function asset(urlPath) {
  if (!sizes.has(urlPath)) {
    const file = join(dist, urlPath);
    if (!existsSync(file) || !statSync(file).isFile()) sizes.set(urlPath, undefined);
    else {
      const body = readFileSync(file);
      sizes.set(urlPath, { bytes: body.length, gzip: gzipSync(body).length, text: body.toString('utf8') });
    }
  }
  return sizes.get(urlPath);
}

function measure(page) {
  const html = readFileSync(page.file, 'utf8');
  const { refs, inlineScripts, inlineStyles } = pageReferences(html);
  const loaded = new Map(); // url path → { kind, via }
  const lazy = new Set();
  const missing = [];
  const external = [];
  const queue = refs.map((r) => ({ ...r, from: page.urlPath }));
  for (const code of inlineScripts) {
    for (const spec of jsImports(code).staticSpecs) queue.push({ kind: 'js', url: spec, via: 'inline import', from: page.urlPath });
    for (const spec of jsImports(code).dynamicSpecs) lazy.add(resolveUrl(spec, page.urlPath));
  }
  while (queue.length) {
    const ref = queue.shift();
    if (isExternal(ref.url)) { external.push(ref.url); continue; }
    const urlPath = resolveUrl(ref.url, ref.from);
    if (loaded.has(urlPath)) continue;
    const a = asset(urlPath);
    if (!a) { missing.push(urlPath); continue; }
    loaded.set(urlPath, { kind: ref.kind, via: ref.via });
    if (ref.kind === 'js') {
      const { staticSpecs, dynamicSpecs } = jsImports(a.text);
      for (const spec of staticSpecs) queue.push({ kind: spec.endsWith('.css') ? 'css' : 'js', url: spec, via: `import in ${posix.basename(urlPath)}`, from: urlPath });
      for (const spec of dynamicSpecs) if (!isExternal(spec)) lazy.add(resolveUrl(spec, urlPath));
    } else {
      for (const spec of cssImports(a.text)) queue.push({ kind: 'css', url: spec, via: `@import in ${posix.basename(urlPath)}`, from: urlPath });
    }
  }
  for (const url of loaded.keys()) lazy.delete(url);

  const assets = [...loaded].map(([url, { kind, via }]) => {
    const a = asset(url);
    const monaco = MONACO_NAME.test(posix.basename(url)) || MONACO_CONTENT.test(a.text);
    return { url, kind, via, bytes: a.bytes, gzip: a.gzip, monaco };
  });
  const inline = {
    jsBytes: inlineScripts.reduce((n, s) => n + Buffer.byteLength(s), 0),
    cssBytes: inlineStyles.reduce((n, s) => n + Buffer.byteLength(s), 0),
  };
  const inlineMonaco = [...inlineScripts, ...inlineStyles].some((s) => MONACO_CONTENT.test(s));
  const sum = (kind, key) => assets.filter((a) => a.kind === kind).reduce((n, a) => n + a[key], 0);
  return {
    locale: page.locale,
    page: page.urlPath,
    js: { files: assets.filter((a) => a.kind === 'js').length, bytes: sum('js', 'bytes'), gzip: sum('js', 'gzip') },
    css: { files: assets.filter((a) => a.kind === 'css').length, bytes: sum('css', 'bytes'), gzip: sum('css', 'gzip') },
    inline,
    lazy: [...lazy].sort(),
    monaco: assets.filter((a) => a.monaco).map((a) => a.url).concat(inlineMonaco ? ['(inline script or style)'] : []),
    missing,
    external,
    assets,
  };
}

const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const pad = (s, n, right = false) => (right ? String(s).padStart(n) : String(s).padEnd(n));

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`no built site at ${dist} (run npm run build)`);
  process.exit(2);
}
const pages = chapterPages();
if (pages.length === 0) {
  console.error(`no chapter pages found in ${dist}`);
  process.exit(2);
}
const results = pages.map(measure);

if (options.json) {
  console.log(JSON.stringify(results.map(({ assets, ...r }) => ({ ...r, assets: assets.map(({ url, kind, bytes, gzip, monaco }) => ({ url, kind, bytes, gzip, monaco })) })), null, 2));
} else {
  const w = Math.max(6, ...results.map((r) => r.page.length)) + 2;
  console.log(`${pad('page', w)}${pad('JS files', 9, true)}${pad('JS', 11, true)}${pad('gzip', 10, true)}${pad('CSS files', 11, true)}${pad('CSS', 11, true)}${pad('gzip', 10, true)}${pad('inline', 10, true)}${pad('lazy JS', 9, true)}  monaco`);
  for (const r of results) {
    console.log(`${pad(r.page, w)}${pad(r.js.files, 9, true)}${pad(kb(r.js.bytes), 11, true)}${pad(kb(r.js.gzip), 10, true)}${pad(r.css.files, 11, true)}${pad(kb(r.css.bytes), 11, true)}${pad(kb(r.css.gzip), 10, true)}${pad(kb(r.inline.jsBytes + r.inline.cssBytes), 10, true)}${pad(r.lazy.length, 9, true)}  ${r.monaco.length ? 'YES' : 'no'}`);
    if (options.detail) {
      for (const a of r.assets) console.log(`    ${pad(a.kind, 4)}${pad(kb(a.bytes), 10, true)}${pad(kb(a.gzip), 10, true)}  ${a.url}  (${a.via})${a.monaco ? '  ← Monaco' : ''}`);
      for (const l of r.lazy) console.log(`    lazy${pad('', 20)}  ${l}`);
    }
    for (const m of r.missing) console.warn(`    warning: ${r.page} references ${m}, which is not in dist`);
  }
  console.log(`${results.length} chapter page(s) (${results.filter((r) => r.locale === 'zh').length} zh, ${results.filter((r) => r.locale === 'en').length} en); sizes are bytes on disk and gzip -6.`);
}

const offenders = results.filter((r) => r.monaco.length);
if (offenders.length) {
  for (const r of offenders) console.error(`${r.page} loads editor code or styles: ${r.monaco.join(', ')}`);
  console.error('Chapter pages must load no Monaco JS or CSS: load it only from the lab workbench chunk.');
  process.exit(1);
}
