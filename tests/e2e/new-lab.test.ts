// Issue 13's promise: a newcomer adds a lab by creating its folders and lab.json, nothing
// else. In a temporary copy of the course (the repository is never touched) a tiny lab is
// laid out with `workbook new-lab`, which writes only labs/<slug>/, solutions/<slug>/ and
// graders/<slug>/. Then, with no other edit, the lab must be in `workbook list`, pass
// `workbook check`, and, after one build of the copy's site, be in the sidebar and the lab
// index of both locales, have its own page in both, and be in the sitemap.
// The copy sits in a git-ignored folder inside the repository (removed afterwards), so it finds
// the installed packages by Node's usual lookup: a symlinked node_modules confuses Astro's build.
// The count of labs is read from the catalog, never assumed.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';

const SLUG = 'zz-newcomer-lab';
const ROOT = catalog.dirs.root;
/** What a copy of the course leaves out: history, installed packages (found from the parent folder), build output, other copies. */
const LEFT_OUT = new Set(['.git', 'node_modules', 'dist', '.astro', 'coverage', '.stryker-tmp']);
const COPY_PREFIX = '.new-lab-test-';

let copy: string;
const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, args, { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 });
const page = (path: string) => readFileSync(join(copy, 'dist', path), 'utf8');

describe('an eleventh lab, added by its folders alone', () => {
  beforeAll(() => {
    copy = mkdtempSync(join(ROOT, COPY_PREFIX));
    // Entry by entry: a folder cannot be copied into itself in one call.
    for (const name of readdirSync(ROOT)) {
      if (!LEFT_OUT.has(name) && !name.startsWith(COPY_PREFIX)) cpSync(join(ROOT, name), join(copy, name), { recursive: true });
    }
  });
  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('workbook new-lab writes only the lab\'s own three folders', () => {
    const made = run(['bin/workbook.mjs', 'new-lab', SLUG, '--section', '3.9.9']);
    expect(made.status, made.stderr).toBe(0);
    const written = made.stdout.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
    expect(written).toContain(`labs/${SLUG}/lab.json`);
    expect(written.filter((f) => !['labs', 'solutions', 'graders'].some((dir) => f.startsWith(`${dir}/${SLUG}/`)))).toEqual([]);
  });

  it('workbook list shows it after the course\'s labs', () => {
    const listed = run(['bin/workbook.mjs', 'list', '--json']);
    expect(listed.status, listed.stderr).toBe(0);
    const slugs = (JSON.parse(listed.stdout) as { slug: string }[]).map((l) => l.slug);
    expect(slugs).toEqual([...catalog.labs().map((l) => l.slug), SLUG]);
  });

  it('workbook check passes on it: the scaffold fails its task, the solution earns it', () => {
    const checked = run(['bin/workbook.mjs', 'check', SLUG]);
    expect(checked.status, `${checked.stdout}\n${checked.stderr}`).toBe(0);
    expect(checked.stdout).toContain('workbook check: 1 labs');
  }, 300_000);

  describe('the built site (one build of the copy)', () => {
    beforeAll(() => {
      // The copy's site, built once into the copy's dist/ (the repository's own dist/ is left alone).
      // SITE_URL makes the sitemap's addresses predictable.
      const built = spawnSync('npx', ['astro', 'build'], {
        cwd: copy, encoding: 'utf8', env: { ...process.env, SITE_URL: 'https://course.test' }, maxBuffer: 64 * 1024 * 1024,
      });
      if (built.status !== 0) throw new Error(`astro build of the copy failed:\n${built.stdout.slice(-4000)}\n${built.stderr.slice(-4000)}`);
    }, 900_000);

    for (const [locale, prefix] of [['zh', ''], ['en', '/en']] as const) {
      const href = `${prefix}/labs/${SLUG}/`;

      it(`${locale}: the lab has its own page`, () => {
        expect(existsSync(join(copy, 'dist', href, 'index.html'))).toBe(true);
        expect(page(`${href}index.html`)).toContain(locale === 'zh' ? '实验：zz newcomer lab' : 'Zz newcomer lab');
      });

      it(`${locale}: the sidebar of another page links it`, () => {
        const home = page(`${prefix}/index.html`);
        expect(home).toContain(`href="${href}"`);
      });

      it(`${locale}: the lab index lists it with its section, points and tasks`, () => {
        const index = page(`${prefix}/labs/index.html`);
        const row = new RegExp(`<tr[^>]*data-lab="${SLUG}"[^>]*>([\\s\\S]*?)</tr>`).exec(index)?.[1] ?? '';
        expect(row).toContain('3.9.9');
        expect(row).toContain(`href="${href}"`);
        expect(row).toMatch(/data-points[^>]*>1</);
        expect(row).toMatch(/data-tasks[^>]*>1</);
        // Every lab of the course is there too, not just the new one.
        for (const lab of catalog.labs()) expect(index).toContain(`data-lab="${lab.slug}"`);
      });
    }

    it('the sitemap lists both lab pages at SITE_URL', () => {
      const sitemap = page('sitemap-0.xml');
      expect(sitemap).toContain(`https://course.test/labs/${SLUG}/`);
      expect(sitemap).toContain(`https://course.test/en/labs/${SLUG}/`);
    });
  });
});
