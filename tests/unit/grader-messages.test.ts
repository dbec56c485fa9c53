// graders/<slug>/messages.json translates test names and metric labels (src/core/grader-messages.ts).
// A key must be text the lab's graders really write (a renamed test leaves no stale key behind),
// and a lab that has the file translates every test name and metric label its graders spell out.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../src/catalog/lab-catalog';
import { translateGraderText } from '../../src/core/grader-messages';

/** Test names (`it('…'`, `it.each(…)('…'`, `test(…)`) and metric labels a grader file spells out literally. */
function spelledOut(source: string): string[] {
  const names = [...source.matchAll(/\b(?:it|test)(?:\.each\([^)]*\))?\(\s*(['"])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]);
  const metrics = [...source.matchAll(/metric:\s*(['"])((?:\\.|(?!\1).)*)\1/g)].map((m) => m[2]);
  return [...names, ...metrics].map((s) => s.replace(/\\(['"\\])/g, '$1'));
}

describe('grader messages (test names in the page language)', () => {
  const labs = catalog.labs().filter((lab) => catalog.graderMessages(lab.slug));

  it('at least one lab is converted (lru-cache, the example)', () => {
    expect(labs.map((l) => l.slug)).toContain('lru-cache');
  });

  for (const lab of labs) {
    const messages = catalog.graderMessages(lab.slug)!;
    const sets = catalog.graderFiles(lab.slug);
    const sources = [...sets.browserTests, ...sets.browserHelpers, ...sets.nodeOnly, ...sets.hidden]
      .map((rel) => readFileSync(join(catalog.dirs.graders, lab.slug, rel), 'utf8'));
    const written = new Set(sources.flatMap(spelledOut));

    it(`${lab.slug}: every key is a test name or metric label its graders write`, () => {
      for (const table of Object.values(messages)) {
        for (const key of Object.keys(table!)) expect(written.has(key), `${lab.slug}/messages.json: "${key}" is not in graders/${lab.slug}/`).toBe(true);
      }
    });

    it(`${lab.slug}: every test name and metric label has a Chinese translation`, () => {
      for (const text of written) expect(translateGraderText(text, messages, 'zh'), `"${text}"`).not.toBe(text);
    });

    it(`${lab.slug}: it.each names translate with their values`, () => {
      for (const key of Object.keys(messages.zh ?? {}).filter((k) => /%[sdifjo]/.test(k))) {
        const example = key.replace(/%[sdifjo]/g, '42');
        expect(translateGraderText(example, messages, 'zh')).toContain('42');
      }
    });
  }
});
