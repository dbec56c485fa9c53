// Links between and out of the chapter pages: every internal link reaches a page
// that exists and, with a #fragment, a heading on it (slugged the way Astro does,
// with github-slugger); every <LabLink> names a lab; every lab is linked from the
// chapter its lab.json names, in both languages; and a lab task the text names
// ("the `speedup` task", "`silences` 任务") is a task some lab really has.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { labSlugs, LABS } from './chapter-code';
import { CHAPTERS, chapterFiles, fences, headings, plain, read } from './markdown';

const LINK = /\]\((\/[^)\s]*)\)/g;
const LAB_LINK = /<LabLink\s+slug="([^"]+)"\s*\/>/g;

/** Markdown text outside code fences (links inside code are code). */
function prose(text: string): string {
  const lines = text.split('\n');
  for (const f of fences(text)) {
    const bodyLines = f.code.split('\n').length;
    for (let i = f.line - 1; i <= f.line + bodyLines; i++) lines[i] = '';
  }
  return lines.join('\n');
}

/** The ids Astro gives the headings of a page (the frontmatter title is the h1 and has none). */
function anchorsOf(mdx: string): Set<string> {
  const slugger = new GithubSlugger();
  return new Set(headings(read(mdx)).map((h) => slugger.slug(plain(h.text))));
}

/** `/en/3-1-profiling/` → content/chapters/en/3-1-profiling.mdx; `/` → zh/index.mdx. */
function pageFile(path: string): string {
  const [, en, slug = ''] = /^\/(en\/)?([^/]*)\/?$/.exec(path) ?? [];
  return join('content/chapters', en ? 'en' : 'zh', `${slug || 'index'}.mdx`);
}

describe('links in the chapters', () => {
  const files = chapterFiles();

  it('reach existing pages and headings', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const mdx of files) {
      for (const m of prose(read(mdx)).matchAll(LINK)) {
        const target = m[1]!;
        const [path = '', fragment] = target.split('#');
        checked++;
        const page = /^\/(en\/)?(labs|ops)\//.exec(path);
        if (page) {
          // Pages outside the chapters: their route must exist under src/pages.
          const route = join(CHAPTERS, '..', '..', 'src/pages', page[1] ?? '', page[2]!);
          if (!existsSync(route) && !existsSync(`${route}.astro`)) broken.push(`${mdx}: ${target} (no route src/pages/${page[1] ?? ''}${page[2]})`);
          continue;
        }
        const file = pageFile(path);
        if (!existsSync(join(CHAPTERS, '..', '..', file))) { broken.push(`${mdx}: ${target} (no ${file})`); continue; }
        if (fragment !== undefined && !anchorsOf(file).has(decodeURIComponent(fragment))) {
          broken.push(`${mdx}: ${target} (no heading with id "${fragment}" in ${file})`);
        }
        const locale = mdx.includes('/en/') ? 'en' : 'zh';
        if ((locale === 'en') !== path.startsWith('/en/')) broken.push(`${mdx}: ${target} leads to the other language`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(broken).toEqual([]);
  });

  it('<LabLink> names labs that exist', () => {
    const slugs = new Set(labSlugs());
    const unknown = files.flatMap((mdx) => [...read(mdx).matchAll(LAB_LINK)].map((m) => m[1]!).filter((s) => !slugs.has(s)).map((s) => `${mdx}: ${s}`));
    expect(unknown).toEqual([]);
  });

  it('names only lab tasks that exist', () => {
    const tasks = new Set(labSlugs().flatMap((slug) => (JSON.parse(readFileSync(join(LABS, slug, 'lab.json'), 'utf8')) as { tasks: { id: string }[] }).tasks.map((t) => t.id)));
    const quizDir = join(CHAPTERS, '..', 'quizzes');
    const texts = [
      ...files.map((mdx) => ({ where: mdx, text: prose(read(mdx)) })),
      ...(existsSync(quizDir) ? readdirSync(quizDir).map((f) => ({ where: `content/quizzes/${f}`, text: readFileSync(join(quizDir, f), 'utf8') })) : []),
    ];
    const named = texts.flatMap(({ where, text }) =>
      [...text.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)` (?:task|任务)/g), ...text.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)*)` and `([a-z0-9-]+)` tasks/g)]
        .flatMap((m) => m.slice(1).filter(Boolean).map((id) => ({ where, id: id! }))),
    );
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !tasks.has(n.id)).map((n) => `${n.where}: no lab has a task "${n.id}"`)).toEqual([]);
  });

  it('every lab is linked from its chapter page in zh and en', () => {
    const missing: string[] = [];
    for (const slug of labSlugs()) {
      const { chapter } = JSON.parse(readFileSync(join(LABS, slug, 'lab.json'), 'utf8')) as { chapter: string };
      for (const locale of ['zh', 'en']) {
        const mdx = `content/chapters/${locale}/${chapter}.mdx`;
        const linked = existsSync(join(CHAPTERS, locale, `${chapter}.mdx`)) && [...read(mdx).matchAll(LAB_LINK)].some((m) => m[1] === slug);
        if (!linked) missing.push(`${slug} is not linked from ${mdx}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
