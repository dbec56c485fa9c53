// `workbook new-lab`: lays out a lab the catalog accepts and `workbook check` can grade,
// in a temporary course (the repository is never touched), and refuses bad or taken slugs.
// tests/e2e/new-lab.test.ts grades and builds such a lab end to end.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog, LabCatalog } from '../../src/catalog/lab-catalog';
import { createLab, newLabFiles, NewLabError } from '../../src/catalog/new-lab';
import { main } from '../../src/cli/main';
import { NEW_LAB_HELP } from '../../src/cli/new-lab';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A course with one existing lab, copied from this repository's first lab. */
function course(): LabCatalog {
  const root = mkdtempSync(join(tmpdir(), 'new-lab-'));
  roots.push(root);
  const first = catalog.labs()[0];
  mkdirSync(join(root, 'labs', first.slug), { recursive: true });
  writeFileSync(join(root, 'labs', first.slug, 'lab.json'), readFileSync(join(catalog.dirs.labs, first.slug, 'lab.json')));
  return new LabCatalog(root);
}

describe('workbook new-lab', () => {
  it('lays out a lab the catalog accepts, after the existing ones, with nothing missing', () => {
    const c = course();
    const written = createLab(c, { slug: 'ring-buffer', section: '3.2.4', chapter: '3-2-data-structures' });
    expect(written.sort()).toEqual([
      'graders/ring-buffer/ring-buffer.test.ts',
      'labs/ring-buffer/instructions.en.md', 'labs/ring-buffer/instructions.zh.md', 'labs/ring-buffer/lab.json', 'labs/ring-buffer/ring-buffer.ts',
      'solutions/ring-buffer/ring-buffer.ts',
    ]);
    const [existing, lab] = c.labs();
    expect(lab).toMatchObject({ slug: 'ring-buffer', section: '3.2.4', chapter: '3-2-data-structures', order: existing.order + 1 });
    expect(c.layoutProblems(lab)).toEqual([]);
    expect(c.hasSolution(lab)).toBe(true);
    // The grader's describe names the task lab.json declares.
    expect(readFileSync(join(c.dirs.graders, 'ring-buffer', 'ring-buffer.test.ts'), 'utf8')).toContain(`describe('${lab.tasks[0].id}'`);
  });

  it('defaults section and chapter to the last lab\'s', () => {
    const c = course();
    const last = c.labs().at(-1)!;
    expect(JSON.parse(newLabFiles(c, { slug: 'x' })['labs/x/lab.json'])).toMatchObject({ section: last.section, chapter: last.chapter });
  });

  it('refuses a taken slug, a bad slug and a bad section with a sentence, writing nothing', () => {
    const c = course();
    const taken = c.labs()[0].slug;
    expect(() => createLab(c, { slug: taken })).toThrow(new NewLabError(`a lab "${taken}" already exists (labs/${taken}/): pick another slug`));
    expect(() => createLab(c, { slug: 'Bad_Slug' })).toThrow(/"Bad_Slug" cannot be a lab slug: it must be kebab-case/);
    expect(() => createLab(c, { slug: 'ok', section: 'three' })).toThrow(/section: must be a section number/);
    expect(c.labs()).toHaveLength(1);
  });

  it('the command has --help, and bad usage exits 2 with the reason', async () => {
    const out: string[] = [];
    const log = console.log, error = console.error;
    console.log = (s: string) => out.push(s);
    console.error = (s: string) => out.push(s);
    try {
      expect(await main(['new-lab', '--help'])).toBe(0);
      expect(out.pop()).toBe(NEW_LAB_HELP);
      expect(await main(['new-lab', catalog.labs()[0].slug])).toBe(2);
      expect(out.pop()).toMatch(/already exists/);
      expect(await main(['new-lab'])).toBe(2);
      expect(out.pop()).toMatch(/new-lab takes one slug, got 0/);
    } finally {
      console.log = log;
      console.error = error;
    }
  });
});
