// Chapter pages must stay light and load no editor code: scripts/page-weight.mjs
// measures what each built chapter page loads and fails if Monaco is among it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './markdown';

const SCRIPT = join(ROOT, 'scripts/page-weight.mjs');
const DIST = join(ROOT, 'dist');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}`, stdout: r.stdout };
}

describe('page-weight script', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'page-weight-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(tmp, path)), { recursive: true });
    writeFileSync(join(tmp, path), text);
  };
  // A tiny site: one clean chapter per locale, and a zh chapter whose script imports an editor chunk.
  write('content/zh/index.mdx', '');
  write('content/zh/editor.mdx', '');
  write('content/en/index.mdx', '');
  write('dist/index.html', '<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/page.js"></script>');
  write('dist/en/index.html', '<link rel="stylesheet" href="/_astro/site.css"><script type="module" src="/_astro/page.js"></script>');
  write('dist/editor/index.html', '<script type="module" src="/_astro/chapter.js"></script>');
  write('dist/_astro/site.css', '@import "./more.css"; body{color:red}');
  write('dist/_astro/more.css', 'p{margin:0}');
  write('dist/_astro/page.js', 'import{a as b}from"./lib.js";b();import("./lazy.js");');
  write('dist/_astro/lib.js', 'export const a=()=>1;');
  write('dist/_astro/lazy.js', 'self.MonacoEnvironment={};');
  write('dist/_astro/chapter.js', 'import"./chunk.js";');
  write('dist/_astro/chunk.js', '/* .monaco-editor */ export {};');

  it('follows static imports and @import, and leaves lazy imports out of the weight', () => {
    const r = run('--dist', join(tmp, 'dist'), '--content', join(tmp, 'content'), '--json');
    const pages = JSON.parse(r.stdout) as { page: string; js: { files: number }; css: { files: number }; lazy: string[]; monaco: string[] }[];
    const home = pages.find((p) => p.page === '/')!;
    expect(home).toMatchObject({ js: { files: 2 }, css: { files: 2 }, lazy: ['/_astro/lazy.js'], monaco: [] });
    expect(pages.find((p) => p.page === '/editor/')!.monaco).toEqual(['/_astro/chunk.js']);
  });

  it('exits 1 when a chapter page statically loads Monaco, naming it', () => {
    const r = run('--dist', join(tmp, 'dist'), '--content', join(tmp, 'content'));
    expect(r.status).toBe(1);
    expect(r.out).toContain('/editor/ loads editor code or styles: /_astro/chunk.js');
  });
});

const built = existsSync(join(DIST, 'index.html'));
if (!built && !process.env.CI) console.warn('skipping page weight of the built site: dist/ does not exist (npm run build)');

// Locally a missing build skips; in CI it fails, since the check would otherwise never run.
describe.skipIf(!built && !process.env.CI)('built chapter pages', () => {
  it('load no Monaco JS or CSS', () => {
    expect(built, 'dist/ is missing: build the site (npm run build) before this test').toBe(true);
    const r = run();
    console.log(r.out);
    expect(r.status, r.out).toBe(0);
  });
});
