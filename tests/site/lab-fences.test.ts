// Chapter code that shows a lab's API is tagged with the lab: ```ts lab=lru-cache.
// Such a block is type-checked as a file sitting in labs/<slug>/ next to the
// scaffold, so it imports the lab the way a learner's own file would
// (`import { LRUCache } from './lru-cache'`), and a renamed method, a changed
// signature or a missing export in the lab fails here instead of confusing a
// learner. Rules, in both locales:
// - there are tagged blocks (this test fails, never skips, when it finds none);
// - each names a lab that exists, and imports from that lab or re-implements
//   one of its functions;
// - the zh and en page of a chapter carry the same tags in the same order;
// - a tagged block may re-implement a function the lab exports (to show the idea)
//   only as an export of the same type; anything else the lab exports (classes,
//   types, constants) it must import, not copy;
// - every tagged block type-checks.
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chapterSamples, importsOf, labExports, labFiles, labSlugs, LABS, resolveImport, topLevelDeclarations, typeCheck, type Sample } from './chapter-code';
import { ROOT } from './markdown';

const samples = chapterSamples().filter((s) => s.lab);
const slugs = new Set(labSlugs());

type ExportsOfLab = Map<string, { file: string; kind: string }>;
let exportsByLab: Map<string, ExportsOfLab> | undefined;
/** Lab slug → the names its files export (computed once: it compiles every lab). */
function exportsOf(slug: string): ExportsOfLab {
  if (!exportsByLab) {
    exportsByLab = new Map();
    for (const e of labExports()) {
      if (!exportsByLab.has(e.slug)) exportsByLab.set(e.slug, new Map());
      exportsByLab.get(e.slug)!.set(e.name, e);
    }
  }
  return exportsByLab.get(slug) ?? new Map();
}

/** A function of the lab that the block declares again, as an export: shown to teach it, checked by signature. */
const reimplements = (s: Sample, d: { name: string; kind: string; exported: boolean }) =>
  d.kind === 'function' && d.exported && exportsOf(s.lab!).get(d.name)?.kind === 'function';
const where = (s: Sample, line = 0) => `${s.mdx}:${s.fenceLine + line}`;
const moduleName = (path: string) => `./${relative(join(path, '..'), path).replace(/\.ts$/, '')}`;

/**
 * For each function a tagged block re-declares under a lab export's name, a
 * checker module that assigns the lab's function to the block's type and the
 * block's to the lab's: the two signatures must agree both ways.
 */
function compatibilityChecks(sample: Sample) {
  const checks: { line: number; name: string }[] = [];
  const lines: string[] = [`import * as sketch from '${moduleName(sample.virtualPath)}';`];
  for (const d of topLevelDeclarations(sample.code)) {
    if (!reimplements(sample, d)) continue;
    const lab = exportsOf(sample.lab!).get(d.name)!;
    const from = `./${relative(join(sample.virtualPath, '..'), join(ROOT, lab.file)).replace(/\.ts$/, '')}`;
    lines.push(`import { ${d.name} as lab_${checks.length} } from '${from.startsWith('./..') ? from.slice(2) : from}';`);
    lines.push(`export const check_${checks.length}: [typeof sketch.${d.name}, typeof lab_${checks.length}] = [lab_${checks.length}, sketch.${d.name}];`);
    checks.push({ line: d.line, name: d.name });
  }
  return { path: sample.virtualPath.replace(/\.ts$/, '.check.ts'), code: lines.join('\n'), checks };
}

describe('chapter code tagged with a lab', () => {
  it('exists in both locales', () => {
    for (const locale of ['zh', 'en']) {
      expect(samples.filter((s) => s.locale === locale).length, `tagged blocks in ${locale}`).toBeGreaterThan(0);
    }
  });

  it('names labs that exist', () => {
    const unknown = samples.filter((s) => !slugs.has(s.lab!)).map((s) => `${where(s)}: lab=${s.lab} (labs: ${[...slugs].join(', ')})`);
    expect(unknown).toEqual([]);
  });

  it('carries the same lab tags, in the same order, on the zh and en page of each chapter', () => {
    const tagsOf = (locale: string, page: string) => samples.filter((s) => s.locale === locale && s.page === page).map((s) => s.lab);
    const pages = [...new Set(samples.map((s) => s.page))].sort();
    const mismatched = pages
      .map((page) => ({ page, zh: tagsOf('zh', page), en: tagsOf('en', page) }))
      .filter((p) => JSON.stringify(p.zh) !== JSON.stringify(p.en));
    expect(mismatched).toEqual([]);
  });

  it('imports from its lab, or re-implements one of its functions', () => {
    const missing = samples.filter((s) => slugs.has(s.lab!)).filter((s) => {
      const files = new Set(labFiles(s.lab!));
      const imports = importsOf(s.code).some((spec) => {
        const target = resolveImport(spec, s.virtualPath);
        return target !== undefined && files.has(target);
      });
      return !imports && !topLevelDeclarations(s.code).some((d) => reimplements(s, d));
    });
    expect(missing.map((s) => `${where(s)}: lab=${s.lab} but uses none of ${relative(ROOT, join(LABS, s.lab!))}/'s files`)).toEqual([]);
  });

  it("copies none of the lab's classes, types or constants", () => {
    const copies = samples.flatMap((s) =>
      topLevelDeclarations(s.code)
        .filter((d) => exportsOf(s.lab!).has(d.name) && !reimplements(s, d))
        .map((d) => `${where(s, d.line)}: declares ${d.name}, which ${s.lab} exports: import it (a function may be re-implemented only as an export)`),
    );
    expect(copies).toEqual([]);
  });

  it('type-checks against the lab scaffolds, re-implemented functions included', () => {
    expect(samples.length).toBeGreaterThan(0);
    const sources = new Map<string, string>();
    const owner = new Map<string, { sample: Sample; checks?: { line: number; name: string }[] }>();
    for (const s of samples.filter((x) => slugs.has(x.lab!))) {
      sources.set(s.virtualPath, s.code);
      owner.set(s.virtualPath, { sample: s });
      const check = compatibilityChecks(s);
      if (check.checks.length > 0) {
        sources.set(check.path, check.code);
        owner.set(check.path, { sample: s, checks: check.checks });
      }
    }
    const { errors } = typeCheck(sources);
    const report = errors.map((e) => {
      const o = owner.get(e.file);
      if (!o) return `${e.file}: ${e.text}`;
      if (!o.checks) return `${where(o.sample, e.line)}: ${e.text}`;
      // Line 1 imports the sketch; each check then takes two lines.
      const check = o.checks[Math.floor((e.line - 2) / 2)];
      return `${where(o.sample, check?.line ?? 0)}: ${check?.name ?? '?'} does not match the lab's signature: ${e.text}`;
    });
    expect(report, 'type errors (file:line: code: message)').toEqual([]);
  });
});
