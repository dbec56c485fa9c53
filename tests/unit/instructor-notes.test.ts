// Instructor notes (graders/<slug>/NOTES.md: the bugs the graders do not catch, and why) are
// for the CLI side only: the browser gets grader .ts files and nothing else.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '../../src/catalog/lab-catalog';

const GRADERS_DIR = catalog.dirs.graders;
const browserGraders = (slug: string) => catalog.bundle(catalog.find(slug)!).graders;

describe('instructor notes', () => {
  const withNotes = catalog.labs().filter((lab) => existsSync(join(GRADERS_DIR, lab.slug, 'NOTES.md')));

  it('exist for every lab whose graders were sharpened for issue 14', () => {
    expect(withNotes.map((l) => l.slug)).toEqual(expect.arrayContaining(['lru-cache', 'two-level-cache', 'connection-pool', 'metrics-collector', 'alert-engine', 'benchmark-harness', 'agent-executor', 'cache-invalidation', 'memory-budget', 'alert-notifier']));
  });

  it.each(withNotes.map((l) => [l.slug]))('%s: NOTES.md is not among the files shipped to the browser', (slug) => {
    const shipped = Object.keys(browserGraders(slug));
    expect(shipped.length).toBeGreaterThan(0);
    expect(shipped.filter((f) => !f.endsWith('.ts'))).toEqual([]);
  });
});
