// The lab catalog: the one reader of labs/, solutions/ and graders/. Checked against a
// tiny course laid out in a temporary folder, and against this repository's labs.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { globSync } from 'tinyglobby';
import { afterAll, describe, expect, it } from 'vitest';
import { catalog, LabCatalog, UnknownLabError } from '../../src/catalog/lab-catalog';
import { givenFilesPlugin } from '../../src/catalog/given-files';
import { GRADER_GLOBS, graderFileRole, sortGraderFiles } from '../../src/core/grader-files';
import { composeImplementation, LabFormatError, parseLab } from '../../src/core/lab';
import { localeFallbacks } from '../../src/i18n/locale';

const tiny = {
  slug: 'tiny', order: 11, section: '3.1', chapter: '3-1-profiling',
  title: { zh: '小实验', en: 'A tiny lab' }, summary: { zh: '摘要', en: 'Summary' },
  files: ['tiny.ts'],
  tasks: [{ id: 'works', points: 1, title: { zh: '能用', en: 'Works' } }],
};

function course(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'catalog-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('lab catalog', () => {
  const roots: string[] = [];
  afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const make = (files: Record<string, string>) => {
    const root = course(files);
    roots.push(root);
    return new LabCatalog(root);
  };

  it('finds a lab by its folder and lab.json alone, and bundles only what a browser may run', () => {
    const c = make({
      'labs/tiny/lab.json': JSON.stringify(tiny),
      'labs/tiny/tiny.ts': 'export const x = 0;\n',
      'labs/tiny/instructions.en.md': '# Tiny\n',
      'solutions/tiny/tiny.ts': 'export const x = 1;\n',
      'graders/tiny/tiny.test.ts': '// browser test\n',
      'graders/tiny/helpers.ts': '// helper\n',
      'graders/tiny/redis.node.test.ts': '// node only\n',
      'graders/tiny/peers.node.ts': '// node helper\n',
      'graders/tiny/hidden/secret.test.ts': '// hidden\n',
      'graders/tiny/notes.txt': 'not TypeScript',
    });
    expect(c.labs().map((l) => l.slug)).toEqual(['tiny']);
    expect(c.graderFiles('tiny')).toEqual({
      browserTests: ['tiny.test.ts'], browserHelpers: ['helpers.ts'],
      nodeOnly: ['peers.node.ts', 'redis.node.test.ts'], hidden: ['hidden/secret.test.ts'],
    });
    expect(c.nodeTestFiles('tiny').map((p) => p.slice(c.dirs.graders.length + 1))).toEqual(['tiny/hidden/secret.test.ts', 'tiny/redis.node.test.ts', 'tiny/tiny.test.ts']);
    expect(c.nodeTestFiles('tiny', { hidden: false })).toHaveLength(2);
    const bundle = c.bundle(c.labs()[0]);
    expect(Object.keys(bundle.graders)).toEqual(['helpers.ts', 'tiny.test.ts']);
    expect(bundle.scaffold).toEqual({ 'tiny.ts': 'export const x = 0;\n' });
    expect(c.hasSolution(c.labs()[0])).toBe(true);
    // Only English instructions: Chinese pages fall back to them.
    expect(c.instructions('tiny', 'zh')?.locale).toBe('en');
    expect(c.layoutProblems(c.labs()[0])).toEqual(['labs/tiny/instructions.zh.md is missing']);
  });

  it("reads a submission's code files for the pre-checks, helpers included, with the given files on top", () => {
    const c = make({
      'labs/tiny/lab.json': JSON.stringify({ ...tiny, given: ['clock.ts'] }),
      'labs/tiny/clock.ts': 'course clock',
      'sub/tiny/tiny.ts': 'mine', 'sub/tiny/util/helper.js': 'helper', 'sub/tiny/clock.ts': 'my clock',
      'sub/tiny/notes.md': 'not code', 'sub/tiny/node_modules/x/index.js': 'a package',
    });
    expect(c.implementationFiles(c.labs()[0], join(c.dirs.root, 'sub'))).toEqual({ 'tiny.ts': 'mine', 'util/helper.js': 'helper', 'clock.ts': 'course clock' });
  });

  it('names the file and the field of a malformed lab.json', () => {
    const c = make({ 'labs/tiny/lab.json': JSON.stringify({ ...tiny, tasks: [{ id: 'Bad Id', points: 0, title: tiny.title }] }) });
    expect(() => c.labs()).toThrow(LabFormatError);
    expect(() => c.labs()).toThrow(/labs\/tiny\/lab\.json[\s\S]*tasks\.0\.id[\s\S]*tasks\.0\.points/);
  });

  it('an unknown slug is an error that lists the known ones', () => {
    expect(() => catalog.select(['no-such-lab'])).toThrow(UnknownLabError);
    expect(() => catalog.select(['no-such-lab'])).toThrow(/known labs: lru-cache/);
  });

  it("this repository's labs are all valid, in course order, each with a page-ready bundle", () => {
    const labs = catalog.labs();
    expect(labs.length).toBeGreaterThanOrEqual(10);
    expect(labs.map((l) => l.order)).toEqual([...labs.map((l) => l.order)].sort((a, b) => a - b));
    for (const lab of labs) {
      const bundle = catalog.bundle(lab);
      for (const path of Object.keys(bundle.graders)) expect(graderFileRole(path)).toMatch(/^browser-/);
    }
  });
});

