// Known-bad and alternative implementations are built from the solution: a patch that no
// longer applies, or an alternative that names no lab, must show up here, not mid-check.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isFixture, loadAlternativeFixtures, loadBuggyFixtures, materializeFixture } from '../../src/node/fixtures';
import { catalog } from '../../src/catalog/lab-catalog';

const SOLUTIONS_DIR = catalog.dirs.solutions;
const labs = new Map(catalog.labs().map((l) => [l.slug, l]));

describe('fixtures', () => {
  it.each(loadBuggyFixtures().map((f) => [f.name, f] as const))('%s applies to its solution and names real tasks', (_, f) => {
    const lab = labs.get(f.lab);
    expect(lab, `no lab "${f.lab}"`).toBeDefined();
    expect(f.mustFail.length).toBeGreaterThan(0);
    for (const id of f.mustFail) expect(lab!.tasks.map((t) => t.id)).toContain(id);
    const root = materializeFixture(f.dir);
    try {
      const changed = lab!.files.filter((file) => readFileSync(join(root, f.lab, file), 'utf8') !== readFileSync(join(SOLUTIONS_DIR, f.lab, file), 'utf8'));
      expect(changed.length, 'the patch changes no lab file').toBeGreaterThan(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each(loadAlternativeFixtures().map((f) => [f.name, f] as const))('%s replaces lab files of a real lab', (_, f) => {
    const lab = labs.get(f.lab);
    expect(lab, `no lab "${f.lab}"`).toBeDefined();
    expect(f.about.length).toBeGreaterThan(0);
    const root = materializeFixture(f.dir);
    try {
      for (const file of lab!.files) expect(existsSync(join(root, f.lab, file))).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an alternative design overlays its files on a copy of the solution', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alternative-'));
    try {
      writeFileSync(join(dir, 'alternative.json'), JSON.stringify({ lab: 'lru-cache', about: 'test' }));
      writeFileSync(join(dir, 'lru-cache.ts'), 'export class LRUCache {}\n');
      expect(isFixture(dir)).toBe(true);
      const root = materializeFixture(dir);
      try {
        expect(readFileSync(join(root, 'lru-cache/lru-cache.ts'), 'utf8')).toBe('export class LRUCache {}\n');
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
