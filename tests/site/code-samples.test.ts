// Every untagged ```ts / ```typescript block in the chapters must type-check on
// its own, as a module, under the settings a reader would use: strict, ES2022,
// Node types, DOM, and `using` declarations. Errors are reported at the MDX file
// and line. Blocks tagged with a lab (```ts lab=<slug>) are checked against that
// lab's scaffold by lab-fences.test.ts.
//
// An untagged block may not declare a name a lab exports: a private copy of a
// lab's class or type drifts from the real one. Tag the block and import the
// lab's, or give a teaching sketch a name of its own.
import { describe, expect, it } from 'vitest';
import { chapterSamples, labExports, topLevelDeclarations, typeCheck } from './chapter-code';

const samples = chapterSamples().filter((s) => !s.lab);
const files = [...new Set(samples.map((s) => s.mdx))];

describe('TypeScript samples in the chapters', () => {
  let errors: Map<string, string[]> | undefined;
  const errorsOf = (file: string) => {
    if (!errors) {
      errors = new Map();
      const byPath = new Map(samples.map((s) => [s.virtualPath, s]));
      const result = typeCheck(new Map(samples.map((s) => [s.virtualPath, s.code])));
      for (const e of result.errors) {
        const s = byPath.get(e.file);
        const key = s ? s.mdx : '(compiler)';
        const where = s ? `${s.mdx}:${s.fenceLine + e.line}` : '(compiler)';
        errors.set(key, [...(errors.get(key) ?? []), `${where}: ${e.text}`]);
      }
    }
    return errors.get(file) ?? [];
  };

  it('finds untagged samples, and the compiler settings themselves are valid', () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(errorsOf('(compiler)')).toEqual([]);
  });

  it.each(files)('%s: every untagged ts block type-checks as its own module', (file) => {
    expect(errorsOf(file), `type errors (file:line: code: message)`).toEqual([]);
  });

  it('no untagged block declares a name that a lab exports', () => {
    const exported = new Map<string, string[]>();
    for (const e of labExports()) exported.set(e.name, [...(exported.get(e.name) ?? []), `${e.slug} (${e.file})`]);
    expect(exported.size).toBeGreaterThan(0);
    const clashes = samples.flatMap((s) =>
      topLevelDeclarations(s.code)
        .filter((d) => exported.has(d.name))
        .map((d) => `${s.mdx}:${s.fenceLine + d.line}: declares ${d.name}, which ${exported.get(d.name)!.join(' and ')} exports`),
    );
    expect(clashes, 'tag the block lab=<slug> and import the name from the lab, or rename the sketch').toEqual([]);
  });
});