describe('given files', () => {
  it('a file is either edited or given, never both', () => {
    expect(() => parseLab('labs/tiny/lab.json', JSON.stringify({ ...tiny, given: ['tiny.ts'] }))).toThrow(/given\.0: "tiny\.ts" is listed in "files" too/);
  });

  it('exist once, in labs/: the bundle carries them, check flags a copy in solutions/', () => {
    const root = course({
      'labs/tiny/lab.json': JSON.stringify({ ...tiny, given: ['clock.ts'] }),
      'labs/tiny/tiny.ts': 'export {};\n', 'labs/tiny/clock.ts': 'export const now = () => 0;\n',
      'labs/tiny/instructions.zh.md': '#\n', 'labs/tiny/instructions.en.md': '#\n',
      'solutions/tiny/tiny.ts': 'export {};\n', 'solutions/tiny/clock.ts': 'export const now = () => 0;\n',
      'graders/tiny/tiny.test.ts': '',
    });
    try {
      const c = new LabCatalog(root);
      const [lab] = c.labs();
      expect(c.bundle(lab).given).toEqual({ 'clock.ts': 'export const now = () => 0;\n' });
      expect(c.layoutProblems(lab)).toEqual(['solutions/tiny/clock.ts repeats a given file: given files live only in labs/tiny/']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("the course's copy wins over the learner's, in the browser and in Node", () => {
    expect(composeImplementation({ 'a.ts': 'mine', 'clock.ts': 'my clock' }, { 'clock.ts': 'course clock' })).toEqual({ 'a.ts': 'mine', 'clock.ts': 'course clock' });
    const plugin = givenFilesPlugin(catalog, '/submission');
    const resolveId = plugin.resolveId as (source: string, importer?: string) => string | null;
    const course = join(catalog.dirs.labs, 'agent-executor', 'clock.ts');
    expect(resolveId('./clock', '/submission/agent-executor/executor.ts')).toBe(course);
    expect(resolveId('./clock.js', '/submission/agent-executor/executor.ts')).toBe(course);
    expect(resolveId('/submission/agent-executor/clock', undefined)).toBe(course); // `@impl/agent-executor/clock` after the alias
    expect(resolveId('./executor', '/submission/agent-executor/fetcher.ts')).toBeNull();
    expect(resolveId('./clock', '/submission/lru-cache/lru-cache.ts')).toBeNull();
  });
});

describe('grader file rules', () => {
  it('sorts by role: hidden first, then Node-only, then tests and helpers', () => {
    expect(sortGraderFiles(['a.test.ts', 'b.ts', 'c.node.test.ts', 'c.node.ts', 'hidden/d.test.ts', 'hidden/e.node.test.ts', 'f.md'])).toEqual({
      browserTests: ['a.test.ts'], browserHelpers: ['b.ts'], nodeOnly: ['c.node.test.ts', 'c.node.ts'], hidden: ['hidden/d.test.ts', 'hidden/e.node.test.ts'],
    });
  });

  it("the globs the Vitest configs use pick exactly the files the rules pick, in every lab's graders", () => {
    for (const lab of catalog.labs()) {
      const cwd = join(catalog.dirs.graders, lab.slug);
      const glob = (include: string, ignore: string[] = []) => globSync(include, { cwd, ignore }).sort();
      const sets = catalog.graderFiles(lab.slug);
      expect(glob(GRADER_GLOBS.tests, [GRADER_GLOBS.nodeOnlyTests, GRADER_GLOBS.hidden]), lab.slug).toEqual(sets.browserTests);
      expect(glob(GRADER_GLOBS.nodeOnlyTests, [GRADER_GLOBS.hidden]), lab.slug).toEqual(sets.nodeOnly.filter((p) => p.endsWith('.test.ts')));
      expect(glob(`${GRADER_GLOBS.hidden.replace(/\/\*\*$/, '')}/${GRADER_GLOBS.tests}`), lab.slug).toEqual(sets.hidden.filter((p) => p.endsWith('.test.ts')));
    }
  });
});

describe('locale fallback', () => {
  it('tries the wanted locale first, then the other', () => {
    expect(localeFallbacks('zh')).toEqual(['zh', 'en']);
    expect(localeFallbacks('en')).toEqual(['en', 'zh']);
  });
});
