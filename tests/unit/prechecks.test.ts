// The pre-checks every runtime runs before any grader (src/core/prechecks.ts), and the
// sentences their reasons become in both languages (src/core/reason.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../src/core/lab';
import { codeOnly, exportedNames, importsOf, missingExports, precheck } from '../../src/core/prechecks';
import { describeReason, reasonLocation } from '../../src/core/reason';
import { catalog } from '../../src/catalog/lab-catalog';

const lab = parseLab('labs/demo/lab.json', JSON.stringify({
  slug: 'demo', order: 1, section: '3.1', chapter: '3-1-profiling',
  title: { zh: '演示', en: 'Demo' }, summary: { zh: '演示', en: 'Demo' },
  files: ['demo.ts', 'store.ts'], given: ['clock.ts'], imports: ['ioredis', 'node:crypto'],
  tasks: [{ id: 'a', points: 1, title: { zh: '甲', en: 'A' } }],
}));
const grader = "import { describe } from 'vitest';\nimport { Demo, type Options } from '@impl/demo/demo';\nimport { now } from '@impl/demo/clock';\n";
const files = {
  'demo.ts': "import { now } from './clock';\nexport class Demo {}\nexport interface Options {}\n",
  'store.ts': "import type { Redis } from 'ioredis';\nimport { createHash } from 'crypto';\nexport {};\n",
  'clock.ts': "import whatever from 'anything';\nexport const now = () => 0;\n",
};

describe('pre-checks', () => {
  it('pass a complete implementation that imports only what the lab allows (given files are not the learner\'s)', () => {
    expect(precheck({ lab, files, graders: [grader] })).toBeUndefined();
  });

  it('name missing files first', () => {
    const { 'store.ts': _, ...rest } = files;
    expect(precheck({ lab, files: rest, graders: [grader] })).toEqual({ kind: 'missing-files', files: ['store.ts'] });
  });

  it('refuse a package, a path out of the lab and a computed import, naming file, line and specifier', () => {
    const reason = precheck({ lab, graders: [grader], files: {
      ...files,
      'demo.ts': "import { LRUCache } from 'lru-cache';\nimport x from '../other-lab/x';\nexport class Demo {}\nconst m = await import(name);\n",
    } });
    expect(reason).toEqual({ kind: 'refused-import', allowed: ['ioredis', 'node:crypto'], imports: [
      { file: 'demo.ts', line: 1, specifier: 'lru-cache', why: 'not-allowed' },
      { file: 'demo.ts', line: 2, specifier: '../other-lab/x', why: 'outside-lab' },
      { file: 'demo.ts', line: 4, why: 'computed' },
    ] });
    const en = describeReason(reason!, 'en');
    expect(en).toContain('demo.ts:1: may not import "lru-cache"');
    expect(en).toContain('"ioredis" and "node:crypto"');
    expect(en).toContain('demo.ts:2: "../other-lab/x" is outside the lab\'s folder');
    expect(describeReason(reason!, 'zh')).toContain('demo.ts:1：不能导入“lru-cache”');
    expect(reasonLocation(reason)).toEqual({ file: 'demo.ts', line: 1, column: 1 });
  });

  it('refuse the test framework and the grader kit like any other package', () => {
    const reason = precheck({ lab, graders: [grader], files: { ...files, 'store.ts': "import { expect } from 'vitest';\nimport * as kit from '@grader-kit';\nexport {};\n" } });
    expect(reason?.kind === 'refused-import' && reason.imports.map((i) => i.specifier)).toEqual(['vitest', '@grader-kit']);
  });

  it('name each export a grader needs that is missing, in given files too', () => {
    const reason = precheck({ lab, graders: [grader], files: { ...files, 'demo.ts': 'export class Other {}\n', 'clock.ts': 'export {};\n' } });
    expect(reason).toEqual({ kind: 'missing-exports', missing: [{ file: 'demo.ts', name: 'Demo' }, { file: 'demo.ts', name: 'Options' }, { file: 'clock.ts', name: 'now' }] });
    expect(describeReason(reason!, 'en')).toBe('demo.ts does not export Demo; demo.ts does not export Options; clock.ts does not export now');
    expect(describeReason(reason!, 'zh')).toBe('demo.ts 没有导出 Demo；demo.ts 没有导出 Options；clock.ts 没有导出 now');
  });

  it("accept every lab's reference solution and scaffold as they are", () => {
    for (const l of catalog.labs()) {
      const graders = catalog.nodeTestFiles(l.slug).map((f) => readFileSync(f, 'utf8'));
      for (const root of [catalog.dirs.solutions, catalog.dirs.labs]) {
        expect(precheck({ lab: l, files: catalog.implementationFiles(l, root), graders }), `${l.slug} in ${root}`).toBeUndefined();
      }
    }
  });
});

describe('reading imports and exports from text', () => {
  it('sees imports only in code, not in comments, strings, templates or regular expressions', () => {
    const source = [
      "// import x from 'commented'",
      "/* require('block') */",
      `const s = "import y from 'in-string'";`,
      'const t = `a ${ `nested ${ 1 } import(\'z\')` } b`;',
      "const r = /['\"]import/g;",
      'const d = 4 / 2 / 1;',
      "import { a } from './a';",
      'import type { B } from "ioredis";',
      "export * from './c';",
      "export { d as e } from '../outside';",
      "import './side-effect';",
      'const m = await import(name);',
      "const o = require('fs');",
      "export default 'not an import';",
    ].join('\n');
    expect(codeOnly(source)).toHaveLength(source.length);
    expect(importsOf(source)).toEqual([
      { line: 7, specifier: './a' }, { line: 8, specifier: 'ioredis' }, { line: 9, specifier: './c' },
      { line: 10, specifier: '../outside' }, { line: 11, specifier: './side-effect' }, { line: 12 }, { line: 13, specifier: 'fs' },
    ]);
  });

  it('reads declarations and export lists, not commented ones', () => {
    const names = exportedNames('export class A {}\nexport async function b() {}\nconst c = 1, d = 2;\nexport { c, d as e }\nexport type F = 1;\n// export class Commented {}');
    expect([...(names as Set<string>)].sort()).toEqual(['A', 'F', 'b', 'c', 'e']);
  });

  it('names the file and the export a grader needs', () => {
    const g = "import { LRUCache, type Options } from '@impl/lru-cache/lru-cache';";
    expect(missingExports([g], { 'lru-cache.ts': 'export class LRU {}\nexport interface Options {}' }, 'lru-cache')).toEqual([{ file: 'lru-cache.ts', name: 'LRUCache' }]);
  });
});
